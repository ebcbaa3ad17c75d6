package io.loopcrm.customer.internal;

import java.time.LocalDate;
import java.util.List;

/**
 * A customer as typed into a form, sent to the API or read from an import row: raw, not
 * yet normalised. Enumerations are given by name.
 */
record CustomerInput(String externalId, String name, String gender, LocalDate birthday, String ageBand,
		String occupation, List<String> phones, List<String> emails, String wechatId, String city, String region,
		String preferredChannel, String sourceChannel, List<String> tags, Long ownerId, String notes,
		boolean consentEmail, boolean consentSms, boolean consentPhone, String consentSource) {
}

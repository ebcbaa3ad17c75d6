package io.loopcrm.customer.internal;

import java.time.LocalDate;
import java.util.List;

/** A customer after validation and normalisation: what is stored. */
record CustomerValues(String externalId, String name, Gender gender, LocalDate birthday, AgeBand ageBand,
		Occupation occupation, List<String> phones, List<String> emails, String wechatId, String city, String region,
		ContactChannel preferredChannel, SourceChannel sourceChannel, List<String> tags, Long ownerId, String notes,
		boolean consentEmail, boolean consentSms, boolean consentPhone, String consentSource) {
}

package io.loopcrm.customer.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Everything on a customer file, for the profile, the edit form and the API. */
record CustomerDetails(long id, String externalId, String name, Gender gender, LocalDate birthday, AgeBand ageBand,
		Occupation occupation, String phone, List<String> phones, String email, List<String> emails, String wechatId,
		String city, String region, ContactChannel preferredChannel, SourceChannel sourceChannel, List<String> tags,
		String lifecycleStage, Long ownerId, String ownerName, String notes, Consent consentEmail, Consent consentSms,
		Consent consentPhone, Instant createdAt, Instant updatedAt, String updatedBy, long version) {

	/** Marketing consent on one channel: given or not, since when, from where. */
	record Consent(boolean given, Instant at, String source) {
	}

	static CustomerDetails of(Customer c, String ownerName) {
		return new CustomerDetails(c.getId(), c.getExternalId(), c.getName(), c.getGender(), c.getBirthday(),
				c.getAgeBand(), c.getOccupation(), c.getPhone(), List.copyOf(c.getPhones()), c.getEmail(),
				List.copyOf(c.getEmails()), c.getWechatId(), c.getCity(), c.getRegion(), c.getPreferredChannel(),
				c.getSourceChannel(), List.copyOf(c.getTags()), c.getLifecycleStage(), c.getOwnerId(), ownerName,
				c.getNotes(), new Consent(c.isConsentEmail(), c.getConsentEmailAt(), c.getConsentEmailSource()),
				new Consent(c.isConsentSms(), c.getConsentSmsAt(), c.getConsentSmsSource()),
				new Consent(c.isConsentPhone(), c.getConsentPhoneAt(), c.getConsentPhoneSource()), c.getCreatedAt(),
				c.getUpdatedAt(), c.getUpdatedBy(), c.getVersion());
	}

}

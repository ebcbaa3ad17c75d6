package io.loopcrm.customer.internal;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import lombok.Data;

import org.springframework.format.annotation.DateTimeFormat;

/**
 * The create/edit form. Phones, e-mails and tags are typed in one field each, separated
 * by commas, semicolons or {@code |}.
 */
@Data
class CustomerForm {

	private String externalId;

	private String name;

	private String gender;

	@DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
	private LocalDate birthday;

	private String ageBand;

	private String occupation;

	private String phones;

	private String emails;

	private String wechatId;

	private String city;

	private String region;

	private String preferredChannel;

	private String sourceChannel;

	private String tags;

	private Long ownerId;

	private String notes;

	private boolean consentEmail;

	private boolean consentSms;

	private boolean consentPhone;

	private String consentSource;

	private long version;

	CustomerInput toInput() {
		return new CustomerInput(this.externalId, this.name, this.gender, this.birthday, this.ageBand, this.occupation,
				split(this.phones), split(this.emails), this.wechatId, this.city, this.region, this.preferredChannel,
				this.sourceChannel, split(this.tags), this.ownerId, this.notes, this.consentEmail, this.consentSms,
				this.consentPhone, this.consentSource);
	}

	static CustomerForm of(CustomerDetails c) {
		CustomerForm form = new CustomerForm();
		form.externalId = c.externalId();
		form.name = c.name();
		form.gender = (c.gender() != null) ? c.gender().name() : null;
		form.birthday = c.birthday();
		form.ageBand = (c.ageBand() != null) ? c.ageBand().label() : null;
		form.occupation = (c.occupation() != null) ? c.occupation().name() : null;
		form.phones = String.join(", ", c.phones());
		form.emails = String.join(", ", c.emails());
		form.wechatId = c.wechatId();
		form.city = c.city();
		form.region = c.region();
		form.preferredChannel = (c.preferredChannel() != null) ? c.preferredChannel().name() : null;
		form.sourceChannel = (c.sourceChannel() != null) ? c.sourceChannel().name() : null;
		form.tags = String.join(", ", c.tags());
		form.ownerId = c.ownerId();
		form.notes = c.notes();
		form.consentEmail = c.consentEmail().given();
		form.consentSms = c.consentSms().given();
		form.consentPhone = c.consentPhone().given();
		form.version = c.version();
		return form;
	}

	static List<String> split(String value) {
		if (value == null || value.isBlank()) {
			return List.of();
		}
		return Arrays.stream(value.split("[,;|，；\\n]")).map(String::strip).filter((v) -> !v.isEmpty()).toList();
	}

}

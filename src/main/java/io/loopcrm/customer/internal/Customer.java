package io.loopcrm.customer.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import lombok.AccessLevel;
import lombok.Getter;
import lombok.NoArgsConstructor;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A customer file, as edited through forms and the API. */
@Entity
@Table(name = "customer")
@Getter
@NoArgsConstructor(access = AccessLevel.PROTECTED)
class Customer {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private String externalId;

	private String name;

	@Enumerated(EnumType.STRING)
	private Gender gender;

	private LocalDate birthday;

	@Column(name = "age_band")
	private String ageBandLabel;

	@Enumerated(EnumType.STRING)
	private Occupation occupation;

	private String phone;

	@JdbcTypeCode(SqlTypes.ARRAY)
	@Column(columnDefinition = "text[]")
	private List<String> phones = new ArrayList<>();

	private String email;

	@JdbcTypeCode(SqlTypes.ARRAY)
	@Column(columnDefinition = "text[]")
	private List<String> emails = new ArrayList<>();

	private String wechatId;

	private String city;

	private String region;

	@Enumerated(EnumType.STRING)
	private ContactChannel preferredChannel;

	@Enumerated(EnumType.STRING)
	private SourceChannel sourceChannel;

	@JdbcTypeCode(SqlTypes.ARRAY)
	@Column(columnDefinition = "text[]")
	private List<String> tags = new ArrayList<>();

	/**
	 * Set by segmentation in its own narrow table (see LifecycleStageWriter); read-only
	 * here.
	 */
	@org.hibernate.annotations.Formula("(select l.stage from customer_lifecycle l where l.customer_id = id)")
	private String lifecycleStage;

	private Long ownerId;

	private String notes;

	private boolean consentEmail;

	private Instant consentEmailAt;

	private String consentEmailSource;

	private boolean consentSms;

	private Instant consentSmsAt;

	private String consentSmsSource;

	private boolean consentPhone;

	private Instant consentPhoneAt;

	private String consentPhoneSource;

	private Instant createdAt;

	private Instant updatedAt;

	private String updatedBy;

	@Version
	private long version;

	Customer(CustomerValues values, Instant now, String actor) {
		this.createdAt = now;
		apply(values, now, actor);
	}

	AgeBand getAgeBand() {
		return AgeBand.fromLabel(this.ageBandLabel);
	}

	/**
	 * Takes the new values and answers what changed, field by field (old, new), for the
	 * history. Consent keeps its original date and source while it stays given.
	 */
	Map<String, String[]> apply(CustomerValues v, Instant now, String actor) {
		Map<String, Object> before = snapshot();
		this.externalId = v.externalId();
		this.name = v.name();
		this.gender = v.gender();
		this.birthday = v.birthday();
		this.ageBandLabel = (v.ageBand() != null) ? v.ageBand().label() : null;
		this.occupation = v.occupation();
		this.phones = new ArrayList<>(v.phones());
		this.phone = this.phones.isEmpty() ? null : this.phones.get(0);
		this.emails = new ArrayList<>(v.emails());
		this.email = this.emails.isEmpty() ? null : this.emails.get(0);
		this.wechatId = v.wechatId();
		this.city = v.city();
		this.region = v.region();
		this.preferredChannel = v.preferredChannel();
		this.sourceChannel = v.sourceChannel();
		this.tags = new ArrayList<>(v.tags());
		this.ownerId = v.ownerId();
		this.notes = v.notes();
		String source = (v.consentSource() != null) ? v.consentSource() : "form:" + actor;
		if (v.consentEmail() != this.consentEmail) {
			this.consentEmail = v.consentEmail();
			this.consentEmailAt = now;
			this.consentEmailSource = source;
		}
		if (v.consentSms() != this.consentSms) {
			this.consentSms = v.consentSms();
			this.consentSmsAt = now;
			this.consentSmsSource = source;
		}
		if (v.consentPhone() != this.consentPhone) {
			this.consentPhone = v.consentPhone();
			this.consentPhoneAt = now;
			this.consentPhoneSource = source;
		}
		Map<String, Object> after = snapshot();
		Map<String, String[]> changes = new LinkedHashMap<>();
		after.forEach((field, value) -> {
			Object old = before.get(field);
			if (!Objects.equals(old, value)) {
				changes.put(field, new String[] { text(old), text(value) });
			}
		});
		if (!changes.isEmpty()) {
			this.updatedAt = now;
			this.updatedBy = actor;
		}
		return changes;
	}

	/**
	 * After a merge gave this customer a consent the other one had, the consent keeps the
	 * date and source it was given with.
	 */
	void adoptConsentDates(Customer other, boolean hadEmail, boolean hadSms, boolean hadPhone) {
		if (this.consentEmail && !hadEmail && other.consentEmail) {
			this.consentEmailAt = other.consentEmailAt;
			this.consentEmailSource = other.consentEmailSource;
		}
		if (this.consentSms && !hadSms && other.consentSms) {
			this.consentSmsAt = other.consentSmsAt;
			this.consentSmsSource = other.consentSmsSource;
		}
		if (this.consentPhone && !hadPhone && other.consentPhone) {
			this.consentPhoneAt = other.consentPhoneAt;
			this.consentPhoneSource = other.consentPhoneSource;
		}
	}

	void setTags(List<String> tags, Instant now, String actor) {
		this.tags = new ArrayList<>(tags);
		this.updatedAt = now;
		this.updatedBy = actor;
	}

	void setOwnerId(Long ownerId, Instant now, String actor) {
		this.ownerId = ownerId;
		this.updatedAt = now;
		this.updatedBy = actor;
	}

	private Map<String, Object> snapshot() {
		Map<String, Object> s = new LinkedHashMap<>();
		s.put("externalId", this.externalId);
		s.put("name", this.name);
		s.put("gender", this.gender);
		s.put("birthday", this.birthday);
		s.put("ageBand", this.ageBandLabel);
		s.put("occupation", this.occupation);
		s.put("phones", (this.phones != null) ? List.copyOf(this.phones) : List.of());
		s.put("emails", (this.emails != null) ? List.copyOf(this.emails) : List.of());
		s.put("wechatId", this.wechatId);
		s.put("city", this.city);
		s.put("region", this.region);
		s.put("preferredChannel", this.preferredChannel);
		s.put("sourceChannel", this.sourceChannel);
		s.put("tags", (this.tags != null) ? List.copyOf(this.tags) : List.of());
		s.put("ownerId", this.ownerId);
		s.put("notes", this.notes);
		s.put("consentEmail", this.consentEmail);
		s.put("consentSms", this.consentSms);
		s.put("consentPhone", this.consentPhone);
		return s;
	}

	private static String text(Object value) {
		if (value == null) {
			return null;
		}
		if (value instanceof List<?> list) {
			return String.join(" | ", list.stream().map(String::valueOf).toList());
		}
		return String.valueOf(value);
	}

}

package io.loopcrm.customer.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import io.loopcrm.platform.ValidationException.FieldProblem;

import org.springframework.stereotype.Component;

/**
 * The rules of a customer file, shared by forms, the API and imports: name required,
 * e-mails plausible, phones valid E.164 after normalisation, birthday not in the future,
 * known values for the enumerations. Text is trimmed and otherwise kept exactly as typed
 * (a leading {@code =} or {@code <} included); it is neutralised only on export.
 */
@Component
class CustomerValidator {

	static final int MAX_NAME = 200;

	static final int MAX_SHORT = 64;

	static final int MAX_TAG = 40;

	static final int MAX_TAGS = 50;

	private final ContactRules contacts;

	private final Clock clock;

	CustomerValidator(ContactRules contacts, Clock clock) {
		this.contacts = contacts;
		this.clock = clock;
	}

	record Result(CustomerValues values, List<FieldProblem> problems) {

		boolean valid() {
			return this.problems.isEmpty();
		}

	}

	Result validate(CustomerInput in) {
		List<FieldProblem> problems = new ArrayList<>();
		String name = trim(in.name());
		if (name == null) {
			problems.add(new FieldProblem("name", "customer.name.required"));
		}
		else if (name.length() > MAX_NAME) {
			problems.add(new FieldProblem("name", "customer.tooLong", MAX_NAME));
		}
		String externalId = shortText("externalId", in.externalId(), problems);
		String wechat = shortText("wechatId", in.wechatId(), problems);
		String city = shortText("city", in.city(), problems);
		String region = shortText("region", in.region(), problems);
		LocalDate today = LocalDate.now(this.clock);
		if (in.birthday() != null && in.birthday().isAfter(today)) {
			problems.add(new FieldProblem("birthday", "customer.birthday.future"));
		}
		else if (in.birthday() != null && in.birthday().isBefore(today.minusYears(130))) {
			problems.add(new FieldProblem("birthday", "customer.birthday.tooOld"));
		}
		AgeBand ageBand = null;
		if (trim(in.ageBand()) != null) {
			ageBand = AgeBand.fromLabel(trim(in.ageBand()));
			if (ageBand == null) {
				problems.add(new FieldProblem("ageBand", "customer.value.unknown", in.ageBand()));
			}
		}
		List<String> phones = new ArrayList<>();
		for (String raw : nonBlank(in.phones())) {
			Optional<String> phone = this.contacts.phone(raw);
			if (phone.isEmpty()) {
				problems.add(new FieldProblem("phones", "customer.phone.invalid", raw.strip()));
			}
			else if (!phones.contains(phone.get())) {
				phones.add(phone.get());
			}
		}
		List<String> emails = new ArrayList<>();
		for (String raw : nonBlank(in.emails())) {
			Optional<String> email = this.contacts.email(raw);
			if (email.isEmpty()) {
				problems.add(new FieldProblem("emails", "customer.email.invalid", raw.strip()));
			}
			else if (!emails.contains(email.get())) {
				emails.add(email.get());
			}
		}
		Set<String> tags = new LinkedHashSet<>();
		for (String raw : nonBlank(in.tags())) {
			String tag = raw.strip();
			if (tag.length() > MAX_TAG) {
				problems.add(new FieldProblem("tags", "customer.tag.tooLong", MAX_TAG));
			}
			else {
				tags.add(tag);
			}
		}
		if (tags.size() > MAX_TAGS) {
			problems.add(new FieldProblem("tags", "customer.tags.tooMany", MAX_TAGS));
		}
		Gender gender = enumValue("gender", in.gender(), Gender.class, problems);
		Occupation occupation = enumValue("occupation", in.occupation(), Occupation.class, problems);
		ContactChannel preferred = enumValue("preferredChannel", in.preferredChannel(), ContactChannel.class, problems);
		SourceChannel source = enumValue("sourceChannel", in.sourceChannel(), SourceChannel.class, problems);
		String notes = trim(in.notes());
		if (notes != null && notes.length() > 10_000) {
			problems.add(new FieldProblem("notes", "customer.tooLong", 10_000));
		}
		CustomerValues values = new CustomerValues(externalId, name, gender, in.birthday(),
				(in.birthday() != null) ? null : ageBand, occupation, List.copyOf(phones), List.copyOf(emails), wechat,
				city, region, preferred, source, List.copyOf(tags), in.ownerId(), notes, in.consentEmail(),
				in.consentSms(), in.consentPhone(), trim(in.consentSource()));
		return new Result(values, problems);
	}

	private static String shortText(String field, String raw, List<FieldProblem> problems) {
		String value = trim(raw);
		if (value != null && value.length() > MAX_SHORT) {
			problems.add(new FieldProblem(field, "customer.tooLong", MAX_SHORT));
		}
		return value;
	}

	private static <E extends Enum<E>> E enumValue(String field, String raw, Class<E> type,
			List<FieldProblem> problems) {
		String value = trim(raw);
		if (value == null) {
			return null;
		}
		try {
			return Enum.valueOf(type, value.toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_'));
		}
		catch (IllegalArgumentException ex) {
			problems.add(new FieldProblem(field, "customer.value.unknown", value));
			return null;
		}
	}

	private static List<String> nonBlank(List<String> values) {
		return (values == null) ? List.of() : values.stream().filter((v) -> v != null && !v.isBlank()).toList();
	}

	static String trim(String value) {
		if (value == null) {
			return null;
		}
		String trimmed = value.strip();
		return trimmed.isEmpty() ? null : trimmed;
	}

}

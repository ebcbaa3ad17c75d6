package io.loopcrm.customer.internal;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Normalises contact details the same way for forms, the API and imports: phones to E.164
 * (numbers without a country code belong to {@code loopcrm.customer.phone-region}, CN by
 * default), e-mails trimmed and lower-cased.
 */
@Component
public class ContactRules {

	/**
	 * Deliberately simple: one @, no spaces, a dot in the domain, no empty labels. Full
	 * RFC 5322 accepts addresses no mail system delivers to.
	 */
	private static final Pattern EMAIL = Pattern.compile(
			"^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@([a-z0-9\\p{L}]([a-z0-9\\p{L}-]*[a-z0-9\\p{L}])?\\.)+[a-z\\p{L}]{2,}$");

	private final PhoneNumberUtil phones = PhoneNumberUtil.getInstance();

	private final String region;

	public ContactRules(@Value("${loopcrm.customer.phone-region:CN}") String region) {
		this.region = region.toUpperCase(Locale.ROOT);
	}

	/** The phone in E.164, or empty when it is not a valid number. */
	public Optional<String> phone(String raw) {
		if (raw == null || raw.isBlank()) {
			return Optional.empty();
		}
		String cleaned = raw.strip();
		if (cleaned.startsWith("00")) {
			cleaned = "+" + cleaned.substring(2);
		}
		try {
			PhoneNumber number = this.phones.parse(cleaned, this.region);
			if (!this.phones.isValidNumber(number)) {
				return Optional.empty();
			}
			return Optional.of(this.phones.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
		}
		catch (NumberParseException ex) {
			return Optional.empty();
		}
	}

	/**
	 * The e-mail trimmed and lower-cased, or empty when it is not a plausible address.
	 */
	public Optional<String> email(String raw) {
		if (raw == null || raw.isBlank()) {
			return Optional.empty();
		}
		String email = raw.strip().toLowerCase(Locale.ROOT);
		if (email.length() > 254 || email.contains("..") || !EMAIL.matcher(email).matches()) {
			return Optional.empty();
		}
		return Optional.of(email);
	}

}

package io.loopcrm.platform;

import java.util.Locale;

import org.springframework.context.MessageSource;

/**
 * An expected failure whose message is shown to the user: it carries a message key and
 * arguments, resolved in the user's language where it is shown.
 */
public abstract class LocalizedException extends RuntimeException {

	private final String messageKey;

	private final Object[] args;

	protected LocalizedException(String messageKey, Object... args) {
		super(messageKey);
		this.messageKey = messageKey;
		this.args = args.clone();
	}

	public String messageKey() {
		return this.messageKey;
	}

	/** The message in the given language. */
	public String localizedMessage(MessageSource messages, Locale locale) {
		return messages.getMessage(this.messageKey, this.args, this.messageKey, locale);
	}

}

package io.loopcrm.platform;

/**
 * A record that does not exist (or is not visible): a 404 page in the browser, a 404
 * problem+json in the API. The message is a message key with arguments.
 */
public class NotFoundException extends LocalizedException {

	public NotFoundException(String messageKey, Object... args) {
		super(messageKey, args);
	}

}

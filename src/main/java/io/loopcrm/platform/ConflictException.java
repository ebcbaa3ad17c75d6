package io.loopcrm.platform;

/**
 * A request that collides with the current state (a taken username, a record changed by
 * someone else): 409 with a human message. The message is a message key with arguments.
 */
public class ConflictException extends LocalizedException {

	public ConflictException(String messageKey, Object... args) {
		super(messageKey, args);
	}

}

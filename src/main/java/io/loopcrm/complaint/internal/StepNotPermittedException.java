package io.loopcrm.complaint.internal;

import io.loopcrm.platform.LocalizedException;

/**
 * A step the signed-in user may not take although the case allows it: the role is too
 * low, it is their own case (four-eyes), the compensation is above the administrator
 * limit, or an agent assigns somebody else. 403 with the reason.
 */
public class StepNotPermittedException extends LocalizedException {

	StepNotPermittedException(String messageKey, Object... args) {
		super(messageKey, args);
	}

}

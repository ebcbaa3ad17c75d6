package io.loopcrm.platform.security;

import org.springframework.stereotype.Component;

/** Lets an administrator lift a sign-in lock (when they reset a password). */
@Component
public class LoginLocks {

	private final LoginThrottle throttle;

	LoginLocks(LoginThrottle throttle) {
		this.throttle = throttle;
	}

	public void unlock(String username) {
		this.throttle.clear(username);
	}

}

package io.loopcrm.platform;

import java.util.Optional;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who is acting in the current request: the signed-in user's name, or {@link #SYSTEM} for
 * scheduled work and start-up.
 */
public final class CurrentUser {

	/** The actor recorded for work nobody signed in for. */
	public static final String SYSTEM = "system";

	private CurrentUser() {
	}

	/** The signed-in user's username, if somebody is signed in. */
	public static Optional<String> username() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !authentication.isAuthenticated()
				|| authentication instanceof AnonymousAuthenticationToken) {
			return Optional.empty();
		}
		return Optional.of(authentication.getName());
	}

	/** The signed-in user's username or {@link #SYSTEM}. */
	public static String usernameOrSystem() {
		return username().orElse(SYSTEM);
	}

	/** Whether the signed-in user holds the role (directly or through a higher one). */
	public static boolean hasRole(Role role) {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return authentication != null
				&& authentication.getAuthorities().stream().anyMatch((a) -> role.authority().equals(a.getAuthority()));
	}

}

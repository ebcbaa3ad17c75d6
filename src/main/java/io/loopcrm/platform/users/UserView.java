package io.loopcrm.platform.users;

import java.time.Instant;
import java.util.Set;

import io.loopcrm.platform.Role;

/**
 * A user as pages and the API show it (never the password hash).
 *
 * @param id id
 * @param username sign-in name, lower case
 * @param displayName name shown in the application
 * @param roles roles given to the user (not the ones they include)
 * @param enabled whether the user may sign in
 * @param createdAt when the user was created
 * @param version optimistic-lock version for edits
 * @param email where e-mail notifications go, may be {@code null}
 */
public record UserView(Long id, String username, String displayName, Set<Role> roles, boolean enabled,
		Instant createdAt, long version, String email) {

	static UserView of(AppUser user) {
		return new UserView(user.getId(), user.getUsername(), user.getDisplayName(), user.roleSet(), user.isEnabled(),
				user.getCreatedAt(), user.getVersion(), user.getEmail());
	}

}

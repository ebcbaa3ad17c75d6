package io.loopcrm.platform;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who the users are, for modules that assign work, notify people or group figures by
 * team: look-ups by username, users holding a role, and teams.
 */
public interface UserDirectory {

	/**
	 * A user as other modules see them.
	 *
	 * @param username sign-in name
	 * @param displayName shown name
	 * @param email where e-mail reaches them, may be {@code null}
	 * @param roles the roles they hold, including the ones those include
	 * @param enabled whether they may sign in
	 */
	record UserRef(String username, String displayName, String email, Set<Role> roles, boolean enabled) {

		public boolean has(Role role) {
			return this.roles.contains(role);
		}

	}

	/**
	 * A team of users.
	 *
	 * @param id id
	 * @param name name
	 * @param members usernames of its members, sorted
	 */
	record Team(long id, String name, List<String> members) {
	}

	Optional<UserRef> find(String username);

	/** Enabled users who hold the role (directly or through a higher one), by name. */
	List<UserRef> holding(Role role);

	/** Every user's display name by username. */
	Map<String, String> displayNames();

	/** The members of every team the user belongs to, the user included. */
	Set<String> teammates(String username);

	/** All teams with their members, by name. */
	List<Team> teams();

}

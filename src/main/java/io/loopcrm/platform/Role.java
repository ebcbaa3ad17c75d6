package io.loopcrm.platform;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

/**
 * The four roles of DESIGN.md's capability matrix. Each role includes everything the
 * roles below it may do: an ADMIN can do what a MANAGER can, a MANAGER what an AGENT can,
 * an AGENT what STAFF can. Rules that are not about rank (nobody approves their own
 * complaint) are checked by the module that owns them.
 */
public enum Role {

	STAFF, AGENT, MANAGER, ADMIN;

	/** The Spring Security authority, {@code ROLE_ADMIN} and so on. */
	public String authority() {
		return "ROLE_" + name();
	}

	/** This role and every role it includes. */
	public Set<Role> withIncluded() {
		return EnumSet.range(STAFF, this);
	}

	/** All roles the given roles include. */
	public static Set<Role> effective(Collection<Role> roles) {
		EnumSet<Role> result = EnumSet.noneOf(Role.class);
		roles.forEach((role) -> result.addAll(role.withIncluded()));
		return result;
	}

}

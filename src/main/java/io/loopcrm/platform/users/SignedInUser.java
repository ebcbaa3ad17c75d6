package io.loopcrm.platform.users;

import java.util.Collection;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.User;

/** The signed-in user, with the name the layout shows. */
public class SignedInUser extends User {

	private final String displayName;

	SignedInUser(String username, String password, boolean enabled, Collection<? extends GrantedAuthority> authorities,
			String displayName) {
		super(username, password, enabled, true, true, true, authorities);
		this.displayName = displayName;
	}

	public String getDisplayName() {
		return this.displayName;
	}

}

package io.loopcrm.platform.users;

import io.loopcrm.platform.Role;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Loads users for sign-in. A user is granted their roles and every role those include, so
 * URL rules and templates need only name the lowest role that may act.
 */
@Component
class DatabaseUserDetailsService implements UserDetailsService {

	private final AppUserRepository users;

	DatabaseUserDetailsService(AppUserRepository users) {
		this.users = users;
	}

	@Override
	@Transactional(readOnly = true)
	public UserDetails loadUserByUsername(String username) {
		AppUser user = this.users.findByUsername(UserService.normalizeUsername(username))
			.orElseThrow(() -> new UsernameNotFoundException("unknown user"));
		return new SignedInUser(user.getUsername(), user.getPasswordHash(), user.isEnabled(),
				Role.effective(user.getRoles())
					.stream()
					.map((role) -> new SimpleGrantedAuthority(role.authority()))
					.toList(),
				user.getDisplayName());
	}

}

package io.loopcrm.platform.users;

import java.util.EnumSet;
import java.util.Set;

import io.loopcrm.platform.Role;
import lombok.Data;

/** Form objects of the user administration pages. */
final class UserForms {

	private UserForms() {
	}

	@Data
	static class CreateForm {

		private String username;

		private String displayName;

		private String password;

		private Set<Role> roles = EnumSet.of(Role.STAFF);

	}

	@Data
	static class EditForm {

		private String displayName;

		private String email;

		private Set<Role> roles = EnumSet.noneOf(Role.class);

		private boolean enabled;

		private long version;

		static EditForm of(UserView user) {
			EditForm form = new EditForm();
			form.setDisplayName(user.displayName());
			form.setEmail(user.email());
			form.setRoles(user.roles().isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(user.roles()));
			form.setEnabled(user.enabled());
			form.setVersion(user.version());
			return form;
		}

	}

	@Data
	static class PasswordForm {

		private String password;

	}

}

package io.loopcrm.platform.users;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.loopcrm.platform.Role;
import io.loopcrm.platform.ValidationException;
import io.loopcrm.platform.ValidationException.FieldProblem;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/users} (ADMIN): list users, create one. A weak password, a missing field
 * or an unknown role is a 400 problem+json naming the field; a taken username a 409.
 */
@RestController
@RequestMapping("/api/v1/users")
class UserApiController {

	private final UserService users;

	UserApiController(UserService users) {
		this.users = users;
	}

	record UserJson(Long id, String username, String displayName, Set<Role> roles, boolean enabled, Instant createdAt) {

		static UserJson of(UserView user) {
			return new UserJson(user.id(), user.username(), user.displayName(), user.roles(), user.enabled(),
					user.createdAt());
		}

	}

	record CreateUserRequest(String username, String password, String displayName, List<String> roles) {
	}

	@GetMapping
	List<UserJson> list() {
		return this.users.list().stream().map(UserJson::of).toList();
	}

	@PostMapping
	ResponseEntity<UserJson> create(@RequestBody CreateUserRequest request) {
		List<String> unknown = new ArrayList<>();
		UserService.NewUser command = new UserService.NewUser(request.username(), request.password(),
				request.displayName(), roles(request.roles(), unknown));
		if (!unknown.isEmpty()) {
			// report every problem at once, the unknown role instead of "choose a role"
			List<FieldProblem> problems = new ArrayList<>(
					this.users.check(command).stream().filter((p) -> !"roles".equals(p.field())).toList());
			problems.add(new FieldProblem("roles", "user.roles.unknown", String.join(", ", unknown)));
			throw new ValidationException(problems);
		}
		UserView user = this.users.create(command);
		return ResponseEntity.created(URI.create("/api/v1/users/" + user.id())).body(UserJson.of(user));
	}

	private static Set<Role> roles(List<String> names, List<String> unknown) {
		Set<Role> roles = EnumSet.noneOf(Role.class);
		for (String name : (names != null) ? names : List.<String>of()) {
			try {
				roles.add(Role.valueOf(name.trim().toUpperCase(Locale.ROOT)));
			}
			catch (IllegalArgumentException | NullPointerException ex) {
				unknown.add(String.valueOf(name));
			}
		}
		return roles;
	}

}

package io.loopcrm.platform.users;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import io.loopcrm.platform.AuditLog;
import io.loopcrm.platform.ConflictException;
import io.loopcrm.platform.CurrentUser;
import io.loopcrm.platform.NotFoundException;
import io.loopcrm.platform.Role;
import io.loopcrm.platform.ValidationException;
import io.loopcrm.platform.ValidationException.FieldProblem;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates, changes and lists users. Every change is written to the audit log; an admin
 * can never lock themselves out (disable their own account or drop their own ADMIN role).
 */
@Service
public class UserService {

	private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");

	private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

	private final AppUserRepository users;

	private final PasswordEncoder passwordEncoder;

	private final AuditLog auditLog;

	private final Clock clock;

	UserService(AppUserRepository users, PasswordEncoder passwordEncoder, AuditLog auditLog, Clock clock) {
		this.users = users;
		this.passwordEncoder = passwordEncoder;
		this.auditLog = auditLog;
		this.clock = clock;
	}

	/**
	 * A new user.
	 *
	 * @param username sign-in name (trimmed, lower-cased)
	 * @param password initial password, checked against the password policy
	 * @param displayName shown name
	 * @param roles at least one role
	 */
	public record NewUser(String username, String password, String displayName, Set<Role> roles) {
	}

	/**
	 * A change to an existing user, made against the version the editor saw.
	 *
	 * @param version the version the editor saw
	 * @param displayName shown name
	 * @param roles at least one role
	 * @param enabled whether the user may sign in
	 */
	public record UserChange(long version, String displayName, Set<Role> roles, boolean enabled) {
	}

	@Transactional(readOnly = true)
	public List<UserView> list() {
		return this.users.findAllByOrderByUsernameAsc().stream().map(UserView::of).toList();
	}

	@Transactional(readOnly = true)
	public UserView get(long id) {
		return UserView.of(find(id));
	}

	@Transactional(readOnly = true)
	public boolean exists(String username) {
		return this.users.existsByUsername(normalizeUsername(username));
	}

	@Transactional(readOnly = true)
	public long count() {
		return this.users.count();
	}

	/** The rule violations of a new user, without creating it. */
	public List<FieldProblem> check(NewUser command) {
		String username = normalizeUsername(command.username());
		List<FieldProblem> problems = new ArrayList<>();
		if (username.isEmpty()) {
			problems.add(new FieldProblem("username", "user.username.required"));
		}
		else if (!USERNAME.matcher(username).matches()) {
			problems.add(new FieldProblem("username", "user.username.format"));
		}
		checkDisplayName(command.displayName(), problems);
		checkRoles(command.roles(), problems);
		problems.addAll(PasswordPolicy.check("password", username, command.password()));
		return problems;
	}

	@Transactional
	public UserView create(NewUser command) {
		String username = normalizeUsername(command.username());
		List<FieldProblem> problems = check(command);
		if (!problems.isEmpty()) {
			throw new ValidationException(problems);
		}
		if (this.users.existsByUsername(username)) {
			throw new ConflictException("user.username.taken", username);
		}
		AppUser user = new AppUser(username, this.passwordEncoder.encode(command.password()),
				command.displayName().trim(), command.roles(), this.clock.instant());
		try {
			this.users.saveAndFlush(user);
		}
		catch (DataIntegrityViolationException ex) {
			throw new ConflictException("user.username.taken", username);
		}
		this.auditLog.record("user.created", "user", String.valueOf(user.getId()),
				username + " " + EnumSet.copyOf(command.roles()));
		return UserView.of(user);
	}

	/**
	 * Creates a user without the password policy: only for demo users and the first
	 * admin, whose passwords come from configuration.
	 */
	@Transactional
	public UserView createTrusted(String username, String password, String displayName, Set<Role> roles) {
		AppUser user = new AppUser(normalizeUsername(username), this.passwordEncoder.encode(password), displayName,
				roles, this.clock.instant());
		this.users.saveAndFlush(user);
		this.auditLog.record("user.created", "user", String.valueOf(user.getId()), user.getUsername() + " " + roles);
		return UserView.of(user);
	}

	@Transactional
	public UserView update(long id, UserChange change) {
		AppUser user = find(id);
		if (user.getVersion() != change.version()) {
			throw new ConflictException("error.conflict.changed", user.getUsername());
		}
		List<FieldProblem> problems = new ArrayList<>();
		checkDisplayName(change.displayName(), problems);
		checkRoles(change.roles(), problems);
		boolean self = CurrentUser.username().map(user.getUsername()::equals).orElse(false);
		if (self && !change.enabled()) {
			problems.add(new FieldProblem("enabled", "user.self.disable"));
		}
		if (self && user.getRoles().contains(Role.ADMIN) && change.roles() != null
				&& !change.roles().contains(Role.ADMIN)) {
			problems.add(new FieldProblem("roles", "user.self.dropAdmin"));
		}
		if (!problems.isEmpty()) {
			throw new ValidationException(problems);
		}
		String before = describe(user);
		user.change(change.displayName().trim(), change.roles(), change.enabled(), this.clock.instant());
		this.users.flush();
		String after = describe(user);
		if (!before.equals(after)) {
			this.auditLog.record("user.changed", "user", String.valueOf(id), before + " -> " + after);
		}
		return UserView.of(user);
	}

	/**
	 * Sets or clears where e-mail notifications reach the user.
	 * @param id the user
	 * @param email an address, or empty to clear it
	 */
	@Transactional
	public UserView changeEmail(long id, String email) {
		AppUser user = find(id);
		String value = checkEmail(email);
		if (!java.util.Objects.equals(value, user.getEmail())) {
			this.auditLog.record("user.changed", "user", String.valueOf(id),
					"email=" + user.getEmail() + " -> email=" + value);
			user.changeEmail(value, this.clock.instant());
			this.users.flush();
		}
		return UserView.of(user);
	}

	/** The address as stored ({@code null} for none); refuses one that is no address. */
	static String checkEmail(String email) {
		String value = (email == null || email.isBlank()) ? null : email.trim().toLowerCase(Locale.ROOT);
		if (value != null && (value.length() > 254 || !EMAIL.matcher(value).matches())) {
			throw ValidationException.of("email", "user.email.invalid");
		}
		return value;
	}

	@Transactional
	public void resetPassword(long id, String newPassword) {
		AppUser user = find(id);
		List<FieldProblem> problems = PasswordPolicy.check("password", user.getUsername(), newPassword);
		if (!problems.isEmpty()) {
			throw new ValidationException(problems);
		}
		user.changePassword(this.passwordEncoder.encode(newPassword), this.clock.instant());
		this.auditLog.record("user.passwordReset", "user", String.valueOf(id), user.getUsername());
	}

	static String normalizeUsername(String username) {
		return username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
	}

	private AppUser find(long id) {
		return this.users.findById(id).orElseThrow(() -> new NotFoundException("user.notFound", String.valueOf(id)));
	}

	private static void checkDisplayName(String displayName, List<FieldProblem> problems) {
		if (displayName == null || displayName.isBlank()) {
			problems.add(new FieldProblem("displayName", "user.displayName.required"));
		}
		else if (displayName.trim().length() > 128) {
			problems.add(new FieldProblem("displayName", "user.displayName.tooLong", 128));
		}
	}

	private static void checkRoles(Set<Role> roles, List<FieldProblem> problems) {
		if (roles == null || roles.isEmpty()) {
			problems.add(new FieldProblem("roles", "user.roles.required"));
		}
	}

	private static String describe(AppUser user) {
		return "name=" + user.getDisplayName() + ", roles=" + user.roleSet() + ", enabled=" + user.isEnabled();
	}

}

package io.loopcrm.platform.users;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.loopcrm.platform.Role;
import io.loopcrm.platform.UserDirectory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The user directory over {@code app_user}, {@code app_user_role} and the team tables.
 */
@Component
class JdbcUserDirectory implements UserDirectory {

	private static final String SELECT = """
			select u.username, u.display_name, u.email, u.enabled,
			       array(select r.role from app_user_role r where r.user_id = u.id) as roles
			from app_user u
			""";

	private final JdbcClient jdbc;

	JdbcUserDirectory(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<UserRef> find(String username) {
		if (username == null) {
			return Optional.empty();
		}
		return this.jdbc.sql(SELECT + " where u.username = ?")
			.param(UserService.normalizeUsername(username))
			.query(JdbcUserDirectory::user)
			.optional();
	}

	@Override
	@Transactional(readOnly = true)
	public List<UserRef> holding(Role role) {
		return this.jdbc.sql(SELECT + " where u.enabled order by u.display_name, u.username")
			.query(JdbcUserDirectory::user)
			.list()
			.stream()
			.filter((u) -> u.has(role))
			.toList();
	}

	@Override
	@Transactional(readOnly = true)
	public Map<String, String> displayNames() {
		Map<String, String> names = new LinkedHashMap<>();
		this.jdbc.sql("select username, display_name from app_user order by display_name").query((rs) -> {
			names.put(rs.getString(1), rs.getString(2));
		});
		return names;
	}

	@Override
	@Transactional(readOnly = true)
	public Set<String> teammates(String username) {
		Set<String> result = new LinkedHashSet<>();
		result.add(username);
		result.addAll(this.jdbc.sql("""
				select distinct u2.username
				from app_user u1
				join app_team_member m1 on m1.user_id = u1.id
				join app_team_member m2 on m2.team_id = m1.team_id
				join app_user u2 on u2.id = m2.user_id
				where u1.username = ?
				order by u2.username
				""").param(username).query(String.class).list());
		return result;
	}

	@Override
	@Transactional(readOnly = true)
	public List<Team> teams() {
		return this.jdbc.sql("""
				select t.id, t.name,
				       array(select u.username from app_team_member m join app_user u on u.id = m.user_id
				             where m.team_id = t.id order by u.username) as members
				from app_team t order by lower(t.name)
				""")
			.query((rs, n) -> new Team(rs.getLong("id"), rs.getString("name"), strings(rs.getArray("members"))))
			.list();
	}

	private static UserRef user(ResultSet rs, int row) throws SQLException {
		List<String> direct = strings(rs.getArray("roles"));
		List<Role> roles = new ArrayList<>();
		direct.forEach((r) -> roles.add(Role.valueOf(r)));
		Set<Role> effective = roles.isEmpty() ? EnumSet.noneOf(Role.class) : Role.effective(roles);
		return new UserRef(rs.getString("username"), rs.getString("display_name"), rs.getString("email"), effective,
				rs.getBoolean("enabled"));
	}

	private static List<String> strings(Array array) throws SQLException {
		return (array != null) ? Arrays.asList((String[]) array.getArray()) : List.of();
	}

}

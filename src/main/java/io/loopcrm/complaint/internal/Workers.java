package io.loopcrm.complaint.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The users who may work complaints (enabled, holding AGENT or a role that includes it):
 * owners of cases and CAPA items. Read from the platform's user tables like the customer
 * module reads its owners.
 */
@Component
class Workers {

	private final JdbcClient jdbc;

	Workers(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * A user who may work complaints.
	 *
	 * @param username sign-in name
	 * @param displayName shown name
	 */
	record Worker(String username, String displayName) {
	}

	@Transactional(readOnly = true)
	List<Worker> all() {
		return this.jdbc.sql("""
				select u.username, u.display_name from app_user u
				where u.enabled and exists (select 1 from app_user_role r
				  where r.user_id = u.id and r.role in ('AGENT', 'MANAGER', 'ADMIN'))
				order by u.display_name, u.username
				""").query((rs, n) -> new Worker(rs.getString(1), rs.getString(2))).list();
	}

	@Transactional(readOnly = true)
	boolean canWork(String username) {
		return this.jdbc.sql("""
				select count(*) from app_user u
				where u.username = ? and u.enabled and exists (select 1 from app_user_role r
				  where r.user_id = u.id and r.role in ('AGENT', 'MANAGER', 'ADMIN'))
				""").param(username).query(Long.class).single() > 0;
	}

	/** Display names of all users by username, for showing who did what. */
	@Transactional(readOnly = true)
	Map<String, String> names() {
		return this.jdbc.sql("select username, display_name from app_user")
			.query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2)))
			.list()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
	}

	@Transactional(readOnly = true)
	Optional<String> name(String username) {
		return this.jdbc.sql("select display_name from app_user where username = ?")
			.param(username)
			.query(String.class)
			.optional();
	}

}

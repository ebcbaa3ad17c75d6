package io.loopcrm.platform.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;

import io.loopcrm.platform.AuditLog;
import io.loopcrm.platform.CurrentUser;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The audit log in table {@code audit_event}. */
@Component
class JdbcAuditLog implements AuditLog {

	static final int PAGE_SIZE = 50;

	private final JdbcClient jdbc;

	private final Clock clock;

	JdbcAuditLog(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	@Transactional(propagation = Propagation.MANDATORY)
	public void record(String action, String subjectType, String subjectId, String detail) {
		this.jdbc.sql("""
				insert into audit_event (occurred_at, actor, action, subject_type, subject_id, detail)
				values (?, ?, ?, ?, ?, ?)
				""")
			.params(Timestamp.from(this.clock.instant()), CurrentUser.usernameOrSystem(), action, subjectType,
					subjectId, detail)
			.update();
	}

	/**
	 * One page of entries, newest first, optionally only those whose action or actor
	 * match.
	 */
	@Transactional(readOnly = true)
	List<AuditEntry> page(String filter, int page) {
		String like = (filter == null || filter.isBlank()) ? null : "%" + filter.trim().toLowerCase() + "%";
		return this.jdbc.sql("""
				select id, occurred_at, actor, action, subject_type, subject_id, detail
				from audit_event
				where cast(:like as text) is null or lower(action) like :like or lower(actor) like :like
				order by occurred_at desc, id desc
				limit :limit offset :offset
				""")
			.param("like", like)
			.param("limit", PAGE_SIZE + 1)
			.param("offset", Math.max(page, 0) * PAGE_SIZE)
			.query((rs, n) -> new AuditEntry(rs.getLong("id"), rs.getTimestamp("occurred_at").toInstant(),
					rs.getString("actor"), rs.getString("action"), rs.getString("subject_type"),
					rs.getString("subject_id"), rs.getString("detail")))
			.list();
	}

}

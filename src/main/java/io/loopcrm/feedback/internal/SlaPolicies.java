package io.loopcrm.feedback.internal;

import java.util.ArrayList;
import java.util.List;

import io.loopcrm.feedback.TicketPriority;
import io.loopcrm.platform.AuditLog;
import io.loopcrm.platform.ConflictException;
import io.loopcrm.platform.ValidationException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * SLA policies: per category and priority, the first-response and resolution targets in
 * business minutes and the share of a target after which the ticket is flagged "due soon"
 * (warning). A ticket keeps the targets it was opened with; a changed policy applies to
 * tickets opened after the change.
 */
@Component
class SlaPolicies {

	/** Three years of business minutes: anything longer is a typing error. */
	static final int MAX_MINUTES = 3 * 250 * 24 * 60;

	private final JdbcClient jdbc;

	private final AuditLog auditLog;

	SlaPolicies(JdbcClient jdbc, AuditLog auditLog) {
		this.jdbc = jdbc;
		this.auditLog = auditLog;
	}

	/**
	 * A policy.
	 *
	 * @param id id
	 * @param categoryId its category
	 * @param priority its priority
	 * @param firstResponseMinutes first-response target, business minutes
	 * @param resolutionMinutes resolution target, business minutes
	 * @param warnPercent share of a target after which the warning is raised
	 * @param version optimistic-lock version
	 */
	record Policy(long id, long categoryId, TicketPriority priority, int firstResponseMinutes, int resolutionMinutes,
			int warnPercent, long version) {
	}

	@Transactional(readOnly = true)
	List<Policy> all() {
		return this.jdbc
			.sql("""
					select id, category_id, priority, first_response_minutes, resolution_minutes, warn_percent, version
					from feedback_sla_policy
					order by category_id, case priority when 'URGENT' then 0 when 'HIGH' then 1 when 'NORMAL' then 2 else 3 end
					""")
			.query(Policy.class)
			.list();
	}

	@Transactional(readOnly = true)
	Policy of(long categoryId, TicketPriority priority) {
		return this.jdbc.sql("""
				select id, category_id, priority, first_response_minutes, resolution_minutes, warn_percent, version
				from feedback_sla_policy where category_id = ? and priority = ?
				""")
			.params(categoryId, priority.name())
			.query(Policy.class)
			.optional()
			.orElseGet(() -> this.jdbc
				.sql("""
						select p.id, p.category_id, p.priority, p.first_response_minutes, p.resolution_minutes, p.warn_percent,
						       p.version
						from feedback_sla_policy p join feedback_category c on c.id = p.category_id
						where c.code = 'OTHER' and p.priority = ?
						""")
				.param(priority.name())
				.query(Policy.class)
				.single());
	}

	@Transactional
	void update(long id, long version, Integer firstResponseMinutes, Integer resolutionMinutes, Integer warnPercent) {
		List<ValidationException.FieldProblem> problems = new ArrayList<>();
		if (firstResponseMinutes == null || firstResponseMinutes < 1 || firstResponseMinutes > MAX_MINUTES) {
			problems.add(new ValidationException.FieldProblem("firstResponseMinutes", "feedback.policy.minutes",
					MAX_MINUTES));
		}
		if (resolutionMinutes == null || resolutionMinutes < 1 || resolutionMinutes > MAX_MINUTES) {
			problems
				.add(new ValidationException.FieldProblem("resolutionMinutes", "feedback.policy.minutes", MAX_MINUTES));
		}
		else if (firstResponseMinutes != null && resolutionMinutes < firstResponseMinutes) {
			problems.add(new ValidationException.FieldProblem("resolutionMinutes", "feedback.policy.order"));
		}
		if (warnPercent == null || warnPercent < 1 || warnPercent > 99) {
			problems.add(new ValidationException.FieldProblem("warnPercent", "feedback.policy.warnPercent"));
		}
		if (!problems.isEmpty()) {
			throw new ValidationException(problems);
		}
		int changed = this.jdbc.sql("""
				update feedback_sla_policy set first_response_minutes = ?, resolution_minutes = ?, warn_percent = ?,
				  version = version + 1
				where id = ? and version = ?
				""").params(firstResponseMinutes, resolutionMinutes, warnPercent, id, version).update();
		if (changed == 0) {
			throw new ConflictException("feedback.policy.changed");
		}
		this.auditLog.record("feedback.policy.changed", "sla_policy", String.valueOf(id),
				firstResponseMinutes + " / " + resolutionMinutes + " min, warn " + warnPercent + " %");
	}

}

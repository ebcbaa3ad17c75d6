package io.loopcrm.feedback.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.loopcrm.platform.CurrentUser;
import io.loopcrm.platform.notifications.Notifications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The SLA job: raises the warning flag on tickets past {@code warnPercent} of a target
 * (and tells their owner), the breach flag on tickets past a due time, and escalates
 * breached tickets to their category's manager — once per ticket. Tickets waiting on the
 * customer are skipped: their clock stands, and the resume moves their due times. Runs
 * every {@code loopcrm.feedback.sla.check-delay} (default one minute); idempotent, so a
 * run that overlaps with a manual one changes nothing twice.
 */
@Component
class SlaMonitor {

	private static final Logger log = LoggerFactory.getLogger(SlaMonitor.class);

	private final JdbcClient jdbc;

	private final TicketRepository tickets;

	private final Escalations escalations;

	private final Notifications notifications;

	private final Clock clock;

	SlaMonitor(JdbcClient jdbc, TicketRepository tickets, Escalations escalations, Notifications notifications,
			Clock clock) {
		this.jdbc = jdbc;
		this.tickets = tickets;
		this.escalations = escalations;
		this.notifications = notifications;
		this.clock = clock;
	}

	/**
	 * What one run did.
	 *
	 * @param warned warning flags raised
	 * @param breached breach flags raised
	 * @param escalated tickets escalated
	 */
	record Result(int warned, int breached, int escalated) {
	}

	private record Flagged(long id, String owner, String subject, String target) {
	}

	@Scheduled(fixedDelayString = "${loopcrm.feedback.sla.check-delay:PT1M}",
			initialDelayString = "${loopcrm.feedback.sla.initial-delay:PT1M}")
	@Transactional
	void scheduled() {
		Result result = run();
		if (result.warned() + result.breached() + result.escalated() > 0) {
			log.info("SLA check: {} warnings, {} breaches, {} escalations", result.warned(), result.breached(),
					result.escalated());
		}
	}

	@Transactional
	Result run() {
		Timestamp now = Timestamp.from(this.clock.instant());
		List<Flagged> warned = flag("""
				update ticket set first_response_warned_at = :now
				where first_response_at is null and first_response_breached_at is null
				  and status not in ('CLOSED', 'WAITING_CUSTOMER')
				  and first_response_warned_at is null and first_response_warn_at <= :now
				returning id, owner, subject, 'first-response'
				""", now, "sla-warning");
		warned.addAll(flag("""
				update ticket set resolution_warned_at = :now
				where resolution_breached_at is null and status not in ('CLOSED', 'WAITING_CUSTOMER')
				  and resolution_warned_at is null and resolution_warn_at <= :now
				returning id, owner, subject, 'resolution'
				""", now, "sla-warning"));
		List<Flagged> breached = flag("""
				update ticket set first_response_breached_at = :now,
				  first_response_warned_at = coalesce(first_response_warned_at, :now)
				where first_response_at is null and first_response_breached_at is null
				  and status not in ('CLOSED', 'WAITING_CUSTOMER') and first_response_due <= :now
				returning id, owner, subject, 'first-response'
				""", now, "sla-breach");
		breached.addAll(flag("""
				update ticket set resolution_breached_at = :now,
				  resolution_warned_at = coalesce(resolution_warned_at, :now)
				where resolution_breached_at is null and status not in ('CLOSED', 'WAITING_CUSTOMER')
				  and resolution_due <= :now
				returning id, owner, subject, 'resolution'
				""", now, "sla-breach"));
		for (Flagged f : warned) {
			if (f.owner() != null) {
				this.notifications.notify(f.owner(), "feedback.notify.warning",
						List.of(String.valueOf(f.id()), f.subject()), "/tickets/" + f.id());
			}
		}
		// rows another run is escalating right now are skipped, never escalated twice
		List<Long> toEscalate = this.jdbc.sql("""
				select id from ticket where breached and escalated_at is null and status <> 'CLOSED'
				order by id for update skip locked
				""").query(Long.class).list();
		Instant at = now.toInstant();
		int escalated = 0;
		for (Long id : toEscalate) {
			Ticket ticket = this.tickets.findById(id).orElseThrow();
			if (ticket.getEscalatedAt() == null) {
				this.escalations.escalate(ticket, "feedback.notify.breached", null, at, CurrentUser.SYSTEM);
				escalated++;
			}
		}
		this.tickets.flush();
		return new Result(warned.size(), breached.size(), escalated);
	}

	private List<Flagged> flag(String update, Timestamp now, String action) {
		List<Flagged> rows = new java.util.ArrayList<>(this.jdbc.sql(update)
			.param("now", now)
			.query((rs, n) -> new Flagged(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)))
			.list());
		for (Flagged f : rows) {
			this.jdbc.sql("""
					insert into ticket_event (ticket_id, at, actor, action, detail) values (?, ?, 'system', ?, ?)
					""").params(f.id(), now, action, f.target()).update();
		}
		return rows;
	}

}

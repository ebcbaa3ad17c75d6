package io.loopcrm.feedback.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * A ticket's history ({@code ticket_event}: every change, internal note and reply) and
 * its pause ledger ({@code ticket_pause}).
 */
@Component
class TicketHistory {

	private final JdbcClient jdbc;

	TicketHistory(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * One entry of the history.
	 *
	 * @param at when
	 * @param actor who ({@code system} for the SLA job)
	 * @param action what (an action's name, {@code opened}, {@code sla-warning} ...)
	 * @param fromStatus status before, may be {@code null}
	 * @param toStatus status after, may be {@code null}
	 * @param body text of a reply or a note
	 * @param detail short detail (the new owner, which target was breached ...)
	 */
	record Event(Instant at, String actor, String action, String fromStatus, String toStatus, String body,
			String detail) {

		public boolean note() {
			return "note".equals(this.action);
		}

		public boolean reply() {
			return "reply".equals(this.action);
		}

	}

	/**
	 * One pause while waiting on the customer.
	 *
	 * @param pausedAt when the clock stopped
	 * @param pausedBy who stopped it
	 * @param resumedAt when it ran again, {@code null} while paused
	 * @param resumedBy who resumed
	 * @param businessSeconds business time paused (what the due times moved by)
	 */
	record Pause(Instant pausedAt, String pausedBy, Instant resumedAt, String resumedBy, Long businessSeconds) {

		public Long businessMinutes() {
			return (this.businessSeconds != null) ? this.businessSeconds / 60 : null;
		}

	}

	@Transactional(propagation = Propagation.MANDATORY)
	void record(long ticketId, Instant at, String actor, String action, String from, String to, String body,
			String detail) {
		this.jdbc.sql("""
				insert into ticket_event (ticket_id, at, actor, action, from_status, to_status, body, detail)
				values (?, ?, ?, ?, ?, ?, ?, ?)
				""").params(ticketId, Timestamp.from(at), actor, action, from, to, body, truncate(detail)).update();
	}

	@Transactional(propagation = Propagation.MANDATORY)
	void paused(long ticketId, Instant at, String actor) {
		this.jdbc.sql("insert into ticket_pause (ticket_id, paused_at, paused_by) values (?, ?, ?)")
			.params(ticketId, Timestamp.from(at), actor)
			.update();
	}

	@Transactional(propagation = Propagation.MANDATORY)
	void resumed(long ticketId, Instant at, String actor, long businessSeconds) {
		this.jdbc.sql("""
				update ticket_pause set resumed_at = ?, resumed_by = ?, business_seconds = ?
				where ticket_id = ? and resumed_at is null
				""").params(Timestamp.from(at), actor, businessSeconds, ticketId).update();
	}

	@Transactional(readOnly = true)
	List<Event> events(long ticketId) {
		return this.jdbc.sql("""
				select at, actor, action, from_status, to_status, body, detail
				from ticket_event where ticket_id = ? order by at, id
				""").param(ticketId).query(Event.class).list();
	}

	@Transactional(readOnly = true)
	List<Pause> pauses(long ticketId) {
		return this.jdbc.sql("""
				select paused_at, paused_by, resumed_at, resumed_by, business_seconds
				from ticket_pause where ticket_id = ? order by paused_at, id
				""").param(ticketId).query(Pause.class).list();
	}

	private static String truncate(String detail) {
		return (detail != null && detail.length() > 500) ? detail.substring(0, 500) : detail;
	}

}

package io.loopcrm.survey.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * How the loop was closed for the unhappy answers of a period: how many were eligible for
 * a follow-up, how many tickets were opened, how many of those customers were contacted
 * (the ticket got a first response or was closed) and how many were recovered (ticket
 * closed with the customer satisfied, or a later answer of 7+ / CSAT 4–5).
 */
@Component
public class FollowUpFigures {

	private final JdbcClient jdbc;

	private final Clock clock;

	FollowUpFigures(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * The figures.
	 *
	 * @param ticketsOpened follow-up tickets opened for them
	 * @param contacted of those, customers who got a first response or a closed ticket
	 * @param recovered of those, customers recovered
	 */
	public record Figures(long ticketsOpened, long contacted, long recovered) {

		/** Recovered per ticket opened, in percent; {@code null} without tickets. */
		public Double recoveryRate() {
			return (this.ticketsOpened == 0) ? null : 100.0 * this.recovered / this.ticketsOpened;
		}

		/** Contacted per ticket opened, in percent; {@code null} without tickets. */
		public Double contactRate() {
			return (this.ticketsOpened == 0) ? null : 100.0 * this.contacted / this.ticketsOpened;
		}

	}

	/**
	 * For answers given from {@code from} to {@code to} (days in the configured zone,
	 * both included), of one survey or all.
	 */
	@Transactional(readOnly = true)
	public Figures between(LocalDate from, LocalDate to, Long surveyId) {
		Timestamp start = Timestamp.from(from.atStartOfDay(this.clock.getZone()).toInstant());
		Timestamp end = Timestamp.from(to.plusDays(1).atStartOfDay(this.clock.getZone()).toInstant());
		return this.jdbc.sql("""
				select count(*) as tickets_opened,
				       count(*) filter (where t.first_response_at is not null or t.closed_at is not null
				                              or f.contacted_at is not null) as contacted,
				       count(*) filter (where f.recovered) as recovered
				from survey_follow_up f
				join survey_response r on r.id = f.response_id
				left join feedback_ticket_reference t on t.ticket_id = f.ticket_id
				where r.responded_at >= :start and r.responded_at < :end
				  and (cast(:survey as bigint) is null or r.survey_id = :survey)
				""").param("start", start).param("end", end).param("survey", surveyId).query(Figures.class).single();
	}

}

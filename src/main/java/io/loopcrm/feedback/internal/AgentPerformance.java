package io.loopcrm.feedback.internal;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.loopcrm.platform.LoopCrmProperties;
import io.loopcrm.platform.UserDirectory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Agent performance (員工績效評估) over the tickets closed in a period, per agent (the ticket's
 * owner at the close) and per team (its members' tickets, each counted once):
 * <ul>
 * <li><b>handled</b>: tickets closed in the period;</li>
 * <li><b>median time to first response</b> and <b>median time to close</b>: business
 * minutes from opening to the first reply and to the close, less the business time the
 * ticket waited on the customer (for the close); the median of an even number of values
 * is the mean of the middle two;</li>
 * <li><b>SLA compliance</b>: share of the handled tickets that missed neither
 * target;</li>
 * <li><b>satisfaction</b>: share of "satisfied" among the handled tickets whose customer
 * answered the question at the close.</li>
 * </ul>
 */
@Component
class AgentPerformance {

	private final JdbcClient jdbc;

	private final BusinessCalendars calendars;

	private final UserDirectory users;

	private final ZoneId zone;

	AgentPerformance(JdbcClient jdbc, BusinessCalendars calendars, UserDirectory users, LoopCrmProperties properties) {
		this.jdbc = jdbc;
		this.calendars = calendars;
		this.users = users;
		this.zone = properties.zone();
	}

	/**
	 * The figures of one agent or team.
	 *
	 * @param key username or team name
	 * @param name display name
	 * @param handled tickets closed in the period
	 * @param medianFirstResponseMinutes median business minutes to the first reply
	 * @param medianCloseMinutes median business minutes to the close, pauses excluded
	 * @param slaMet handled tickets that missed no target
	 * @param slaCompliance slaMet / handled
	 * @param satisfied handled tickets whose customer was satisfied
	 * @param rated handled tickets whose customer answered
	 * @param satisfaction satisfied / rated, {@code null} when nobody answered
	 */
	record Figures(String key, String name, int handled, Double medianFirstResponseMinutes, Double medianCloseMinutes,
			int slaMet, Double slaCompliance, int satisfied, int rated, Double satisfaction) {
	}

	/**
	 * The report.
	 *
	 * @param from first day (in {@code loopcrm.zone})
	 * @param to last day, included
	 * @param agents per agent, most tickets first
	 * @param teams per team, by name
	 * @param total all handled tickets of the period
	 */
	record Report(LocalDate from, LocalDate to, List<Figures> agents, List<Figures> teams, Figures total) {
	}

	private record Closed(String owner, Instant createdAt, Instant firstResponseAt, Instant closedAt,
			long pausedSeconds, boolean breached, Boolean satisfied) {
	}

	@Transactional(readOnly = true)
	Report report(LocalDate from, LocalDate to) {
		Instant start = from.atStartOfDay(this.zone).toInstant();
		Instant end = to.plusDays(1).atStartOfDay(this.zone).toInstant();
		List<Closed> closed = this.jdbc.sql("""
				select owner, created_at, first_response_at, closed_at, paused_seconds, breached, satisfied
				from ticket where closed_at >= ? and closed_at < ? and status = 'CLOSED' and owner is not null
				""").params(Timestamp.from(start), Timestamp.from(end)).query(Closed.class).list();
		BusinessCalendar calendar = this.calendars.current();
		Map<String, String> names = this.users.displayNames();
		Map<String, List<Closed>> byOwner = new LinkedHashMap<>();
		closed.forEach((c) -> byOwner.computeIfAbsent(c.owner(), (k) -> new ArrayList<>()).add(c));
		List<Figures> agents = new ArrayList<>();
		byOwner.forEach((owner, list) -> agents.add(figures(owner, names.getOrDefault(owner, owner), list, calendar)));
		agents.sort((a, b) -> (a.handled() != b.handled()) ? Integer.compare(b.handled(), a.handled())
				: a.key().compareTo(b.key()));
		List<Figures> teams = new ArrayList<>();
		for (UserDirectory.Team team : this.users.teams()) {
			Set<String> members = Set.copyOf(team.members());
			List<Closed> list = closed.stream().filter((c) -> members.contains(c.owner())).toList();
			teams.add(figures(team.name(), team.name(), list, calendar));
		}
		return new Report(from, to, agents, teams, figures("", "", closed, calendar));
	}

	private static Figures figures(String key, String name, List<Closed> tickets, BusinessCalendar calendar) {
		double[] firstResponse = tickets.stream()
			.filter((t) -> t.firstResponseAt() != null)
			.mapToDouble((t) -> calendar.between(t.createdAt(), t.firstResponseAt()).getSeconds() / 60.0)
			.toArray();
		double[] close = tickets.stream()
			.mapToDouble((t) -> Math.max(0,
					calendar.between(t.createdAt(), t.closedAt())
						.minus(Duration.ofSeconds(t.pausedSeconds()))
						.getSeconds())
					/ 60.0)
			.toArray();
		int met = (int) tickets.stream().filter((t) -> !t.breached()).count();
		int rated = (int) tickets.stream().filter((t) -> t.satisfied() != null).count();
		int satisfied = (int) tickets.stream().filter((t) -> Boolean.TRUE.equals(t.satisfied())).count();
		int handled = tickets.size();
		return new Figures(key, name, handled, median(firstResponse), median(close), met,
				(handled > 0) ? (double) met / handled : null, satisfied, rated,
				(rated > 0) ? (double) satisfied / rated : null);
	}

	/** The median; the mean of the middle two of an even count; {@code null} for none. */
	static Double median(double[] values) {
		if (values.length == 0) {
			return null;
		}
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int mid = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
	}

}

package io.loopcrm.survey.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import io.loopcrm.platform.LoopCrmProperties;
import io.loopcrm.platform.ValidationException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The effect of an improvement plan, from the raw responses: the plan's metric in the
 * {@code days} after its start (midnight of the start date in the configured zone),
 * clipped at now, against as long a window just before the start. Only the plan's survey
 * counts, or every survey when it has none. The scores, intervals and tests are those of
 * {@link Scores}: NPS with {@code npsDiffers}, CSAT with {@code proportionsDiffer}, CES
 * and a dimension's mean rating with {@code meansDiffer} and the normal interval of a
 * mean. With fewer than {@link PlanEffect#MIN_ANSWERS} answers in either window there is
 * no verdict.
 */
@Service
public class PlanEffects {

	/** The window when none is asked for. */
	public static final int DEFAULT_DAYS = 90;

	static final int MIN_DAYS = 7;

	static final int MAX_DAYS = 730;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final ZoneId zone;

	PlanEffects(JdbcClient jdbc, Clock clock, LoopCrmProperties properties) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.zone = properties.zone();
	}

	/**
	 * Compares the plan's metric before and after its start.
	 * @param days the window on each side ({@code null}: {@value #DEFAULT_DAYS})
	 * @throws ValidationException ({@code days}) outside 7–730
	 */
	@Transactional(readOnly = true)
	public PlanEffect evaluate(ImprovementPlan plan, Integer days) {
		int window = (days != null) ? days : DEFAULT_DAYS;
		if (window < MIN_DAYS || window > MAX_DAYS) {
			throw ValidationException.of("days", "survey.plan.effect.days.range", MIN_DAYS, MAX_DAYS);
		}
		Instant start = plan.startDate().atStartOfDay(this.zone).toInstant();
		Instant now = this.clock.instant();
		Instant end = start.plus(Duration.ofDays(window));
		if (end.isAfter(now)) {
			end = now;
		}
		if (!end.isAfter(start)) {
			PlanEffect.Window none = new PlanEffect.Window(start, start, 0, null, null, null);
			return new PlanEffect(plan.metric(), plan.dimension(), window, none, none, false,
					PlanEffect.Outcome.NOT_STARTED);
		}
		Instant from = start.minus(Duration.between(start, end));
		Sums before = sums(plan, from, start);
		Sums after = sums(plan, start, end);
		PlanEffect.Window b = before.window(plan.metric(), from, start);
		PlanEffect.Window a = after.window(plan.metric(), start, end);
		boolean significant = before.differs(plan.metric(), after);
		PlanEffect.Outcome outcome;
		if (before.n < PlanEffect.MIN_ANSWERS || after.n < PlanEffect.MIN_ANSWERS) {
			outcome = PlanEffect.Outcome.NOT_ENOUGH_ANSWERS;
			significant = false;
		}
		else if (!significant) {
			outcome = PlanEffect.Outcome.NO_CHANGE;
		}
		else {
			outcome = (a.score() > b.score()) ? PlanEffect.Outcome.IMPROVED : PlanEffect.Outcome.WORSENED;
		}
		return new PlanEffect(plan.metric(), plan.dimension(), window, b, a, significant, outcome);
	}

	private Sums sums(ImprovementPlan plan, Instant from, Instant to) {
		String sql = switch (plan.metric()) {
			case NPS -> """
					select count(r.nps) as n, count(*) filter (where r.nps >= 9) as a,
					       count(*) filter (where r.nps between 7 and 8) as b,
					       count(*) filter (where r.nps <= 6) as c, 0::float8 as s, 0::float8 as q
					from survey_response r
					where r.responded_at >= :from and r.responded_at < :to and r.nps is not null
					""";
			case CSAT -> """
					select count(r.csat) as n, count(*) filter (where r.csat >= 4) as a, 0 as b, 0 as c,
					       0::float8 as s, 0::float8 as q
					from survey_response r
					where r.responded_at >= :from and r.responded_at < :to and r.csat is not null
					""";
			case CES -> """
					select count(r.ces) as n, 0 as a, 0 as b, 0 as c, coalesce(sum(r.ces), 0)::float8 as s,
					       coalesce(sum(r.ces * r.ces), 0)::float8 as q
					from survey_response r
					where r.responded_at >= :from and r.responded_at < :to and r.ces is not null
					""";
			case RATING -> """
					select count(g.rating) as n, 0 as a, 0 as b, 0 as c, coalesce(sum(g.rating), 0)::float8 as s,
					       coalesce(sum(g.rating * g.rating), 0)::float8 as q
					from survey_response r join survey_rating g on g.response_id = r.id and g.dimension = :dimension
					where r.responded_at >= :from and r.responded_at < :to
					""";
		};
		sql += " and (cast(:survey as bigint) is null or r.survey_id = :survey)";
		return this.jdbc.sql(sql)
			.param("from", Timestamp.from(from))
			.param("to", Timestamp.from(to))
			.param("survey", plan.surveyId())
			.param("dimension", plan.dimension())
			.query((rs, n) -> new Sums(rs.getLong("n"), rs.getLong("a"), rs.getLong("b"), rs.getLong("c"),
					rs.getDouble("s"), rs.getDouble("q")))
			.single();
	}

	/**
	 * What one window adds up to: {@code a, b, c} promoters, passives and detractors
	 * (NPS) or satisfied answers in {@code a} (CSAT); {@code sum} and {@code squares} of
	 * the answers (CES, rating).
	 */
	private record Sums(long n, long a, long b, long c, double sum, double squares) {

		PlanEffect.Window window(PlanMetric metric, Instant from, Instant to) {
			Double score;
			double[] interval;
			switch (metric) {
				case NPS -> {
					score = Scores.nps(this.a, this.b, this.c);
					interval = Scores.npsInterval(this.a, this.b, this.c);
				}
				case CSAT -> {
					score = Scores.csat(this.a, this.n);
					interval = Scores.csatInterval(this.a, this.n);
				}
				default -> {
					// a dimension's mean rating takes the same normal interval of a mean
					score = Scores.ces(this.sum, this.n);
					interval = Scores.cesInterval(this.sum, this.squares, this.n);
				}
			}
			return new PlanEffect.Window(from, to, this.n, score, (interval != null) ? interval[0] : null,
					(interval != null) ? interval[1] : null);
		}

		boolean differs(PlanMetric metric, Sums after) {
			return switch (metric) {
				case NPS -> Scores.npsDiffers(this.a, this.b, this.c, after.a, after.b, after.c);
				case CSAT -> Scores.proportionsDiffer(this.a, this.n, after.a, after.n);
				default -> Scores.meansDiffer(this.sum, this.squares, this.n, after.sum, after.squares, after.n);
			};
		}

	}

}

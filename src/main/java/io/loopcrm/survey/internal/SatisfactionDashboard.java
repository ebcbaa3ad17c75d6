package io.loopcrm.survey.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.loopcrm.survey.internal.SatisfactionFigures.Counts;
import io.loopcrm.survey.internal.SatisfactionFigures.Grouping;
import io.loopcrm.survey.internal.SatisfactionFigures.Loyalty;
import io.loopcrm.survey.internal.SatisfactionFigures.Rating;
import io.loopcrm.survey.internal.SatisfactionFigures.ResponseRate;
import io.loopcrm.survey.internal.SatisfactionFigures.Target;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Everything the satisfaction dashboard shows for one query, assembled from
 * {@link SatisfactionFigures}: the headline scores against the previous period of the
 * same length with a significance marker, the response rate, loyalty figures of the
 * respondents, trends, the 0–10 distribution, promoters/passives/detractors by month, the
 * rated dimensions and their driver analysis, and a breakdown by one dimension.
 */
@Component
class SatisfactionDashboard {

	private final SatisfactionFigures figures;

	private final JdbcClient jdbc;

	private final SatisfactionSettings settings;

	SatisfactionDashboard(SatisfactionFigures figures, JdbcClient jdbc, SatisfactionSettings settings) {
		this.figures = figures;
		this.jdbc = jdbc;
		this.settings = settings;
	}

	/**
	 * A score now and in the previous period.
	 *
	 * @param value now, {@code null} without answers
	 * @param interval its 95 % interval
	 * @param n answers of its kind now
	 * @param previous in the previous period
	 * @param previousN answers then
	 * @param change value − previous, when both exist
	 * @param significant whether the change is beyond chance (5 %)
	 */
	record Score(Double value, double[] interval, long n, Double previous, long previousN, Double change,
			boolean significant) {

		static Score of(Double value, double[] interval, long n, Double previous, long previousN, boolean significant) {
			Double change = (value != null && previous != null) ? value - previous : null;
			return new Score(value, interval, n, previous, previousN, change, significant && change != null);
		}

	}

	/**
	 * A rated dimension in the driver analysis.
	 *
	 * @param rating its figures (importance against the chosen target)
	 * @param rank 1 for the most important
	 * @param priority high importance (at or above the dimensions' mean) and low
	 * performance (below their mean): improve this first
	 */
	record Driver(Rating rating, int rank, boolean priority) {
	}

	/**
	 * @param query what was asked
	 * @param previous the previous period
	 * @param total this period's counts
	 * @param before the previous period's counts
	 * @param nps headline NPS
	 * @param csat headline CSAT
	 * @param ces headline CES
	 * @param rate response rate now
	 * @param previousRate response rate before
	 * @param repurchase repurchase figures (all, promoters, passives, detractors)
	 * @param retained purchases within the churn window (churn = 1 − share)
	 * @param trend counts per week or month
	 * @param months counts per month (promoters/passives/detractors stacked)
	 * @param drivers rated dimensions, most important first
	 * @param importanceThreshold mean importance (the matrix's vertical line)
	 * @param performanceThreshold mean performance (its horizontal line)
	 * @param breakdown counts per value of the breakdown dimension
	 */
	record View(SatisfactionQuery query, SatisfactionQuery previous, Counts total, Counts before, Score nps, Score csat,
			Score ces, ResponseRate rate, ResponseRate previousRate, List<Loyalty> repurchase, List<Loyalty> retained,
			List<Counts> trend, List<Counts> months, List<Driver> drivers, Double importanceThreshold,
			Double performanceThreshold, List<Counts> breakdown) {
	}

	@Transactional(readOnly = true)
	View view(SatisfactionQuery q, Grouping trendBy, Target target, SatisfactionDimension breakdownBy) {
		SatisfactionQuery prev = q.previous();
		Counts now = this.figures.total(q);
		Counts before = this.figures.total(prev);
		Score nps = Score.of(now.npsScore(), now.npsInterval(), now.npsN(), before.npsScore(), before.npsN(),
				Scores.npsDiffers(now.promoters(), now.passives(), now.detractors(), before.promoters(),
						before.passives(), before.detractors()));
		Score csat = Score.of(now.csatScore(), now.csatInterval(), now.csatN(), before.csatScore(), before.csatN(),
				Scores.proportionsDiffer(now.satisfied(), now.csatN(), before.satisfied(), before.csatN()));
		Score ces = Score.of(now.cesScore(), now.cesInterval(), now.cesN(), before.cesScore(), before.cesN(),
				Scores.meansDiffer(now.cesSum(), now.cesSquares(), now.cesN(), before.cesSum(), before.cesSquares(),
						before.cesN()));
		List<Rating> ratings = this.figures.ratings(q, target);
		List<Rating> rated = ratings.stream().filter((r) -> r.importance() != null).toList();
		Double importance = rated.isEmpty() ? null
				: rated.stream().mapToDouble(Rating::importance).average().getAsDouble();
		Double performance = rated.isEmpty() ? null : rated.stream().mapToDouble(Rating::mean).average().getAsDouble();
		List<Rating> ordered = new ArrayList<>(ratings);
		ordered.sort(
				Comparator.comparing((Rating r) -> (r.importance() != null) ? r.importance() : Double.NEGATIVE_INFINITY)
					.reversed()
					.thenComparing(Rating::dimension));
		List<Driver> drivers = new ArrayList<>();
		for (Rating r : ordered) {
			boolean priority = r.importance() != null && r.importance() >= importance && r.mean() < performance;
			drivers.add(new Driver(r, drivers.size() + 1, priority));
		}
		return new View(q, prev, now, before, nps, csat, ces, this.figures.responseRate(q),
				this.figures.responseRate(prev), this.figures.orderedWithin(q, this.settings.repurchaseDays()),
				this.figures.orderedWithin(q, this.settings.churnDays()), this.figures.counts(q, trendBy),
				this.figures.counts(q, Grouping.MONTH), drivers, importance, performance,
				this.figures.counts(q, breakdownBy));
	}

	SatisfactionSettings settings() {
		return this.settings;
	}

	/** Survey ids and names for the survey choice, newest first. */
	@Transactional(readOnly = true)
	Map<Long, String> surveys() {
		return this.jdbc.sql("select id, name from survey order by id desc limit 500")
			.query((rs, n) -> Map.entry(rs.getLong(1), rs.getString(2)))
			.list()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a,
					java.util.LinkedHashMap::new));
	}

	/** Rated dimensions' names by code (the built-in ones also have a message key). */
	@Transactional(readOnly = true)
	Map<String, String> dimensionNames() {
		return this.jdbc.sql("select code, name from survey_dimension order by position")
			.query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2)))
			.list()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a,
					java.util.LinkedHashMap::new));
	}

}

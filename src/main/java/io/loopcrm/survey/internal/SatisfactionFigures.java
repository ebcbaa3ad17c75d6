package io.loopcrm.survey.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.loopcrm.platform.LoopCrmProperties;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Satisfaction figures over a {@link SatisfactionQuery}, read from the rollups
 * ({@link SatisfactionRollup}) whenever they can answer: no dimension filter, or one
 * filter with figures by time or by that filter's own dimension. Two or more dimension
 * filters at once (or a breakdown by one dimension under a filter on another) are read
 * from the responses themselves, with the same arithmetic.
 */
@Component
class SatisfactionFigures {

	/** Respondents read at most for the loyalty figures (the most recent ones). */
	static final int LOYALTY_RESPONDENTS = 2000;

	private static final String SUMS = "sum(responses), sum(n0), sum(n1), sum(n2), sum(n3), sum(n4), sum(n5), sum(n6), "
			+ "sum(n7), sum(n8), sum(n9), sum(n10), sum(c1), sum(c2), sum(c3), sum(c4), sum(c5), "
			+ "sum(ces_n), sum(ces_sum), sum(ces_sq)";

	private final JdbcClient jdbc;

	private final ZoneId zone;

	private final Clock clock;

	SatisfactionFigures(JdbcClient jdbc, LoopCrmProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.zone = properties.zone();
		this.clock = clock;
	}

	/** How figures are grouped. */
	enum Grouping {

		/** One group, key {@code all}. */
		TOTAL,
		/** Calendar months, key {@code YYYY-MM}. */
		MONTH,
		/** ISO weeks, key the Monday {@code YYYY-MM-DD}. */
		WEEK,
		/** Days, key {@code YYYY-MM-DD}. */
		DAY,
		/**
		 * Values of a dimension (see
		 * {@link #counts(SatisfactionQuery, SatisfactionDimension)}).
		 */
		DIMENSION

	}

	/**
	 * The additive counts of a group of responses.
	 *
	 * @param key the group
	 * @param responses responses
	 * @param nps answers 0..10 of the NPS question (11 counts)
	 * @param csat answers 1..5 of the CSAT question (5 counts)
	 * @param cesN CES answers
	 * @param cesSum their sum
	 * @param cesSquares their sum of squares
	 */
	record Counts(String key, long responses, long[] nps, long[] csat, long cesN, long cesSum, long cesSquares) {

		static Counts empty(String key) {
			return new Counts(key, 0, new long[11], new long[5], 0, 0, 0);
		}

		public long promoters() {
			return this.nps[9] + this.nps[10];
		}

		public long passives() {
			return this.nps[7] + this.nps[8];
		}

		public long detractors() {
			long d = 0;
			for (int i = 0; i <= 6; i++) {
				d += this.nps[i];
			}
			return d;
		}

		public long npsN() {
			return promoters() + passives() + detractors();
		}

		public long csatN() {
			long n = 0;
			for (long c : this.csat) {
				n += c;
			}
			return n;
		}

		public long satisfied() {
			return this.csat[3] + this.csat[4];
		}

		public Double npsScore() {
			return Scores.nps(promoters(), passives(), detractors());
		}

		public double[] npsInterval() {
			return Scores.npsInterval(promoters(), passives(), detractors());
		}

		public Double csatScore() {
			return Scores.csat(satisfied(), csatN());
		}

		public double[] csatInterval() {
			return Scores.csatInterval(satisfied(), csatN());
		}

		public Double cesScore() {
			return Scores.ces(this.cesSum, this.cesN);
		}

		public double[] cesInterval() {
			return Scores.cesInterval(this.cesSum, this.cesSquares, this.cesN);
		}

		/** Promoters, passives, detractors as shares of the NPS answers. */
		public Double share(long part) {
			return (npsN() == 0) ? null : (double) part / npsN();
		}

	}

	/**
	 * A rated dimension's figures.
	 *
	 * @param dimension its code
	 * @param n ratings
	 * @param mean mean rating (performance), 1–5
	 * @param sd standard deviation of the ratings, {@code null} under two
	 * @param pairs ratings given with an answer of the target (NPS or CSAT)
	 * @param importance Pearson's correlation of rating and target answer, {@code null}
	 * when it is undefined (under three pairs, or no variation)
	 */
	record Rating(String dimension, long n, Double mean, Double sd, long pairs, Double importance) {
	}

	/** What the driver importance correlates the ratings with. */
	enum Target {

		NPS, CSAT

	}

	/**
	 * Invitations sent in a period and how many of them were answered.
	 *
	 * @param sent invitations created in the period
	 * @param answered of those, answered
	 * @param available whether the filters apply to invitations at all (segment and stage
	 * are not known for invitations)
	 */
	record ResponseRate(long sent, long answered, boolean available) {

		public Double rate() {
			return (!this.available || this.sent == 0) ? null : (double) this.answered / this.sent;
		}

	}

	/**
	 * Of respondents whose window has passed, how many ordered within it.
	 *
	 * @param group {@code null} for all, else PROMOTER, PASSIVE, DETRACTOR
	 * @param respondents customers counted (their latest answer in the period)
	 * @param ordered of those, customers with a purchase within the window after
	 * answering
	 */
	record Loyalty(String group, long respondents, long ordered) {

		public Double share() {
			return (this.respondents == 0) ? null : (double) this.ordered / this.respondents;
		}

	}

	/** The counts of all responses of the query, one group (never {@code null}). */
	@Transactional(readOnly = true)
	Counts total(SatisfactionQuery q) {
		List<Counts> rows = counts(q, Grouping.TOTAL, null);
		return rows.isEmpty() ? Counts.empty("all") : rows.get(0);
	}

	/**
	 * Counts per value of a dimension, most responses first; values without responses do
	 * not appear.
	 */
	@Transactional(readOnly = true)
	List<Counts> counts(SatisfactionQuery q, SatisfactionDimension by) {
		List<Counts> rows = new ArrayList<>(counts(q, Grouping.DIMENSION, by));
		rows.sort(Comparator.comparingLong(Counts::responses).reversed().thenComparing(Counts::key));
		return rows;
	}

	/**
	 * Counts per time group (month, week, day) in order; groups without responses do not
	 * appear.
	 */
	@Transactional(readOnly = true)
	List<Counts> counts(SatisfactionQuery q, Grouping grouping) {
		return counts(q, grouping, null);
	}

	private List<Counts> counts(SatisfactionQuery q, Grouping grouping, SatisfactionDimension by) {
		Map<String, Object> p = params(q);
		String source = rollupDimension(q, by).map((dim) -> rollupSource(q, dim, p))
			.or(() -> pairRollupSource(q, by, p))
			.orElseGet(() -> rawSource(q, by, p));
		String sql = "select " + key(grouping) + " as k, " + SUMS + " from (" + source + ") s group by 1 order by 1";
		return this.jdbc.sql(sql).params(p).query(SatisfactionFigures::readCounts).list();
	}

	/** The rated dimensions' figures, ratings correlated with the target's answers. */
	@Transactional(readOnly = true)
	List<Rating> ratings(SatisfactionQuery q, Target target) {
		Map<String, Object> p = params(q);
		String source = rollupDimension(q, null).map((dim) -> ratingRollupSource(q, dim, p))
			.orElseGet(() -> ratingRawSource(q, p));
		String t = (target == Target.NPS) ? "nps" : "csat";
		String sql = ("select dimension, sum(n), sum(sum), sum(sq), sum(%1$s_n), sum(%1$s_x), sum(%1$s_xx), "
				+ "sum(%1$s_y), sum(%1$s_yy), sum(%1$s_xy) from (" + source + ") s group by 1 order by 1")
			.formatted(t);
		return this.jdbc.sql(sql).params(p).query((rs, i) -> {
			long n = rs.getLong(2);
			double sum = rs.getDouble(3);
			double sq = rs.getDouble(4);
			Double mean = (n == 0) ? null : sum / n;
			Double sd = (n < 2) ? null : Math.sqrt(Math.max(0, (sq - n * (sum / n) * (sum / n)) / (n - 1)));
			long pairs = rs.getLong(5);
			Double r = correlation(pairs, rs.getDouble(6), rs.getDouble(7), rs.getDouble(8), rs.getDouble(9),
					rs.getDouble(10));
			return new Rating(rs.getString(1), n, mean, sd, pairs, r);
		}).list();
	}

	/**
	 * Pearson's correlation from additive sums: (nΣxy − ΣxΣy) / √((nΣx² − (Σx)²)(nΣy² −
	 * (Σy)²)); {@code null} under three pairs or without variation.
	 */
	static Double correlation(long n, double x, double xx, double y, double yy, double xy) {
		if (n < 3) {
			return null;
		}
		double covariance = n * xy - x * y;
		double vx = n * xx - x * x;
		double vy = n * yy - y * y;
		if (vx <= 0 || vy <= 0) {
			return null;
		}
		return Math.max(-1, Math.min(1, covariance / Math.sqrt(vx * vy)));
	}

	/**
	 * Invitations created in the period (survey, channel, store and category filters
	 * apply) and how many were answered; not available under a segment or stage filter.
	 */
	@Transactional(readOnly = true)
	ResponseRate responseRate(SatisfactionQuery q) {
		if (q.filters().containsKey(SatisfactionDimension.SEGMENT)
				|| q.filters().containsKey(SatisfactionDimension.STAGE)) {
			return new ResponseRate(0, 0, false);
		}
		Map<String, Object> p = params(q);
		StringBuilder sql = new StringBuilder(
				"select count(*), count(responded_at) from survey_invitation where created_at >= :start and created_at < :end");
		if (q.surveyId() != null) {
			sql.append(" and survey_id = :survey");
		}
		q.filters().forEach((dim, value) -> {
			sql.append(" and ").append(dim.column()).append(" = :f_").append(dim.code());
		});
		return this.jdbc.sql(sql.toString())
			.params(p)
			.query((rs, n) -> new ResponseRate(rs.getLong(1), rs.getLong(2), true))
			.single();
	}

	/**
	 * Of the customers who answered in the period (their latest answer among the
	 * {@value #LOYALTY_RESPONDENTS} most recent answers of customers) and answered at
	 * least {@code days} days ago, how many placed a counting purchase (the commerce
	 * module's {@code commerce_purchase}) within {@code days} days after answering: all,
	 * then by the NPS group of that answer.
	 */
	@Transactional(readOnly = true)
	List<Loyalty> orderedWithin(SatisfactionQuery q, int days) {
		Map<String, Object> p = params(q);
		Instant cutoff = this.clock.instant().minus(java.time.Duration.ofDays(days));
		p.put("cutoff", Timestamp.from(cutoff));
		p.put("days", days);
		p.put("limit", LOYALTY_RESPONDENTS);
		String sql = """
				with recent as (
				    select customer_id, responded_at, nps from survey_response
				    where %s and customer_id is not null and responded_at <= :cutoff
				    order by responded_at desc limit :limit),
				respondent as (
				    select distinct on (customer_id) customer_id, responded_at, nps from recent
				    order by customer_id, responded_at desc),
				marked as (
				    select case when nps >= 9 then 'PROMOTER' when nps >= 7 then 'PASSIVE'
				                when nps is not null then 'DETRACTOR' end as grp,
				           exists (select 1 from commerce_purchase o where o.customer_id = r.customer_id
				                   and o.ordered_at > r.responded_at
				                   and o.ordered_at <= r.responded_at + make_interval(days => :days)) as ordered
				    from respondent r)
				select grp, grouping(grp), count(*), count(*) filter (where ordered)
				from marked group by rollup (grp)
				""".formatted(rawWhere(q));
		Map<String, Loyalty> byGroup = new HashMap<>();
		this.jdbc.sql(sql).params(p).query((rs) -> {
			String group = (rs.getInt(2) == 1) ? "ALL" : rs.getString(1);
			if (group != null) {
				byGroup.put(group, new Loyalty(group.equals("ALL") ? null : group, rs.getLong(3), rs.getLong(4)));
			}
		});
		List<Loyalty> rows = new ArrayList<>();
		for (String group : List.of("ALL", "PROMOTER", "PASSIVE", "DETRACTOR")) {
			rows.add(byGroup.getOrDefault(group, new Loyalty(group.equals("ALL") ? null : group, 0, 0)));
		}
		return rows;
	}

	/** The distinct values of a dimension in the rollups (for the filter choices). */
	@Transactional(readOnly = true)
	List<String> values(SatisfactionDimension dim) {
		return this.jdbc.sql("select distinct dim_value from survey_rollup where dim = ? order by 1 limit 500")
			.param(dim.code())
			.query(String.class)
			.list();
	}

	// sources

	/**
	 * The rollup dimension that answers the query grouped by {@code by} (null: by time),
	 * or empty when only the responses can.
	 */
	private static Optional<SatisfactionDimension> rollupDimension(SatisfactionQuery q, SatisfactionDimension by) {
		if (q.filters().isEmpty()) {
			return Optional.of((by != null) ? by : SatisfactionDimension.ALL);
		}
		if (q.filters().size() == 1) {
			SatisfactionDimension filtered = q.filters().keySet().iterator().next();
			if (by == null || by == filtered) {
				return Optional.of(filtered);
			}
		}
		return Optional.empty();
	}

	/**
	 * A breakdown by one dimension under a filter on another: the pair rollups, which
	 * keep the two dimensions in alphabetical order of their codes.
	 */
	private static Optional<String> pairRollupSource(SatisfactionQuery q, SatisfactionDimension by,
			Map<String, Object> p) {
		if (by == null || by == SatisfactionDimension.ALL || q.filters().size() != 1) {
			return Optional.empty();
		}
		SatisfactionDimension filtered = q.filters().keySet().iterator().next();
		if (filtered == by) {
			return Optional.empty();
		}
		boolean filteredFirst = filtered.code().compareTo(by.code()) < 0;
		p.put("d1", filteredFirst ? filtered.code() : by.code());
		p.put("d2", filteredFirst ? by.code() : filtered.code());
		StringBuilder sql = new StringBuilder("select day, ").append(filteredFirst ? "v2" : "v1")
			.append(" as dim_value, ")
			.append(String.join(", ", rollupColumns()))
			.append(" from survey_pair_rollup where d1 = :d1 and d2 = :d2 and ")
			.append(filteredFirst ? "v1" : "v2")
			.append(" = :f_")
			.append(filtered.code())
			.append(" and day >= :fromDay and day <= :toDay");
		if (q.surveyId() != null) {
			sql.append(" and survey_id = :survey");
		}
		return Optional.of(sql.toString());
	}

	private static String rollupSource(SatisfactionQuery q, SatisfactionDimension dim, Map<String, Object> p) {
		return "select day, dim_value, " + String.join(", ", rollupColumns()) + " from survey_rollup where "
				+ rollupWhere(q, dim, p);
	}

	private static String ratingRollupSource(SatisfactionQuery q, SatisfactionDimension dim, Map<String, Object> p) {
		return "select * from survey_rating_rollup where " + rollupWhere(q, dim, p);
	}

	private static String rollupWhere(SatisfactionQuery q, SatisfactionDimension dim, Map<String, Object> p) {
		p.put("dim", dim.code());
		StringBuilder where = new StringBuilder("dim = :dim and day >= :fromDay and day <= :toDay");
		if (q.surveyId() != null) {
			where.append(" and survey_id = :survey");
		}
		if (q.filters().containsKey(dim)) {
			where.append(" and dim_value = :f_").append(dim.code());
		}
		return where.toString();
	}

	private static List<String> rollupColumns() {
		List<String> columns = new ArrayList<>(List.of("responses"));
		for (int i = 0; i <= 10; i++) {
			columns.add("n" + i);
		}
		for (int i = 1; i <= 5; i++) {
			columns.add("c" + i);
		}
		columns.addAll(List.of("ces_n", "ces_sum", "ces_sq"));
		return columns;
	}

	private String rawSource(SatisfactionQuery q, SatisfactionDimension by, Map<String, Object> p) {
		StringBuilder sql = new StringBuilder("select (responded_at at time zone :zone)::date as day, ");
		sql.append((by != null) ? by.column() : "''").append(" as dim_value, 1 as responses");
		for (int i = 0; i <= 10; i++) {
			sql.append(", (nps = ").append(i).append(")::int as n").append(i);
		}
		for (int i = 1; i <= 5; i++) {
			sql.append(", (csat = ").append(i).append(")::int as c").append(i);
		}
		sql.append(
				", (ces is not null)::int as ces_n, coalesce(ces, 0) as ces_sum, coalesce(ces::int * ces, 0) as ces_sq");
		sql.append(" from survey_response where ").append(rawWhere(q));
		if (by != null) {
			sql.append(" and ").append(by.column()).append(" is not null");
		}
		return sql.toString();
	}

	private String ratingRawSource(SatisfactionQuery q, Map<String, Object> p) {
		return """
				select g.dimension, 1 as n, g.rating as sum, g.rating::int * g.rating as sq,
				       (r.nps is not null)::int as nps_n, case when r.nps is not null then g.rating else 0 end as nps_x,
				       case when r.nps is not null then g.rating::int * g.rating else 0 end as nps_xx,
				       coalesce(r.nps, 0) as nps_y, coalesce(r.nps::int * r.nps, 0) as nps_yy,
				       coalesce(g.rating::int * r.nps, 0) as nps_xy,
				       (r.csat is not null)::int as csat_n, case when r.csat is not null then g.rating else 0 end as csat_x,
				       case when r.csat is not null then g.rating::int * g.rating else 0 end as csat_xx,
				       coalesce(r.csat, 0) as csat_y, coalesce(r.csat::int * r.csat, 0) as csat_yy,
				       coalesce(g.rating::int * r.csat, 0) as csat_xy
				from survey_response r join survey_rating g on g.response_id = r.id
				where """
				+ rawWhere(q);
	}

	private static String rawWhere(SatisfactionQuery q) {
		StringBuilder where = new StringBuilder("responded_at >= :start and responded_at < :end");
		if (q.surveyId() != null) {
			where.append(" and survey_id = :survey");
		}
		q.filters().forEach((dim, value) -> {
			where.append(" and ").append(dim.column()).append(" = :f_").append(dim.code());
		});
		return where.toString();
	}

	private Map<String, Object> params(SatisfactionQuery q) {
		Map<String, Object> p = new HashMap<>();
		p.put("fromDay", q.from());
		p.put("toDay", q.to());
		p.put("start", Timestamp.from(q.from().atStartOfDay(this.zone).toInstant()));
		p.put("end", Timestamp.from(q.to().plusDays(1).atStartOfDay(this.zone).toInstant()));
		p.put("zone", this.zone.getId());
		if (q.surveyId() != null) {
			p.put("survey", q.surveyId());
		}
		q.filters().forEach((dim, value) -> p.put("f_" + dim.code(), value));
		return p;
	}

	private static String key(Grouping grouping) {
		return switch (grouping) {
			case TOTAL -> "'all'";
			case MONTH -> "to_char(day, 'YYYY-MM')";
			case WEEK -> "to_char(date_trunc('week', day), 'YYYY-MM-DD')";
			case DAY -> "to_char(day, 'YYYY-MM-DD')";
			case DIMENSION -> "dim_value";
		};
	}

	private static Counts readCounts(ResultSet rs, int row) throws SQLException {
		long[] nps = new long[11];
		for (int i = 0; i <= 10; i++) {
			nps[i] = rs.getLong(3 + i);
		}
		long[] csat = new long[5];
		for (int i = 0; i < 5; i++) {
			csat[i] = rs.getLong(14 + i);
		}
		return new Counts(rs.getString(1), rs.getLong(2), nps, csat, rs.getLong(19), rs.getLong(20), rs.getLong(21));
	}

}

package io.loopcrm.commerce.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.Month;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The figures of the "Buying behaviour" page for a period of calendar months, read only
 * from the precomputed tables ({@link BuyingBehaviourRollup}); cancelled and refunded
 * orders are in none of them.
 * <p>
 * Definitions:
 * <ul>
 * <li>revenue = sum of order totals; AOV (average order value) = revenue / orders;
 * customers buying = distinct customers with a counting order.</li>
 * <li>Per month, the order value's sample standard deviation and its percentiles (p10,
 * p25, median, p75, p90, linear interpolation) are over that month's orders.</li>
 * <li>The summary rows describe the monthly values of the period's <em>complete</em>
 * months (the current month, still running, is shown but not counted) with
 * {@link BuyingStatistics}; months without orders count as 0 for revenue, orders and
 * customers and are left out for AOV.</li>
 * <li>Seasonality: for each calendar month, the mean revenue and orders of that month
 * over the complete months of the period that fall on it, and an index = that mean
 * revenue / the mean monthly revenue of all complete months of the period × 100.</li>
 * <li>Repurchase share: customers with 2 or more counting orders in the period /
 * customers with at least one.</li>
 * <li>Cohorts: customers by the month of their first counting order ever (rows: those
 * first months within the period); column k: share of the cohort with a counting order in
 * the k-th month after it (k = 0 is the first month itself, 100 %), for k up to 11 and
 * months up to the end of the period.</li>
 * </ul>
 */
@Component
public class BuyingBehaviour {

	/** Longest period the page shows. */
	public static final int MAX_MONTHS = 120;

	public static final int COHORT_MONTHS = 12;

	private final NamedParameterJdbcTemplate jdbc;

	private final Clock clock;

	BuyingBehaviour(NamedParameterJdbcTemplate jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** The configured zone: months, weekdays and hours are taken in it. */
	public java.time.ZoneId zone() {
		return this.clock.getZone();
	}

	/** The current month in the configured zone. */
	public YearMonth currentMonth() {
		return YearMonth.now(this.clock);
	}

	/**
	 * The period asked for, or by default the last 12 complete months and the current
	 * one; reversed bounds are swapped, and it is cut to {@link #MAX_MONTHS} months.
	 */
	public Period period(YearMonth from, YearMonth to) {
		YearMonth end = (to != null) ? to : currentMonth();
		YearMonth start = (from != null) ? from : end.minusMonths(12);
		if (start.isAfter(end)) {
			YearMonth swap = start;
			start = end;
			end = swap;
		}
		if (start.plusMonths(MAX_MONTHS - 1).isBefore(end)) {
			start = end.minusMonths(MAX_MONTHS - 1);
		}
		return new Period(start, end);
	}

	@Transactional(readOnly = true)
	public Report report(Period period) {
		YearMonth current = currentMonth();
		MapSqlParameterSource params = period.params();
		List<MonthRow> months = months(period, current, params);
		List<MonthRow> complete = months.stream().filter((m) -> !m.partial()).toList();
		Map<String, BuyingStatistics> summary = new LinkedHashMap<>();
		summary.put("revenue",
				BuyingStatistics.of(complete.stream().mapToDouble((m) -> m.revenue().doubleValue()).toArray()));
		summary.put("orders", BuyingStatistics.of(complete.stream().mapToDouble(MonthRow::orders).toArray()));
		summary.put("aov", BuyingStatistics
			.of(complete.stream().filter((m) -> m.orders() > 0).mapToDouble((m) -> m.aov().doubleValue()).toArray()));
		summary.put("customers", BuyingStatistics.of(complete.stream().mapToDouble(MonthRow::customers).toArray()));
		long orders = months.stream().mapToLong(MonthRow::orders).sum();
		BigDecimal revenue = months.stream().map(MonthRow::revenue).reduce(BigDecimal.ZERO, BigDecimal::add);
		Repurchase repurchase = repurchase(params);
		Totals totals = new Totals(orders, revenue,
				(orders > 0) ? revenue.divide(BigDecimal.valueOf(orders), 2, RoundingMode.HALF_UP) : null,
				repurchase.customers());
		return new Report(period, current, totals, months, summary, channels(params), categories(params),
				regions(params), heatmap(params), seasonality(complete), repurchase, cohorts(period, current),
				refreshState());
	}

	private List<MonthRow> months(Period period, YearMonth current, MapSqlParameterSource params) {
		Map<YearMonth, MonthRow> stored = new LinkedHashMap<>();
		this.jdbc.query("select * from buying_month where month between :from and :to", params, (rs) -> {
			YearMonth month = YearMonth.from(rs.getDate("month").toLocalDate());
			stored.put(month,
					new MonthRow(month, rs.getLong("orders"), rs.getBigDecimal("revenue"), rs.getLong("customers"),
							rs.getBigDecimal("value_mean"), rs.getBigDecimal("value_sd"), rs.getBigDecimal("value_min"),
							rs.getBigDecimal("value_p10"), rs.getBigDecimal("value_p25"), rs.getBigDecimal("value_p50"),
							rs.getBigDecimal("value_p75"), rs.getBigDecimal("value_p90"), rs.getBigDecimal("value_max"),
							!month.isBefore(current)));
		});
		List<MonthRow> rows = new ArrayList<>();
		for (YearMonth month = period.from(); !month.isAfter(period.to()); month = month.plusMonths(1)) {
			MonthRow row = stored.get(month);
			rows.add((row != null) ? row : new MonthRow(month, 0, BigDecimal.ZERO.setScale(2), 0, null, null, null,
					null, null, null, null, null, null, !month.isBefore(current)));
		}
		return rows;
	}

	private List<Share> channels(MapSqlParameterSource params) {
		return shares("""
				select channel as key, null as parent, sum(orders) as orders, sum(revenue) as revenue
				from buying_month_channel where month between :from and :to group by channel order by revenue desc, key
				""", params);
	}

	/**
	 * Top-level categories (parent null) and their sub-categories; key is the category's
	 * name ({@code ""} for products without a category).
	 */
	private List<Share> categories(MapSqlParameterSource params) {
		return shares("""
				select coalesce(c.name, '') as key, p.name as parent, r.orders, r.revenue, r.parent_id
				from (select category_id, parent_id, sum(orders) as orders, sum(revenue) as revenue
				      from buying_month_category where month between :from and :to
				      group by category_id, parent_id) r
				left join product_category c on c.id = r.category_id
				left join product_category p on p.id = r.parent_id
				order by r.parent_id nulls first, r.revenue desc, key
				""", params);
	}

	private List<Share> regions(MapSqlParameterSource params) {
		return shares("""
				select region as key, null as parent, sum(orders) as orders, sum(revenue) as revenue
				from buying_month_region where month between :from and :to group by region order by revenue desc, key
				""", params);
	}

	/** Shares of revenue; for sub-categories, of the whole period's revenue too. */
	private List<Share> shares(String sql, MapSqlParameterSource params) {
		List<Share> rows = this.jdbc.query(sql, params, (rs, i) -> new Share(rs.getString("key"),
				rs.getString("parent"), rs.getLong("orders"), rs.getBigDecimal("revenue"), 0));
		BigDecimal total = rows.stream()
			.filter((r) -> r.parent() == null)
			.map(Share::revenue)
			.reduce(BigDecimal.ZERO, BigDecimal::add);
		return rows.stream()
			.map((r) -> new Share(r.key(), r.parent(), r.orders(), r.revenue(),
					(total.signum() > 0) ? r.revenue().doubleValue() / total.doubleValue() : 0))
			.toList();
	}

	/** Orders by ISO weekday (index 0 = Monday) and hour in the configured zone. */
	private long[][] heatmap(MapSqlParameterSource params) {
		long[][] cells = new long[7][24];
		this.jdbc.query("""
				select weekday, hour, sum(orders) as orders from buying_month_hour
				where month between :from and :to group by weekday, hour
				""", params, (rs) -> {
			cells[rs.getInt("weekday") - 1][rs.getInt("hour")] = rs.getLong("orders");
		});
		return cells;
	}

	private List<Season> seasonality(List<MonthRow> complete) {
		double overall = complete.stream().mapToDouble((m) -> m.revenue().doubleValue()).average().orElse(0);
		List<Season> seasons = new ArrayList<>();
		for (Month month : Month.values()) {
			List<MonthRow> same = complete.stream().filter((m) -> m.month().getMonth() == month).toList();
			if (same.isEmpty()) {
				seasons.add(new Season(month, 0, null, Double.NaN, Double.NaN));
				continue;
			}
			double revenue = same.stream().mapToDouble((m) -> m.revenue().doubleValue()).average().orElse(0);
			double orders = same.stream().mapToDouble(MonthRow::orders).average().orElse(0);
			seasons.add(new Season(month, same.size(), BigDecimal.valueOf(revenue).setScale(2, RoundingMode.HALF_UP),
					orders, (overall > 0) ? revenue / overall * 100 : Double.NaN));
		}
		return seasons;
	}

	/**
	 * Counts customers with one, and with two or more, orders in the period from the
	 * repurchase shapes: a customer-month row whose previous active month lies before the
	 * period is the customer's first month in it; the customer bought twice if that month
	 * had 2+ orders, or if a second active month follows (a row whose previous month is
	 * in the period and is the first one there, with one order).
	 */
	private Repurchase repurchase(MapSqlParameterSource params) {
		return this.jdbc.queryForObject("""
				select coalesce(sum(customers) filter (where prev1 is null or prev1 < :from), 0) as buyers,
				  coalesce(sum(customers) filter (where (prev1 is null or prev1 < :from) and multi), 0)
				  + coalesce(sum(customers) filter (where prev1 >= :from and (prev2 is null or prev2 < :from)
				                                     and prev1_single), 0) as repeaters
				from buying_repeat_shape where month between :from and :to
				""", params, (rs, i) -> {
			long buyers = rs.getLong("buyers");
			long repeaters = rs.getLong("repeaters");
			return new Repurchase(buyers, repeaters, (buyers > 0) ? (double) repeaters / buyers : Double.NaN);
		});
	}

	private List<Cohort> cohorts(Period period, YearMonth current) {
		YearMonth last = period.to().isAfter(current) ? current : period.to();
		Map<YearMonth, long[]> counts = new LinkedHashMap<>();
		this.jdbc
			.query("""
					select first_month, month, customers from buying_cohort
					where first_month between :from and :to and month <= :last and month < first_month + interval '%d months'
					order by first_month, month
					"""
				.formatted(COHORT_MONTHS), period.params().addValue("last", Date.valueOf(last.atDay(1))), (rs) -> {
					YearMonth first = YearMonth.from(rs.getDate("first_month").toLocalDate());
					YearMonth month = YearMonth.from(rs.getDate("month").toLocalDate());
					int k = (int) first.until(month, java.time.temporal.ChronoUnit.MONTHS);
					counts.computeIfAbsent(first, (f) -> new long[COHORT_MONTHS])[k] = rs.getLong("customers");
				});
		List<Cohort> cohorts = new ArrayList<>();
		counts.forEach((first, row) -> {
			long size = row[0];
			List<Double> shares = new ArrayList<>();
			for (int k = 0; k < COHORT_MONTHS; k++) {
				shares.add((first.plusMonths(k).isAfter(last) || size == 0) ? null : (double) row[k] / size);
			}
			cohorts.add(new Cohort(first, size, shares));
		});
		return cohorts;
	}

	/** When the figures were computed, or null before the first refresh. */
	@Transactional(readOnly = true)
	public RefreshState refreshState() {
		List<RefreshState> rows = this.jdbc.query(
				"select refreshed_at, full_refreshed_at, last_kind, last_months, duration_ms from buying_rollup_state",
				(rs, i) -> new RefreshState(rs.getTimestamp("refreshed_at").toInstant(),
						instant(rs.getTimestamp("full_refreshed_at")), rs.getString("last_kind"),
						rs.getString("last_months"), rs.getLong("duration_ms")));
		return rows.isEmpty() ? null : rows.get(0);
	}

	private static Instant instant(Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	/** A period of whole calendar months, both ends included. */
	public record Period(YearMonth from, YearMonth to) {

		MapSqlParameterSource params() {
			return new MapSqlParameterSource("from", Date.valueOf(this.from.atDay(1))).addValue("to",
					Date.valueOf(this.to.atDay(1)));
		}

		public int months() {
			return (int) this.from.until(this.to, java.time.temporal.ChronoUnit.MONTHS) + 1;
		}

	}

	/**
	 * One month: counting orders, revenue, distinct customers, and the order value's mean
	 * (= AOV), sample standard deviation, minimum, percentiles and maximum (null when
	 * there were no orders); partial = the month is still running.
	 */
	public record MonthRow(YearMonth month, long orders, BigDecimal revenue, long customers, BigDecimal aov,
			BigDecimal sd, BigDecimal min, BigDecimal p10, BigDecimal p25, BigDecimal median, BigDecimal p75,
			BigDecimal p90, BigDecimal max, boolean partial) {
	}

	/** The whole period: orders, revenue, AOV and distinct customers buying. */
	public record Totals(long orders, BigDecimal revenue, BigDecimal aov, long customers) {
	}

	/**
	 * A channel, region or category with its orders, revenue and share of the period's
	 * revenue; parent is the top-level category of a sub-category, else null.
	 */
	public record Share(String key, String parent, long orders, BigDecimal revenue, double share) {
	}

	/**
	 * A calendar month over the years of the period: how many complete months fell on it,
	 * their mean revenue and orders and the seasonal index (100 = an average month).
	 */
	public record Season(Month month, int years, BigDecimal revenue, double orders, double index) {
	}

	/** Customers with at least one and with two or more counting orders in the period. */
	public record Repurchase(long customers, long repeaters, double share) {
	}

	/** A first-purchase cohort: its size and, per month since, the share that bought. */
	public record Cohort(YearMonth first, long size, List<Double> retention) {
	}

	/** The last refresh: when, the last full one, its kind (FULL, MONTHS) and months. */
	public record RefreshState(Instant refreshedAt, Instant fullRefreshedAt, String kind, String months,
			long durationMs) {
	}

	public record Report(Period period, YearMonth currentMonth, Totals totals, List<MonthRow> months,
			Map<String, BuyingStatistics> summary, List<Share> channels, List<Share> categories, List<Share> regions,
			long[][] heatmap, List<Season> seasonality, Repurchase repurchase, List<Cohort> cohorts,
			RefreshState refreshState) {
	}

}

package io.loopcrm.commerce.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Computes the precomputed tables behind the "Buying behaviour" page ({@code buying_*},
 * see {@code V4__commerce_buying_rollups.sql}) from the orders, in set-based SQL. Only
 * orders with {@code counts = true} (not cancelled, not refunded) are read. Months are
 * calendar months in the configured zone ({@link Clock#getZone()}).
 * <p>
 * Each refresh is one transaction, serialised by an advisory lock: readers see the
 * figures before or after a refresh, never half of one.
 * <ul>
 * <li>{@link #refreshAll()} recomputes everything; it runs nightly
 * ({@code loopcrm.commerce.rollup.cron}, default 02:15) and at start-up when the orders
 * changed since the last refresh (or there never was one).</li>
 * <li>{@link #refreshMonths(Collection)} is the incremental refresh after an import: it
 * recomputes the per-month tables (totals, order-value distribution, channel, category,
 * region, weekday × hour) and the customer-month activity of the given months only,
 * reading just those months' orders; then it rebuilds the cohort and repurchase tables
 * from the customer-month activity table (a customer's first purchase month and previous
 * active months depend on their whole history, so these are recomputed for all customers,
 * but from the small activity table, not from the order lines). What it does not see:
 * changes outside the given months (an order moved to another month needs both months
 * passed), customers merged or whose region changed since (their older months keep the
 * old customer or region until the nightly full refresh).</li>
 * </ul>
 */
@Component
public class BuyingBehaviourRollup {

	private static final Logger log = LoggerFactory.getLogger(BuyingBehaviourRollup.class);

	/** Advisory lock key: one refresh at a time, across application instances. */
	private static final long LOCK = 0x4c6f6f7042757931L;

	private static final String MONTH = "date_trunc('month', o.ordered_at at time zone :zone)::date";

	private final NamedParameterJdbcTemplate jdbc;

	private final Clock clock;

	BuyingBehaviourRollup(NamedParameterJdbcTemplate jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** Recomputes every precomputed table from all orders. */
	@Scheduled(cron = "${loopcrm.commerce.rollup.cron:0 15 2 * * *}")
	@Transactional
	public void refreshAll() {
		long start = System.nanoTime();
		lock();
		MapSqlParameterSource params = params();
		for (String table : List.of("buying_month", "buying_month_channel", "buying_month_category",
				"buying_month_region", "buying_month_hour", "buying_customer_month")) {
			this.jdbc.update("delete from " + table, params);
		}
		insertMonths("true", params);
		rebuildCustomerTables(params);
		recordState("FULL", null, start);
		log.info("Buying-behaviour figures refreshed in {} ms", (System.nanoTime() - start) / 1_000_000);
	}

	/**
	 * Recomputes the given months (calendar months in the configured zone), then the
	 * cohort and repurchase tables; see the class comment for what this covers.
	 */
	@Transactional
	public void refreshMonths(Collection<YearMonth> months) {
		if (months.isEmpty()) {
			return;
		}
		long start = System.nanoTime();
		lock();
		TreeSet<YearMonth> sorted = new TreeSet<>(months);
		for (YearMonth month : sorted) {
			LocalDateTime from = month.atDay(1).atStartOfDay();
			MapSqlParameterSource params = params().addValue("month", java.sql.Date.valueOf(month.atDay(1)))
				.addValue("from", from)
				.addValue("to", from.plusMonths(1));
			for (String table : List.of("buying_month", "buying_month_channel", "buying_month_category",
					"buying_month_region", "buying_month_hour", "buying_customer_month")) {
				this.jdbc.update("delete from " + table + " where month = :month", params);
			}
			insertMonths("o.ordered_at >= cast(:from as timestamp) at time zone :zone"
					+ " and o.ordered_at < cast(:to as timestamp) at time zone :zone", params);
		}
		rebuildCustomerTables(params());
		recordState("MONTHS", sorted.stream().map(YearMonth::toString).collect(Collectors.joining(",")), start);
	}

	/** True when the orders look different from what the last refresh covered. */
	@Transactional(readOnly = true)
	public boolean stale() {
		List<Map<String, Object>> state = this.jdbc.queryForList(
				"select zone, source_orders, source_updated_at from buying_rollup_state where id = 1", Map.of());
		if (state.isEmpty()) {
			return true;
		}
		Map<String, Object> now = this.jdbc.queryForMap(
				"select count(*) as source_orders, max(updated_at) as source_updated_at from customer_order", Map.of());
		Map<String, Object> then = state.get(0);
		return !this.clock.getZone().getId().equals(then.get("zone"))
				|| ((Number) now.get("source_orders")).longValue() != ((Number) then.get("source_orders")).longValue()
				|| !java.util.Objects.equals(now.get("source_updated_at"), then.get("source_updated_at"));
	}

	private void lock() {
		this.jdbc.queryForList("select pg_advisory_xact_lock(:lock)", Map.of("lock", LOCK));
		// the distinct counts, percentiles and the ordered pass over the customer-months
		// sort millions of rows at scale: in memory rather than in temporary files
		this.jdbc.getJdbcOperations().execute("set local work_mem = '128MB'");
	}

	private MapSqlParameterSource params() {
		return new MapSqlParameterSource("zone", this.clock.getZone().getId());
	}

	/** The per-month tables for the orders matching {@code filter} (a condition on o). */
	private void insertMonths(String filter, MapSqlParameterSource params) {
		this.jdbc.update("""
				insert into buying_month (month, orders, revenue, customers, value_mean, value_sd, value_min,
				  value_p10, value_p25, value_p50, value_p75, value_p90, value_max)
				select month, orders, revenue, customers, round(mean, 2), round(sd, 2), min_value,
				  round(p[1]::numeric, 2), round(p[2]::numeric, 2), round(p[3]::numeric, 2), round(p[4]::numeric, 2),
				  round(p[5]::numeric, 2), max_value
				from (
				  select %s as month, count(*) as orders, sum(o.total) as revenue,
				    count(distinct o.customer_id) as customers, avg(o.total) as mean, stddev_samp(o.total) as sd,
				    min(o.total) as min_value, max(o.total) as max_value,
				    percentile_cont(array[0.1, 0.25, 0.5, 0.75, 0.9]) within group (order by o.total) as p
				  from customer_order o
				  where o.counts and %s
				  group by 1
				) m
				""".formatted(MONTH, filter), params);
		this.jdbc.update("""
				insert into buying_month_channel (month, channel, orders, revenue)
				select %s, o.channel, count(*), sum(o.total)
				from customer_order o where o.counts and %s group by 1, 2
				""".formatted(MONTH, filter), params);
		// two levels: the top-level category's row covers its whole subtree, a
		// sub-category's row its own products; products without a category go to 0
		this.jdbc.update("""
				insert into buying_month_category (month, category_id, parent_id, orders, quantity, revenue)
				select month, case when grouping(sub) = 1 then top else sub end,
				  case when grouping(sub) = 1 then null else top end,
				  count(distinct order_id), sum(quantity), sum(amount)
				from (
				  select %s as month, o.id as order_id, coalesce(c.parent_id, c.id, 0) as top,
				    case when c.parent_id is not null then c.id end as sub, l.quantity, l.amount
				  from customer_order o
				  join order_line l on l.order_id = o.id
				  join product p on p.id = l.product_id
				  left join product_category c on c.id = p.category_id
				  where o.counts and %s
				) x
				group by grouping sets ((month, top), (month, top, sub))
				having grouping(sub) = 1 or sub is not null
				""".formatted(MONTH, filter), params);
		this.jdbc.update("""
				insert into buying_month_region (month, region, orders, revenue)
				select %s, coalesce(nullif(btrim(c.region), ''), nullif(btrim(c.city), ''), ''), count(*), sum(o.total)
				from customer_order o join customer c on c.id = o.customer_id
				where o.counts and %s group by 1, 2
				""".formatted(MONTH, filter), params);
		this.jdbc.update("""
				insert into buying_month_hour (month, weekday, hour, orders, revenue)
				select date_trunc('month', local)::date, extract(isodow from local), extract(hour from local),
				  count(*), sum(total)
				from (select o.ordered_at at time zone :zone as local, o.total from customer_order o
				      where o.counts and %s) x
				group by 1, 2, 3
				""".formatted(filter), params);
		this.jdbc.update("""
				insert into buying_customer_month (customer_id, month, orders)
				select o.customer_id, %s, count(*) from customer_order o where o.counts and %s group by 1, 2
				""".formatted(MONTH, filter), params);
	}

	/**
	 * Cohorts and repurchase shapes from the customer-month activity, in one ordered pass
	 * over it (its primary key delivers each customer's months in order).
	 */
	private void rebuildCustomerTables(MapSqlParameterSource params) {
		this.jdbc.update("delete from buying_cohort", params);
		this.jdbc.update("delete from buying_repeat_shape", params);
		this.jdbc.update("""
				with activity as materialized (
				  select month, orders, first_value(month) over w as first_month, lag(month) over w as prev1,
				    lag(month, 2) over w as prev2, lag(orders) over w as prev1_orders
				  from buying_customer_month
				  window w as (partition by customer_id order by month)
				), cohorts as (
				  insert into buying_cohort (first_month, month, customers)
				  select first_month, month, count(*) from activity group by 1, 2
				)
				insert into buying_repeat_shape (month, prev1, prev2, multi, prev1_single, customers)
				select month, prev1, prev2, orders >= 2, prev1_orders = 1, count(*) from activity group by 1, 2, 3, 4, 5
				""", params);
	}

	private void recordState(String kind, String months, long start) {
		Instant now = this.clock.instant();
		MapSqlParameterSource params = params().addValue("now", Timestamp.from(now))
			.addValue("kind", kind)
			.addValue("months", months)
			.addValue("full", "FULL".equals(kind))
			.addValue("duration", (System.nanoTime() - start) / 1_000_000);
		this.jdbc.update("""
				insert into buying_rollup_state (id, refreshed_at, full_refreshed_at, last_kind, last_months,
				  duration_ms, zone, source_orders, source_updated_at)
				select 1, :now, case when :full then cast(:now as timestamptz) end, :kind, :months, :duration, :zone,
				  count(*), max(updated_at)
				from customer_order
				on conflict (id) do update set refreshed_at = excluded.refreshed_at,
				  full_refreshed_at = coalesce(excluded.full_refreshed_at, buying_rollup_state.full_refreshed_at),
				  last_kind = excluded.last_kind, last_months = excluded.last_months,
				  duration_ms = excluded.duration_ms, zone = excluded.zone,
				  source_orders = excluded.source_orders, source_updated_at = excluded.source_updated_at
				""", params);
	}

}

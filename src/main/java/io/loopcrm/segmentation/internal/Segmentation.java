package io.loopcrm.segmentation.internal;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.loopcrm.customer.LifecycleStageUpdates;
import io.loopcrm.customer.LifecycleStages;
import io.loopcrm.platform.CurrentUser;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Recomputes RFM scores and segments, lifecycle stages and value tiers for every customer
 * as of a day, set-based in SQL, in one transaction: the run's rows and the customers'
 * stages appear together, and a failure leaves the previous run in place.
 * <ul>
 * <li><b>RFM</b> over customers with a purchase in the window (the {@code windowMonths}
 * months up to and including the as-of day): recency = whole days from the last purchase
 * date to the as-of date, frequency = orders, monetary = their total. Each score is
 * {@code 1 + floor(5 × (rank − 1) / n)} where rank is the SQL {@code rank()} (ties share
 * the lowest rank, so equal values always get equal scores), ordered so that 5 is best
 * (most recent, most orders, most spent) and n counts the customers scored.</li>
 * <li><b>Lifecycle</b>, first match: potential (no purchase ever), new (first purchase
 * less than {@code newDays} days before), churned (last purchase {@code churnDays} or
 * more days before), active (last purchase within {@code activeFactor} × the expected
 * time between purchases: the customer's average gap, or for one-time buyers the median
 * of everybody's), dormant (the rest).</li>
 * <li><b>Value tier</b> by monetary value in the window: rank − 1 below {@code highShare}
 * × n is HIGH, below ({@code highShare} + {@code midShare}) × n MID, the rest and
 * customers without purchases in the window LOW.</li>
 * </ul>
 */
@Service
public class Segmentation {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Segmentation.class);

	/** Runs kept for the transitions between runs. */
	static final int KEEP_RUNS = 3;

	private final JdbcClient jdbc;

	private final LifecycleStageUpdates stages;

	private final Clock clock;

	private final Settings settings;

	/** Runs between computing and saving; tests use it to fail in the middle. */
	volatile Runnable beforeCommit = () -> {
	};

	/**
	 * The thresholds of a run.
	 *
	 * @param windowMonths RFM and tier window in months
	 * @param newDays a first purchase less than this many days ago is "new"
	 * @param activeFactor active while the last purchase is within this many expected
	 * gaps
	 * @param churnDays no purchase for this many days is "churned"
	 * @param highShare share of buyers in the HIGH tier
	 * @param midShare share of buyers in the MID tier
	 */
	public record Settings(int windowMonths, int newDays, BigDecimal activeFactor, int churnDays, BigDecimal highShare,
			BigDecimal midShare) {
	}

	Segmentation(JdbcClient jdbc, LifecycleStageUpdates stages, Clock clock,
			@Value("${loopcrm.segmentation.window-months:24}") int windowMonths,
			@Value("${loopcrm.segmentation.new-days:30}") int newDays,
			@Value("${loopcrm.segmentation.active-factor:1.5}") BigDecimal activeFactor,
			@Value("${loopcrm.segmentation.churn-days:365}") int churnDays,
			@Value("${loopcrm.segmentation.high-share:0.2}") BigDecimal highShare,
			@Value("${loopcrm.segmentation.mid-share:0.3}") BigDecimal midShare) {
		this.jdbc = jdbc;
		this.stages = stages;
		this.clock = clock;
		this.settings = new Settings(windowMonths, newDays, activeFactor, churnDays, highShare, midShare);
	}

	public Settings settings() {
		return this.settings;
	}

	/**
	 * A finished run.
	 *
	 * @param id id
	 * @param asOf the day it was computed for
	 * @param settings its thresholds
	 * @param fallbackGap the expected gap used for one-time buyers (days)
	 * @param finishedAt when it finished
	 * @param startedBy who ran it
	 * @param customers customers computed
	 * @param seconds how long it took
	 */
	public record Run(long id, LocalDate asOf, Settings settings, BigDecimal fallbackGap, Instant finishedAt,
			String startedBy, long customers, double seconds) {
	}

	/**
	 * Counts of a run.
	 *
	 * @param run the run
	 * @param rfm customers per RFM segment label, in the segments' order
	 * @param lifecycle customers per lifecycle stage
	 * @param valueTier customers per tier
	 */
	public record Summary(Run run, Map<String, Long> rfm, Map<String, Long> lifecycle, Map<String, Long> valueTier) {
	}

	/** The steps of a recompute, in order. */
	public enum Step {

		/** Waiting for another recompute to finish. */
		WAITING,
		/** Every customer's purchase figures and the typical time between purchases. */
		PURCHASES,
		/** RFM scores, segments, lifecycle stages and tiers of every customer. */
		SCORES,
		/** The lifecycle stages written to the customer files. */
		STAGES,
		/** Saving the run. */
		SAVING

	}

	/** Recomputes everything as of the day, and answers with the run's summary. */
	@Transactional
	public Summary recompute(LocalDate asOf) {
		return recompute(asOf, (step) -> {
		});
	}

	/**
	 * Recomputes everything as of the day, telling the steps as they start; one recompute
	 * runs at a time (a second one waits for the first).
	 * @param asOf the day
	 * @param progress told each step as it starts
	 * @return the run's summary
	 */
	@Transactional
	public Summary recompute(LocalDate asOf, java.util.function.Consumer<Step> progress) {
		progress.accept(Step.WAITING);
		this.jdbc.sql("select pg_advisory_xact_lock(hashtext('segmentation.recompute'))").query().singleRow();
		progress.accept(Step.PURCHASES);
		Instant started = this.clock.instant();
		ZoneId zone = this.clock.getZone();
		Settings s = this.settings;
		long step = System.nanoTime();
		Timestamp end = Timestamp.from(asOf.plusDays(1).atStartOfDay(zone).toInstant());
		Timestamp windowStart = Timestamp
			.from(asOf.plusDays(1).minusMonths(s.windowMonths()).atStartOfDay(zone).toInstant());
		// sorts and hashes of a million customers stay in memory for this transaction
		this.jdbc.sql("set local work_mem = '128MB'").update();
		// every customer's purchase figures once, into a temporary table the steps share
		this.jdbc.sql("""
				create temporary table segmentation_base on commit drop as
				with p as (
				  select customer_id, min(ordered_at) as first_at, max(ordered_at) as last_at, count(*) as orders,
				    count(*) filter (where ordered_at >= :windowStart) as f,
				    sum(total) filter (where ordered_at >= :windowStart) as m
				  from commerce_purchase where ordered_at < :end
				  group by customer_id
				)
				select d.customer_id, (p.first_at at time zone :zone)::date as first_day,
				  (p.last_at at time zone :zone)::date as last_day, coalesce(p.orders, 0)::int as orders,
				  case when p.orders > 1
				    then extract(epoch from p.last_at - p.first_at) / 86400.0 / (p.orders - 1) end as gap,
				  case when p.f > 0 then :asOf - (p.last_at at time zone :zone)::date end as recency,
				  nullif(p.f, 0)::int as f, case when p.f > 0 then p.m end as m
				from customer_directory d left join p on p.customer_id = d.customer_id
				""")
			.param("zone", zone.getId())
			.param("windowStart", windowStart)
			.param("end", end)
			.param("asOf", Date.valueOf(asOf))
			.update();
		this.jdbc.sql("analyze segmentation_base").update();
		BigDecimal fallbackGap = this.jdbc.sql("""
				select round(percentile_cont(0.5) within group (order by gap)::numeric, 1)
				from segmentation_base where orders > 1
				""").query(BigDecimal.class).optional().orElse(null);
		long runId = this.jdbc.sql("""
				insert into segmentation_run (as_of, window_months, new_days, active_factor, churn_days, high_share,
				  mid_share, fallback_gap, started_at, finished_at, started_by, customers)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0) returning id
				""")
			.params(Date.valueOf(asOf), s.windowMonths(), s.newDays(), s.activeFactor(), s.churnDays(), s.highShare(),
					s.midShare(), fallbackGap, Timestamp.from(started), Timestamp.from(started),
					CurrentUser.usernameOrSystem())
			.query(Long.class)
			.single();
		step = timed("purchases per customer", step);
		progress.accept(Step.SCORES);
		// the run's rows go into a table of their own, indexed once when attached as the
		// run's partition (the run id is a number from the database, never user input)
		String partition = partition(runId);
		this.jdbc.sql("create table " + partition
				+ " (like customer_segment including defaults including constraints, check (run_id = " + runId + "))")
			.update();
		long customers = this.jdbc
			.sql("""
					insert into %s (run_id, customer_id, first_purchase, last_purchase, orders_total,
					  expected_gap, recency_days, frequency, monetary, r, f, m, rfm_segment, lifecycle, value_tier)
					with n as (
					  select count(*) filter (where f is not null) as buyers, count(*) filter (where m > 0) as spenders
					  from segmentation_base
					), by_recency as (
					  select recency, sum(count(*)) over (order by recency desc) - count(*) as more_recent
					  from segmentation_base where f is not null group by recency
					), by_frequency as (
					  select f, sum(count(*)) over (order by f) - count(*) as fewer
					  from segmentation_base where f is not null group by f
					), by_money as (
					  select b.*, rank() over w - 1 as less, count(*) over w as at_most
					  from segmentation_base b window w as (partition by (f is null) order by m)
					), scored as (
					  select b.*,
					    case when b.f is not null then 1 + floor(5.0 * r.more_recent / n.buyers) end as rs,
					    case when b.f is not null then 1 + floor(5.0 * fr.fewer / n.buyers) end as fs,
					    case when b.f is not null then 1 + floor(5.0 * b.less / n.buyers) end as ms,
					    case when b.m > 0 then (n.buyers - b.at_most)::numeric / n.spenders end as spend_share
					  from by_money b cross join n
					    left join by_recency r on r.recency = b.recency
					    left join by_frequency fr on fr.f = b.f
					)
					select :run, customer_id, first_day, last_day, orders, round(gap::numeric, 1), recency, f, m, rs, fs, ms,
					  case when f is null then null else %s end,
					  case when orders = 0 then 'POTENTIAL'
					       when :asOf - first_day < :newDays then 'NEW'
					       when :asOf - last_day >= :churnDays then 'CHURNED'
					       when :asOf - last_day <= :activeFactor * coalesce(gap, :fallbackGap, 0) then 'ACTIVE'
					       else 'DORMANT' end,
					  case when spend_share < :highShare then 'HIGH'
					       when spend_share < :highShare + :midShare then 'MID'
					       else 'LOW' end
					from scored
					"""
				.formatted(partition, RfmSegment.sqlCase("rs", "fs")))
			.param("asOf", Date.valueOf(asOf))
			.param("run", runId)
			.param("newDays", s.newDays())
			.param("churnDays", s.churnDays())
			.param("activeFactor", s.activeFactor())
			.param("fallbackGap", fallbackGap)
			.param("highShare", s.highShare())
			.param("midShare", s.midShare())
			.update();
		this.jdbc.sql("alter table customer_segment attach partition " + partition + " for values in (" + runId + ")")
			.update();
		this.jdbc.sql("analyze " + partition).update();
		step = timed("scores", step);
		progress.accept(Step.STAGES);
		this.stages
			.apply("(select customer_id, lifecycle as stage from customer_segment where run_id = " + runId + ")");
		step = timed("lifecycle stages", step);
		progress.accept(Step.SAVING);
		this.beforeCommit.run();
		this.jdbc.sql("update segmentation_run set customers = ?, finished_at = ? where id = ?")
			.params(customers, Timestamp.from(this.clock.instant()), runId)
			.update();
		List<Long> old = this.jdbc.sql("select id from segmentation_run order by id desc offset ?")
			.param(KEEP_RUNS)
			.query(Long.class)
			.list();
		for (long id : old) {
			this.jdbc.sql("drop table if exists " + partition(id)).update();
		}
		if (!old.isEmpty()) {
			this.jdbc.sql("delete from segmentation_run where id in (:ids)").param("ids", old).update();
		}
		timed("old runs", step);
		return summary(runId);
	}

	private static long timed(String step, long since) {
		long now = System.nanoTime();
		if (log.isDebugEnabled()) {
			log.debug("recompute {}: {} ms", step, (now - since) / 1_000_000);
		}
		return now;
	}

	/** The table holding a run's rows. */
	private static String partition(long runId) {
		return "customer_segment_r" + runId;
	}

	/** The latest finished run, if any. */
	@Transactional(readOnly = true)
	public Optional<Run> latestRun() {
		return this.jdbc.sql("select id from segmentation_run order by id desc limit 1")
			.query(Long.class)
			.optional()
			.map(this::run);
	}

	/** The counts of the latest run. */
	@Transactional(readOnly = true)
	public Optional<Summary> latestSummary() {
		return latestRun().map((run) -> summary(run.id()));
	}

	/**
	 * How many customers moved from which RFM segment in the previous run to which in the
	 * latest ({@code null} = no segment, e.g. no purchase in the window), or an empty map
	 * when there is only one run.
	 * @return counts by previous segment, then latest segment, in the segments' order
	 */
	@Transactional(readOnly = true)
	public Map<RfmSegment, Map<RfmSegment, Long>> transitions() {
		var runs = this.jdbc.sql("select id from segmentation_run order by id desc limit 2").query(Long.class).list();
		Map<RfmSegment, Map<RfmSegment, Long>> matrix = new LinkedHashMap<>();
		if (runs.size() < 2) {
			return matrix;
		}
		this.jdbc.sql("""
				select p.rfm_segment, c.rfm_segment, count(*)
				from customer_segment c left join customer_segment p on p.run_id = ? and p.customer_id = c.customer_id
				where c.run_id = ? and (p.rfm_segment is not null or c.rfm_segment is not null)
				group by 1, 2
				""").params(runs.get(1), runs.get(0)).query((rs) -> {
			RfmSegment from = (rs.getString(1) != null) ? RfmSegment.valueOf(rs.getString(1)) : null;
			RfmSegment to = (rs.getString(2) != null) ? RfmSegment.valueOf(rs.getString(2)) : null;
			matrix.computeIfAbsent(from, (k) -> new LinkedHashMap<>()).put(to, rs.getLong(3));
		});
		return matrix;
	}

	private Run run(long id) {
		return this.jdbc
			.sql("""
					select id, as_of, window_months, new_days, active_factor, churn_days, high_share, mid_share, fallback_gap,
					  finished_at, started_by, customers, extract(epoch from finished_at - started_at)
					from segmentation_run where id = ?
					""")
			.param(id)
			.query((rs, i) -> new Run(rs.getLong(1), rs.getDate(2).toLocalDate(),
					new Settings(rs.getInt(3), rs.getInt(4), rs.getBigDecimal(5), rs.getInt(6), rs.getBigDecimal(7),
							rs.getBigDecimal(8)),
					rs.getBigDecimal(9), rs.getTimestamp(10).toInstant(), rs.getString(11), rs.getLong(12),
					rs.getDouble(13)))
			.single();
	}

	private Summary summary(long runId) {
		Map<String, Long> rfm = new LinkedHashMap<>();
		Map<String, Long> rfmCounts = counts(runId, "rfm_segment");
		for (RfmSegment segment : RfmSegment.values()) {
			rfm.put(segment.getLabel(), rfmCounts.getOrDefault(segment.name(), 0L));
		}
		Map<String, Long> lifecycle = new LinkedHashMap<>();
		Map<String, Long> stageCounts = counts(runId, "lifecycle");
		for (String stage : LifecycleStages.ALL) {
			lifecycle.put(stage, stageCounts.getOrDefault(stage, 0L));
		}
		Map<String, Long> tiers = new LinkedHashMap<>();
		Map<String, Long> tierCounts = counts(runId, "value_tier");
		for (String tier : new String[] { "HIGH", "MID", "LOW" }) {
			tiers.put(tier, tierCounts.getOrDefault(tier, 0L));
		}
		return new Summary(run(runId), rfm, lifecycle, tiers);
	}

	private Map<String, Long> counts(long runId, String column) {
		Map<String, Long> counts = new LinkedHashMap<>();
		this.jdbc
			.sql("select " + column + ", count(*) from customer_segment where run_id = ? and " + column
					+ " is not null group by 1")
			.param(runId)
			.query((rs) -> {
				counts.put(rs.getString(1), rs.getLong(2));
			});
		return counts;
	}

	/**
	 * One customer's figures in the latest run.
	 *
	 * @param asOf the run's day
	 * @param firstPurchase first purchase day
	 * @param lastPurchase last purchase day
	 * @param orders orders ever (counting ones)
	 * @param expectedGap the customer's average days between purchases
	 * @param recencyDays days since the last purchase in the window
	 * @param frequency orders in the window
	 * @param monetary spend in the window
	 * @param r recency score
	 * @param f frequency score
	 * @param m monetary score
	 * @param segment RFM segment
	 * @param lifecycle lifecycle stage
	 * @param valueTier value tier
	 * @param run the run's thresholds
	 */
	public record CustomerFigures(LocalDate asOf, LocalDate firstPurchase, LocalDate lastPurchase, int orders,
			BigDecimal expectedGap, Integer recencyDays, Integer frequency, BigDecimal monetary, Integer r, Integer f,
			Integer m, RfmSegment segment, String lifecycle, String valueTier, Run run) {

		/** Days since the first purchase, {@code null} without one. */
		public Long daysSinceFirst() {
			return (this.firstPurchase != null)
					? java.time.temporal.ChronoUnit.DAYS.between(this.firstPurchase, this.asOf) : null;
		}

		/** Days since the last purchase, {@code null} without one. */
		public Long daysSinceLast() {
			return (this.lastPurchase != null)
					? java.time.temporal.ChronoUnit.DAYS.between(this.lastPurchase, this.asOf) : null;
		}

	}

	@Transactional(readOnly = true)
	public Optional<CustomerFigures> forCustomer(long customerId) {
		Optional<Run> latest = latestRun();
		if (latest.isEmpty()) {
			return Optional.empty();
		}
		Run run = latest.get();
		return this.jdbc.sql("""
				select first_purchase, last_purchase, orders_total, expected_gap, recency_days, frequency, monetary,
				  r, f, m, rfm_segment, lifecycle, value_tier
				from customer_segment where run_id = ? and customer_id = ?
				""").params(run.id(), customerId).query((rs, i) -> {
			java.sql.Date first = rs.getDate(1);
			java.sql.Date last = rs.getDate(2);
			String segment = rs.getString(11);
			return new CustomerFigures(run.asOf(), (first != null) ? first.toLocalDate() : null,
					(last != null) ? last.toLocalDate() : null, rs.getInt(3), rs.getBigDecimal(4),
					(Integer) rs.getObject(5), (Integer) rs.getObject(6), rs.getBigDecimal(7), number(rs.getObject(8)),
					number(rs.getObject(9)), number(rs.getObject(10)),
					(segment != null) ? RfmSegment.valueOf(segment) : null, rs.getString(12), rs.getString(13), run);
		}).optional();
	}

	private static Integer number(Object value) {
		return (value != null) ? ((Number) value).intValue() : null;
	}

}

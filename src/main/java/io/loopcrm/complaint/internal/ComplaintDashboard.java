package io.loopcrm.complaint.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.loopcrm.complaint.ComplaintFigures;
import io.loopcrm.customer.CustomerQueries;
import io.loopcrm.customer.CustomerSummary;
import io.loopcrm.platform.LoopCrmProperties;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The complaints dashboard: figures over the cases registered in a period of calendar
 * months (configured zone). Orders are those that count as purchases (the commerce
 * module's {@code commerce_purchase}: cancelled and refunded never count), placed in the
 * same months. Rates are complaints per 1,000 orders: by month against that month's
 * orders; by category and cause against all orders of the period; by product against the
 * orders holding that product; by store against the orders of that store (a case's store
 * is its STORE reference or the store of the order it is about).
 */
@Component
class ComplaintDashboard implements ComplaintFigures {

	/** Rows shown for products, stores and repeat complainants. */
	static final int TOP = 15;

	private final JdbcClient jdbc;

	private final CustomerQueries customers;

	private final ComplaintProperties properties;

	private final ZoneId zone;

	private final Clock clock;

	ComplaintDashboard(JdbcClient jdbc, CustomerQueries customers, ComplaintProperties properties,
			LoopCrmProperties loopcrm, Clock clock) {
		this.jdbc = jdbc;
		this.customers = customers;
		this.properties = properties;
		this.zone = loopcrm.zone();
		this.clock = clock;
	}

	/**
	 * All figures of a period.
	 *
	 * @param from first month
	 * @param to last month
	 * @param totals the headline figures
	 * @param months one row per month of the period
	 * @param categories what the complaints are about
	 * @param causes root-cause categories, most frequent first, with cumulative shares
	 * (Pareto)
	 * @param products products complained about, most first
	 * @param stores stores complained about, most first
	 * @param steps average time each step took
	 * @param sla SLA compliance per severity, then all together (severity {@code null})
	 * @param repeaters customers with two or more cases in the period, most first
	 */
	record Figures(String from, String to, Totals totals, List<MonthRow> months, List<GroupRow> categories,
			List<GroupRow> causes, List<GroupRow> products, List<GroupRow> stores, List<StepRow> steps,
			List<SlaRow> sla, List<RepeatRow> repeaters) {
	}

	/**
	 * @param cases cases registered in the period
	 * @param orders counting orders in the period
	 * @param rate cases per 1,000 orders, {@code null} without orders
	 * @param validated cases whose validity was decided
	 * @param invalid of those, invalid
	 * @param invalidShare invalid / validated
	 * @param open cases not closed
	 * @param overdue open cases past due
	 * @param closed closed cases
	 * @param averageHoursToClose mean wall-clock hours from registration to closing
	 * @param repeatComplainants customers with two or more cases in the period
	 * @param repeatCases the cases of those customers
	 */
	record Totals(long cases, long orders, Double rate, long validated, long invalid, Double invalidShare, long open,
			long overdue, long closed, Double averageHoursToClose, long repeatComplainants, long repeatCases) {
	}

	record MonthRow(String month, long cases, long orders, Double rate) {
	}

	/**
	 * @param key the category, cause, SKU or store
	 * @param name a product's name, else {@code null}
	 * @param cases cases
	 * @param share cases / all cases of the period (for causes: / cases with a cause)
	 * @param cumulativeShare for causes: running total of shares, most frequent first
	 * @param orders the orders the rate is taken against
	 * @param rate cases per 1,000 of those orders
	 */
	record GroupRow(String key, String name, long cases, Double share, Double cumulativeShare, long orders,
			Double rate) {
	}

	/**
	 * @param action the step's slug
	 * @param count how often it was taken
	 * @param averageHours mean wall-clock hours since the step before it
	 */
	record StepRow(String action, long count, double averageHours) {
	}

	/**
	 * @param severity the severity, {@code null} for all cases
	 * @param targetHours resolution target, {@code null} for all
	 * @param decided closed, or open and past due
	 * @param onTime closed by the due time
	 * @param compliance onTime / decided
	 * @param openNotDue open and not yet due
	 */
	record SlaRow(Severity severity, Integer targetHours, long decided, long onTime, Double compliance,
			long openNotDue) {
	}

	record RepeatRow(long customerId, String name, long cases) {
	}

	@Override
	@Transactional(readOnly = true)
	public Summary summary(YearMonth from, YearMonth to) {
		Figures f = figures(from, to);
		SlaRow all = f.sla().get(f.sla().size() - 1);
		return new Summary(f.totals().cases(), f.totals().orders(), f.totals().rate(), all.compliance(),
				f.totals().invalidShare(), f.totals().open(), f.totals().overdue());
	}

	@Override
	@Transactional(readOnly = true)
	public long openCases(long customerId) {
		return this.jdbc.sql("select count(*) from complaint_case where customer_id = ? and status <> 'CLOSED'")
			.param(customerId)
			.query(Long.class)
			.single();
	}

	@Transactional(readOnly = true)
	Figures figures(YearMonth from, YearMonth to) {
		Map<String, Object> p = new HashMap<>();
		p.put("start", Timestamp.from(from.atDay(1).atStartOfDay(this.zone).toInstant()));
		p.put("end", Timestamp.from(to.plusMonths(1).atDay(1).atStartOfDay(this.zone).toInstant()));
		p.put("zone", this.zone.getId());
		p.put("now", Timestamp.from(this.clock.instant()));
		String inPeriod = "registered_at >= :start and registered_at < :end";

		List<MonthRow> months = months(from, to, p, inPeriod);
		long cases = months.stream().mapToLong(MonthRow::cases).sum();
		long orders = months.stream().mapToLong(MonthRow::orders).sum();

		Totals totals = this.jdbc.sql("""
				select count(*) filter (where valid is not null), count(*) filter (where valid = false),
				       count(*) filter (where status <> 'CLOSED'),
				       count(*) filter (where status <> 'CLOSED' and due_at < :now),
				       count(*) filter (where status = 'CLOSED'),
				       avg(extract(epoch from closed_at - registered_at) / 3600.0) filter (where status = 'CLOSED')
				from complaint_case where %s
				""".formatted(inPeriod)).params(p).query((rs, n) -> {
			long validated = rs.getLong(1);
			long invalid = rs.getLong(2);
			Double hours = (rs.getObject(6) != null) ? round(rs.getDouble(6), 2) : null;
			return new Totals(cases, orders, rate(cases, orders), validated, invalid, share(invalid, validated),
					rs.getLong(3), rs.getLong(4), rs.getLong(5), hours, 0, 0);
		}).single();

		List<GroupRow> categories = this.jdbc
			.sql("select about_type, count(*) from complaint_case where %s group by about_type order by 2 desc, 1"
				.formatted(inPeriod))
			.params(p)
			.query((rs, n) -> new GroupRow(rs.getString(1), null, rs.getLong(2), share(rs.getLong(2), cases), null,
					orders, rate(rs.getLong(2), orders)))
			.list();

		List<GroupRow> causes = causes(p, inPeriod, orders);

		List<GroupRow> products = this.jdbc.sql("""
				select c.product_sku, max(pr.name), count(*),
				       (select count(*) from commerce_order_reference o
				          join commerce_order_product op on op.order_id = o.order_id
				        where o.counts and op.sku = c.product_sku and o.ordered_at >= :start and o.ordered_at < :end)
				from complaint_case c left join commerce_product_reference pr on pr.sku = c.product_sku
				where c.product_sku is not null and c.%s
				group by c.product_sku order by 3 desc, 1 limit %d
				""".formatted(inPeriod, TOP))
			.params(p)
			.query((rs, n) -> new GroupRow(rs.getString(1), rs.getString(2), rs.getLong(3), share(rs.getLong(3), cases),
					null, rs.getLong(4), rate(rs.getLong(3), rs.getLong(4))))
			.list();

		List<GroupRow> stores = this.jdbc.sql("""
				select c.store, count(*),
				       (select count(*) from commerce_order_reference o
				        where o.counts and o.store = c.store and o.ordered_at >= :start and o.ordered_at < :end)
				from complaint_case c
				where c.store is not null and c.%s
				group by c.store order by 2 desc, 1 limit %d
				""".formatted(inPeriod, TOP))
			.params(p)
			.query((rs, n) -> new GroupRow(rs.getString(1), null, rs.getLong(2), share(rs.getLong(2), cases), null,
					rs.getLong(3), rate(rs.getLong(2), rs.getLong(3))))
			.list();

		Map<String, StepRow> byAction = new HashMap<>();
		this.jdbc.sql("""
				select action, count(*), avg(extract(epoch from occurred_at - previous) / 3600.0)
				from (select s.action, s.occurred_at,
				             lag(s.occurred_at) over (partition by s.case_id order by s.occurred_at, s.id) as previous
				      from complaint_step s join complaint_case c on c.id = s.case_id
				      where c.%s) x
				where previous is not null
				group by action
				""".formatted(inPeriod))
			.params(p)
			.query((rs, n) -> new StepRow(rs.getString(1), rs.getLong(2), round(rs.getDouble(3), 2)))
			.list()
			.forEach((row) -> byAction.put(row.action(), row));
		List<StepRow> steps = new ArrayList<>();
		for (CaseAction action : CaseAction.values()) {
			if (byAction.containsKey(action.slug())) {
				steps.add(byAction.get(action.slug()));
			}
		}

		List<SlaRow> sla = sla(p, inPeriod);

		List<RepeatRow> repeaters = new ArrayList<>();
		long[] repeat = new long[2];
		this.jdbc.sql("""
				select customer_id, count(*) from complaint_case where %s
				group by customer_id having count(*) >= 2 order by 2 desc, 1
				""".formatted(inPeriod)).params(p).query((rs) -> {
			repeat[0]++;
			repeat[1] += rs.getLong(2);
			if (repeaters.size() < TOP) {
				long customerId = rs.getLong(1);
				repeaters.add(new RepeatRow(customerId, null, rs.getLong(2)));
			}
		});
		List<RepeatRow> named = repeaters.stream()
			.map((r) -> new RepeatRow(r.customerId(),
					this.customers.find(r.customerId()).map(CustomerSummary::name).orElse("#" + r.customerId()),
					r.cases()))
			.toList();
		Totals withRepeat = new Totals(totals.cases(), totals.orders(), totals.rate(), totals.validated(),
				totals.invalid(), totals.invalidShare(), totals.open(), totals.overdue(), totals.closed(),
				totals.averageHoursToClose(), repeat[0], repeat[1]);
		return new Figures(from.toString(), to.toString(), withRepeat, months, categories, causes, products, stores,
				steps, sla, named);
	}

	private List<MonthRow> months(YearMonth from, YearMonth to, Map<String, Object> p, String inPeriod) {
		Map<String, Long> cases = new HashMap<>();
		this.jdbc.sql("""
				select to_char(registered_at at time zone :zone, 'YYYY-MM'), count(*) from complaint_case
				where %s group by 1
				""".formatted(inPeriod)).params(p).query((rs) -> {
			cases.put(rs.getString(1), rs.getLong(2));
		});
		Map<String, Long> orders = new HashMap<>();
		this.jdbc.sql("""
				select to_char(ordered_at at time zone :zone, 'YYYY-MM'), count(*) from commerce_purchase
				where ordered_at >= :start and ordered_at < :end group by 1
				""").params(p).query((rs) -> {
			orders.put(rs.getString(1), rs.getLong(2));
		});
		List<MonthRow> rows = new ArrayList<>();
		for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
			long c = cases.getOrDefault(m.toString(), 0L);
			long o = orders.getOrDefault(m.toString(), 0L);
			rows.add(new MonthRow(m.toString(), c, o, rate(c, o)));
		}
		return rows;
	}

	private List<GroupRow> causes(Map<String, Object> p, String inPeriod, long orders) {
		List<Object[]> counts = this.jdbc.sql("""
				select cause_category, count(*) from complaint_case
				where cause_category is not null and %s group by cause_category order by 2 desc, 1
				""".formatted(inPeriod))
			.params(p)
			.query((rs, n) -> new Object[] { rs.getString(1), rs.getLong(2) })
			.list();
		long withCause = counts.stream().mapToLong((r) -> (long) r[1]).sum();
		List<GroupRow> rows = new ArrayList<>();
		long running = 0;
		for (Object[] row : counts) {
			long n = (long) row[1];
			running += n;
			rows.add(new GroupRow((String) row[0], null, n, share(n, withCause), share(running, withCause), orders,
					rate(n, orders)));
		}
		return rows;
	}

	private List<SlaRow> sla(Map<String, Object> p, String inPeriod) {
		Map<Severity, SlaRow> bySeverity = new EnumMap<>(Severity.class);
		this.jdbc.sql("""
				select severity,
				       count(*) filter (where status = 'CLOSED' or due_at < :now),
				       count(*) filter (where status = 'CLOSED' and closed_at <= due_at),
				       count(*) filter (where status <> 'CLOSED' and due_at >= :now)
				from complaint_case where %s group by severity
				""".formatted(inPeriod)).params(p).query((rs) -> {
			Severity severity = Severity.valueOf(rs.getString(1));
			bySeverity.put(severity, new SlaRow(severity, hours(severity), rs.getLong(2), rs.getLong(3),
					share(rs.getLong(3), rs.getLong(2)), rs.getLong(4)));
		});
		List<SlaRow> rows = new ArrayList<>();
		long decided = 0;
		long onTime = 0;
		long notDue = 0;
		for (Severity severity : List.of(Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW)) {
			SlaRow row = bySeverity.getOrDefault(severity, new SlaRow(severity, hours(severity), 0, 0, null, 0));
			rows.add(row);
			decided += row.decided();
			onTime += row.onTime();
			notDue += row.openNotDue();
		}
		rows.add(new SlaRow(null, null, decided, onTime, share(onTime, decided), notDue));
		return rows;
	}

	private int hours(Severity severity) {
		return (int) this.properties.target(severity).toHours();
	}

	/** Cases per 1,000 orders, two decimals; {@code null} without orders. */
	static Double rate(long cases, long orders) {
		return (orders == 0) ? null
				: BigDecimal.valueOf(cases * 1000L)
					.divide(BigDecimal.valueOf(orders), 2, RoundingMode.HALF_UP)
					.doubleValue();
	}

	/** A share with four decimals; {@code null} of nothing. */
	static Double share(long part, long whole) {
		return (whole == 0) ? null
				: BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP).doubleValue();
	}

	private static double round(double value, int decimals) {
		return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).doubleValue();
	}

	/** The period the dashboard opens with: the last twelve months including this one. */
	YearMonth[] defaultPeriod() {
		YearMonth now = YearMonth.from(Instant.now(this.clock).atZone(this.zone));
		return new YearMonth[] { now.minusMonths(11), now };
	}

}

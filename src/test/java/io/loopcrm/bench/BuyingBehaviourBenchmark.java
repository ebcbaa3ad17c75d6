package io.loopcrm.bench;

import java.net.CookieManager;
import java.net.http.HttpClient;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;
import java.util.StringJoiner;

import io.loopcrm.LoopCrmApplication;
import io.loopcrm.commerce.internal.BuyingBehaviourRollup;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The buying-behaviour page at scale: fills an embedded PostgreSQL under
 * {@code target/bench/buying-pg} with {@code bench.customers} customers (default
 * 1,000,000) and about {@code bench.lines} order lines (default 10,000,000; one order per
 * three lines on average) over the 24 months November 2024 - October 2026, generated
 * once, deterministically, in SQL: month seasonality (11.11 and December high, the Spring
 * Festival month low, growth year on year), more orders on Fridays and weekends, an
 * hourly shape peaking at lunch and in the evening, channels 45/25/25/5 %, 4 % cancelled
 * and 2 % refunded, customers and products drawn with a skew. Then it times the full
 * refresh of the rollups, an incremental one-month refresh and the page over HTTP on
 * loopback (a signed-in manager, after warm-up). Run with
 * {@code bench/buying-behaviour/run.sh}.
 */
@Tag("bench")
class BuyingBehaviourBenchmark {

	static final int WARM_UP = 30;

	static final int MEASURED = 60;

	static final LocalDate FIRST_DAY = LocalDate.of(2024, 11, 1);

	static final int DAYS = 730;

	static final int PRODUCTS = 2000;

	static final long ORDER_ID_BASE = 100_000_000L;

	@Test
	void rollupRefreshAndPage() throws Exception {
		int customers = Integer.getInteger("bench.customers", 1_000_000);
		long lines = Long.getLong("bench.lines", 10_000_000L);
		long orders = lines / 3;
		String dataDir = System.getProperty("bench.dataDir", "target/bench/buying-pg");
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(LoopCrmApplication.class).run(
				"--server.port=0", "--loopcrm.embedded-db.data-dir=" + dataDir, "--loopcrm.demo.enabled=true",
				"--logging.level.root=WARN", "--logging.level.io.loopcrm.segmentation=DEBUG")) {
			JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
			BuyingBehaviourRollup rollup = app.getBean(BuyingBehaviourRollup.class);
			long existing = jdbc.queryForObject("select count(*) from customer where external_id like 'B%'",
					Long.class);
			if (existing < customers) {
				long start = System.nanoTime();
				BenchData.generate(jdbc, (int) existing + 1, customers);
				System.out.printf("generated %,d customers in %.1f s%n", customers - existing,
						(System.nanoTime() - start) / 1e9);
			}
			long existingOrders = jdbc.queryForObject("select count(*) from customer_order where source = 'bench'",
					Long.class);
			if (existingOrders < orders) {
				long start = System.nanoTime();
				try (java.sql.Connection connection = jdbc.getDataSource().getConnection()) {
					JdbcTemplate one = new JdbcTemplate(
							new org.springframework.jdbc.datasource.SingleConnectionDataSource(connection, true));
					// rows are consistent by construction: skip the per-row foreign-key
					// triggers (the embedded database's user is a superuser)
					one.execute("set session_replication_role = replica");
					generateOrders(one, customers, existingOrders + 1, orders);
					one.execute("reset session_replication_role");
				}
				System.out.printf("generated %,d orders in %.1f s%n", orders - existingOrders,
						(System.nanoTime() - start) / 1e9);
				jdbc.execute("vacuum analyze customer_order");
				jdbc.execute("vacuum analyze order_line");
				jdbc.execute("vacuum analyze customer");
			}
			long totalOrders = jdbc.queryForObject("select count(*) from customer_order", Long.class);
			long totalLines = jdbc.queryForObject("select count(*) from order_line", Long.class);
			long totalCustomers = jdbc.queryForObject("select count(*) from customer", Long.class);

			if (Boolean.getBoolean("bench.segmentationOnly")) {
				System.out.printf("%n%,d customers, %,d orders, %,d order lines in the database%n", totalCustomers,
						totalOrders, totalLines);
				recompute(app);
				return;
			}
			boolean refresh = !Boolean.getBoolean("bench.pagesOnly");
			long start = System.nanoTime();
			if (refresh) {
				rollup.refreshAll();
			}
			double full = (System.nanoTime() - start) / 1e9;
			jdbc.execute("vacuum analyze buying_customer_month");
			double[] incremental = new double[refresh ? 3 : 1];
			for (int i = 0; refresh && i < incremental.length; i++) {
				start = System.nanoTime();
				rollup.refreshMonths(List.of(YearMonth.of(2026, 10)));
				incremental[i] = (System.nanoTime() - start) / 1e9;
			}
			Arrays.sort(incremental);
			long customerMonths = jdbc.queryForObject("select count(*) from buying_customer_month", Long.class);
			long shapes = jdbc.queryForObject("select count(*) from buying_repeat_shape", Long.class);

			String base = "http://localhost:" + app.getBean(Environment.class).getProperty("local.server.port");
			HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
			BenchHttp.signIn(http, base);
			double[] defaultPeriod = measure(http, base + "/analytics/buying");
			double[] twoYears = measure(http, base + "/analytics/buying?from=2024-11&to=2026-10");
			double[] csv = measure(http, base + "/analytics/buying/monthly.csv?from=2024-11&to=2026-10");
			// profiles of customers with orders: purchase summary, recommendations and
			// the
			// timeline with their orders, each request a different customer
			List<Long> buyers = jdbc.queryForList(
					"select distinct customer_id from customer_order where id % 9973 = 0 and counts limit 400",
					Long.class);
			double[] profile = measureEach(http, base, buyers);

			System.out.printf("%n%,d customers, %,d orders, %,d order lines in the database%n", totalCustomers,
					totalOrders, totalLines);
			System.out.printf("rollups: %,d customer-months, %,d repurchase shapes%n", customerMonths, shapes);
			if (refresh) {
				System.out.printf("%-52s %8.1f s%n", "full refresh (refreshAll)", full);
				System.out.printf("%-52s %8.1f s (median of 3; %.1f - %.1f)%n", "incremental refresh of one month",
						incremental[1], incremental[0], incremental[2]);
			}
			print("page, default period (12 complete months + current)", defaultPeriod);
			print("page, 24 months", twoYears);
			print("monthly CSV, 24 months", csv);
			print("customer profile with purchases (each a different customer)", profile);
			if (Boolean.getBoolean("bench.segmentation")) {
				recompute(app);
			}
			if (Boolean.getBoolean("bench.clusters")) {
				clusters(app);
			}
		}
	}

	/**
	 * Two segmentation recomputes: the first after a data change, the second unchanged.
	 */
	private static void recompute(ConfigurableApplicationContext app) {
		var segmentation = app.getBean(io.loopcrm.segmentation.internal.Segmentation.class);
		// the first recompute writes every customer's lifecycle stage, as on the first
		// run after a large import; the second (a day later) changes few
		app.getBean(JdbcTemplate.class).execute("truncate customer_lifecycle");
		String[] labels = { "segmentation recompute, first (every stage new)", "segmentation recompute, a day later" };
		for (int i = 0; i < 2; i++) {
			long begin = System.nanoTime();
			var summary = segmentation.recompute(LocalDate.of(2026, 11, 1).minusDays(1 - i));
			System.out.printf("%-52s %8.1f s (%,d customers)%n", labels[i], (System.nanoTime() - begin) / 1e9,
					summary.run().customers());
		}
	}

	/**
	 * Clusters the customers of the segmentation run as of 2026-11-01 (recomputed first
	 * unless the latest run is of that day): k suggested by the silhouette, then k = 5;
	 * and the decision rules for churned against active customers. Each timed from the
	 * database read to the committed run.
	 */
	static void clusters(ConfigurableApplicationContext app) {
		var segmentation = app.getBean(io.loopcrm.segmentation.internal.Segmentation.class);
		java.time.LocalDate asOf = java.time.LocalDate.of(2026, 11, 1);
		if (segmentation.latestRun().filter((run) -> run.asOf().equals(asOf)).isEmpty()) {
			segmentation.recompute(asOf);
		}
		var clusters = app.getBean(io.loopcrm.segmentation.internal.CustomerClusters.class);
		for (Integer k : new Integer[] { null, 5 }) {
			long begin = System.nanoTime();
			var run = clusters.run(k);
			System.out.printf("%-52s %8.1f s (%,d customers, k = %d%s, silhouette %.3f)%n",
					"clusters (read features, k-means, store)", (System.nanoTime() - begin) / 1e9, run.customers(),
					run.k(), run.suggested() ? " suggested" : "", run.silhouette());
		}
		var rules = app.getBean(io.loopcrm.segmentation.internal.DecisionRules.class);
		long begin = System.nanoTime();
		var result = rules.explain("CHURNED", 3, null);
		System.out.printf("%-52s %8.1f s (%,d customers, %d rules, held-out accuracy %.3f)%n",
				"decision rules, churned against active, depth 3", (System.nanoTime() - begin) / 1e9, result.rows(),
				result.model().rules().size(), result.model().heldOutAccuracy());
	}

	/**
	 * Orders {@code from..to} (1-based) with their lines; every value is a function of
	 * the order number i (and line number j) through PostgreSQL's hash functions.
	 */
	static void generateOrders(JdbcTemplate jdbc, int customers, long from, long to) {
		Long firstCustomer = jdbc.queryForObject(
				"select min(id) from customer where external_id like 'B%' having max(id) - min(id) + 1 = count(*)",
				Long.class);
		if (firstCustomer == null) {
			throw new IllegalStateException("bench customers do not have consecutive ids");
		}
		if (jdbc.queryForObject("select count(*) from product where sku like 'BP%'", Long.class) == 0) {
			jdbc.update("insert into product_category (name) select 'Bench ' || t from generate_series(1, 8) t");
			jdbc.update("""
					insert into product_category (parent_id, name)
					select c.id, c.name || '.' || s from product_category c, generate_series(1, 5) s
					where c.parent_id is null and c.name like 'Bench %'
					""");
			jdbc.update(
					"""
							insert into product (sku, name, category_id, list_price, created_at, updated_at)
							select 'BP' || lpad(p::text, 5, '0'), 'Bench product ' || p,
							  (select id from product_category where name = 'Bench ' || (1 + p % 8) || '.' || (1 + (p / 8) % 5)),
							  round(5 + ((hashint4(p) & 2147483647) % 30000) / 100.0, 2), now(), now()
							from generate_series(1, ?) p
							""",
					PRODUCTS);
		}
		Long firstProduct = jdbc.queryForObject("select min(id) from product where sku like 'BP%'", Long.class);
		String days = thresholds(dayWeights());
		String hours = thresholds(HOUR_WEIGHTS);
		long batch = 250_000;
		for (long start = from; start <= to; start += batch) {
			long end = Math.min(to, start + batch - 1);
			// lines first (the foreign-key triggers are off), then each order with the
			// sum of
			// its lines as total
			jdbc.update(
					"""
							insert into order_line (order_id, line_no, product_id, quantity, unit_price, amount)
							select %d + i, j, %d + p, q, price, q * price
							from (
							  select i, j, p, q, round(5 + ((hashint4(p) & 2147483647) %% 30000) / 100.0, 2) as price
							  from (
							    select i, j,
							      floor(%d * power(((hashint8(i * 8 + j) & 9223372036854775807) %% 1000003)::float8 / 1000003, 2))::int as p,
							      1 + ((hashint8(i * 8 + j + 4) & 9223372036854775807) %% 3)::int as q
							    from generate_series(cast(? as bigint), cast(? as bigint)) i,
							      generate_series(1, 1 + ((hashint8(i * 16) & 9223372036854775807) %% 5)::int) j
							  ) x
							) y
							"""
						.formatted(ORDER_ID_BASE, firstProduct, PRODUCTS),
					start, end);
			jdbc.update("""
					insert into customer_order (id, source, order_number, customer_id, ordered_at, channel, status,
					  total, line_count, created_at, updated_at, updated_by)
					overriding system value
					select %d + i, 'bench', 'BN' || i,
					  %d + least(%d, floor(%d * power(r1, 1.5))::int),
					  (date '%s' + (width_bucket(r2, %s) - 1) + make_interval(hours => width_bucket(r3, %s) - 1,
					     mins => (h4 %% 60)::int, secs => ((h4 / 60) %% 60)::int)) at time zone 'Asia/Shanghai',
					  case when h5 %% 100 < 45 then 'STORE' when h5 %% 100 < 70 then 'WEB'
					       when h5 %% 100 < 95 then 'APP' else 'PHONE' end,
					  case when h6 %% 100 < 4 then 'CANCELLED' when h6 %% 100 < 6 then 'REFUNDED'
					       when h6 %% 100 < 12 then 'SHIPPED' else 'COMPLETED' end,
					  t.total, t.lines, now(), now(), 'bench'
					from (
					  select i,
					    ((hashint8(i * 16 + 1) & 9223372036854775807) %% 1000003)::float8 / 1000003 as r1,
					    ((hashint8(i * 16 + 2) & 9223372036854775807) %% 1000003)::float8 / 1000003 as r2,
					    ((hashint8(i * 16 + 3) & 9223372036854775807) %% 1000003)::float8 / 1000003 as r3,
					    hashint8(i * 16 + 4) & 9223372036854775807 as h4,
					    hashint8(i * 16 + 5) & 9223372036854775807 as h5,
					    hashint8(i * 16 + 6) & 9223372036854775807 as h6
					  from generate_series(cast(? as bigint), cast(? as bigint)) i
					) o
					join (select order_id, sum(amount) as total, count(*) as lines from order_line
					      where order_id between ? and ? group by order_id) t on t.order_id = %d + o.i
					""".formatted(ORDER_ID_BASE, firstCustomer, customers - 1, customers, FIRST_DAY, days, hours,
					ORDER_ID_BASE), start, end, ORDER_ID_BASE + start, ORDER_ID_BASE + end);
			System.out.printf("  orders %,d-%,d%n", start, end);
		}
		jdbc.execute("select setval(pg_get_serial_sequence('customer_order', 'id'), greatest("
				+ "(select max(id) from customer_order), 1))");
	}

	/** Orders per hour of the day (relative): quiet at night, lunch and evening peaks. */
	static final double[] HOUR_WEIGHTS = { 0.4, 0.2, 0.1, 0.05, 0.05, 0.1, 0.3, 0.7, 1.1, 1.5, 2.0, 2.4, 2.7, 2.3, 2.0,
			2.0, 2.1, 2.3, 2.6, 3.0, 3.3, 3.1, 2.2, 1.1 };

	/**
	 * Month seasonality (January first), growth of 15 % a year, busier Fridays and
	 * weekends, 11.11.
	 */
	static double[] dayWeights() {
		double[] month = { 1.0, 0.7, 0.9, 0.95, 1.0, 1.05, 0.95, 0.95, 1.0, 1.05, 1.5, 1.35 };
		double[] weights = new double[DAYS];
		for (int d = 0; d < DAYS; d++) {
			LocalDate day = FIRST_DAY.plusDays(d);
			double weight = month[day.getMonthValue() - 1] * (1 + 0.15 * d / 365.0);
			DayOfWeek weekday = day.getDayOfWeek();
			weight *= (weekday == DayOfWeek.SATURDAY) ? 1.35
					: (weekday == DayOfWeek.SUNDAY) ? 1.3 : (weekday == DayOfWeek.FRIDAY) ? 1.1 : 1.0;
			if (day.getMonthValue() == 11 && day.getDayOfMonth() == 11) {
				weight *= 4;
			}
			weights[d] = weight;
		}
		return weights;
	}

	/**
	 * Lower bounds of the buckets as a SQL array for width_bucket: 0, w1, w1 + w2, ...
	 */
	static String thresholds(double[] weights) {
		double sum = Arrays.stream(weights).sum();
		StringJoiner array = new StringJoiner(",", "array[", "]::float8[]");
		double cumulative = 0;
		for (double weight : weights) {
			array.add(String.format(java.util.Locale.ROOT, "%.9f", cumulative / sum));
			cumulative += weight;
		}
		return array.toString();
	}

	private static double[] measure(HttpClient http, String url) throws Exception {
		for (int i = 0; i < WARM_UP; i++) {
			BenchHttp.get(http, url);
		}
		double[] millis = new double[MEASURED];
		for (int i = 0; i < MEASURED; i++) {
			long start = System.nanoTime();
			BenchHttp.get(http, url);
			millis[i] = (System.nanoTime() - start) / 1e6;
		}
		Arrays.sort(millis);
		return millis;
	}

	private static double[] measureEach(HttpClient http, String base, List<Long> customers) throws Exception {
		int warmUp = Math.min(100, customers.size() / 4);
		for (int i = 0; i < warmUp; i++) {
			BenchHttp.get(http, base + "/customers/" + customers.get(i));
		}
		double[] millis = new double[customers.size() - warmUp];
		for (int i = warmUp; i < customers.size(); i++) {
			long start = System.nanoTime();
			BenchHttp.get(http, base + "/customers/" + customers.get(i));
			millis[i - warmUp] = (System.nanoTime() - start) / 1e6;
		}
		Arrays.sort(millis);
		return millis;
	}

	private static void print(String what, double[] sorted) {
		System.out.printf("%-52s n=%d  p50 %6.1f ms  p95 %6.1f ms  max %6.1f ms%n", what, sorted.length,
				BenchHttp.percentile(sorted, 50), BenchHttp.percentile(sorted, 95), sorted[sorted.length - 1]);
	}

}

package io.loopcrm.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Arrays;
import java.util.SplittableRandom;

import io.loopcrm.LoopCrmApplication;
import io.loopcrm.commerce.internal.AssociationRuleService;
import io.loopcrm.commerce.internal.FpGrowth;
import io.loopcrm.commerce.internal.RuleQuery;
import io.loopcrm.commerce.internal.RuleSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Association rules on {@code bench.baskets} generated baskets (default 1,000,000; fixed
 * seed): 5,000 products with Zipf popularity (exponent 1), 1–8 lines per basket, and 150
 * planted affinities (a product that brings a partner product into 40 % of its baskets,
 * 30 of them a third product as well). Mined at support 0.001 and confidence 0.5 (maximum
 * length 10, one-item consequents). Prints baskets, frequent itemsets, rules, mining time
 * and peak heap. Run with {@code bench/association-rules/run.sh}.
 */
@Tag("bench")
class AssociationRulesBenchmark {

	static final int PRODUCTS = 5_000;

	@Test
	void fpGrowthOnGeneratedBaskets() {
		int n = Integer.getInteger("bench.baskets", 1_000_000);
		double minSupport = Double.parseDouble(System.getProperty("bench.minSupport", "0.001"));
		double minConfidence = Double.parseDouble(System.getProperty("bench.minConfidence", "0.5"));
		long start = System.nanoTime();
		FpGrowth.Baskets baskets = generate(n, 20261123L);
		System.out.printf("generated %,d baskets in %.1f s%n", n, (System.nanoTime() - start) / 1e9);
		for (int run = 1; run <= 3; run++) {
			System.gc();
			resetPeaks();
			long used = heapUsed();
			long t0 = System.nanoTime();
			FpGrowth.Result result = new FpGrowth(minSupport, minConfidence).mine(baskets);
			double seconds = (System.nanoTime() - t0) / 1e9;
			System.out.printf(
					"run %d: %,d baskets, min count %,d, %,d frequent itemsets, %,d rules in %.2f s;"
							+ " peak heap %,d MB (baskets and everything else live before: %,d MB)%n",
					run, result.transactions(), result.minCount(), result.frequentItemsets(), result.rules().size(),
					seconds, peakHeap() >> 20, used >> 20);
			if (run == 1) {
				result.rules()
					.stream()
					.limit(5)
					.forEach((r) -> System.out.printf("  %s => %s support %.5f confidence %.3f lift %.2f%n",
							Arrays.toString(r.antecedent()), Arrays.toString(r.consequent()), r.support(),
							r.confidence(), r.lift()));
			}
		}
	}

	@Test
	void associationRulesFromPostgres() throws Exception {
		Assumptions.assumeTrue(Boolean.getBoolean("bench.db"), "bench.db=true reads the baskets from PostgreSQL");
		int n = Integer.getInteger("bench.baskets", 1_000_000);
		String dataDir = System.getProperty("bench.dataDir", "target/bench/rules-pg");
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(LoopCrmApplication.class).run(
				"--server.port=0", "--loopcrm.embedded-db.data-dir=" + dataDir, "--loopcrm.demo.enabled=false",
				"--logging.level.root=WARN")) {
			JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
			long existing = jdbc.queryForObject("select count(*) from customer_order where source = 'bench-rules'",
					Long.class);
			if (existing != n) {
				long start = System.nanoTime();
				load(jdbc, generate(n, 20261123L));
				System.out.printf("wrote %,d orders with their lines in %.1f s%n", n,
						(System.nanoTime() - start) / 1e9);
			}
			long lines = jdbc.queryForObject("select count(*) from order_line", Long.class);
			AssociationRuleService service = app.getBean(AssociationRuleService.class);
			for (int run = 1; run <= 3; run++) {
				System.gc();
				resetPeaks();
				long t0 = System.nanoTime();
				RuleSet set = service.rules(new RuleQuery("product", "0.001", "0.5", "10", "1", "1000"));
				double seconds = (System.nanoTime() - t0) / 1e9;
				System.out.printf(
						"database run %d: %,d baskets (%,d lines), %,d rules, read + mine %.2f s; peak heap %,d MB%n",
						run, set.transactions(), lines, set.count(), seconds, peakHeap() >> 20);
			}
			recommendations(jdbc, service, generate(1_000, 77L));
		}
	}

	/**
	 * Stores the product rules with the default recommendation thresholds, gives 200
	 * customers 5 orders each (generated baskets) and times
	 * {@code recommendationsFor(customer, 10)} for each of them after a warm-up; the
	 * extra orders are deleted again.
	 */
	private static void recommendations(JdbcTemplate jdbc, AssociationRuleService service, FpGrowth.Baskets baskets) {
		long t0 = System.nanoTime();
		int stored = service.refreshStoredRules();
		System.out.printf("stored %,d product rules (support 0.0005, confidence 0.1, length 3) in %.1f s%n", stored,
				(System.nanoTime() - t0) / 1e9);
		jdbc.update("delete from customer_order where source = 'bench-rules-c'");
		jdbc.update("""
				insert into customer (external_id, name, created_at, updated_at, updated_by)
				select 'BENCH-RULES-' || g, 'Bench recommendation customer ' || g, now(), now(), 'bench'
				from generate_series(1, 200) g on conflict do nothing""");
		long[] customers = jdbc
			.queryForList("select id from customer where external_id like 'BENCH-RULES-%' order by id", Long.class)
			.stream()
			.mapToLong(Long::longValue)
			.toArray();
		long[] product = jdbc.queryForList("select id from product where sku like 'BR-%' order by sku", Long.class)
			.stream()
			.mapToLong(Long::longValue)
			.toArray();
		for (int b = 0; b < baskets.size(); b++) {
			long order = jdbc.queryForObject("""
					insert into customer_order (source, order_number, customer_id, ordered_at, channel, status, total,
					  line_count, created_at, updated_at, updated_by)
					values ('bench-rules-c', ?, ?, now(), 'WEB', 'COMPLETED', 10, 1, now(), now(), 'bench')
					returning id""", Long.class, "C-" + b, customers[b % customers.length]);
			int[] items = baskets.basket(b);
			for (int i = 0; i < items.length; i++) {
				jdbc.update("insert into order_line values (?, ?, ?, 1, 10, 10)", order, i + 1, product[items[i]]);
			}
		}
		for (long customer : customers) {
			service.recommendationsFor(customer, 10);
		}
		double[] millis = new double[customers.length];
		int found = 0;
		for (int i = 0; i < customers.length; i++) {
			long start = System.nanoTime();
			found += service.recommendationsFor(customers[i], 10).size();
			millis[i] = (System.nanoTime() - start) / 1e6;
		}
		Arrays.sort(millis);
		System.out.printf(
				"recommendationsFor(customer, 10), %d customers with 5 orders: %.1f recommendations on"
						+ " average, p50 %.2f ms, p95 %.2f ms, max %.2f ms%n",
				customers.length, (double) found / customers.length, millis[millis.length / 2],
				millis[(int) (millis.length * 0.95)], millis[millis.length - 1]);
		jdbc.update("delete from customer_order where source = 'bench-rules-c'");
	}

	/** Products BR-0001.., one customer, the baskets as completed orders (COPY). */
	private static void load(JdbcTemplate jdbc, FpGrowth.Baskets baskets) throws Exception {
		jdbc.update("delete from customer_order where source = 'bench-rules'");
		jdbc.update("""
				insert into product (sku, name, list_price, created_at, updated_at)
				select 'BR-' || lpad(g::text, 4, '0'), 'Bench product ' || g, 10, now(), now()
				from generate_series(1, ?) g on conflict (sku) do nothing""", PRODUCTS);
		long[] product = jdbc.queryForList("select id from product where sku like 'BR-%' order by sku", Long.class)
			.stream()
			.mapToLong(Long::longValue)
			.toArray();
		jdbc.update("""
				insert into customer (external_id, name, created_at, updated_at, updated_by)
				values ('BENCH-RULES', 'Bench basket customer', now(), now(), 'bench')
				on conflict do nothing""");
		long customer = jdbc.queryForObject("select id from customer where external_id = 'BENCH-RULES'", Long.class);
		long base = jdbc.queryForObject("select coalesce(max(id), 0) + 1 from customer_order", Long.class);
		jdbc.execute((java.sql.Connection connection) -> {
			CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
			StringBuilder orders = new StringBuilder();
			StringBuilder lines = new StringBuilder();
			for (int b = 0; b < baskets.size(); b++) {
				int[] items = baskets.basket(b);
				long id = base + b;
				orders.append(id)
					.append(",bench-rules,BR-")
					.append(b)
					.append(',')
					.append(customer)
					.append(",2026-01-01T00:00:00Z,STORE,COMPLETED,")
					.append(10 * items.length)
					.append(',')
					.append(items.length)
					.append(",2026-01-01T00:00:00Z,2026-01-01T00:00:00Z,bench\n");
				for (int i = 0; i < items.length; i++) {
					lines.append(id)
						.append(',')
						.append(i + 1)
						.append(',')
						.append(product[items[i]])
						.append(",1,10,10\n");
				}
				if (orders.length() > 4_000_000 || b == baskets.size() - 1) {
					try {
						copy.copyIn("copy customer_order (id, source, order_number, customer_id, ordered_at, channel,"
								+ " status, total, line_count, created_at, updated_at, updated_by) from stdin (format csv)",
								new java.io.StringReader(orders.toString()));
						copy.copyIn("copy order_line (order_id, line_no, product_id, quantity, unit_price, amount)"
								+ " from stdin (format csv)", new java.io.StringReader(lines.toString()));
					}
					catch (java.io.IOException ex) {
						throw new java.io.UncheckedIOException(ex);
					}
					orders.setLength(0);
					lines.setLength(0);
				}
			}
			return null;
		});
		jdbc.queryForObject(
				"select setval(pg_get_serial_sequence('customer_order', 'id'), (select max(id) from customer_order))",
				Long.class);
		jdbc.execute("vacuum analyze customer_order");
		jdbc.execute("vacuum analyze order_line");
	}

	/** Deterministic baskets: Zipf popularity and planted affinities. */
	static FpGrowth.Baskets generate(int n, long seed) {
		SplittableRandom random = new SplittableRandom(seed);
		double[] cumulative = new double[PRODUCTS];
		double sum = 0;
		for (int i = 0; i < PRODUCTS; i++) {
			sum += 1.0 / (i + 1);
			cumulative[i] = sum;
		}
		for (int i = 0; i < PRODUCTS; i++) {
			cumulative[i] /= sum;
		}
		// partner[p] (and third[p]) join a basket holding p in 40 % of cases
		int[] partner = new int[PRODUCTS];
		int[] third = new int[PRODUCTS];
		Arrays.fill(partner, -1);
		Arrays.fill(third, -1);
		SplittableRandom planted = new SplittableRandom(seed + 1);
		for (int k = 0; k < 150; k++) {
			int p = planted.nextInt(1_000);
			partner[p] = planted.nextInt(PRODUCTS);
			if (k < 30) {
				third[p] = planted.nextInt(PRODUCTS);
			}
		}
		FpGrowth.Baskets baskets = new FpGrowth.Baskets();
		int[] basket = new int[32];
		for (int b = 0; b < n; b++) {
			int lines = 1 + random.nextInt(8);
			int length = 0;
			for (int i = 0; i < lines; i++) {
				int p = Arrays.binarySearch(cumulative, random.nextDouble());
				p = (p < 0) ? -p - 1 : p;
				basket[length++] = Math.min(p, PRODUCTS - 1);
			}
			for (int i = 0; i < lines; i++) {
				int p = basket[i];
				if (partner[p] >= 0 && random.nextDouble() < 0.4) {
					basket[length++] = partner[p];
					if (third[p] >= 0) {
						basket[length++] = third[p];
					}
				}
			}
			baskets.add(basket, length);
		}
		return baskets;
	}

	private static void resetPeaks() {
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			if (pool.getType() == MemoryType.HEAP) {
				pool.resetPeakUsage();
			}
		}
	}

	/** Sum of the heap pools' peaks since the reset (an upper bound of the peak heap). */
	private static long peakHeap() {
		long peak = 0;
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			if (pool.getType() == MemoryType.HEAP) {
				peak += pool.getPeakUsage().getUsed();
			}
		}
		return peak;
	}

	private static long heapUsed() {
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

}

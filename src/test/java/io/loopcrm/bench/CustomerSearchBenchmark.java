package io.loopcrm.bench;

import java.net.CookieManager;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import io.loopcrm.LoopCrmApplication;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Customer list and profile at scale: fills an embedded PostgreSQL under
 * {@code target/bench/customers-pg} with {@code bench.customers} customers (default
 * 1,000,000; generated once, deterministically, in SQL), starts LoopCRM on it and times
 * list pages with a search term and profile pages over real HTTP on loopback, after a
 * warm-up. Prints p50/p95/p99. Run with {@code bench/customer-search/run.sh}.
 */
@Tag("bench")
class CustomerSearchBenchmark {

	static final int WARM_UP = 100;

	static final int MEASURED = 400;

	static final List<String> TERMS = List.of("小美", "建华", "王小美", "欧阳", "张伟", "李娜", "晓东", "138 0013", "1395", "wang.wei",
			"li.na12", "B00012", "B0512", "Emma Sm", "Chan", "ella.walker", "志强", "淑芬", "陈", "林雅婷");

	@Test
	void listWithSearchTermAndProfilePages() throws Exception {
		int customers = Integer.getInteger("bench.customers", 1_000_000);
		String dataDir = System.getProperty("bench.dataDir", "target/bench/customers-pg");
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(LoopCrmApplication.class).run(
				"--server.port=0", "--loopcrm.embedded-db.data-dir=" + dataDir, "--loopcrm.demo.enabled=true",
				"--logging.level.root=WARN")) {
			JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
			long existing = jdbc.queryForObject("select count(*) from customer where external_id like 'B%'",
					Long.class);
			if (existing < customers) {
				long start = System.nanoTime();
				BenchData.generate(jdbc, (int) existing + 1, customers);
				System.out.printf("generated %,d customers in %.1f s%n", customers - existing,
						(System.nanoTime() - start) / 1e9);
			}
			// a database in steady state: autovacuum has run after the bulk load
			// (visibility map,
			// GIN pending lists merged)
			jdbc.execute("vacuum analyze customer");
			long total = jdbc.queryForObject("select count(*) from customer", Long.class);
			String base = "http://localhost:" + app.getBean(Environment.class).getProperty("local.server.port");
			HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
			BenchHttp.signIn(http, base);
			List<Long> ids = jdbc.queryForList(
					"select id from customer where external_id like 'B%' order by hashint4(cast(id as int)) limit 1000",
					Long.class);
			Random random = new Random(42);

			double[] list = measure(http, () -> base + "/customers?q="
					+ URLEncoder.encode(TERMS.get(random.nextInt(TERMS.size())), StandardCharsets.UTF_8));
			double[] profile = measure(http, () -> base + "/customers/" + ids.get(random.nextInt(ids.size())));
			double[] byName = measure(http,
					() -> base + "/customers?q="
							+ URLEncoder.encode(TERMS.get(random.nextInt(TERMS.size())), StandardCharsets.UTF_8)
							+ "&sort=name&dir=asc");
			double[] count = measure(http, () -> base + "/customers/count?q="
					+ URLEncoder.encode(TERMS.get(random.nextInt(TERMS.size())), StandardCharsets.UTF_8));
			System.out.printf("%nslowest of 5 requests per term (list page, newest first):%n");
			for (String term : TERMS) {
				double worst = 0;
				for (int i = 0; i < 5; i++) {
					long start = System.nanoTime();
					BenchHttp.get(http, base + "/customers?q=" + URLEncoder.encode(term, StandardCharsets.UTF_8));
					worst = Math.max(worst, (System.nanoTime() - start) / 1e6);
				}
				System.out.printf("  %-12s %6.1f ms%n", term, worst);
			}
			System.out.printf("%n%,d customers in the database%n", total);
			print("list page, search term, newest first", list);
			print("list page, search term, sorted by name", byName);
			print("match count (fetched after the list)", count);
			print("profile page", profile);
		}
	}

	private static double[] measure(HttpClient http, java.util.function.Supplier<String> url) throws Exception {
		for (int i = 0; i < WARM_UP; i++) {
			BenchHttp.get(http, url.get());
		}
		double[] millis = new double[MEASURED];
		for (int i = 0; i < MEASURED; i++) {
			String u = url.get();
			long start = System.nanoTime();
			BenchHttp.get(http, u);
			millis[i] = (System.nanoTime() - start) / 1e6;
		}
		Arrays.sort(millis);
		return millis;
	}

	private static void print(String what, double[] sorted) {
		System.out.printf("%-40s n=%d  p50 %6.1f ms  p95 %6.1f ms  p99 %6.1f ms  max %6.1f ms%n", what, sorted.length,
				BenchHttp.percentile(sorted, 50), BenchHttp.percentile(sorted, 95), BenchHttp.percentile(sorted, 99),
				sorted[sorted.length - 1]);
	}

}

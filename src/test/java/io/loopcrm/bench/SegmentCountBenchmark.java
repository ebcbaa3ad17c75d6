package io.loopcrm.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.loopcrm.LoopCrmApplication;
import io.loopcrm.segmentation.internal.Segmentation;
import io.loopcrm.segmentation.segments.Segments;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Live counts of saved segments at scale, on the data of the buying-behaviour benchmark
 * ({@code target/bench/buying-pg}: 1,000,000 customers, about 3.3 million orders with 10
 * million lines over November 2024 - October 2026), generated here first when it is not
 * there yet, and segmented as of 2026-11-01 when no run exists. Saves a few typical
 * segments through the API (once) and times each one's live count: in the service
 * ({@link Segments#count(long)}) and as {@code GET /api/v1/segments/{id}} over HTTP on
 * loopback, after one warm-up, {@code bench.rounds} times (default 5). With
 * {@code bench.sharedBuffers} (e.g. {@code 1GB}) it first sets PostgreSQL's
 * {@code shared_buffers} in the data directory (the embedded default is 128 MB). Run with
 * {@code bench/segments/run.sh}.
 */
@Tag("bench")
class SegmentCountBenchmark {

	/** Name and definition (the API's JSON) of the timed segments. */
	static final Map<String, String> SEGMENTS = new LinkedHashMap<>();

	static {
		SEGMENTS.put("bench: VIP champions and loyal", """
				{"match":"ALL","conditions":[{"field":"tag","op":"eq","value":"VIP"},
				 {"field":"rfmSegment","op":"in","value":["Champions","Loyal"]}]}""");
		SEGMENTS.put("bench: spent 1,000+ in the last 90 days", """
				{"match":"ALL","conditions":[{"field":"spentLastDays","days":90,"op":"gte","value":1000}]}""");
		SEGMENTS.put("bench: at risk with e-mail consent", """
				{"match":"ALL","conditions":[{"field":"rfmSegment","op":"in","value":["At risk","Cannot lose them"]},
				 {"field":"consent","op":"eq","value":"EMAIL"}]}""");
		SEGMENTS.put("bench: high value, dormant or churned", """
				{"match":"ALL","conditions":[{"field":"valueTier","op":"eq","value":"HIGH"},
				 {"group":{"match":"ANY","conditions":[{"field":"lifecycle","op":"eq","value":"DORMANT"},
				  {"field":"lifecycle","op":"eq","value":"CHURNED"}]}}]}""");
		SEGMENTS.put("bench: Shanghai women created since 2025",
				"""
						{"match":"ALL","conditions":[{"field":"city","op":"eq","value":"上海"},
						 {"field":"gender","op":"eq","value":"FEMALE"},{"field":"createdAt","op":"gte","value":"2025-01-01"}]}""");
		SEGMENTS.put("bench: VIP or spent 500+ in the last 30 days", """
				{"match":"ANY","conditions":[{"field":"tag","op":"eq","value":"VIP"},
				 {"field":"spentLastDays","days":30,"op":"gte","value":500}]}""");
		SEGMENTS.put("bench: Hangzhou, bought category Bench 1 in 90 days", """
				{"match":"ALL","conditions":[{"field":"city","op":"eq","value":"杭州"},
				 {"field":"boughtCategory","days":90,"op":"eq","value":"Bench 1"}]}""");
		SEGMENTS.put("bench: bought category Bench 1.1 ever", """
				{"match":"ALL","conditions":[{"field":"boughtCategory","op":"eq","value":"Bench 1 > Bench 1.1"}]}""");
	}

	@Test
	void liveCounts() throws Exception {
		int customers = Integer.getInteger("bench.customers", 1_000_000);
		long lines = Long.getLong("bench.lines", 10_000_000L);
		int rounds = Integer.getInteger("bench.rounds", 5);
		String dataDir = System.getProperty("bench.dataDir", "target/bench/buying-pg");
		String sharedBuffers = System.getProperty("bench.sharedBuffers", "");
		if (!sharedBuffers.isBlank()) {
			// PostgreSQL reads shared_buffers at start: set it in the data directory
			// (postgresql.auto.conf), then start again
			try (ConfigurableApplicationContext app = start(dataDir)) {
				app.getBean(JdbcTemplate.class).execute("alter system set shared_buffers = '" + sharedBuffers + "'");
			}
		}
		try (ConfigurableApplicationContext app = start(dataDir)) {
			JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
			System.out.println("shared_buffers " + jdbc.queryForObject("show shared_buffers", String.class));
			long existing = jdbc.queryForObject("select count(*) from customer where external_id like 'B%'",
					Long.class);
			if (existing < customers) {
				BenchData.generate(jdbc, (int) existing + 1, customers);
			}
			long existingOrders = jdbc.queryForObject("select count(*) from customer_order where source = 'bench'",
					Long.class);
			if (existingOrders < lines / 3) {
				try (java.sql.Connection connection = jdbc.getDataSource().getConnection()) {
					JdbcTemplate one = new JdbcTemplate(
							new org.springframework.jdbc.datasource.SingleConnectionDataSource(connection, true));
					one.execute("set session_replication_role = replica");
					BuyingBehaviourBenchmark.generateOrders(one, customers, existingOrders + 1, lines / 3);
					one.execute("reset session_replication_role");
				}
				jdbc.execute("vacuum analyze customer_order");
				jdbc.execute("vacuum analyze order_line");
				jdbc.execute("vacuum analyze customer");
			}
			Segmentation segmentation = app.getBean(Segmentation.class);
			if (segmentation.latestRun().map((run) -> run.customers() < customers).orElse(true)) {
				long start = System.nanoTime();
				segmentation.recompute(LocalDate.of(2026, 11, 1));
				System.out.printf("segmentation recompute %.1f s%n", (System.nanoTime() - start) / 1e9);
				jdbc.execute("vacuum analyze customer_segment");
			}
			long totalCustomers = jdbc.queryForObject("select count(*) from customer", Long.class);
			long totalOrders = jdbc.queryForObject("select count(*) from customer_order", Long.class);
			long totalLines = jdbc.queryForObject("select count(*) from order_line", Long.class);

			String base = "http://localhost:" + app.getBean(Environment.class).getProperty("local.server.port");
			HttpClient http = HttpClient.newHttpClient();
			Segments segments = app.getBean(Segments.class);
			Map<String, Long> ids = new LinkedHashMap<>();
			for (var segment : SEGMENTS.entrySet()) {
				Long id = jdbc.query("select id from segment where name = ?", (rs) -> rs.next() ? rs.getLong(1) : null,
						segment.getKey());
				if (id == null) {
					String body = "{\"name\":\"" + segment.getKey() + "\"," + segment.getValue().substring(1);
					HttpResponse<String> created = http
						.send(request(base + "/api/v1/segments").header("Content-Type", "application/json")
							.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
							.build(), HttpResponse.BodyHandlers.ofString());
					if (created.statusCode() != 201) {
						throw new IllegalStateException(created.statusCode() + " " + created.body());
					}
					Matcher matcher = Pattern.compile("\"id\":(\\d+)").matcher(created.body());
					matcher.find();
					id = Long.valueOf(matcher.group(1));
				}
				ids.put(segment.getKey(), id);
			}

			System.out.printf("%n%,d customers, %,d orders, %,d order lines; latest segmentation run as of %s%n",
					totalCustomers, totalOrders, totalLines,
					segmentation.latestRun().map((run) -> run.asOf().toString()).orElse("-"));
			System.out.printf("%-52s %10s %22s %22s%n", "segment", "members", "service count (ms)",
					"GET /api/v1/segments/{id}");
			for (var segment : ids.entrySet()) {
				long id = segment.getValue();
				long members = segments.count(id);
				double[] service = new double[rounds];
				double[] api = new double[rounds];
				for (int i = 0; i < rounds; i++) {
					long start = System.nanoTime();
					segments.count(id);
					service[i] = (System.nanoTime() - start) / 1e6;
				}
				get(http, base + "/api/v1/segments/" + id);
				for (int i = 0; i < rounds; i++) {
					long start = System.nanoTime();
					get(http, base + "/api/v1/segments/" + id);
					api[i] = (System.nanoTime() - start) / 1e6;
				}
				Arrays.sort(service);
				Arrays.sort(api);
				System.out.printf("%-52s %,10d %10.0f (max %6.0f) %10.0f (max %6.0f)%n", segment.getKey(), members,
						service[rounds / 2], service[rounds - 1], api[rounds / 2], api[rounds - 1]);
			}
		}
	}

	private static ConfigurableApplicationContext start(String dataDir) {
		return new SpringApplicationBuilder(LoopCrmApplication.class).run("--server.port=0",
				"--loopcrm.embedded-db.data-dir=" + dataDir, "--loopcrm.demo.enabled=true",
				"--logging.level.root=WARN");
	}

	private static HttpRequest.Builder request(String url) {
		return HttpRequest.newBuilder(URI.create(url))
			.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString("manager:demo".getBytes(StandardCharsets.UTF_8)));
	}

	private static void get(HttpClient http, String url) throws Exception {
		HttpResponse<String> response = http.send(request(url).build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IllegalStateException(url + " answered " + response.statusCode());
		}
	}

}

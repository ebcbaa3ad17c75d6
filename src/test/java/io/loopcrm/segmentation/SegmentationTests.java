package io.loopcrm.segmentation;

import java.util.Map;
import java.util.UUID;

import io.loopcrm.IntegrationTest;
import io.loopcrm.segmentation.internal.Segmentation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * Constructed customers whose purchases all lie in 2012–2014 (no other test buys before
 * 2015), segmented as of 2014-12-31 with the default settings (24 months, new 30 days,
 * active 1.5 × gap, churned 365 days, tiers 20 % / 30 %). With six buyers a score is 1 +
 * floor(5 × (rank − 1) / 6): ranks 1–6 give 1, 1, 2, 3, 4, 5.
 */
@IntegrationTest
class SegmentationTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Segmentation segmentation;

	@Autowired
	io.loopcrm.segmentation.internal.RecomputeJobs jobs;

	@AfterEach
	void noFailure() {
		ReflectionTestUtils.setField(this.segmentation, "beforeCommit", (Runnable) () -> {
		});
	}

	@Test
	void scoresSegmentsStagesAndTiersOfConstructedCustomers() {
		String p = "S" + UUID.randomUUID().toString().substring(0, 6) + "-";
		// A: six orders, the last yesterday -> R5 F5 M4, Champions, active (gap 36.4
		// days), high
		long a = customer(p + "A", "2014-07-01", "2014-08-01", "2014-09-01", "2014-10-01", "2014-11-01", "2014-12-30");
		total(a, 600);
		// B: five orders, last 11 days ago -> R4 F4 M3, Loyal, active (gap 32.75), mid
		long b = customer(p + "B", "2014-08-11", "2014-09-10", "2014-10-10", "2014-11-09", "2014-12-20");
		total(b, 500);
		// C: two orders 30 days apart, the last 60 days ago -> R2 F1 (tied with D) M2,
		// Hibernating; 60 > 1.5 × 30 -> dormant
		long c = customer(p + "C", "2014-10-02", "2014-11-01");
		total(c, 50);
		// D: two orders 30 days apart, the last 213 days ago -> R1 F1 (tied with C) M1,
		// Lost, dormant, low
		long d = customer(p + "D", "2014-05-02", "2014-06-01");
		total(d, 40);
		// E: three orders, the last 670 days ago -> R1 F3 M5, At risk, churned, high
		long e = customer(p + "E", "2013-01-01", "2013-02-01", "2013-03-01");
		total(e, 900);
		// N: first and only purchase 16 days ago -> R3 F1 (tied with D) M1, About to
		// sleep, new
		long n = customer(p + "N", "2014-12-15");
		total(n, 10);
		// X: bought only before the window -> no RFM, churned; P never bought ->
		// potential
		long x = customer(p + "X", "2012-06-01");
		long pot = customer(p + "P");
		// a cancelled order never counts
		this.jdbc.sql("""
				insert into customer_order (order_number, customer_id, ordered_at, channel, status, total, line_count,
				  created_at, updated_at, updated_by)
				values (?, ?, '2014-12-31 10:00+08', 'STORE', 'CANCELLED', 99999, 1, now(), now(), 'test')
				""").params(p + "CANCELLED", pot).update();

		MvcTestResult result = this.mvc.post()
			.uri("/api/v1/segmentation/recompute")
			.with(httpBasic("manager", "demo"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"asOf\":\"2014-12-31\"}")
			.exchange();
		assertThat(result).hasStatusOk();
		assertThat(result).bodyJson().extractingPath("$.asOf").isEqualTo("2014-12-31");
		assertFigures(a, "Champions", 5, 5, 4, 1, 6, 600.0, "ACTIVE", "HIGH");
		assertFigures(b, "Loyal", 4, 4, 3, 11, 5, 500.0, "ACTIVE", "MID");
		assertFigures(c, "Hibernating", 2, 1, 2, 60, 2, 50.0, "DORMANT", "LOW");
		assertFigures(d, "Lost", 1, 1, 1, 213, 2, 40.0, "DORMANT", "LOW");
		assertFigures(e, "At risk", 1, 3, 5, 670, 3, 900.0, "CHURNED", "HIGH");
		assertFigures(n, "About to sleep", 3, 1, 1, 16, 1, 10.0, "NEW", "LOW");
		assertThat(result).bodyJson()
			.extractingPath("$.rfm")
			.isEqualTo(Map.ofEntries(Map.entry("Champions", 1), Map.entry("Loyal", 1),
					Map.entry("Potential loyalist", 0), Map.entry("New", 0), Map.entry("Promising", 0),
					Map.entry("Need attention", 0), Map.entry("About to sleep", 1), Map.entry("Cannot lose them", 0),
					Map.entry("At risk", 1), Map.entry("Hibernating", 1), Map.entry("Lost", 1)));
		assertThat(result).bodyJson().extractingPath("$.valueTier.HIGH").isEqualTo(2);
		assertThat(result).bodyJson().extractingPath("$.valueTier.MID").isEqualTo(1);
		assertThat(result).bodyJson().extractingPath("$.lifecycle.NEW").isEqualTo(1);
		assertThat(result).bodyJson().extractingPath("$.lifecycle.ACTIVE").isEqualTo(2);

		for (long id : new long[] { x, pot }) {
			MvcTestResult json = this.mvc.get()
				.uri("/api/v1/customers/{id}", id)
				.with(httpBasic("staff", "demo"))
				.exchange();
			assertThat(json).bodyJson().extractingPath("$.rfm").isNull();
			assertThat(json).bodyJson().extractingPath("$.valueTier").isEqualTo("LOW");
		}
		assertThat(stage(x)).isEqualTo("CHURNED");
		assertThat(stage(pot)).isEqualTo("POTENTIAL");

		// the profile explains each value
		MvcTestResult profile = this.mvc.get().uri("/customers/{id}", c).with(user("staff").roles("STAFF")).exchange();
		assertThat(profile).bodyText()
			.contains("Hibernating")
			.contains("R 2 · F 1 · M 2: last purchase 60 days ago, 2 orders")
			.contains("Last purchase 60 days ago, more than 1.5 × 30 days between purchases.")
			.contains("Basic service");

		// half a year later E has no purchase in the window any more; the others keep
		// their segment
		this.segmentation.recompute(java.time.LocalDate.of(2015, 6, 30));
		var transitions = this.segmentation.transitions();
		assertThat(transitions.get(RfmSegmentOf("AT_RISK"))).containsEntry(null, 1L).hasSize(1);
		assertThat(transitions.get(RfmSegmentOf("CHAMPIONS"))).containsEntry(RfmSegmentOf("CHAMPIONS"), 1L);
		// D now ties with C on two orders (F 2), so Lost becomes Hibernating
		assertThat(transitions.get(RfmSegmentOf("LOST"))).containsEntry(RfmSegmentOf("HIBERNATING"), 1L);
		assertThat(this.mvc.get().uri("/segmentation").with(user("manager").roles("MANAGER", "STAFF"))).bodyText()
			.contains("Moves since the previous run");
		this.segmentation.recompute(java.time.LocalDate.of(2014, 12, 31));

		// a failing recompute keeps the last good result
		ReflectionTestUtils.setField(this.segmentation, "beforeCommit", (Runnable) () -> {
			throw new IllegalStateException("database gone");
		});
		assertThat(this.mvc.post()
			.uri("/api/v1/segmentation/recompute")
			.with(httpBasic("manager", "demo"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"asOf\":\"2016-12-31\"}")).hasStatus(500);
		assertThat(this.mvc.get().uri("/api/v1/segmentation/summary").with(httpBasic("manager", "demo"))).bodyJson()
			.extractingPath("$.asOf")
			.isEqualTo("2014-12-31");
		assertThat(stage(c)).isEqualTo("DORMANT");
	}

	@Test
	void onlyManagersRecomputeAndBadDatesAreExplained() {
		assertThat(this.mvc.post().uri("/api/v1/segmentation/recompute").with(httpBasic("staff", "demo")))
			.hasStatus(403);
		MvcTestResult bad = this.mvc.post()
			.uri("/api/v1/segmentation/recompute")
			.with(httpBasic("manager", "demo"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"asOf\":\"31.12.2014\"}")
			.exchange();
		assertThat(bad).hasStatus(400);
		assertThat(bad).bodyJson()
			.extractingPath("$.errors[0].message")
			.isEqualTo("31.12.2014 is not a date (use YYYY-MM-DD).");
		assertThat(this.mvc.get().uri("/segmentation").with(user("manager").roles("MANAGER", "STAFF"))).hasStatusOk()
			.bodyText()
			.contains("Cannot lose them")
			.contains("first purchase less than 30 days ago");
	}

	@Test
	void recomputeFromThePageShowsItsProgressThenTheOutcome() throws Exception {
		var user = user("manager").roles("MANAGER", "STAFF");
		java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
		ReflectionTestUtils.setField(this.segmentation, "beforeCommit", (Runnable) () -> {
			try {
				release.await(30, java.util.concurrent.TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		assertThat(this.mvc.post().uri("/segmentation/recompute").with(user).with(csrf()))
			.hasRedirectedUrl("/segmentation");
		var job = this.jobs.current().orElseThrow();
		String running = awaitProgress(user, "Saving the run");
		assertThat(running).contains("hx-trigger=\"every 1s\"").contains("progress-bar-animated");
		assertThat(this.mvc.get().uri("/segmentation").with(user)).bodyText().contains("Saving the run");
		// pressing the button again while it runs shows the running one
		assertThat(this.mvc.post().uri("/segmentation/recompute").with(user).with(csrf()))
			.hasRedirectedUrl("/segmentation");
		assertThat(this.jobs.current()).containsSame(job);
		release.countDown();
		String done = awaitProgress(user, "Show the results");
		long customers = this.jdbc.sql("select count(*) from customer").query(Long.class).single();
		assertThat(done)
			.contains("Recomputed for " + String.format(java.util.Locale.ENGLISH, "%,d", customers) + " customers")
			.doesNotContain("every 1s");

		// a failing one says so and keeps the previous results
		long before = this.segmentation.latestRun().orElseThrow().id();
		ReflectionTestUtils.setField(this.segmentation, "beforeCommit", (Runnable) () -> {
			throw new IllegalStateException("database gone");
		});
		this.mvc.post().uri("/segmentation/recompute").with(user).with(csrf()).exchange();
		assertThat(awaitProgress(user, "The recompute failed; the previous results are kept")).contains("bg-danger");
		assertThat(this.segmentation.latestRun().orElseThrow().id()).isEqualTo(before);
	}

	/** Polls the progress bar as the page does until it shows the text. */
	String awaitProgress(org.springframework.test.web.servlet.request.RequestPostProcessor user, String text) {
		String[] body = { "" };
		org.awaitility.Awaitility.await()
			.atMost(java.time.Duration.ofSeconds(30))
			.pollInterval(java.time.Duration.ofMillis(50))
			.untilAsserted(() -> {
				MvcTestResult progress = this.mvc.get().uri("/segmentation/recompute/progress").with(user).exchange();
				assertThat(progress).hasStatusOk();
				body[0] = progress.getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
				assertThat(body[0]).contains(text);
			});
		return body[0];
	}

	void assertFigures(long id, String segment, int r, int f, int m, int recency, int frequency, double monetary,
			String stage, String tier) {
		MvcTestResult json = this.mvc.get()
			.uri("/api/v1/customers/{id}", id)
			.with(httpBasic("staff", "demo"))
			.exchange();
		assertThat(json).hasStatusOk();
		assertThat(json).bodyJson().extractingPath("$.rfm.segment").isEqualTo(segment);
		assertThat(json).bodyJson().extractingPath("$.rfm.r").isEqualTo(r);
		assertThat(json).bodyJson().extractingPath("$.rfm.f").isEqualTo(f);
		assertThat(json).bodyJson().extractingPath("$.rfm.m").isEqualTo(m);
		assertThat(json).bodyJson().extractingPath("$.rfm.recencyDays").isEqualTo(recency);
		assertThat(json).bodyJson().extractingPath("$.rfm.frequency").isEqualTo(frequency);
		assertThat(json).bodyJson().extractingPath("$.rfm.monetary").isEqualTo(monetary);
		assertThat(json).bodyJson().extractingPath("$.lifecycleStage").isEqualTo(stage);
		assertThat(json).bodyJson().extractingPath("$.valueTier").isEqualTo(tier);
	}

	static io.loopcrm.segmentation.internal.RfmSegment RfmSegmentOf(String name) {
		return io.loopcrm.segmentation.internal.RfmSegment.valueOf(name);
	}

	String stage(long id) {
		return this.jdbc.sql("select stage from customer_lifecycle where customer_id = ?")
			.param(id)
			.query(String.class)
			.single();
	}

	/**
	 * A customer with one completed order at noon (Shanghai) on each day, totals set by
	 * {@link #total}.
	 */
	long customer(String externalId, String... days) {
		long id = this.jdbc
			.sql("insert into customer (external_id, name, created_at, updated_at, updated_by)"
					+ " values (?, ?, now(), now(), 'test') returning id")
			.params(externalId, "Segment " + externalId)
			.query(Long.class)
			.single();
		for (int i = 0; i < days.length; i++) {
			this.jdbc
				.sql("""
						insert into customer_order (order_number, customer_id, ordered_at, channel, status, total, line_count,
						  created_at, updated_at, updated_by)
						values (?, ?, cast(? as timestamptz), 'STORE', 'COMPLETED', 0, 1, now(), now(), 'test')
						""")
				.params(externalId + "-" + i, id, days[i] + " 12:00+08")
				.update();
		}
		return id;
	}

	/** Spreads the customer's total evenly over their orders. */
	void total(long customerId, int total) {
		this.jdbc
			.sql("""
					update customer_order set total = ?::numeric / (select count(*) from customer_order where customer_id = ?)
					where customer_id = ?""")
			.params(total, customerId, customerId)
			.update();
	}

}

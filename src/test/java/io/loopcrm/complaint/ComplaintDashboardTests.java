package io.loopcrm.complaint;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import io.loopcrm.IntegrationTest;
import io.loopcrm.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static io.loopcrm.complaint.ComplaintWebTests.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

/**
 * The dashboard's figures against data counted by hand: cases, steps and orders created
 * through the API with the clock set into 2001–2002, a period no other test and no demo
 * data uses. Step times are whole hours so every average is exact.
 */
@IntegrationTest
class ComplaintDashboardTests {

	static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MutableClock clock;

	@Autowired
	ComplaintFigures figures;

	ComplaintFixture fx;

	Instant started;

	String p;

	Instant t;

	@BeforeEach
	void setUp() {
		this.fx = new ComplaintFixture(this.mvc, this.jdbc);
		this.started = this.clock.instant();
		this.p = ComplaintFixture.prefix();
	}

	@AfterEach
	void restoreClock() {
		this.clock.set(this.started);
	}

	@Test
	void figuresMatchAHandCount() throws Exception {
		// the stores and SKUs are unique to this run; store S2 and month 2001-05 have no
		// complaints
		String a = this.p + "A";
		String b = this.p + "B";
		String c = this.p + "C";
		String d = this.p + "D";
		long idA = this.fx.customer(a);
		long idB = this.fx.customer(b);
		long idC = this.fx.customer(c);
		this.fx.customer(d);
		String s1 = this.p + "S1";
		String s2 = this.p + "S2";
		String x = this.p + "X";
		String y = this.p + "Y";
		order("O1", a, "2001-03-02T10:00", s1, "completed", x);
		order("O2", b, "2001-03-10T10:00", s1, "completed", y);
		order("O3", c, "2001-03-15T10:00", s2, "completed", x, y);
		order("O4", a, "2001-03-20T10:00", s1, "cancelled", y);
		order("O5", b, "2001-04-05T10:00", s2, "completed", x);
		order("O6", c, "2001-04-06T10:00", null, "completed", y);
		order("O7", a, "2002-01-10T10:00", s1, "completed", x);

		// K1: about order O1 (store S1), high, closed after 32 h (on time: 72 h)
		long k1 = register("2001-03-05T09:00", a, "ORDER", this.p + "O1", "HIGH");
		step(k1, 2, "validate", "{\"valid\":true}", "agent");
		step(k1, 3, "assign", "{\"department\":\"Care\",\"owner\":\"agent\"}", "agent");
		step(k1, 5, "root-cause", "{\"category\":\"QUALITY\",\"detail\":\"d\"}", "agent");
		step(k1, 4, "propose", "{\"type\":\"COMPENSATION\",\"amount\":100,\"text\":\"t\"}", "agent");
		step(k1, 2, "approve", "{}", "manager");
		step(k1, 10, "implement", "{\"notes\":\"n\",\"customerNotified\":true}", "agent");
		step(k1, 6, "close", "{\"customerSatisfied\":true}", "agent");
		// K2: product X, critical, closed after 30 h (late: 24 h)
		long k2 = register("2001-03-12T12:00", a, "PRODUCT", x, "CRITICAL");
		step(k2, 1, "validate", "{\"valid\":true}", "agent");
		step(k2, 1, "assign", "{\"department\":\"QA\",\"owner\":\"agent\"}", "agent");
		step(k2, 2, "root-cause", "{\"category\":\"QUALITY\",\"detail\":\"d\"}", "agent");
		step(k2, 2, "propose", "{\"type\":\"REPAIR\",\"text\":\"t\"}", "agent");
		step(k2, 4, "approve", "{}", "manager");
		step(k2, 10, "implement", "{\"notes\":\"n\",\"customerNotified\":true}", "agent");
		step(k2, 10, "close", "{\"customerSatisfied\":true}", "agent");
		// K3: store S1, medium, invalid and closed after 24 h (on time)
		long k3 = register("2001-04-01T08:00", b, "STORE", s1, "MEDIUM");
		step(k3, 4, "validate", "{\"valid\":false,\"explanation\":\"e\"}", "agent");
		step(k3, 20, "close", "{\"customerSatisfied\":true}", "agent");
		// K4: product Y, low, stuck after the root cause (open, overdue)
		long k4 = register("2001-04-20T08:00", b, "PRODUCT", y, "LOW");
		step(k4, 1, "validate", "{\"valid\":true}", "agent");
		step(k4, 2, "assign", "{\"department\":\"Care\",\"owner\":\"agent2\"}", "agent2");
		step(k4, 3, "root-cause", "{\"category\":\"ATTITUDE_EFFICIENCY\",\"detail\":\"d\"}", "agent2");
		// K5: service, medium, sent back, reopened, closed after 50 h (on time: 120 h)
		long k5 = register("2001-12-03T10:00", c, "SERVICE", null, "MEDIUM");
		step(k5, 2, "validate", "{\"valid\":true}", "agent");
		step(k5, 2, "assign", "{\"department\":\"Care\",\"owner\":\"agent\"}", "agent");
		step(k5, 6, "root-cause", "{\"category\":\"QUALITY\",\"detail\":\"d\"}", "agent");
		step(k5, 2, "propose", "{\"type\":\"APOLOGY\",\"text\":\"t\"}", "agent");
		step(k5, 1, "send-back", "{\"comment\":\"c\"}", "manager");
		step(k5, 3, "propose", "{\"type\":\"APOLOGY\",\"text\":\"t2\"}", "agent");
		step(k5, 1, "approve", "{}", "manager");
		step(k5, 5, "implement", "{\"notes\":\"n\",\"customerNotified\":true}", "agent");
		step(k5, 10, "close", "{\"customerSatisfied\":false,\"comment\":\"no\"}", "agent");
		step(k5, 4, "root-cause", "{\"category\":\"PROCESS\",\"detail\":\"d\"}", "agent");
		step(k5, 2, "propose", "{\"type\":\"COMPENSATION\",\"amount\":50,\"text\":\"t\"}", "agent");
		step(k5, 2, "approve", "{}", "manager");
		step(k5, 4, "implement", "{\"notes\":\"n\",\"customerNotified\":true}", "agent");
		step(k5, 6, "close", "{\"customerSatisfied\":true}", "agent");
		// K6: about order O7 (store S1), high, only registered (open, overdue)
		register("2002-01-15T10:00", a, "ORDER", this.p + "O7", "HIGH");
		// K7: staff member, low, invalid and not yet closed (open, overdue)
		long k7 = register("2002-02-01T10:00", c, "STAFF", "Clerk Li", "LOW");
		step(k7, 5, "validate", "{\"valid\":false,\"explanation\":\"e\"}", "agent");
		// K8 lies before the period (16:30 UTC on 31 December is still 2000 in
		// Shanghai)...
		register("2000-12-31T23:30", a, "SERVICE", null, "LOW");
		// ...and K9 inside it (00:30 in Shanghai on 1 January 2001 is 16:30 UTC the day
		// before)
		register("2001-01-01T00:30", d, "SERVICE", null, "LOW");
		this.clock.set(this.started);

		MvcTestResult result = this.mvc.get()
			.uri("/api/v1/complaints/dashboard?from=2001-01&to=2002-12")
			.with(httpBasic("manager", "demo"))
			.exchange();
		assertThat(result).hasStatusOk();
		var json = assertThat(result).bodyJson();
		json.extractingPath("$.totals")
			.isEqualTo(Map.ofEntries(Map.entry("cases", 8), Map.entry("orders", 6), Map.entry("rate", 1333.33),
					Map.entry("validated", 6), Map.entry("invalid", 2), Map.entry("invalidShare", 0.3333),
					Map.entry("open", 4), Map.entry("overdue", 4), Map.entry("closed", 4),
					Map.entry("averageHoursToClose", 34.0), Map.entry("repeatComplainants", 3),
					Map.entry("repeatCases", 7)));
		json.extractingPath("$.months.length()").isEqualTo(24);
		json.extractingPath("$.months[?(@.cases > 0 || @.orders > 0)]")
			.isEqualTo(List.of(month("2001-01", 1, 0, null), month("2001-03", 2, 3, 666.67),
					month("2001-04", 2, 2, 1000.0), month("2001-12", 1, 0, null), month("2002-01", 1, 1, 1000.0),
					month("2002-02", 1, 0, null)));
		json.extractingPath("$.categories")
			.isEqualTo(List.of(group("ORDER", null, 2, 0.25, null, 6, 333.33),
					group("PRODUCT", null, 2, 0.25, null, 6, 333.33), group("SERVICE", null, 2, 0.25, null, 6, 333.33),
					group("STAFF", null, 1, 0.125, null, 6, 166.67), group("STORE", null, 1, 0.125, null, 6, 166.67)));
		json.extractingPath("$.causes")
			.isEqualTo(List.of(group("QUALITY", null, 2, 0.5, 0.5, 6, 333.33),
					group("ATTITUDE_EFFICIENCY", null, 1, 0.25, 0.75, 6, 166.67),
					group("PROCESS", null, 1, 0.25, 1.0, 6, 166.67)));
		json.extractingPath("$.products")
			.isEqualTo(List.of(group(x, "Kettle", 1, 0.125, null, 4, 250.0),
					group(y, "Teapot", 1, 0.125, null, 3, 333.33)));
		json.extractingPath("$.stores").isEqualTo(List.of(group(s1, null, 3, 0.375, null, 3, 1000.0)));
		json.extractingPath("$.steps")
			.isEqualTo(List.of(stepRow("validate", 6, 2.5), stepRow("assign", 4, 2.0), stepRow("root-cause", 5, 4.0),
					stepRow("propose", 5, 2.6), stepRow("approve", 4, 2.25), stepRow("send-back", 1, 1.0),
					stepRow("implement", 4, 7.25), stepRow("close", 5, 10.4)));
		json.extractingPath("$.sla")
			.isEqualTo(List.of(sla("CRITICAL", 24, 1, 0, 0.0), sla("HIGH", 72, 2, 1, 0.5),
					sla("MEDIUM", 120, 2, 2, 1.0), sla("LOW", 240, 3, 0, 0.0), sla(null, null, 8, 3, 0.375)));
		json.extractingPath("$.repeaters[*].customerId").isEqualTo(List.of((int) idA, (int) idB, (int) idC));
		json.extractingPath("$.repeaters[*].cases").isEqualTo(List.of(3, 2, 2));

		// the published figures and a shorter period
		ComplaintFigures.Summary all = this.figures.summary(YearMonth.of(2001, 1), YearMonth.of(2002, 12));
		assertThat(all).isEqualTo(new ComplaintFigures.Summary(8, 6, 1333.33, 0.375, 0.3333, 4, 4));
		ComplaintFigures.Summary spring = this.figures.summary(YearMonth.of(2001, 3), YearMonth.of(2001, 4));
		assertThat(spring).isEqualTo(new ComplaintFigures.Summary(4, 5, 800.0, 0.5, 0.25, 1, 1));
		// K6 and, outside the period, K8
		assertThat(this.figures.openCases(idA)).isEqualTo(2);
		assertThat(this.figures.openCases(idB)).isEqualTo(1);

		// the page shows the same figures beside its charts
		String page = this.mvc.get()
			.uri("/complaints/dashboard?from=2001-01&to=2002-12")
			.with(as("manager"))
			.exchange()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(page).contains("id=\"total-cases\">8<")
			.contains("id=\"total-rate\">1,333.33<")
			.contains("id=\"total-sla\">37.5%<")
			.contains("id=\"total-invalid\">33.3%<")
			.contains("<tr data-month=\"2001-03\">")
			.contains("666.67")
			.contains("<tr data-key=\"" + s1 + "\">")
			.contains("&quot;type&quot;:&quot;pareto&quot;")
			.doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>");
		assertThat(this.mvc.get().uri("/complaints/dashboard").with(as("agent"))).hasStatus(403);
		assertThat(this.mvc.get().uri("/api/v1/complaints/dashboard").with(httpBasic("agent", "demo"))).hasStatus(403);
		assertThat(this.mvc.get().uri("/api/v1/complaints/dashboard?from=2001-13").with(httpBasic("manager", "demo")))
			.hasStatus(400);
		assertThat(this.mvc.get()
			.uri("/complaints/dashboard?from=2002-01&to=2001-01")
			.with(as("manager"))
			.exchange()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8)).contains("The last month is before the first.");
	}

	private void order(String number, String customer, String at, String store, String status, String... skus) {
		StringBuilder lines = new StringBuilder();
		for (String sku : skus) {
			lines.append((lines.length() > 0) ? "," : "")
				.append("{\"sku\":\"%s\",\"productName\":\"%s\",\"quantity\":1,\"unitPrice\":50}".formatted(sku,
						sku.endsWith("X") ? "Kettle" : "Teapot"));
		}
		String json = """
				{"orderId":"%s%s","customerExternalId":"%s","orderedAt":"%s:00+08:00","channel":"%s",%s"status":"%s",
				 "lines":[%s]}""".formatted(this.p, number, customer, at, (store != null) ? "store" : "web",
				(store != null) ? "\"store\":\"" + store + "\"," : "", status, lines);
		assertThat(this.fx.post("/api/v1/transactions", json, "staff")).hasStatus(201);
	}

	private long register(String at, String customer, String type, String reference, String severity) {
		this.t = LocalDateTime.parse(at).atZone(SHANGHAI).toInstant();
		this.clock.set(this.t);
		MvcTestResult created = this.fx.post("/api/v1/complaints", """
				{"customerExternalId":"%s","about":{"type":"%s"%s},"description":"d","channel":"PHONE",
				 "severity":"%s"}""".formatted(customer, type,
				(reference != null) ? ",\"reference\":\"" + reference + "\"" : "", severity), "staff");
		assertThat(created).as(ComplaintFixture.body(created)).hasStatus(201);
		return ComplaintFixture.id(created);
	}

	/** Takes a step {@code hours} after the case's previous one. */
	private void step(long id, int hours, String action, String json, String user) {
		this.t = this.t.plus(Duration.ofHours(hours));
		this.clock.set(this.t);
		this.fx.ok(id, action, json, user);
	}

	private static Map<String, Object> month(String month, int cases, int orders, Double rate) {
		Map<String, Object> row = new java.util.LinkedHashMap<>();
		row.put("month", month);
		row.put("cases", cases);
		row.put("orders", orders);
		row.put("rate", rate);
		return row;
	}

	private static Map<String, Object> group(String key, String name, int cases, Double share, Double cumulative,
			int orders, Double rate) {
		Map<String, Object> row = new java.util.LinkedHashMap<>();
		row.put("key", key);
		row.put("name", name);
		row.put("cases", cases);
		row.put("share", share);
		row.put("cumulativeShare", cumulative);
		row.put("orders", orders);
		row.put("rate", rate);
		return row;
	}

	private static Map<String, Object> stepRow(String action, int count, double hours) {
		return Map.of("action", action, "count", count, "averageHours", hours);
	}

	private static Map<String, Object> sla(String severity, Integer target, int decided, int onTime,
			Double compliance) {
		Map<String, Object> row = new java.util.LinkedHashMap<>();
		row.put("severity", severity);
		row.put("targetHours", target);
		row.put("decided", decided);
		row.put("onTime", onTime);
		row.put("compliance", compliance);
		row.put("openNotDue", 0);
		return row;
	}

}

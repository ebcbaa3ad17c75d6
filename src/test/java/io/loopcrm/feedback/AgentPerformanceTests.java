package io.loopcrm.feedback;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.loopcrm.IntegrationTest;
import io.loopcrm.MutableClock;
import io.loopcrm.platform.Role;
import io.loopcrm.platform.users.UserService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static io.loopcrm.feedback.TicketFixture.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * Agent performance against figures counted by hand: five tickets closed in March 2016
 * (Mon–Fri 09:00–18:00) by agents A and B of one team and agent C outside it.
 */
@IntegrationTest
class AgentPerformanceTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	UserService users;

	@Autowired
	MutableClock clock;

	TicketFixture f;

	@AfterEach
	void restoreClock() {
		this.clock.set(Instant.now());
	}

	long open(String when, String staff, String customer, String category) {
		this.clock.set(at(when));
		return this.f.open(staff, customer, "COMPLAINT", category, "NORMAL");
	}

	void act(String when, String agent, long id, String action, String json) {
		this.clock.set(at(when));
		assertThat(this.f.act(agent, id, action, json)).as(action + " at " + when).hasStatusOk();
	}

	void handle(String agent, long id, String start, String reply, String close, String satisfied) {
		act(start, agent, id, "verify", null);
		act(start, agent, id, "start", null);
		act(reply, agent, id, "reply", "{\"text\":\"Fixed\"}");
		act(close, agent, id, "close",
				"{\"customerConfirmed\":true" + ((satisfied != null) ? ",\"satisfied\":" + satisfied : "") + "}");
	}

	@Test
	void figuresPerAgentAndTeamEqualTheHandCountedOnes() {
		this.f = new TicketFixture(this.mvc, this.jdbc, this.users);
		String staff = this.f.user("staff", Role.STAFF);
		String a = this.f.user("a", Role.AGENT);
		String b = this.f.user("b", Role.AGENT);
		String c = this.f.user("c", Role.AGENT);
		String team = "Perf " + this.f.prefix;
		long teamId = this.jdbc.sql("insert into app_team (name, created_at) values (?, now()) returning id")
			.param(team)
			.query(Long.class)
			.single();
		for (String member : List.of(a, b)) {
			this.jdbc
				.sql("insert into app_team_member (team_id, user_id) select ?, id from app_user where username = ?")
				.params(teamId, member)
				.update();
		}
		String category = this.f.category("Perf", null);
		this.f.policy(category, "NORMAL", 120, 540, 75);
		String customer = this.f.customer("perf");

		// A1: first response 30 min, closed after 60, satisfied
		long a1 = open("2016-03-07T09:00", staff, customer, category);
		handle(a, a1, "2016-03-07T09:00", "2016-03-07T09:30", "2016-03-07T10:00", "true");
		// A2: first response 180 min (target 120: breached), closed after 360, not
		// satisfied
		long a2 = open("2016-03-07T09:00", staff, customer, category);
		handle(a, a2, "2016-03-07T09:00", "2016-03-07T12:00", "2016-03-07T15:00", "false");
		// A3: opened Tuesday 17:00, first response Wednesday 09:30 (90 min), paused 120
		// min, closed Wednesday 14:00: 360 business minutes less the pause = 240; not
		// asked
		long a3 = open("2016-03-08T17:00", staff, customer, category);
		act("2016-03-08T17:00", a, a3, "verify", null);
		act("2016-03-08T17:00", a, a3, "start", null);
		act("2016-03-09T09:30", a, a3, "reply", "{\"text\":\"Please send a photo\"}");
		act("2016-03-09T10:00", a, a3, "wait-customer", null);
		act("2016-03-09T12:00", a, a3, "resume", null);
		act("2016-03-09T13:00", a, a3, "reply", "{\"text\":\"Replaced\"}");
		act("2016-03-09T14:00", a, a3, "close", "{\"customerConfirmed\":true}");
		// B1: first response 10 min, closed exactly at the resolution due time (540 min):
		// met
		long b1 = open("2016-03-10T10:00", staff, customer, category);
		handle(b, b1, "2016-03-10T10:00", "2016-03-10T10:10", "2016-03-11T10:00", "true");
		// C1: opened Friday 17:00, first response Monday 09:30 (90), closed 10:00 (120)
		long c1 = open("2016-03-11T17:00", staff, customer, category);
		handle(c, c1, "2016-03-11T17:00", "2016-03-14T09:30", "2016-03-14T10:00", "true");
		// not in the period: closed in April; still open
		long late = open("2016-03-30T10:00", staff, customer, category);
		handle(a, late, "2016-03-30T10:00", "2016-03-30T10:30", "2016-04-01T10:00", "false");
		long open = open("2016-03-15T10:00", staff, customer, category);
		act("2016-03-15T10:00", a, open, "verify", null);
		act("2016-03-15T10:00", a, open, "start", null);

		MvcTestResult report = this.mvc.get()
			.uri("/api/v1/tickets/performance?from=2016-03-01&to=2016-03-31")
			.with(httpBasic("manager", "demo"))
			.exchange();
		assertThat(report).hasStatusOk();
		List<Map<String, Object>> agents = json(report, "$.agents");
		assertThat(agents).extracting((m) -> m.get("key")).containsExactly(a, b, c);
		expect(agents.get(0), 3, 90.0, 240.0, 2, 1, 2);
		expect(agents.get(1), 1, 10.0, 540.0, 1, 1, 1);
		expect(agents.get(2), 1, 90.0, 120.0, 1, 1, 1);
		Map<String, Object> theTeam = this.<Map<String, Object>>json(report, "$.teams")
			.stream()
			.filter((t) -> team.equals(t.get("key")))
			.findFirst()
			.orElseThrow();
		// first responses 10, 30, 90, 180 → (30 + 90) / 2; closes 60, 240, 360, 540 →
		// (240 + 360) / 2
		expect(theTeam, 4, 60.0, 300.0, 3, 2, 3);
		assertThat(((Number) theTeam.get("slaCompliance")).doubleValue()).isCloseTo(0.75, within(1e-9));
		assertThat(((Number) agents.get(0).get("satisfaction")).doubleValue()).isCloseTo(0.5, within(1e-9));
		assertThat(report).bodyJson().extractingPath("$.total.handled").isEqualTo(5);

		assertThat(this.mvc.get()
			.uri("/tickets/performance?from=2016-03-01&to=2016-03-31")
			.with(user("manager").roles("MANAGER", "AGENT", "STAFF"))).hasStatusOk()
			.bodyText()
			.contains(team)
			.contains("66.7%")
			.contains("75%");
		assertThat(this.mvc.get().uri("/tickets/performance").with(user(a).roles("AGENT", "STAFF"))).hasStatus(403);
		assertThat(this.mvc.get().uri("/api/v1/tickets/performance").with(httpBasic(a, TicketFixture.PASSWORD)))
			.hasStatus(403);
	}

	static void expect(Map<String, Object> figures, int handled, double firstResponse, double close, int met,
			int satisfied, int rated) {
		assertThat(figures.get("handled")).as("handled").isEqualTo(handled);
		assertThat(((Number) figures.get("medianFirstResponseMinutes")).doubleValue()).as("first response")
			.isEqualTo(firstResponse);
		assertThat(((Number) figures.get("medianCloseMinutes")).doubleValue()).as("close").isEqualTo(close);
		assertThat(figures.get("slaMet")).as("met").isEqualTo(met);
		assertThat(figures.get("satisfied")).as("satisfied").isEqualTo(satisfied);
		assertThat(figures.get("rated")).as("rated").isEqualTo(rated);
	}

	@SuppressWarnings("unchecked")
	<T> List<T> json(MvcTestResult result, String path) {
		try {
			return (List<T>) com.jayway.jsonpath.JsonPath
				.read(result.getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8), path);
		}
		catch (java.io.UnsupportedEncodingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

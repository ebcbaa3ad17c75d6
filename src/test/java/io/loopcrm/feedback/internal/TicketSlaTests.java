package io.loopcrm.feedback.internal;

import java.time.Instant;

import io.loopcrm.IntegrationTest;
import io.loopcrm.MutableClock;
import io.loopcrm.feedback.TicketFixture;
import io.loopcrm.platform.Role;
import io.loopcrm.platform.users.UserService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static io.loopcrm.feedback.TicketFixture.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * The SLA clock in June 2021 (Shanghai, Mon–Fri 09:00–18:00, the Dragon Boat Festival on
 * Monday 14 June a holiday): due times across nights, weekends and the holiday, the pause
 * that moves them, the reopen that resumes where the clock stood, and the job's warning,
 * breach and escalation.
 */
@IntegrationTest
class TicketSlaTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	UserService users;

	@Autowired
	MutableClock clock;

	@Autowired
	SlaMonitor sla;

	TicketFixture f;

	String staff;

	String agent;

	String manager;

	String category;

	String customer;

	@BeforeEach
	void setUp() {
		this.f = new TicketFixture(this.mvc, this.jdbc, this.users);
		this.staff = this.f.user("staff", Role.STAFF);
		this.agent = this.f.user("agent", Role.AGENT);
		this.manager = this.f.user("boss", Role.MANAGER);
		this.category = this.f.category("Kettles", this.manager);
		// NORMAL: first response 2 business hours, resolution one business day (9 h)
		this.f.policy(this.category, "NORMAL", 120, 540, 75);
		this.customer = this.f.customer("sla");
		// the holiday through the administrators' page
		assertThat(this.mvc.post()
			.uri("/tickets/settings/holidays")
			.with(user("admin").roles("ADMIN", "MANAGER", "AGENT", "STAFF"))
			.with(csrf())
			.param("day", "2021-06-14")
			.param("name", "端午节 Dragon Boat Festival")).hasStatus3xxRedirection();
	}

	@AfterEach
	void restoreClock() {
		this.clock.set(Instant.now());
	}

	long openAt(String localDateTime) {
		this.clock.set(at(localDateTime));
		return this.f.open(this.staff, this.customer, "COMPLAINT", this.category, "NORMAL");
	}

	void actAt(String localDateTime, long id, String action, String json) {
		this.clock.set(at(localDateTime));
		assertThat(this.f.act(this.agent, id, action, json)).as(action).hasStatusOk();
	}

	@Test
	void dueTimesSkipNightsTheWeekendAndTheHoliday() {
		long id = openAt("2021-06-11T17:30");
		// 30 minutes on Friday; Saturday, Sunday and the holiday Monday do not count
		assertThat(this.f.instant(id, "first_response_due")).isEqualTo(at("2021-06-15T10:30"));
		assertThat(this.f.instant(id, "first_response_warn_at")).isEqualTo(at("2021-06-15T10:00"));
		assertThat(this.f.instant(id, "resolution_due")).isEqualTo(at("2021-06-15T17:30"));
		MvcTestResult json = this.f.get(this.agent, id);
		assertThat(json).bodyJson().extractingPath("$.firstResponseDue").isEqualTo(at("2021-06-15T10:30").toString());
	}

	@Test
	void waitingOnTheCustomerStopsTheClockAndTheResumeMovesTheDueTimes() {
		long id = openAt("2021-06-15T10:00");
		assertThat(this.f.instant(id, "first_response_due")).isEqualTo(at("2021-06-15T12:00"));
		assertThat(this.f.instant(id, "resolution_due")).isEqualTo(at("2021-06-16T10:00"));
		actAt("2021-06-15T10:00", id, "verify", "{}");
		actAt("2021-06-15T10:10", id, "start", "{}");
		actAt("2021-06-15T10:30", id, "wait-customer", "{\"comment\":\"Photos of the label, please\"}");
		// long past the first-response due time, but the clock stands
		this.clock.set(at("2021-06-15T17:00"));
		this.sla.run();
		assertThat(this.f.instant(id, "first_response_breached_at")).isNull();
		assertThat(this.f.get(this.agent, id)).bodyJson().extractingPath("$.paused").isEqualTo(true);
		// the customer answers the next morning: 7.5 h on Tuesday and 1.5 h on Wednesday
		actAt("2021-06-16T10:30", id, "resume", "{}");
		assertThat(this.f.instant(id, "first_response_due")).isEqualTo(at("2021-06-16T12:00"));
		assertThat(this.f.instant(id, "resolution_due")).isEqualTo(at("2021-06-17T10:00"));
		assertThat(this.jdbc.sql("select business_seconds from ticket_pause where ticket_id = ?")
			.param(id)
			.query(Long.class)
			.single()).isEqualTo(9 * 3600);
		MvcTestResult json = this.f.get(this.agent, id);
		assertThat(json).bodyJson().extractingPath("$.pausedMinutes").isEqualTo(540);
		assertThat(json).bodyJson().extractingPath("$.paused").isEqualTo(false);
		this.clock.set(at("2021-06-16T11:59"));
		this.sla.run();
		assertThat(this.f.instant(id, "first_response_breached_at")).isNull();
		this.clock.set(at("2021-06-16T12:01"));
		this.sla.run();
		assertThat(this.f.instant(id, "first_response_breached_at")).isEqualTo(at("2021-06-16T12:01"));
		// the ledger is on the ticket page
		assertThat(this.mvc.get().uri("/tickets/{id}", id).with(user(this.agent).roles("AGENT", "STAFF"))).hasStatusOk()
			.bodyText()
			.contains("pause-ledger")
			.contains("540");
	}

	@Test
	void reopeningResumesTheResolutionClockWhereItStood() {
		long id = openAt("2021-06-21T09:00");
		assertThat(this.f.instant(id, "resolution_due")).isEqualTo(at("2021-06-21T18:00"));
		actAt("2021-06-21T09:30", id, "verify", "{}");
		actAt("2021-06-21T09:40", id, "start", "{}");
		actAt("2021-06-21T10:00", id, "reply", "{\"text\":\"A new kettle is on its way.\"}");
		actAt("2021-06-21T11:00", id, "close", "{\"customerConfirmed\":true,\"satisfied\":false}");
		assertThat(this.jdbc.sql("select resolution_consumed_seconds from ticket where id = ?")
			.param(id)
			.query(Long.class)
			.single()).isEqualTo(120 * 60);
		// three days later the kettle still leaks: 420 minutes were left
		actAt("2021-06-24T15:00", id, "reopen", "{\"comment\":\"Still leaking\"}");
		assertThat(this.f.instant(id, "resolution_due")).isEqualTo(at("2021-06-25T13:00"));
		this.clock.set(at("2021-06-24T15:01"));
		this.sla.run();
		assertThat(this.f.instant(id, "resolution_breached_at")).isNull();
		// the warning comes at 75 % of 540 minutes: 285 minutes after the reopen
		this.clock.set(at("2021-06-25T10:44"));
		this.sla.run();
		assertThat(this.f.instant(id, "resolution_warned_at")).isNull();
		this.clock.set(at("2021-06-25T10:46"));
		this.sla.run();
		assertThat(this.f.instant(id, "resolution_warned_at")).isEqualTo(at("2021-06-25T10:46"));
		this.clock.set(at("2021-06-25T13:01"));
		this.sla.run();
		assertThat(this.f.instant(id, "resolution_breached_at")).isEqualTo(at("2021-06-25T13:01"));
	}

	@Test
	void theJobWarnsTheOwnerThenFlagsTheBreachAndEscalatesOnceToTheCategoryManager() {
		long id = openAt("2021-06-22T09:00");
		actAt("2021-06-22T09:05", id, "assign", "{\"owner\":\"" + this.agent + "\"}");
		this.clock.set(at("2021-06-22T10:29"));
		this.sla.run();
		assertThat(this.f.instant(id, "first_response_warned_at")).isNull();
		this.clock.set(at("2021-06-22T10:31"));
		this.sla.run();
		assertThat(this.f.instant(id, "first_response_warned_at")).isEqualTo(at("2021-06-22T10:31"));
		assertThat(notifications(this.agent, "feedback.notify.warning", id)).isEqualTo(1);
		assertThat(this.f.get(this.agent, id)).bodyJson().extractingPath("$.warning").isEqualTo(true);
		this.clock.set(at("2021-06-22T11:01"));
		// the way the scheduler calls it, then once more
		this.sla.scheduled();
		this.sla.run();
		MvcTestResult json = this.f.get(this.agent, id);
		assertThat(json).bodyJson().extractingPath("$.breached").isEqualTo(true);
		assertThat(json).bodyJson().extractingPath("$.firstResponseBreached").isEqualTo(true);
		assertThat(json).bodyJson().extractingPath("$.escalatedTo").isEqualTo(this.manager);
		// (other tests' breached tickets in categories without a manager go to every
		// manager, this one's too: count only this ticket's)
		assertThat(notifications(this.manager, "feedback.notify.breached", id)).isEqualTo(1);
		assertThat(this.jdbc.sql(
				"select string_agg(action, ',' order by id) from ticket_event where ticket_id = ? and actor = 'system'")
			.param(id)
			.query(String.class)
			.single()).isEqualTo("sla-warning,sla-breach,escalate");
		// the breached queue shows it
		long categoryId = this.jdbc.sql("select id from feedback_category where name = ?")
			.param(this.category)
			.query(Long.class)
			.single();
		assertThat(this.mvc.get()
			.uri("/api/v1/tickets?queue=breached&category={c}", categoryId)
			.with(httpBasic(this.agent, TicketFixture.PASSWORD))).bodyJson()
			.extractingPath("$.items[*].id")
			.asArray()
			.containsExactly((int) id);
		// the manager sees it under the bell and marks it read
		assertThat(this.mvc.get().uri("/notifications").with(user(this.manager).roles("MANAGER", "AGENT", "STAFF")))
			.hasStatusOk()
			.bodyText()
			.contains("#" + id)
			.contains("notification-bell");
		long notification = this.jdbc.sql("select id from notification where recipient = ? and link = ?")
			.params(this.manager, "/tickets/" + id)
			.query(Long.class)
			.single();
		assertThat(this.mvc.post()
			.uri("/notifications/{id}/open", notification)
			.with(user(this.manager).roles("MANAGER", "AGENT", "STAFF"))
			.with(csrf())).hasStatus3xxRedirection().redirectedUrl().isEqualTo("/tickets/" + id);
		assertThat(this.jdbc.sql("select count(*) from notification where id = ? and read_at is null")
			.param(notification)
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void aLateFirstReplyIsABreachEvenBeforeTheJobRuns() {
		long id = openAt("2021-06-23T09:00");
		actAt("2021-06-23T09:10", id, "verify", "{}");
		actAt("2021-06-23T09:20", id, "start", "{}");
		actAt("2021-06-23T11:30", id, "reply", "{\"text\":\"Sorry for the wait.\"}");
		assertThat(this.f.instant(id, "first_response_breached_at")).isEqualTo(at("2021-06-23T11:30"));
		assertThat(this.f.instant(id, "first_response_at")).isEqualTo(at("2021-06-23T11:30"));
	}

	@Test
	void anAgentEscalatesByHandToTheCategoryManager() {
		long id = openAt("2021-06-23T14:00");
		actAt("2021-06-23T14:05", id, "escalate", "{\"comment\":\"Customer threatens to go to the press\"}");
		assertThat(notifications(this.manager, "feedback.notify.escalated", id)).isEqualTo(1);
		assertThat(this.f.get(this.agent, id)).bodyJson().extractingPath("$.escalatedTo").isEqualTo(this.manager);
	}

	long notifications(String recipient, String key, long ticket) {
		return this.jdbc.sql("select count(*) from notification where recipient = ? and message_key = ? and link = ?")
			.params(recipient, key, "/tickets/" + ticket)
			.query(Long.class)
			.single();
	}

}

package io.loopcrm.feedback;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.loopcrm.IntegrationTest;
import io.loopcrm.platform.Role;
import io.loopcrm.platform.users.UserService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

/**
 * The ticket workflow through the API: every action every status allows leads where it
 * should, every other action is refused with a 409 naming the allowed ones, and the role
 * rules hold (STAFF registers and reads, AGENT handles).
 */
@IntegrationTest
class TicketWorkflowApiTests {

	static final List<String> ACTIONS = List.of("verify", "start", "reply", "note", "wait-customer", "resume", "close",
			"reopen", "assign", "escalate");

	/** The allowed actions per status, as the workflow describes it. */
	static final Map<String, List<String>> ALLOWED = new LinkedHashMap<>();

	/** Actions that bring a new ticket into each status. */
	static final Map<String, List<String>> PATH = new LinkedHashMap<>();

	static {
		ALLOWED.put("RECEIVED", List.of("verify", "note", "assign", "escalate"));
		ALLOWED.put("VERIFIED", List.of("start", "note", "assign", "escalate"));
		ALLOWED.put("IN_PROGRESS", List.of("reply", "note", "wait-customer", "assign", "escalate"));
		ALLOWED.put("WAITING_CUSTOMER", List.of("resume", "note", "assign", "escalate"));
		ALLOWED.put("REPLIED", List.of("reply", "note", "wait-customer", "close", "reopen", "assign", "escalate"));
		ALLOWED.put("CLOSED", List.of("reopen", "note"));
		ALLOWED.put("REOPENED", List.of("start", "note", "assign", "escalate"));
		PATH.put("RECEIVED", List.of());
		PATH.put("VERIFIED", List.of("verify"));
		PATH.put("IN_PROGRESS", List.of("verify", "start"));
		PATH.put("WAITING_CUSTOMER", List.of("verify", "start", "wait-customer"));
		PATH.put("REPLIED", List.of("verify", "start", "reply"));
		PATH.put("CLOSED", List.of("verify", "start", "reply", "close"));
		PATH.put("REOPENED", List.of("verify", "start", "reply", "close", "reopen"));
	}

	static String expectedAfter(String status, String action) {
		return switch (action) {
			case "verify" -> "VERIFIED";
			case "start", "resume" -> "IN_PROGRESS";
			case "reply" -> "REPLIED";
			case "wait-customer" -> "WAITING_CUSTOMER";
			case "close" -> "CLOSED";
			case "reopen" -> "REOPENED";
			default -> status;
		};
	}

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	UserService users;

	TicketFixture f;

	String staff;

	String agent;

	String otherAgent;

	String customer;

	@BeforeEach
	void setUp() {
		this.f = new TicketFixture(this.mvc, this.jdbc, this.users);
		this.staff = this.f.user("staff", Role.STAFF);
		this.agent = this.f.user("agent", Role.AGENT);
		this.otherAgent = this.f.user("agent2", Role.AGENT);
		this.customer = this.f.customer("c1");
	}

	String body(String action) {
		return switch (action) {
			case "reply" -> "{\"text\":\"We will replace the kettle.\"}";
			case "note" -> "{\"text\":\"Checked the batch number.\"}";
			case "assign" -> "{\"owner\":\"" + this.otherAgent + "\"}";
			case "close" -> "{\"customerConfirmed\":true,\"satisfied\":true,\"comment\":\"Replaced\"}";
			default -> "{}";
		};
	}

	long ticketIn(String status) {
		long id = this.f.open(this.staff, this.customer, "COMPLAINT", "DELIVERY", "HIGH");
		for (String action : PATH.get(status)) {
			assertThat(this.f.act(this.agent, id, action, body(action))).hasStatusOk();
		}
		assertThat(this.f.status(id)).isEqualTo(status);
		return id;
	}

	@Test
	void everyAllowedActionLeadsWhereTheWorkflowSays() {
		List<String> done = new ArrayList<>();
		ALLOWED.forEach((status, actions) -> {
			for (String action : actions) {
				long id = ticketIn(status);
				MvcTestResult result = this.f.act(this.agent, id, action, body(action));
				assertThat(result).as("%s from %s", action, status).hasStatusOk();
				String expected = expectedAfter(status, action);
				assertThat(result).bodyJson().extractingPath("$.status").isEqualTo(expected);
				assertThat(result).bodyJson()
					.extractingPath("$.allowedActions")
					.asArray()
					.containsExactlyInAnyOrderElementsOf(ALLOWED.get(expected));
				done.add(status + " " + action);
			}
		});
		assertThat(done).hasSize(ALLOWED.values().stream().mapToInt(List::size).sum());
	}

	@Test
	void everyOtherActionIsRefusedNamingTheAllowedOnes() {
		int refused = 0;
		for (var entry : ALLOWED.entrySet()) {
			String status = entry.getKey();
			long id = ticketIn(status);
			for (String action : ACTIONS) {
				if (entry.getValue().contains(action)) {
					continue;
				}
				MvcTestResult result = this.f.act(this.agent, id, action, body(action));
				assertThat(result).as("%s from %s", action, status).hasStatus(409);
				assertThat(result).bodyJson()
					.extractingPath("$.allowedActions")
					.asArray()
					.containsExactlyInAnyOrderElementsOf(entry.getValue());
				assertThat(this.f.status(id)).isEqualTo(status);
				refused++;
			}
		}
		assertThat(refused).isEqualTo(7 * ACTIONS.size() - ALLOWED.values().stream().mapToInt(List::size).sum());
	}

	@Test
	void anIllegalStepIsExplainedInTheCallersLanguage() {
		long id = ticketIn("RECEIVED");
		MvcTestResult result = this.mvc.post()
			.uri("/api/v1/tickets/{id}/actions/close", id)
			.with(httpBasic(this.agent, TicketFixture.PASSWORD))
			.header("Accept-Language", "zh-CN")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"customerConfirmed\":true}")
			.exchange();
		assertThat(result).hasStatus(409);
		assertThat(result).bodyJson()
			.extractingPath("$.detail")
			.asString()
			.contains("已接收")
			.contains("结案")
			.contains("核实");
	}

	@Test
	void theWholeJourneyWithAPauseAndAReopenEndsClosedAndSatisfied() {
		long id = ticketIn("RECEIVED");
		for (String action : List.of("verify", "start", "wait-customer", "resume", "reply", "reopen", "start", "reply",
				"close", "reopen", "start", "reply", "close")) {
			assertThat(this.f.act(this.agent, id, action, body(action))).as(action).hasStatusOk();
		}
		MvcTestResult ticket = this.f.get(this.staff, id);
		assertThat(ticket).bodyJson().extractingPath("$.status").isEqualTo("CLOSED");
		assertThat(ticket).bodyJson().extractingPath("$.satisfied").isEqualTo(true);
		assertThat(ticket).bodyJson().extractingPath("$.owner").isEqualTo(this.agent);
		assertThat(this.jdbc.sql("select count(*) from ticket_event where ticket_id = ?")
			.param(id)
			.query(Long.class)
			.single()).isEqualTo(14);
		assertThat(this.jdbc.sql("select count(*) from ticket_pause where ticket_id = ? and resumed_at is not null")
			.param(id)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void staffRegisterAndReadButOnlyAgentsHandle() {
		long id = this.f.open(this.staff, this.customer, "INQUIRY", "OTHER", "LOW");
		MvcTestResult read = this.f.get(this.staff, id);
		assertThat(read).hasStatusOk();
		assertThat(read).bodyJson().extractingPath("$.allowedActions").asArray().isEmpty();
		assertThat(this.f.act(this.staff, id, "verify", "{}")).hasStatus(403);
		assertThat(this.f.act(this.staff, id, "note", body("note"))).hasStatus(403);
		assertThat(this.f.status(id)).isEqualTo("RECEIVED");
		assertThat(this.f.get(this.agent, id)).bodyJson()
			.extractingPath("$.allowedActions")
			.asArray()
			.containsExactlyInAnyOrder("verify", "note", "assign", "escalate");
		assertThat(this.f.act(this.agent, id, "verify", "{}")).hasStatusOk();
		assertThat(this.f.act("manager", id, "start", "{}").getResponse().getStatus()).isEqualTo(401);
		assertThat(this.mvc.post()
			.uri("/api/v1/tickets/{id}/actions/start", id)
			.with(httpBasic("manager", "demo"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{}")).hasStatusOk();
		assertThat(this.mvc.get().uri("/api/v1/tickets/{id}", id)).hasStatus(401);
	}

	@Test
	void openingAnswers201WithLocationAndTheDueTimes() {
		MvcTestResult result = this.mvc.post()
			.uri("/api/v1/tickets")
			.with(httpBasic(this.staff, TicketFixture.PASSWORD))
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"customerExternalId":"%s","kind":"SUGGESTION","channel":"WEB_FORM","category":"delivery",
					 "priority":"URGENT","subject":"Evening delivery","description":"Please deliver after 19:00."}
					""".formatted(this.customer))
			.exchange();
		assertThat(result).hasStatus(201);
		assertThat(result).headers()
			.hasHeaderSatisfying("Location", (v) -> assertThat(v.get(0)).matches("/api/v1/tickets/\\d+"));
		assertThat(result).bodyJson().extractingPath("$.status").isEqualTo("RECEIVED");
		assertThat(result).bodyJson().extractingPath("$.category").isEqualTo("DELIVERY");
		assertThat(result).bodyJson().extractingPath("$.customerExternalId").isEqualTo(this.customer);
		assertThat(result).bodyJson().extractingPath("$.firstResponseDue").isNotNull();
		assertThat(result).bodyJson().extractingPath("$.resolutionDue").isNotNull();
		assertThat(result).bodyJson().extractingPath("$.breached").isEqualTo(false);
		assertThat(result).bodyJson().extractingPath("$.createdBy").isEqualTo(this.staff);
	}

	@Test
	void incompleteInputIsRefusedFieldByField() {
		MvcTestResult result = this.mvc.post()
			.uri("/api/v1/tickets")
			.with(httpBasic(this.staff, TicketFixture.PASSWORD))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"customerExternalId\":\"nobody-" + this.f.prefix
					+ "\",\"kind\":\"RANT\",\"category\":\"Weather\"}")
			.exchange();
		assertThat(result).hasStatus(400);
		assertThat(result).bodyJson()
			.extractingPath("$.errors[*].field")
			.asArray()
			.containsExactlyInAnyOrder("customerExternalId", "kind", "channel", "category", "subject", "description");
		assertThat(this.jdbc.sql("select count(*) from ticket where customer_id = ?")
			.param(this.f.customerId(this.customer))
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void actionsWithoutTheirInputAreRefusedAndChangeNothing() {
		long replied = ticketIn("REPLIED");
		MvcTestResult close = this.f.act(this.agent, replied, "close", "{\"satisfied\":true}");
		assertThat(close).hasStatus(400);
		assertThat(close).bodyJson().extractingPath("$.errors[0].field").isEqualTo("customerConfirmed");
		assertThat(this.f.act(this.agent, replied, "close", "{\"customerConfirmed\":false}")).hasStatus(400);
		assertThat(this.f.status(replied)).isEqualTo("REPLIED");
		assertThat(this.f.act(this.agent, replied, "reply", "{\"text\":\"  \"}")).hasStatus(400);
		MvcTestResult assign = this.f.act(this.agent, replied, "assign", "{\"owner\":\"" + this.staff + "\"}");
		assertThat(assign).hasStatus(400);
		assertThat(assign).bodyJson().extractingPath("$.errors[0].field").isEqualTo("owner");
		assertThat(this.f.get(this.agent, replied)).bodyJson().extractingPath("$.owner").isEqualTo(this.agent);
		assertThat(this.f.act(this.agent, replied, "dance", "{}")).hasStatus(404);
		assertThat(this.f.act(this.agent, 999_999_999L, "verify", "{}")).hasStatus(404);
	}

	@Test
	void aStaleVersionIsAConflictNamingWhoChangedTheTicket() {
		long id = ticketIn("RECEIVED");
		assertThat(this.f.act(this.agent, id, "verify", "{\"version\":0}")).hasStatusOk();
		MvcTestResult stale = this.f.act(this.otherAgent, id, "note", "{\"version\":0,\"text\":\"late\"}");
		assertThat(stale).hasStatus(409);
		assertThat(stale).bodyJson().extractingPath("$.detail").asString().contains(this.agent);
		assertThat(this.jdbc.sql("select count(*) from ticket_event where ticket_id = ? and action = 'note'")
			.param(id)
			.query(Long.class)
			.single()).isZero();
	}

}

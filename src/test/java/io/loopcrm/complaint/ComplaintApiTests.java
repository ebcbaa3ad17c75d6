package io.loopcrm.complaint;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.loopcrm.IntegrationTest;
import io.loopcrm.complaint.internal.CaseAction;
import io.loopcrm.complaint.internal.ComplaintWorkflow;
import io.loopcrm.complaint.internal.Status;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static io.loopcrm.complaint.ComplaintFixture.BODIES;
import static io.loopcrm.complaint.ComplaintFixture.body;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The complaint workflow through {@code /api/v1/complaints}: every legal path, every
 * illegal transition (409 naming the allowed actions, nothing changed), the role rules
 * (403) and invalid input (400 naming the field).
 */
@IntegrationTest
class ComplaintApiTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JdbcClient jdbc;

	ComplaintFixture fx;

	String p;

	@BeforeEach
	void setUp() {
		this.fx = new ComplaintFixture(this.mvc, this.jdbc);
		this.p = ComplaintFixture.prefix();
		this.fx.customer(this.p + "C");
	}

	@Test
	void registersACaseWithItsStatusAllowedActionsAndDueTime() {
		MvcTestResult created = this.fx.post("/api/v1/complaints", """
				{"customerExternalId":"%sC","about":{"type":"STAFF","reference":"Cashier Wang"},
				 "description":"Rude at the till","demands":"An apology","channel":"store","severity":"HIGH"}
				""".formatted(this.p), "staff");
		assertThat(created).hasStatus(201);
		long id = ComplaintFixture.id(created);
		assertThat(created.getResponse().getHeader("Location")).isEqualTo("/api/v1/complaints/" + id);
		assertThat(created).bodyJson().extractingPath("$.status").isEqualTo("REGISTERED");
		assertThat(created).bodyJson().extractingPath("$.allowedActions").asArray().containsExactly("validate");
		assertThat(created).bodyJson().extractingPath("$.customerExternalId").isEqualTo(this.p + "C");
		assertThat(created).bodyJson().extractingPath("$.about.type").isEqualTo("STAFF");
		assertThat(created).bodyJson().extractingPath("$.about.reference").isEqualTo("Cashier Wang");
		assertThat(created).bodyJson().extractingPath("$.channel").isEqualTo("STORE");
		assertThat(created).bodyJson().extractingPath("$.registeredBy").isEqualTo("staff");

		MvcTestResult read = this.fx.get(id, "staff");
		assertThat(read).hasStatusOk();
		String json = body(read);
		Instant registered = Instant.parse(com.jayway.jsonpath.JsonPath.read(json, "$.registeredAt"));
		Instant due = Instant.parse(com.jayway.jsonpath.JsonPath.read(json, "$.dueAt"));
		assertThat(Duration.between(registered, due)).isEqualTo(Duration.ofHours(72));
		assertThat(read).bodyJson().extractingPath("$.history[0].action").isEqualTo("register");
		assertThat(read).bodyJson().extractingPath("$.validity").isNull();
		assertThat(this.mvc.get()
			.uri("/api/v1/complaints/987654321")
			.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
				.httpBasic("staff", "demo")))
			.hasStatus(404);
	}

	@Test
	void theFullPathFromRegistrationToASatisfiedCustomer() {
		long id = this.fx.register(this.p + "C", "MEDIUM");
		step(id, "validate", "{\"valid\":true}", "agent", "VALIDATED", "assign");
		step(id, "assign", "{\"department\":\"Quality\",\"owner\":\"agent\"}", "agent", "ASSIGNED", "assign",
				"root-cause");
		step(id, "root-cause", "{\"category\":\"QUALITY\",\"detail\":\"Bad batch\",\"responsible\":\"QA lead\"}",
				"agent", "ROOT_CAUSE_FOUND", "assign", "root-cause", "propose");
		step(id, "propose", "{\"type\":\"COMPENSATION\",\"amount\":500,\"text\":\"Pay 500\"}", "agent", "PROPOSED",
				"approve", "send-back");
		step(id, "approve", "{\"comment\":\"Agreed\"}", "manager", "APPROVED", "implement");
		step(id, "implement", "{\"notes\":\"Paid\",\"customerNotified\":true}", "agent", "IMPLEMENTED", "close");
		MvcTestResult closed = this.fx.act(id, "close", "{\"customerSatisfied\":true,\"comment\":\"Happy\"}", "agent");
		assertThat(closed).hasStatusOk();
		assertThat(closed).bodyJson().extractingPath("$.status").isEqualTo("CLOSED");
		assertThat(closed).bodyJson().extractingPath("$.allowedActions").asArray().isEmpty();
		assertThat(closed).bodyJson().extractingPath("$.assignment.owner").isEqualTo("agent");
		assertThat(closed).bodyJson().extractingPath("$.rootCause.category").isEqualTo("QUALITY");
		assertThat(closed).bodyJson().extractingPath("$.proposal.amount").isEqualTo(500.0);
		assertThat(closed).bodyJson().extractingPath("$.proposal.proposedBy").isEqualTo("agent");
		assertThat(closed).bodyJson().extractingPath("$.approval.approvedBy").isEqualTo("manager");
		assertThat(closed).bodyJson().extractingPath("$.implementation.customerNotified").isEqualTo(true);
		assertThat(closed).bodyJson().extractingPath("$.closing.customerSatisfied").isEqualTo(true);
		assertThat(closed).bodyJson().extractingPath("$.closing.closedAt").isNotNull();
		assertThat(closed).bodyJson()
			.extractingPath("$.history[*].action")
			.asArray()
			.containsExactly("register", "validate", "assign", "root-cause", "propose", "approve", "implement",
					"close");
		assertThat(closed).bodyJson()
			.extractingPath("$.history[*].actor")
			.asArray()
			.containsExactly("staff", "agent", "agent", "agent", "agent", "manager", "agent", "agent");
		assertThat(closed).bodyJson()
			.extractingPath("$.history[*].toStatus")
			.asArray()
			.containsExactly("REGISTERED", "VALIDATED", "ASSIGNED", "ROOT_CAUSE_FOUND", "PROPOSED", "APPROVED",
					"IMPLEMENTED", "CLOSED");
	}

	@Test
	void anInvalidComplaintGoesToReplyAndCloseAndAnUnacceptedVerdictIsDecidedAgain() {
		long id = this.fx.register(this.p + "C", "LOW");
		MvcTestResult noExplanation = this.fx.act(id, "validate", "{\"valid\":false}", "agent");
		assertThat(noExplanation).hasStatus(400);
		assertThat(noExplanation).bodyJson().extractingPath("$.errors[0].field").isEqualTo("explanation");
		step(id, "validate", "{\"valid\":false,\"explanation\":\"Used against the instructions\"}", "agent", "INVALID",
				"close");
		MvcTestResult disputed = this.fx.act(id, "close",
				"{\"customerSatisfied\":false,\"comment\":\"I followed them\"}", "agent");
		assertThat(disputed).bodyJson().extractingPath("$.status").isEqualTo("REGISTERED");
		assertThat(disputed).bodyJson().extractingPath("$.reopenCount").isEqualTo(1);
		assertThat(disputed).bodyJson().extractingPath("$.allowedActions").asArray().containsExactly("validate");
		step(id, "validate", "{\"valid\":false,\"explanation\":\"Checked again: misuse\"}", "agent", "INVALID",
				"close");
		MvcTestResult closed = this.fx.act(id, "close", "{\"customerSatisfied\":true}", "agent");
		assertThat(closed).bodyJson().extractingPath("$.status").isEqualTo("CLOSED");
		assertThat(closed).bodyJson().extractingPath("$.validity.explanation").isEqualTo("Checked again: misuse");
		assertThat(closed).bodyJson().extractingPath("$.assignment").isNull();
	}

	@Test
	void sendingBackReturnsToTheRootCauseAndANewProposalNeedsApprovalAgain() {
		long id = this.fx.caseIn("PROPOSED", this.p + "C");
		MvcTestResult noComment = this.fx.act(id, "send-back", "{}", "manager");
		assertThat(noComment).hasStatus(400);
		assertThat(noComment).bodyJson().extractingPath("$.errors[0].field").isEqualTo("comment");
		step(id, "send-back", "{\"comment\":\"Too vague\"}", "manager", "ROOT_CAUSE_FOUND", "assign", "root-cause",
				"propose");
		step(id, "root-cause", "{\"category\":\"PROCESS\",\"detail\":\"Refund rules unclear\"}", "agent",
				"ROOT_CAUSE_FOUND", "assign", "root-cause", "propose");
		step(id, "propose", "{\"type\":\"REFUND\",\"text\":\"Refund the order\"}", "agent", "PROPOSED", "approve",
				"send-back");
		MvcTestResult approved = this.fx.act(id, "approve", "{}", "manager");
		assertThat(approved).bodyJson().extractingPath("$.status").isEqualTo("APPROVED");
		assertThat(approved).bodyJson().extractingPath("$.proposal.type").isEqualTo("REFUND");
		assertThat(approved).bodyJson().extractingPath("$.rootCause.category").isEqualTo("PROCESS");
	}

	@Test
	void anUnsatisfiedCustomerReopensTheCaseWhichIsWorkedAndClosedAgain() {
		long id = this.fx.caseIn("IMPLEMENTED", this.p + "C");
		MvcTestResult noReason = this.fx.act(id, "close", "{\"customerSatisfied\":false}", "agent");
		assertThat(noReason).hasStatus(400);
		assertThat(noReason).bodyJson().extractingPath("$.errors[0].field").isEqualTo("comment");
		MvcTestResult reopened = this.fx.act(id, "close", "{\"customerSatisfied\":false,\"comment\":\"Not enough\"}",
				"agent");
		assertThat(reopened).bodyJson().extractingPath("$.status").isEqualTo("REOPENED");
		assertThat(reopened).bodyJson()
			.extractingPath("$.allowedActions")
			.asArray()
			.containsExactly("assign", "root-cause", "propose");
		assertThat(reopened).bodyJson().extractingPath("$.closing.closedAt").isNull();
		step(id, "assign", "{\"department\":\"Care\",\"owner\":\"agent2\"}", "manager", "REOPENED", "assign",
				"root-cause", "propose");
		step(id, "propose", "{\"type\":\"COMPENSATION\",\"amount\":300,\"text\":\"Pay 300 more\"}", "agent2",
				"PROPOSED", "approve", "send-back");
		MvcTestResult pending = this.fx.get(id, "staff");
		assertThat(pending).bodyJson().extractingPath("$.approval").isNull();
		assertThat(pending).bodyJson().extractingPath("$.implementation").isNull();
		step(id, "approve", "{}", "manager", "APPROVED", "implement");
		step(id, "implement", "{\"notes\":\"Paid 300\",\"customerNotified\":true}", "agent2", "IMPLEMENTED", "close");
		MvcTestResult closed = this.fx.act(id, "close", "{\"customerSatisfied\":true}", "agent2");
		assertThat(closed).bodyJson().extractingPath("$.status").isEqualTo("CLOSED");
		assertThat(closed).bodyJson().extractingPath("$.reopenCount").isEqualTo(1);
		assertThat(closed).bodyJson().extractingPath("$.history.length()").isEqualTo(13);
	}

	/**
	 * For every status, every action it does not allow is refused with 409, the allowed
	 * actions named, and the case left as it was, even with a complete body sent by an
	 * administrator (who holds every role).
	 */
	@Test
	void everyIllegalTransitionIsA409NamingTheAllowedActions() {
		List<String> checked = new ArrayList<>();
		for (Status status : Status.values()) {
			long id = this.fx.caseIn(status.name(), this.p + "C");
			long version = this.fx.version(id);
			List<String> allowed = ComplaintWorkflow.allowed(status).stream().map(CaseAction::slug).toList();
			for (String action : ComplaintFixture.ACTIONS) {
				if (allowed.contains(action)) {
					continue;
				}
				MvcTestResult refused = this.fx.act(id, action, BODIES.get(action), "admin");
				assertThat(refused).as("%s in %s", action, status).hasStatus(409);
				assertThat(refused.getResponse().getContentType()).startsWith("application/problem+json");
				assertThat(refused).bodyJson().extractingPath("$.action").isEqualTo(action);
				assertThat(refused).bodyJson().extractingPath("$.caseStatus").isEqualTo(status.name());
				assertThat(refused).bodyJson()
					.extractingPath("$.allowedActions")
					.asArray()
					.containsExactlyElementsOf(allowed);
				String detail = com.jayway.jsonpath.JsonPath.read(body(refused), "$.detail");
				assertThat(detail).contains(action);
				allowed.forEach((a) -> assertThat(detail).contains(a));
				checked.add(status + " " + action);
			}
			assertThat(this.fx.status(id)).isEqualTo(status.name());
			assertThat(this.fx.version(id)).as("unchanged %s", status).isEqualTo(version);
		}
		// 10 statuses × 8 actions − the 15 legal (status, action) pairs
		assertThat(checked).hasSize(65);
	}

	@Test
	void theIssuesIllegalStepsAreRefusedWithAClearMessage() {
		long proposed = this.fx.caseIn("PROPOSED", this.p + "C");
		MvcTestResult closeEarly = this.fx.act(proposed, "close", BODIES.get("close"), "agent");
		assertThat(closeEarly).hasStatus(409);
		assertThat(closeEarly).bodyJson().extractingPath("$.title").isEqualTo("Step not allowed now");
		assertThat(closeEarly).bodyJson()
			.extractingPath("$.instance")
			.isEqualTo("/api/v1/complaints/" + proposed + "/actions/close");
		assertThat(closeEarly).bodyJson()
			.extractingPath("$.detail")
			.isEqualTo("The step close is not possible while the case is Resolution proposed. "
					+ "Allowed now: approve, send-back.");
		long assigned = this.fx.caseIn("ASSIGNED", this.p + "C");
		MvcTestResult approveWithoutProposal = this.fx.act(assigned, "approve", "{}", "manager");
		assertThat(approveWithoutProposal).hasStatus(409);
		assertThat(approveWithoutProposal).bodyJson()
			.extractingPath("$.allowedActions")
			.asArray()
			.containsExactly("assign", "root-cause");
		MvcTestResult skipRootCause = this.fx.act(assigned, "propose", BODIES.get("propose"), "agent");
		assertThat(skipRootCause).hasStatus(409);
		MvcTestResult chinese = this.mvc.post()
			.uri("/api/v1/complaints/" + assigned + "/actions/propose")
			.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
				.httpBasic("agent", "demo"))
			.header("Accept-Language", "zh-CN")
			.contentType(org.springframework.http.MediaType.APPLICATION_JSON)
			.content(BODIES.get("propose"))
			.exchange();
		assertThat(chinese).bodyJson()
			.extractingPath("$.detail")
			.isEqualTo("案件状态为「已分派」时不能进行 propose。现在可以进行：assign, root-cause。");
		long closed = this.fx.caseIn("CLOSED", this.p + "C");
		assertThat(this.fx.act(closed, "close", BODIES.get("close"), "agent")).bodyJson()
			.extractingPath("$.detail")
			.isEqualTo("The step close is not possible: the case is Closed and allows no further steps.");
		assertThat(this.fx.act(closed, "reopen", "{}", "agent")).hasStatus(404);
	}

	@Test
	void staffRegistersButOnlyAgentsWorkCases() {
		long id = this.fx.register(this.p + "C", "LOW");
		MvcTestResult staff = this.fx.act(id, "validate", BODIES.get("validate"), "staff");
		assertThat(staff).hasStatus(403);
		assertThat(staff.getResponse().getContentType()).startsWith("application/problem+json");
		assertThat(this.fx.status(id)).isEqualTo("REGISTERED");
		assertThat(this.fx.get(id, "staff")).bodyJson().extractingPath("$.yourActions").asArray().isEmpty();
		assertThat(this.fx.get(id, "agent")).bodyJson()
			.extractingPath("$.yourActions")
			.asArray()
			.containsExactly("validate");
	}

	@Test
	void agentsNeverApproveNotEvenTheirOwnCase() {
		long id = this.fx.caseIn("PROPOSED", this.p + "C");
		for (String action : List.of("approve", "send-back")) {
			MvcTestResult agent = this.fx.act(id, action, BODIES.get(action), "agent");
			assertThat(agent).hasStatus(403);
			assertThat(agent).bodyJson()
				.extractingPath("$.detail")
				.isEqualTo("Only managers and administrators may approve or send back a resolution.");
			assertThat(this.fx.act(id, action, BODIES.get(action), "agent2")).hasStatus(403);
		}
		assertThat(this.fx.get(id, "agent")).bodyJson().extractingPath("$.yourActions").asArray().isEmpty();
		assertThat(this.fx.get(id, "manager")).bodyJson()
			.extractingPath("$.yourActions")
			.asArray()
			.containsExactly("approve", "send-back");
		assertThat(this.fx.status(id)).isEqualTo("PROPOSED");
	}

	@Test
	void nobodyDecidesOnACaseTheyOwnOrProposed() {
		// the manager owns the case and wrote the proposal
		long owned = this.fx.caseIn("VALIDATED", this.p + "C");
		this.fx.ok(owned, "assign", "{\"department\":\"Care\",\"owner\":\"manager\"}", "manager");
		this.fx.ok(owned, "root-cause", BODIES.get("root-cause"), "manager");
		this.fx.ok(owned, "propose", BODIES.get("propose"), "manager");
		MvcTestResult own = this.fx.act(owned, "approve", "{}", "manager");
		assertThat(own).hasStatus(403);
		assertThat(own).bodyJson()
			.extractingPath("$.detail")
			.isEqualTo("You cannot decide on a resolution for a case you own or proposed yourself: "
					+ "another manager must approve it.");
		assertThat(this.fx.act(owned, "send-back", BODIES.get("send-back"), "manager")).hasStatus(403);
		assertThat(this.fx.get(owned, "manager")).bodyJson().extractingPath("$.yourActions").asArray().isEmpty();
		this.fx.ok(owned, "approve", "{}", "admin");

		// an administrator owns the case, the agent proposed: the admin may not approve
		// it
		long adminOwned = this.fx.caseIn("VALIDATED", this.p + "C");
		this.fx.ok(adminOwned, "assign", "{\"department\":\"Care\",\"owner\":\"admin\"}", "admin");
		this.fx.ok(adminOwned, "root-cause", BODIES.get("root-cause"), "agent");
		this.fx.ok(adminOwned, "propose", BODIES.get("propose"), "agent");
		assertThat(this.fx.act(adminOwned, "approve", "{}", "admin")).hasStatus(403);

		// the manager wrote the proposal on a case someone else owns, and re-assigned it
		// away
		long proposed = this.fx.caseIn("ROOT_CAUSE_FOUND", this.p + "C");
		this.fx.ok(proposed, "assign", "{\"department\":\"Care\",\"owner\":\"agent2\"}", "manager");
		assertThat(this.fx.get(proposed, "staff")).bodyJson().extractingPath("$.assignment.owner").isEqualTo("agent2");
		this.fx.ok(proposed, "propose", BODIES.get("propose"), "manager");
		assertThat(this.fx.act(proposed, "approve", "{}", "manager")).hasStatus(403);
		assertThat(this.fx.act(proposed, "approve", "{}", "admin")).hasStatusOk();
	}

	@Test
	void compensationAboveTheLimitNeedsAnAdministrator() {
		long above = this.fx.caseIn("ROOT_CAUSE_FOUND", this.p + "C");
		this.fx.ok(above, "propose", "{\"type\":\"COMPENSATION\",\"amount\":1000.01,\"text\":\"Pay\"}", "agent");
		assertThat(this.fx.get(above, "staff")).bodyJson().extractingPath("$.proposal.needsAdmin").isEqualTo(true);
		MvcTestResult manager = this.fx.act(above, "approve", "{}", "manager");
		assertThat(manager).hasStatus(403);
		assertThat(manager).bodyJson()
			.extractingPath("$.detail")
			.isEqualTo("Compensation above 1000 needs an administrator's approval.");
		assertThat(this.fx.get(above, "manager")).bodyJson()
			.extractingPath("$.yourActions")
			.asArray()
			.containsExactly("send-back");
		assertThat(this.fx.act(above, "approve", "{}", "admin")).hasStatusOk();

		long atLimit = this.fx.caseIn("ROOT_CAUSE_FOUND", this.p + "C");
		this.fx.ok(atLimit, "propose", "{\"type\":\"COMPENSATION\",\"amount\":1000,\"text\":\"Pay\"}", "agent");
		assertThat(this.fx.act(atLimit, "approve", "{}", "manager")).hasStatusOk();

		// a refund is not compensation: no administrator needed whatever the amount
		long refund = this.fx.caseIn("ROOT_CAUSE_FOUND", this.p + "C");
		this.fx.ok(refund, "propose", "{\"type\":\"REFUND\",\"amount\":5000,\"text\":\"Refund\"}", "agent");
		assertThat(this.fx.act(refund, "approve", "{}", "manager")).hasStatusOk();
	}

	@Test
	void agentsAssignThemselvesAndManagersAssignAnyoneWhoWorksComplaints() {
		long id = this.fx.caseIn("VALIDATED", this.p + "C");
		MvcTestResult other = this.fx.act(id, "assign", "{\"department\":\"Care\",\"owner\":\"agent2\"}", "agent");
		assertThat(other).hasStatus(403);
		assertThat(other).bodyJson()
			.extractingPath("$.detail")
			.isEqualTo("Agents can only assign cases to themselves; ask a manager to assign someone else.");
		MvcTestResult staffOwner = this.fx.act(id, "assign", "{\"department\":\"Care\",\"owner\":\"staff\"}",
				"manager");
		assertThat(staffOwner).hasStatus(400);
		assertThat(staffOwner).bodyJson().extractingPath("$.errors[0].field").isEqualTo("owner");
		MvcTestResult nobody = this.fx.act(id, "assign", "{\"department\":\"Care\",\"owner\":\"nobody-x\"}", "manager");
		assertThat(nobody).hasStatus(400);
		MvcTestResult missing = this.fx.act(id, "assign", "{}", "manager");
		assertThat(missing).bodyJson()
			.extractingPath("$.errors[*].field")
			.asArray()
			.containsExactly("department", "owner");
		this.fx.ok(id, "assign", "{\"department\":\"Care\",\"owner\":\"AGENT2\"}", "manager");
		assertThat(this.fx.get(id, "staff")).bodyJson().extractingPath("$.assignment.owner").isEqualTo("agent2");
		this.fx.ok(id, "assign", "{\"department\":\"Care\",\"owner\":\"agent\"}", "agent");
		assertThat(this.fx.get(id, "staff")).bodyJson().extractingPath("$.assignment.owner").isEqualTo("agent");
	}

	@Test
	void invalidStepInputIsA400NamingEachFieldAndChangesNothing() {
		long id = this.fx.caseIn("ROOT_CAUSE_FOUND", this.p + "C");
		long version = this.fx.version(id);
		assertThat(this.fx.act(id, "propose", "{\"type\":\"COMPENSATION\",\"text\":\"Pay\"}", "agent")).bodyJson()
			.extractingPath("$.errors[*].field")
			.asArray()
			.containsExactly("amount");
		assertThat(this.fx.act(id, "propose", "{\"type\":\"APOLOGY\",\"amount\":20,\"text\":\"Sorry\"}", "agent"))
			.bodyJson()
			.extractingPath("$.errors[0].field")
			.isEqualTo("amount");
		assertThat(this.fx.act(id, "propose", "{\"type\":\"COMPENSATION\",\"amount\":-5,\"text\":\"x\"}", "agent"))
			.hasStatus(400);
		assertThat(this.fx.act(id, "propose", "{\"type\":\"COMPENSATION\",\"amount\":1.005,\"text\":\"x\"}", "agent"))
			.hasStatus(400);
		assertThat(this.fx.act(id, "propose", "{\"type\":\"GIFT\"}", "agent")).bodyJson()
			.extractingPath("$.errors[*].field")
			.asArray()
			.containsExactly("type", "text");
		assertThat(this.fx.act(id, "root-cause", "{\"category\":\"WEATHER\"}", "agent")).bodyJson()
			.extractingPath("$.errors[*].field")
			.asArray()
			.containsExactly("category", "detail");
		assertThat(this.fx.version(id)).isEqualTo(version);
		assertThat(this.fx.status(id)).isEqualTo("ROOT_CAUSE_FOUND");

		long approved = this.fx.caseIn("APPROVED", this.p + "C");
		MvcTestResult notNotified = this.fx.act(approved, "implement",
				"{\"notes\":\"Done\",\"customerNotified\":false}", "agent");
		assertThat(notNotified).hasStatus(400);
		assertThat(notNotified).bodyJson().extractingPath("$.errors[0].field").isEqualTo("customerNotified");
		long implemented = this.fx.caseIn("IMPLEMENTED", this.p + "C");
		assertThat(this.fx.act(implemented, "close", "{}", "agent")).bodyJson()
			.extractingPath("$.errors[0].field")
			.isEqualTo("customerSatisfied");
		long registered = this.fx.caseIn("REGISTERED", this.p + "C");
		assertThat(this.fx.act(registered, "validate", "{}", "agent")).bodyJson()
			.extractingPath("$.errors[0].field")
			.isEqualTo("valid");
	}

	@Test
	void invalidRegistrationsAre400NamingTheFieldAndSaveNothing() {
		long before = count();
		MvcTestResult empty = this.fx.post("/api/v1/complaints", "{}", "staff");
		assertThat(empty).hasStatus(400);
		assertThat(empty).bodyJson()
			.extractingPath("$.errors[*].field")
			.asArray()
			.containsExactly("customerExternalId", "about.type", "description", "channel", "severity");
		MvcTestResult unknown = this.fx.post("/api/v1/complaints", """
				{"customerExternalId":"%sNOBODY","about":{"type":"SERVICE"},"description":"x","channel":"PHONE",
				 "severity":"URGENT"}""".formatted(this.p), "staff");
		assertThat(unknown).bodyJson()
			.extractingPath("$.errors[*].field")
			.asArray()
			.containsExactly("customerExternalId", "severity");
		for (String type : List.of("ORDER", "PRODUCT")) {
			MvcTestResult reference = this.fx.post("/api/v1/complaints", """
					{"customerExternalId":"%sC","about":{"type":"%s","reference":"%sMISSING"},"description":"x",
					 "channel":"PHONE","severity":"LOW"}""".formatted(this.p, type, this.p), "staff");
			assertThat(reference).as(type).hasStatus(400);
			assertThat(reference).bodyJson().extractingPath("$.errors[0].field").isEqualTo("about.reference");
			assertThat(reference).bodyJson()
				.extractingPath("$.errors[0].message")
				.asString()
				.contains(this.p + "MISSING");
		}
		MvcTestResult noReference = this.fx.post("/api/v1/complaints", """
				{"customerExternalId":"%sC","about":{"type":"STORE"},"description":"x","channel":"PHONE",
				 "severity":"LOW"}""".formatted(this.p), "staff");
		assertThat(noReference).bodyJson().extractingPath("$.errors[0].field").isEqualTo("about.reference");
		assertThat(count()).isEqualTo(before);
	}

	@Test
	void orderAndProductReferencesAreLookedUpThroughCommerce() {
		this.fx.customer(this.p + "OTHER");
		for (String[] order : new String[][] { { "C", "1" }, { "OTHER", "2" } }) {
			assertThat(this.fx.post("/api/v1/transactions", """
					{"orderId":"%1$sO%3$s","customerExternalId":"%1$s%2$s","orderedAt":"2026-01-05T10:00:00+08:00",
					 "channel":"store","store":"%1$sStore","lines":[{"sku":"%1$sSKU","productName":"Kettle",
					 "quantity":1,"unitPrice":99}]}""".formatted(this.p, order[0], order[1]), "staff")).hasStatus(201);
		}
		MvcTestResult order = this.fx.post("/api/v1/complaints", """
				{"customerExternalId":"%1$sC","about":{"type":"ORDER","reference":" %1$sO1 "},"description":"Late",
				 "channel":"APP","severity":"LOW"}""".formatted(this.p), "staff");
		assertThat(order).hasStatus(201);
		assertThat(order).bodyJson().extractingPath("$.about.reference").isEqualTo(this.p + "O1");
		long orderCase = ComplaintFixture.id(order);
		assertThat(this.jdbc.sql("select store from complaint_case where id = ?")
			.param(orderCase)
			.query(String.class)
			.single()).isEqualTo(this.p + "Store");

		MvcTestResult otherCustomers = this.fx.post("/api/v1/complaints", """
				{"customerExternalId":"%1$sC","about":{"type":"ORDER","reference":"%1$sO2"},"description":"Late",
				 "channel":"APP","severity":"LOW"}""".formatted(this.p), "staff");
		assertThat(otherCustomers).hasStatus(400);
		assertThat(otherCustomers).bodyJson().extractingPath("$.errors[0].field").isEqualTo("about.reference");

		MvcTestResult product = this.fx.post("/api/v1/complaints", """
				{"customerExternalId":"%1$sC","about":{"type":"PRODUCT","reference":"%2$ssku"},"description":"Leaks",
				 "channel":"APP","severity":"LOW"}""".formatted(this.p, this.p.toLowerCase()), "staff");
		assertThat(product).hasStatus(201);
		assertThat(product).bodyJson().extractingPath("$.about.reference").isEqualTo(this.p + "SKU");
	}

	@Test
	void aStaleVersionIsAConflictAndChangesNothing() {
		long id = this.fx.caseIn("ASSIGNED", this.p + "C");
		long seen = this.fx.version(id);
		this.fx.ok(id, "root-cause", BODIES.get("root-cause"), "agent");
		MvcTestResult stale = this.fx.act(id, "root-cause", """
				{"category":"PROCESS","detail":"Overwrite","version":%d}""".formatted(seen), "agent2");
		assertThat(stale).hasStatus(409);
		assertThat(stale).bodyJson()
			.extractingPath("$.detail")
			.isEqualTo(
					"The case was changed by someone else in the meantime. Reload it, review the changes and try again.");
		assertThat(this.fx.get(id, "staff")).bodyJson().extractingPath("$.rootCause.category").isEqualTo("QUALITY");
		this.fx.ok(id, "propose", BODIES.get("propose").replace("}", ",\"version\":" + this.fx.version(id) + "}"),
				"agent");
	}

	/**
	 * Two agents decide the validity of the same case at the same moment, without a
	 * version: one wins, the other gets a 409 (the status moved on, or optimistic locking
	 * caught the race), and the history has one decision.
	 */
	@Test
	void concurrentStepsOnOneCaseLetExactlyOneWin() throws Exception {
		for (int round = 0; round < 5; round++) {
			long id = this.fx.register(this.p + "C", "LOW");
			java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
			java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
			try {
				List<java.util.concurrent.Future<Integer>> results = new ArrayList<>();
				for (String agent : List.of("agent", "agent2")) {
					results.add(pool.submit(() -> {
						start.await();
						return this.fx.act(id, "validate", "{\"valid\":true}", agent).getResponse().getStatus();
					}));
				}
				List<Integer> statuses = new ArrayList<>();
				for (java.util.concurrent.Future<Integer> result : results) {
					statuses.add(result.get());
				}
				assertThat(statuses).containsExactlyInAnyOrder(200, 409);
			}
			finally {
				pool.shutdown();
			}
			assertThat(this.jdbc.sql("select count(*) from complaint_step where case_id = ? and action = 'validate'")
				.param(id)
				.query(Long.class)
				.single()).isEqualTo(1);
		}
	}

	@Test
	void theSourceTicketIsKeptAndLinksBack() {
		long ticket = this.fx.ticket(this.p + "C", "COMPLAINT", "Rude cashier", "At the Nanjing Road store");
		MvcTestResult created = this.fx.post("/api/v1/complaints", """
				{"customerExternalId":"%sC","about":{"type":"SERVICE"},"description":"From a ticket",
				 "channel":"WEB","severity":"LOW","sourceTicketId":%d}""".formatted(this.p, ticket), "staff");
		assertThat(created).hasStatus(201);
		assertThat(created).bodyJson().extractingPath("$.sourceTicketId").isEqualTo((int) ticket);
		long id = ((Number) com.jayway.jsonpath.JsonPath.read(body(created), "$.id")).longValue();
		assertThat(
				this.mvc.get()
					.uri("/api/v1/tickets/{id}", ticket)
					.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
						.httpBasic("agent", "demo")))
			.bodyJson()
			.extractingPath("$.complaintCaseId")
			.isEqualTo((int) id);

		// a second case from the same ticket, or a case from a ticket that is not a
		// complaint, is refused and nothing is registered
		long inquiry = this.fx.ticket(this.p + "C", "INQUIRY", "Opening hours", "When do you open?");
		long before = this.jdbc.sql("select count(*) from complaint_case").query(Long.class).single();
		for (long source : new long[] { ticket, inquiry }) {
			assertThat(this.fx.post("/api/v1/complaints", """
					{"customerExternalId":"%sC","about":{"type":"SERVICE"},"description":"Again",
					 "channel":"WEB","severity":"LOW","sourceTicketId":%d}""".formatted(this.p, source), "staff"))
				.hasStatus(409);
		}
		assertThat(this.jdbc.sql("select count(*) from complaint_case").query(Long.class).single()).isEqualTo(before);
	}

	private void step(long id, String action, String json, String user, String status, String... allowed) {
		MvcTestResult result = this.fx.act(id, action, json, user);
		assertThat(result).as("%s: %s", action, body(result)).hasStatusOk();
		assertThat(result).bodyJson().extractingPath("$.status").isEqualTo(status);
		assertThat(result).bodyJson().extractingPath("$.allowedActions").asArray().containsExactly((Object[]) allowed);
	}

	private long count() {
		return this.jdbc.sql("select count(*) from complaint_case").query(Long.class).single();
	}

}

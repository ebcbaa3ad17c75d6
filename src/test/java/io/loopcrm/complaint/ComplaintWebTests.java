package io.loopcrm.complaint;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.loopcrm.IntegrationTest;
import io.loopcrm.MutableClock;
import io.loopcrm.complaint.internal.CaseAction;
import io.loopcrm.complaint.internal.ComplaintWorkflow;
import io.loopcrm.complaint.internal.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * The complaint pages: registering through the form, the case page's stepper and forms,
 * every legal path and every illegal transition through the step forms, role rules, the
 * list's filters, and the case on the customer profile (section, timeline, merge,
 * deletion).
 */
@IntegrationTest
class ComplaintWebTests {

	/** Form fields of a complete, valid submission of each step. */
	static final Map<String, String[]> FORMS = Map.of("validate", new String[] { "valid", "true" }, "assign",
			new String[] { "department", "Care", "owner", "agent" }, "root-cause",
			new String[] { "category", "QUALITY", "detail", "Bad batch", "responsible", "QA" }, "propose",
			new String[] { "type", "COMPENSATION", "amount", "300", "text", "Pay 300" }, "approve",
			new String[] { "comment", "ok" }, "send-back", new String[] { "comment", "Be precise" }, "implement",
			new String[] { "notes", "Paid", "customerNotified", "true" }, "close",
			new String[] { "customerSatisfied", "true", "comment", "Thanks" });

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MutableClock clock;

	ComplaintFixture fx;

	String p;

	long customerId;

	Instant started;

	@BeforeEach
	void setUp() {
		this.fx = new ComplaintFixture(this.mvc, this.jdbc);
		this.p = ComplaintFixture.prefix();
		this.customerId = this.fx.customer(this.p + "C");
		this.started = this.clock.instant();
	}

	@AfterEach
	void restoreClock() {
		this.clock.set(this.started);
	}

	@Test
	void staffRegisterThroughTheFormOpenedFromATicket() throws Exception {
		long ticket = this.fx.ticket(this.p + "C", "COMPLAINT", "Long queue", "Waited forty minutes at the till");
		String form = html(this.mvc.get().uri("/complaints/new?ticket={t}", ticket).with(as("staff")).exchange());
		// the ticket's customer, subject and description are taken over
		assertThat(form).contains("value=\"" + this.p + "C\"")
			.contains("name=\"ticket\" value=\"" + ticket + "\"")
			.contains("Long queue\n\nWaited forty minutes at the till");
		MvcTestResult created = this.mvc.post()
			.uri("/complaints")
			.with(as("staff"))
			.with(csrf())
			.param("customer", this.p + "C")
			.param("aboutType", "STORE")
			.param("aboutReference", "Nanjing Road")
			.param("description", "Queue of forty minutes")
			.param("demands", "More tills")
			.param("channel", "STORE")
			.param("severity", "HIGH")
			.param("ticket", String.valueOf(ticket))
			.exchange();
		assertThat(created).hasStatus3xxRedirection();
		long id = Long.parseLong(created.getResponse().getRedirectedUrl().replace("/complaints/", ""));
		assertThat(this.jdbc.sql("select source_ticket_id from complaint_case where id = ?")
			.param(id)
			.query(Long.class)
			.single()).isEqualTo(ticket);
		String page = html(this.mvc.get().uri("/complaints/{id}", id).with(as("staff")).exchange());
		assertThat(page).contains("href=\"/tickets/" + ticket + "\"")
			.contains("Queue of forty minutes")
			.contains("id=\"case-status\" data-status=\"REGISTERED\"");
		// staff see the case and its steps, but no step form
		assertThat(page).doesNotContain("id=\"form-").contains("There is nothing you can do on this case now.");

		// a customer without external ID is given by number
		long anonymous = this.jdbc
			.sql("insert into customer (name, created_at, updated_at, updated_by) values ('No key', now(), now(), 't')"
					+ " returning id")
			.query(Long.class)
			.single();
		assertThat(this.mvc.post()
			.uri("/complaints")
			.with(as("staff"))
			.with(csrf())
			.param("customer", String.valueOf(anonymous))
			.param("aboutType", "SERVICE")
			.param("description", "Hotline")
			.param("channel", "PHONE")
			.param("severity", "LOW")).hasStatus3xxRedirection();
		assertThat(this.jdbc.sql("select count(*) from complaint_case where customer_id = ?")
			.param(anonymous)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void anInvalidRegistrationIsExplainedBesideTheFieldsInTheUsersLanguageAndNothingIsSaved() throws Exception {
		long before = this.jdbc.sql("select count(*) from complaint_case").query(Long.class).single();
		String english = html(this.mvc.post()
			.uri("/complaints")
			.with(as("staff"))
			.with(csrf())
			.param("customer", this.p + "NOBODY")
			.param("aboutType", "ORDER")
			.param("aboutReference", this.p + "NO-ORDER")
			.exchange(), 400);
		assertThat(english).contains("There is no customer " + this.p + "NOBODY.")
			.contains("There is no order " + this.p + "NO-ORDER.")
			.contains("Fill this in.")
			.contains("Choose one of LOW, MEDIUM, HIGH, CRITICAL.");
		String chinese = html(this.mvc.post()
			.uri("/complaints")
			.with(as("staff"))
			.with(csrf())
			.header("Accept-Language", "zh-TW")
			.param("customer", this.p + "C")
			.param("aboutType", "PRODUCT")
			.exchange(), 400);
		assertThat(chinese).contains("請輸入商品的 SKU。").contains("請填寫此項。");
		assertThat(this.jdbc.sql("select count(*) from complaint_case").query(Long.class).single()).isEqualTo(before);
	}

	@Test
	void theCasePageShowsTheSevenStepsAndOnlyTheFormsTheUserMayUse() throws Exception {
		long id = this.fx.caseIn("PROPOSED", this.p + "C");
		String agent = html(this.mvc.get().uri("/complaints/{id}", id).with(as("agent")).exchange());
		assertThat(count(agent, "data-state=\"done\"")).isEqualTo(5);
		assertThat(agent).contains("data-state=\"current\" aria-current=\"step\"");
		assertThat(count(agent, "data-state=\"todo\"")).isEqualTo(1);
		assertThat(agent).doesNotContain("id=\"form-approve\"").doesNotContain("id=\"form-validate\"");
		assertThat(agent).contains("data-action=\"approve\"").contains("data-action=\"send-back\"");
		String manager = html(this.mvc.get().uri("/complaints/{id}", id).with(as("manager")).exchange());
		assertThat(manager).contains("id=\"form-approve\"")
			.contains("id=\"form-send-back\"")
			.doesNotContain("id=\"form-propose\"");
		// history: who did what, and how long each step took
		assertThat(count(manager, "<tr data-action=")).isEqualTo(5);

		long invalid = this.fx.caseIn("INVALID", this.p + "C");
		String invalidPage = html(this.mvc.get().uri("/complaints/{id}", invalid).with(as("agent")).exchange());
		assertThat(count(invalidPage, "data-state=\"skipped\"")).isEqualTo(4);
		assertThat(invalidPage).contains("id=\"form-close\"").contains("Does not accept (decide validity again)");
	}

	@Test
	void everyLegalPathThroughTheForms() throws Exception {
		long id = registerByForm("MEDIUM");
		submit(id, "validate", "agent", "VALIDATED", "valid", "true");
		submit(id, "assign", "agent", "ASSIGNED", "department", "Care", "owner", "agent");
		submit(id, "assign", "manager", "ASSIGNED", "department", "Quality", "owner", "agent2");
		submit(id, "root-cause", "agent2", "ROOT_CAUSE_FOUND", "category", "ATTITUDE_EFFICIENCY", "detail", "Rude");
		submit(id, "root-cause", "agent2", "ROOT_CAUSE_FOUND", "category", "QUALITY", "detail", "Bad batch");
		submit(id, "propose", "agent2", "PROPOSED", "type", "COMPENSATION", "amount", "1,500.50", "text", "Pay");
		submit(id, "send-back", "manager", "ROOT_CAUSE_FOUND", "comment", "Too much");
		submit(id, "propose", "agent2", "PROPOSED", "type", "EXCHANGE", "amount", "", "text", "New one");
		submit(id, "approve", "manager", "APPROVED", "comment", "");
		submit(id, "implement", "agent2", "IMPLEMENTED", "notes", "Sent", "customerNotified", "true");
		submit(id, "close", "agent2", "REOPENED", "customerSatisfied", "false", "comment", "Wrong colour");
		submit(id, "assign", "agent", "REOPENED", "department", "Care", "owner", "agent");
		submit(id, "root-cause", "agent", "ROOT_CAUSE_FOUND", "category", "PROCESS", "detail", "Picking error");
		submit(id, "propose", "agent", "PROPOSED", "type", "COMPENSATION", "amount", "1500.50", "text", "Pay");
		submit(id, "approve", "admin", "APPROVED");
		submit(id, "implement", "agent", "IMPLEMENTED", "notes", "Paid", "customerNotified", "true");
		submit(id, "close", "agent", "CLOSED", "customerSatisfied", "true");
		String page = html(this.mvc.get().uri("/complaints/{id}", id).with(as("agent")).exchange());
		assertThat(count(page, "<tr data-action=")).isEqualTo(18);
		assertThat(count(page, "data-state=\"done\"")).isEqualTo(7);
		assertThat(page).contains("Nothing: the case is closed.").doesNotContain("id=\"form-");
		assertThat(this.jdbc.sql("select proposal_amount from complaint_case where id = ?")
			.param(id)
			.query(java.math.BigDecimal.class)
			.single()).isEqualByComparingTo("1500.50");

		long invalid = registerByForm("LOW");
		submit(invalid, "validate", "agent", "INVALID", "valid", "false", "explanation", "Misuse");
		submit(invalid, "close", "agent", "REGISTERED", "customerSatisfied", "false", "comment", "Disagree");
		submit(invalid, "validate", "agent", "INVALID", "valid", "false", "explanation", "Still misuse");
		submit(invalid, "close", "agent", "CLOSED", "customerSatisfied", "true");

		// a reopened case may be proposed on again directly
		long reopened = this.fx.caseIn("REOPENED", this.p + "C");
		submit(reopened, "propose", "agent", "PROPOSED", "type", "APOLOGY", "text", "Store manager apologises");
	}

	@Test
	void everyIllegalTransitionThroughTheFormsIsRefusedWithTheReason() throws Exception {
		int refused = 0;
		for (Status status : Status.values()) {
			long id = this.fx.caseIn(status.name(), this.p + "C");
			long version = this.fx.version(id);
			List<String> allowed = ComplaintWorkflow.allowed(status).stream().map(CaseAction::slug).toList();
			for (String action : ComplaintFixture.ACTIONS) {
				if (allowed.contains(action)) {
					continue;
				}
				MvcTestResult result = post(id, action, "admin", withVersion(FORMS.get(action), version));
				assertThat(result).as("%s in %s", action, status).hasStatus(409);
				String page = html(result, 409);
				assertThat(page).contains("id=\"refusal\"").contains("The step " + action + " is not possible");
				allowed.forEach((a) -> assertThat(page).contains(a));
				refused++;
			}
			assertThat(this.fx.status(id)).isEqualTo(status.name());
			assertThat(this.fx.version(id)).isEqualTo(version);
		}
		assertThat(refused).isEqualTo(65);
	}

	@Test
	void roleRulesHoldOnTheFormsToo() throws Exception {
		long registered = this.fx.caseIn("REGISTERED", this.p + "C");
		assertThat(post(registered, "validate", "staff", FORMS.get("validate"))).hasStatus(403);
		long proposed = this.fx.caseIn("PROPOSED", this.p + "C");
		MvcTestResult agent = post(proposed, "approve", "agent", FORMS.get("approve"));
		assertThat(agent).hasStatus(403);
		assertThat(html(agent, 403))
			.contains("Only managers and administrators may approve or send back a resolution.");
		long owned = this.fx.caseIn("VALIDATED", this.p + "C");
		this.fx.ok(owned, "assign", "{\"department\":\"Care\",\"owner\":\"manager\"}", "manager");
		this.fx.ok(owned, "root-cause", ComplaintFixture.BODIES.get("root-cause"), "agent");
		this.fx.ok(owned, "propose", ComplaintFixture.BODIES.get("propose"), "agent");
		MvcTestResult own = post(owned, "approve", "manager", FORMS.get("approve"));
		assertThat(own).hasStatus(403);
		assertThat(html(own, 403)).contains("You cannot decide on a resolution for a case you own");
		assertThat(this.fx.status(owned)).isEqualTo("PROPOSED");
		// the page says why the manager has no form for the steps the case allows
		String ownPage = html(this.mvc.get().uri("/complaints/{id}", owned).with(as("manager")).exchange());
		assertThat(ownPage).doesNotContain("id=\"form-approve\"")
			.contains("<li data-action=\"approve\">Approve: You cannot decide on a resolution for a case you own");
		long big = this.fx.caseIn("ROOT_CAUSE_FOUND", this.p + "C");
		submit(big, "propose", "agent", "PROPOSED", "type", "COMPENSATION", "amount", "2000", "text", "Pay 2000");
		String managerPage = html(this.mvc.get().uri("/complaints/{id}", big).with(as("manager")).exchange());
		assertThat(managerPage).doesNotContain("id=\"form-approve\"")
			.contains("id=\"form-send-back\"")
			.contains("only an administrator can approve it")
			.contains("Approve: Compensation above CN¥1,000.00 needs an administrator&#39;s approval.");
		assertThat(post(big, "approve", "manager", FORMS.get("approve"))).hasStatus(403);
		assertThat(post(big, "approve", "admin", FORMS.get("approve"))).hasStatus3xxRedirection();
	}

	@Test
	void missingStepInputIsShownBesideTheFieldAndAStaleFormIsAConflict() throws Exception {
		long id = this.fx.caseIn("ROOT_CAUSE_FOUND", this.p + "C");
		long version = this.fx.version(id);
		MvcTestResult missing = post(id, "propose", "agent",
				withVersion(new String[] { "type", "COMPENSATION", "text", "Pay them" }, version));
		assertThat(missing).hasStatus(400);
		String page = html(missing, 400);
		assertThat(page).contains("id=\"propose-amount-error\"")
			.contains("Enter the compensation amount.")
			.contains(">Pay them</textarea>");
		assertThat(this.fx.status(id)).isEqualTo("ROOT_CAUSE_FOUND");

		submit(id, "root-cause", "agent", "ROOT_CAUSE_FOUND", "category", "PROCESS", "detail", "Rules");
		MvcTestResult stale = post(id, "propose", "agent2", withVersion(FORMS.get("propose"), version));
		assertThat(stale).hasStatus(409);
		assertThat(html(stale, 409)).contains("The case was changed by someone else in the meantime.");
		assertThat(this.fx.status(id)).isEqualTo("ROOT_CAUSE_FOUND");
	}

	@Test
	void theListFiltersByStatusSeverityOwnerAndOverdue() throws Exception {
		// registered two days ago as critical (due after 24 hours): overdue now
		this.clock.set(this.started.minus(Duration.ofHours(48)));
		long overdue = this.fx.register(this.p + "C", "CRITICAL");
		this.clock.set(this.started);
		long low = this.fx.register(this.p + "C", "LOW");
		long assigned = this.fx.caseIn("ASSIGNED", this.p + "C");
		String base = "/complaints?customer=" + this.customerId;
		assertThat(rows(base)).containsExactly(assigned, low, overdue);
		assertThat(rows(base + "&overdue=true")).containsExactly(overdue);
		assertThat(rows(base + "&severity=LOW")).containsExactly(low);
		assertThat(rows(base + "&status=ASSIGNED")).containsExactly(assigned);
		assertThat(rows(base + "&owner=agent")).containsExactly(assigned);
		assertThat(rows(base + "&owner=-")).containsExactly(low, overdue);
		String page = html(this.mvc.get().uri(base + "&overdue=true").with(as("staff")).exchange());
		assertThat(page).contains(">overdue</span>");
	}

	@Test
	void casesAppearOnTheCustomerProfileFollowAMergeAndGoWithADeletedCustomer() throws Exception {
		long open = this.fx.caseIn("ASSIGNED", this.p + "C");
		long closed = this.fx.caseIn("CLOSED", this.p + "C");
		String profile = html(this.mvc.get().uri("/customers/{id}", this.customerId).with(as("staff")).exchange());
		assertThat(profile).contains("id=\"complaints\"")
			.contains("href=\"/complaints/" + open + "\"")
			.contains("All cases: 2")
			.contains("Complaint #" + closed + ": Service Hotline (Medium, Closed)");

		long other = this.fx.customer(this.p + "D");
		long otherCase = this.fx.register(this.p + "D", "LOW");
		long versionBefore = this.fx.version(otherCase);
		assertThat(this.mvc.post()
			.uri("/customers/merge")
			.with(as("manager"))
			.with(csrf())
			.param("a", String.valueOf(this.customerId))
			.param("b", String.valueOf(other))
			.param("versionA", "0")
			.param("versionB", "0")).hasStatus3xxRedirection();
		assertThat(this.jdbc.sql("select customer_id from complaint_case where id = ?")
			.param(otherCase)
			.query(Long.class)
			.single()).isEqualTo(this.customerId);
		assertThat(this.fx.version(otherCase)).isGreaterThan(versionBefore);
		// the merged-away external ID still registers complaints for the survivor
		long viaOldId = this.fx.register(this.p + "D", "LOW");
		assertThat(this.fx.get(viaOldId, "staff")).bodyJson()
			.extractingPath("$.customer.id")
			.isEqualTo((int) this.customerId);

		assertThat(this.mvc.post().uri("/customers/{id}/delete", this.customerId).with(as("manager")).with(csrf()))
			.hasStatus3xxRedirection();
		assertThat(this.jdbc.sql("select count(*) from complaint_case where id in (?, ?, ?, ?)")
			.params(open, closed, otherCase, viaOldId)
			.query(Long.class)
			.single()).isZero();
		assertThat(this.jdbc.sql("select count(*) from complaint_step where case_id in (?, ?)")
			.params(open, closed)
			.query(Long.class)
			.single()).isZero();
	}

	private long registerByForm(String severity) {
		MvcTestResult created = this.mvc.post()
			.uri("/complaints")
			.with(as("staff"))
			.with(csrf())
			.param("customer", this.p + "C")
			.param("aboutType", "SERVICE")
			.param("description", "Hotline busy")
			.param("channel", "PHONE")
			.param("severity", severity)
			.exchange();
		assertThat(created).hasStatus3xxRedirection();
		return Long.parseLong(created.getResponse().getRedirectedUrl().replace("/complaints/", ""));
	}

	/**
	 * Submits a step's form as the case page would (with the version shown) and expects
	 * success.
	 */
	private void submit(long id, String action, String username, String status, String... fields) throws Exception {
		MvcTestResult result = post(id, action, username, withVersion(fields, this.fx.version(id)));
		assertThat(result).as("%s: %s", action, ComplaintFixture.body(result)).hasStatus3xxRedirection();
		assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/complaints/" + id);
		assertThat(result.getMvcResult().getFlashMap().get("flash")).isEqualTo("complaint.flash." + action);
		assertThat(this.fx.status(id)).isEqualTo(status);
	}

	private MvcTestResult post(long id, String action, String username, String... fields) {
		var request = this.mvc.post().uri("/complaints/{id}/actions/{a}", id, action).with(as(username)).with(csrf());
		for (int i = 0; i + 1 < fields.length; i += 2) {
			request = request.param(fields[i], fields[i + 1]);
		}
		return request.exchange();
	}

	private static String[] withVersion(String[] fields, long version) {
		List<String> all = new ArrayList<>(List.of(fields));
		all.add("version");
		all.add(String.valueOf(version));
		return all.toArray(new String[0]);
	}

	private List<Long> rows(String uri) throws Exception {
		String page = html(this.mvc.get().uri(uri).with(as("staff")).exchange());
		List<Long> ids = new ArrayList<>();
		java.util.regex.Matcher m = java.util.regex.Pattern.compile("data-case=\"(\\d+)\"").matcher(page);
		while (m.find()) {
			ids.add(Long.valueOf(m.group(1)));
		}
		return ids;
	}

	/** The demo user with the roles their role includes. */
	static RequestPostProcessor as(String username) {
		String[] roles = switch (username) {
			case "admin" -> new String[] { "STAFF", "AGENT", "MANAGER", "ADMIN" };
			case "manager" -> new String[] { "STAFF", "AGENT", "MANAGER" };
			case "agent", "agent2" -> new String[] { "STAFF", "AGENT" };
			default -> new String[] { "STAFF" };
		};
		return user(username).roles(roles);
	}

	private static String html(MvcTestResult result) throws Exception {
		return html(result, 200);
	}

	private static String html(MvcTestResult result, int status) throws Exception {
		assertThat(result).hasStatus(status);
		return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
	}

	private static int count(String text, String part) {
		int n = 0;
		for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
			n++;
		}
		return n;
	}

}

package io.loopcrm.feedback;

import java.util.List;

import io.loopcrm.IntegrationTest;
import io.loopcrm.platform.Role;
import io.loopcrm.platform.users.UserService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

/**
 * The ticket pages: registering through the form, every workflow step through the action
 * forms (allowed ones redirect back, the others answer the 409 page), the role rules, the
 * queue with its tabs, filters and bulk assignment, the complaint links and the settings.
 */
@IntegrationTest
class TicketPagesTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	UserService users;

	@Autowired
	Tickets tickets;

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
		this.customer = this.f.customer("web");
	}

	RequestPostProcessor as(String username, Role role) {
		return SecurityMockMvcRequestPostProcessors.user(username)
			.roles(role.withIncluded().stream().map(Role::name).toArray(String[]::new));
	}

	MvcTestResult form(String username, Role role, long id, String action, String... params) {
		var request = this.mvc.post()
			.uri("/tickets/{id}/actions/{action}", id, action)
			.with(as(username, role))
			.with(csrf());
		for (int i = 0; i < params.length; i += 2) {
			request = request.param(params[i], params[i + 1]);
		}
		return request.exchange();
	}

	String[] params(String action) {
		return switch (action) {
			case "reply" -> new String[] { "text", "Your replacement ships today." };
			case "note" -> new String[] { "text", "Customer prefers phone calls." };
			case "assign" -> new String[] { "owner", this.otherAgent };
			case "close" -> new String[] { "customerConfirmed", "true", "satisfied", "yes" };
			default -> new String[0];
		};
	}

	long reach(String status) {
		long id = this.f.open(this.staff, this.customer, "COMPLAINT", "SERVICE_QUALITY", "NORMAL");
		for (String action : TicketWorkflowApiTests.PATH.get(status)) {
			assertThat(form(this.agent, Role.AGENT, id, action, params(action))).as(action)
				.hasStatus3xxRedirection()
				.redirectedUrl()
				.isEqualTo("/tickets/" + id);
		}
		assertThat(this.f.status(id)).isEqualTo(status);
		return id;
	}

	@Test
	void everyAllowedStepThroughTheFormsLeadsWhereTheWorkflowSays() {
		TicketWorkflowApiTests.ALLOWED.forEach((status, actions) -> {
			for (String action : actions) {
				long id = reach(status);
				assertThat(form(this.agent, Role.AGENT, id, action, params(action))).as("%s from %s", action, status)
					.hasStatus3xxRedirection();
				assertThat(this.f.status(id)).isEqualTo(TicketWorkflowApiTests.expectedAfter(status, action));
			}
		});
	}

	@Test
	void everyOtherStepThroughTheFormsIsRefusedWithTheConflictPage() {
		TicketWorkflowApiTests.ALLOWED.forEach((status, actions) -> {
			long id = reach(status);
			for (String action : TicketWorkflowApiTests.ACTIONS) {
				if (!actions.contains(action)) {
					MvcTestResult result = form(this.agent, Role.AGENT, id, action, params(action));
					assertThat(result).as("%s from %s", action, status).hasStatus(409);
					assertThat(result).bodyText().contains("Possible now");
				}
			}
			assertThat(this.f.status(id)).isEqualTo(status);
		});
	}

	@Test
	void theTicketPageOffersOnlyTheAllowedButtonsAndStaffNone() throws Exception {
		long id = reach("REPLIED");
		String page = this.mvc.get()
			.uri("/tickets/{id}", id)
			.with(as(this.agent, Role.AGENT))
			.exchange()
			.getResponse()
			.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
		assertThat(page).contains("/actions/close")
			.contains("/actions/reopen")
			.contains("/actions/reply")
			.doesNotContain("/actions/verify")
			.doesNotContain("/actions/resume");
		assertThat(this.mvc.get().uri("/tickets/{id}", id).with(as(this.staff, Role.STAFF))).hasStatusOk()
			.bodyText()
			.doesNotContain("/actions/");
		assertThat(form(this.staff, Role.STAFF, id, "note", "text", "hi")).hasStatus(403);
		assertThat(this.f.status(id)).isEqualTo("REPLIED");
	}

	@Test
	void staffRegisterThroughTheFormAndSeeEveryProblemAtOnce() {
		MvcTestResult invalid = this.mvc.post()
			.uri("/tickets")
			.with(as(this.staff, Role.STAFF))
			.with(csrf())
			.param("customerExternalId", "nobody-" + this.f.prefix)
			.param("subject", "")
			.exchange();
		assertThat(invalid).hasStatus(400);
		assertThat(invalid).bodyText()
			.contains("There is no customer nobody-" + this.f.prefix)
			.contains("Choose the kind")
			.contains("Choose a category.")
			.contains("Enter a subject.");
		MvcTestResult created = this.mvc.post()
			.uri("/tickets")
			.with(as(this.staff, Role.STAFF))
			.with(csrf())
			.param("customerExternalId", this.customer)
			.param("kind", "PRAISE")
			.param("channel", "FACE_TO_FACE")
			.param("category", "SERVICE_QUALITY")
			.param("priority", "LOW")
			.param("subject", "Very kind shop assistant <b>")
			.param("description", "She carried the box to the car.")
			.exchange();
		assertThat(created).hasStatus3xxRedirection();
		String location = created.getResponse().getRedirectedUrl();
		assertThat(location).matches("/tickets/\\d+");
		MvcTestResult page = this.mvc.get().uri(location).with(as(this.staff, Role.STAFF)).exchange();
		assertThat(page).hasStatusOk();
		// the customer's summary beside the ticket, and the subject escaped
		assertThat(page).bodyText()
			.contains("Ticket web")
			.contains(this.customer)
			.contains("Very kind shop assistant &lt;b&gt;")
			.contains("Received");
		// from the customer's profile the form knows the customer
		long customerId = this.f.customerId(this.customer);
		assertThat(this.mvc.get().uri("/tickets/new?customer={id}", customerId).with(as(this.staff, Role.STAFF)))
			.hasStatusOk()
			.bodyText()
			.contains("Ticket web");
	}

	@Test
	void aReplyWithoutTextIsExplainedOnThePage() {
		long id = reach("IN_PROGRESS");
		MvcTestResult result = form(this.agent, Role.AGENT, id, "reply", "text", " ");
		assertThat(result).hasStatus(400);
		assertThat(result).bodyText().contains("Write the text.");
		assertThat(this.f.status(id)).isEqualTo("IN_PROGRESS");
	}

	@Test
	void aFormSubmittedAfterSomebodyElseActedIsAConflict() {
		long id = reach("RECEIVED");
		assertThat(form(this.agent, Role.AGENT, id, "verify", "version", "0")).hasStatus3xxRedirection();
		MvcTestResult stale = form(this.otherAgent, Role.AGENT, id, "note", "version", "0", "text", "late");
		assertThat(stale).hasStatus(409);
		assertThat(stale).bodyText().contains("was changed by " + this.agent);
	}

	@Test
	void theQueueShowsMyTicketsFiltersInTheUrlAndAssignsInBulk() throws Exception {
		String category = this.f.category("Queue", null);
		long categoryId = this.jdbc.sql("select id from feedback_category where name = ?")
			.param(category)
			.query(Long.class)
			.single();
		long a = this.f.open(this.staff, this.customer, "INQUIRY", category, "HIGH");
		long b = this.f.open(this.staff, this.customer, "INQUIRY", category, "LOW");
		long mine = this.f.open(this.staff, this.customer, "INQUIRY", category, "NORMAL");
		this.f.act(this.agent, mine, "verify", null);
		this.f.act(this.agent, mine, "start", null);
		String unassigned = this.mvc.get()
			.uri("/tickets?queue=unassigned&category={c}", categoryId)
			.with(as(this.agent, Role.AGENT))
			.exchange()
			.getResponse()
			.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
		assertThat(unassigned).contains("#" + a + " ").contains("#" + b + " ").doesNotContain("#" + mine + " ");
		// htmx asks for the results only
		assertThat(this.mvc.get()
			.uri("/tickets?queue=mine")
			.header("HX-Request", "true")
			.header("HX-Target", "results")
			.with(as(this.agent, Role.AGENT))).hasStatusOk()
			.bodyText()
			.contains("#" + mine + " ")
			.doesNotContain("<nav class=\"navbar");
		String back = "/tickets?queue=unassigned&category=" + categoryId;
		assertThat(this.mvc.post()
			.uri("/tickets/assign")
			.with(as(this.agent, Role.AGENT))
			.with(csrf())
			.param("ids", String.valueOf(a), String.valueOf(b))
			.param("owner", this.otherAgent)
			.param("returnTo", back)).hasStatus3xxRedirection().redirectedUrl().isEqualTo(back);
		assertThat(this.jdbc.sql("select count(*) from ticket where id in (?, ?) and owner = ?")
			.params(a, b, this.otherAgent)
			.query(Long.class)
			.single()).isEqualTo(2);
		assertThat(this.mvc.get()
			.uri("/api/v1/tickets?queue=mine&category={c}", categoryId)
			.with(httpBasic(this.otherAgent, TicketFixture.PASSWORD))).bodyJson()
			.extractingPath("$.items[*].id")
			.asArray()
			.containsExactly((int) a, (int) b);
		// staff may not assign
		assertThat(this.mvc.post()
			.uri("/tickets/assign")
			.with(as(this.staff, Role.STAFF))
			.with(csrf())
			.param("ids", String.valueOf(mine))
			.param("owner", this.staff)).hasStatus(403);
	}

	@Test
	void theTeamQueueShowsTheTicketsOfTeammates() {
		String category = this.f.category("Team", null);
		long categoryId = this.jdbc.sql("select id from feedback_category where name = ?")
			.param(category)
			.query(Long.class)
			.single();
		assertThat(this.mvc.post()
			.uri("/teams")
			.with(as("manager", Role.MANAGER))
			.with(csrf())
			.param("name", "Team " + this.f.prefix)).hasStatus3xxRedirection();
		long team = this.jdbc.sql("select id from app_team where name = ?")
			.param("Team " + this.f.prefix)
			.query(Long.class)
			.single();
		assertThat(this.mvc.post()
			.uri("/teams/{id}/members", team)
			.with(as("manager", Role.MANAGER))
			.with(csrf())
			.param("version", "0")
			.param("members", this.agent, this.otherAgent)).hasStatus3xxRedirection();
		// a second editor who saw the old version is refused
		assertThat(this.mvc.post()
			.uri("/teams/{id}/members", team)
			.with(as("manager", Role.MANAGER))
			.with(csrf())
			.param("version", "0")
			.param("members", this.agent)).hasStatus(409);
		long theirs = this.f.open(this.staff, this.customer, "INQUIRY", category, "NORMAL");
		this.f.act(this.agent, theirs, "assign", "{\"owner\":\"" + this.otherAgent + "\"}");
		assertThat(this.mvc.get()
			.uri("/api/v1/tickets?queue=team&category={c}", categoryId)
			.with(httpBasic(this.agent, TicketFixture.PASSWORD))).bodyJson()
			.extractingPath("$.items[*].id")
			.asArray()
			.containsExactly((int) theirs);
		assertThat(this.mvc.get()
			.uri("/api/v1/tickets?queue=mine&category={c}", categoryId)
			.with(httpBasic(this.agent, TicketFixture.PASSWORD))).bodyJson()
			.extractingPath("$.items")
			.asArray()
			.isEmpty();
		assertThat(this.mvc.get().uri("/teams").with(as(this.agent, Role.AGENT))).hasStatus(403);
	}

	@Test
	void aComplaintTicketLinksToItsComplaintCaseBothWays() {
		long complaint = reach("IN_PROGRESS");
		assertThat(this.mvc.get().uri("/tickets/{id}", complaint).with(as(this.agent, Role.AGENT))).bodyText()
			.contains("/complaints/new?ticket=" + complaint);
		this.tickets.linkComplaint(complaint, 4242L);
		assertThat(this.tickets.find(complaint)).hasValueSatisfying((t) -> {
			assertThat(t.complaintCaseId()).isEqualTo(4242L);
			assertThat(t.kind()).isEqualTo(TicketKind.COMPLAINT);
			assertThat(t.category()).isEqualTo("SERVICE_QUALITY");
		});
		assertThat(this.mvc.get().uri("/tickets/{id}", complaint).with(as(this.agent, Role.AGENT))).bodyText()
			.contains("/complaints/4242")
			.doesNotContain("/complaints/new?ticket=");
		long inquiry = this.f.open(this.staff, this.customer, "INQUIRY", "OTHER", "NORMAL");
		// an inquiry offers no complaint case (the customer's profile sections beside it
		// may still link to the customer's cases)
		assertThat(this.mvc.get().uri("/tickets/{id}", inquiry).with(as(this.agent, Role.AGENT))).bodyText()
			.doesNotContain("/complaints/new?ticket=");
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> this.tickets.linkComplaint(inquiry, 1L))
			.isInstanceOf(io.loopcrm.platform.ConflictException.class);
	}

	@Test
	void managersSetPoliciesAndAdministratorsAddCategories() {
		String name = "Installation " + this.f.prefix;
		assertThat(this.mvc.post()
			.uri("/tickets/settings/categories")
			.with(as("admin", Role.ADMIN))
			.with(csrf())
			.param("name", name)
			.param("escalationManager", "manager")).hasStatus3xxRedirection();
		assertThat(this.mvc.get().uri("/tickets/settings/categories").with(as("admin", Role.ADMIN))).hasStatusOk()
			.bodyText()
			.contains(name);
		List<Long> policies = this.jdbc.sql("""
				select p.id from feedback_sla_policy p join feedback_category c on c.id = p.category_id
				where c.name = ? order by p.priority
				""").param(name).query(Long.class).list();
		assertThat(policies).hasSize(4);
		assertThat(this.mvc.post()
			.uri("/tickets/settings/policies/{id}", policies.get(0))
			.with(as("manager", Role.MANAGER))
			.with(csrf())
			.param("version", "0")
			.param("firstResponseMinutes", "90")
			.param("resolutionMinutes", "30")
			.param("warnPercent", "80")).hasStatus3xxRedirection();
		assertThat(this.jdbc.sql("select first_response_minutes from feedback_sla_policy where id = ?")
			.param(policies.get(0))
			.query(Integer.class)
			.single()).isNotEqualTo(90);
		assertThat(this.mvc.post()
			.uri("/tickets/settings/policies/{id}", policies.get(0))
			.with(as("manager", Role.MANAGER))
			.with(csrf())
			.param("version", "0")
			.param("firstResponseMinutes", "90")
			.param("resolutionMinutes", "900")
			.param("warnPercent", "80")).hasStatus3xxRedirection();
		assertThat(this.jdbc.sql("select first_response_minutes from feedback_sla_policy where id = ?")
			.param(policies.get(0))
			.query(Integer.class)
			.single()).isEqualTo(90);
		assertThat(this.mvc.get().uri("/tickets/settings/policies").with(as(this.agent, Role.AGENT))).hasStatus(403);
		assertThat(this.mvc.get().uri("/tickets/settings/categories").with(as("manager", Role.MANAGER))).hasStatus(403);
		assertThat(this.mvc.get().uri("/tickets/settings/holidays").with(as("admin", Role.ADMIN))).hasStatusOk();
		// a ticket in the new category is opened with the changed policy (HIGH sorts
		// first)
		long id = this.f.open(this.staff, this.customer, "INQUIRY", name, "HIGH");
		assertThat(this.jdbc.sql("select first_response_minutes from ticket where id = ?")
			.param(id)
			.query(Integer.class)
			.single()).isEqualTo(90);
	}

}

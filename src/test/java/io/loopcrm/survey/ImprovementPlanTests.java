package io.loopcrm.survey;

import java.time.LocalDate;

import io.loopcrm.IntegrationTest;
import io.loopcrm.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static io.loopcrm.survey.ImprovementPlanFixture.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * Improvement plans through the pages and {@code /api/v1/improvement-plans}: validation
 * beside the fields and as problem+json, actions added and completed inline, overdue
 * actions flagged, edits against the version seen (409 naming who changed it), the
 * history and the audit log, managers only.
 */
@IntegrationTest
class ImprovementPlanTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MutableClock clock;

	ImprovementPlanFixture fx;

	LocalDate today;

	@BeforeEach
	void setUp() {
		this.fx = new ImprovementPlanFixture(this.mvc, this.jdbc);
		this.today = LocalDate.ofInstant(this.clock.instant(), ImprovementPlanFixture.ZONE);
	}

	@Test
	void theFormShowsEachProblemBesideItsFieldAndAValidPlanIsSaved() {
		MvcTestResult invalid = this.mvc.post()
			.uri("/surveys/plans")
			.with(manager())
			.with(csrf())
			.param("issue", "  ")
			.param("metric", "RATING:no_such_dimension")
			.param("owner", "nobody-" + this.fx.prefix.trim())
			.param("startDate", "next week")
			.param("status", "ACTIVE")
			.exchange();
		assertThat(invalid).hasStatus(400);
		String errors = body(invalid);
		assertThat(errors).contains("Fill this in.")
			.contains("There is no dimension no_such_dimension.")
			.contains("is not a user of LoopCRM.")
			.contains("Enter a date as YYYY-MM-DD.")
			.contains("is-invalid");

		String issue = this.fx.prefix + "Detractors name waiting times at the service desk";
		MvcTestResult created = this.mvc.post()
			.uri("/surveys/plans")
			.with(manager())
			.with(csrf())
			.param("issue", issue)
			.param("metric", "RATING:service_attitude")
			.param("owner", "manager")
			.param("startDate", this.today.minusDays(20).toString())
			.param("status", "ACTIVE")
			.exchange();
		assertThat(created).hasStatus3xxRedirection();
		long id = this.jdbc.sql("select id from survey_plan where issue = ?").param(issue).query(Long.class).single();
		assertThat(created).redirectedUrl().isEqualTo("/surveys/plans/" + id);
		assertThat(this.jdbc.sql("select metric || ':' || dimension || ' ' || status from survey_plan where id = ?")
			.param(id)
			.query(String.class)
			.single()).isEqualTo("RATING:service_attitude ACTIVE");
	}

	@Test
	void actionsAreAddedAndCompletedInlineAndOverdueOnesAreFlagged() {
		long id = this.fx.plan("NPS", null, null, this.today.minusDays(30), "ACTIVE");
		// due before the plan starts: refused beside the field, in the swapped fragment
		MvcTestResult early = addAction(id, "Train the service desk", "agent", this.today.minusDays(31));
		assertThat(early).hasStatusOk();
		assertThat(body(early)).contains("id=\"plan-actions\"")
			.contains("an action cannot be due before that.")
			.contains("value=\"Train the service desk\"")
			.doesNotContain("<html");
		MvcTestResult noDate = addAction(id, "", "agent", null);
		assertThat(body(noDate)).contains("Fill this in.").contains("Enter the date.");

		assertThat(addAction(id, "Train the service desk", "agent", this.today.minusDays(1))).hasStatusOk();
		assertThat(addAction(id, "Second queue at weekends", "agent2", this.today.plusDays(20))).hasStatusOk();
		long late = actionId(id, "Train the service desk");
		String list = page("/surveys/plans?status=ACTIVE", "en");
		assertThat(list).contains("data-plan=\"" + id + "\"").contains("0 of 2 done").contains("1 overdue");
		String show = page("/surveys/plans/" + id, "en");
		assertThat(show).contains("data-action=\"" + late + "\"").contains(">overdue</span>");

		MvcTestResult done = this.mvc.post()
			.uri("/surveys/plans/{id}/actions/{a}/done", id, late)
			.with(manager())
			.with(csrf())
			.header("HX-Request", "true")
			.exchange();
		assertThat(done).hasStatusOk();
		assertThat(body(done)).contains("Done by").doesNotContain(">overdue</span>");
		assertThat(page("/surveys/plans?status=ACTIVE", "en")).contains("1 of 2 done");
		assertThat(page("/surveys/plans/" + id, "en")).contains("added an action").contains("completed an action");
		assertThat(this.jdbc
			.sql("select count(*) from audit_event where subject_type = 'improvement_plan' and subject_id = ?")
			.param(String.valueOf(id))
			.query(Long.class)
			.single()).isEqualTo(4);

		// a plan with an open action cannot be done
		MvcTestResult notDone = this.fx.put("/api/v1/improvement-plans/" + id, json(id, "DONE", version(id), null),
				"manager");
		assertThat(notDone).hasStatus(400).bodyJson().extractingPath("$.errors[0].field").isEqualTo("status");
	}

	@Test
	void aChangeBasedOnAnOldVersionIsAConflictNamingWhoChangedItAndWhen() {
		long id = this.fx.plan("CSAT", null, null, this.today.minusDays(5), "DRAFT");
		assertThat(this.fx.put("/api/v1/improvement-plans/" + id, json(id, "ACTIVE", 0, null), "manager")).hasStatusOk()
			.bodyJson()
			.extractingPath("$.version")
			.isEqualTo(1);
		MvcTestResult stale = this.fx.put("/api/v1/improvement-plans/" + id, json(id, "CANCELLED", 0, null), "admin");
		assertThat(stale).hasStatus(409);
		assertThat(stale).bodyJson()
			.extractingPath("$.detail")
			.asString()
			.startsWith("Improvement plan #" + id + " was changed by manager at ");
		assertThat(this.jdbc.sql("select status from survey_plan where id = ?").param(id).query(String.class).single())
			.isEqualTo("ACTIVE");

		// the page form keeps what was typed and says who saved in between
		MvcTestResult page = this.mvc.post()
			.uri("/surveys/plans/{id}", id)
			.with(manager())
			.with(csrf())
			.param("version", "0")
			.param("issue", this.fx.prefix + "typed meanwhile")
			.param("metric", "CSAT")
			.param("owner", "manager")
			.param("startDate", this.today.minusDays(5).toString())
			.param("status", "ACTIVE")
			.exchange();
		assertThat(page).hasStatus(409);
		assertThat(body(page)).contains("was changed by manager at").contains("typed meanwhile");
		// an action added inline moves the version on as well
		assertThat(addAction(id, "Call back dissatisfied customers", "agent", this.today)).hasStatusOk();
		assertThat(this.fx.put("/api/v1/improvement-plans/" + id, json(id, "ACTIVE", 1, null), "manager"))
			.hasStatus(409);
		assertThat(this.fx.put("/api/v1/improvement-plans/" + id, json(id, "ACTIVE", version(id), null), "manager"))
			.hasStatusOk();
	}

	@Test
	void theApiListsReadsWritesAndNamesInvalidFields() {
		long survey = this.fx.survey("api");
		MvcTestResult invalid = this.fx.post("/api/v1/improvement-plans", """
				{"issue":"","metric":"LOYALTY","owner":"manager","startDate":"%s",
				 "actions":[{"description":"x","owner":"agent","dueDate":"31.12.2030"}]}
				""".formatted(this.today), "manager");
		assertThat(invalid).hasStatus(400);
		assertThat(invalid.getResponse().getContentType()).startsWith("application/problem+json");
		assertThat(invalid).bodyJson()
			.extractingPath("$.errors[*].field")
			.asArray()
			.containsExactlyInAnyOrder("issue", "metric", "actions[0].dueDate");

		MvcTestResult created = this.fx.post("/api/v1/improvement-plans", """
				{"issue":"%s","metric":"NPS","surveyId":%d,"owner":"Manager","startDate":"%s","status":"ACTIVE",
				 "actions":[{"description":"Shorter queue","owner":"agent","resources":"Two more cashiers",
				             "milestone":"Queue under 5 minutes","dueDate":"%s"}]}
				""".formatted(this.fx.prefix + "api plan", survey, this.today, this.today.plusDays(30)), "manager");
		assertThat(created).hasStatus(201);
		long id = ((Number) com.jayway.jsonpath.JsonPath.read(body(created), "$.id")).longValue();
		assertThat(created.getResponse().getHeader("Location")).isEqualTo("/api/v1/improvement-plans/" + id);
		assertThat(created).bodyJson().extractingPath("$.owner").isEqualTo("manager");
		assertThat(created).bodyJson().extractingPath("$.surveyName").isEqualTo(this.fx.prefix + "api");
		assertThat(created).bodyJson().extractingPath("$.actions[0].milestone").isEqualTo("Queue under 5 minutes");
		assertThat(created).bodyJson().extractingPath("$.actions[0].status").isEqualTo("OPEN");

		MvcTestResult read = this.fx.get("/api/v1/improvement-plans/" + id, "manager");
		assertThat(read).hasStatusOk();
		assertThat(read).bodyJson().extractingPath("$.status").isEqualTo("ACTIVE");
		assertThat(read).bodyJson().extractingPath("$.startDate").isEqualTo(this.today.toString());
		assertThat(read).bodyJson().extractingPath("$.history[0].action").isEqualTo("created");
		assertThat(read).bodyJson().extractingPath("$.history[1].action").isEqualTo("action-added");
		assertThat(this.fx.get("/api/v1/improvement-plans?status=ACTIVE", "manager")).bodyJson()
			.extractingPath("$[?(@.id == " + id + ")].openActions")
			.asArray()
			.containsExactly(1);

		// the actions list replaces the actions: the first is done, a new one added
		long action = ((Number) com.jayway.jsonpath.JsonPath.read(body(read), "$.actions[0].id")).longValue();
		String actions = """
				[{"id":%d,"description":"Shorter queue","owner":"agent","dueDate":"%s","status":"DONE"},
				 {"description":"Survey the queue again","owner":"manager","dueDate":"%s"}]
				""".formatted(action, this.today.plusDays(30), this.today.plusDays(60));
		MvcTestResult changed = this.fx.put("/api/v1/improvement-plans/" + id, json(id, "ACTIVE", version(id), actions),
				"manager");
		assertThat(changed).hasStatusOk();
		assertThat(changed).bodyJson().extractingPath("$.actions.length()").isEqualTo(2);
		assertThat(changed).bodyJson().extractingPath("$.actions[0].status").isEqualTo("DONE");
		assertThat(changed).bodyJson().extractingPath("$.actions[0].doneBy").isEqualTo("manager");
		assertThat(this.fx.get("/api/v1/improvement-plans/987654321", "manager")).hasStatus(404);
	}

	@Test
	void staffMayNotSeePlans() {
		assertThat(this.fx.get("/api/v1/improvement-plans", "staff")).hasStatus(403);
		assertThat(this.fx.post("/api/v1/improvement-plans", "{}", "staff")).hasStatus(403);
		assertThat(this.mvc.get().uri("/surveys/plans").with(user("staff").roles("STAFF"))).hasStatus(403);
		assertThat(this.mvc.get().uri("/surveys/plans").with(user("agent").roles("STAFF", "AGENT"))).hasStatus(403);
	}

	@Test
	void pagesRenderInEveryLanguage() {
		long id = this.fx.plan("CES", null, null, this.today.minusDays(3), "ACTIVE");
		assertThat(page("/surveys/plans", "en")).contains("Improvement plans").contains("data-plan=\"" + id + "\"");
		assertThat(page("/surveys/plans/" + id, "en")).contains("CES (ease, 1–7)").contains("Add an action");
		assertThat(page("/surveys/plans/new", "en")).contains("Mean rating: Service attitude");
		assertThat(page("/surveys/plans", "zh-CN")).contains("改进措施").contains("进行中");
		assertThat(page("/surveys/plans/" + id, "zh-CN")).contains("效果评估").contains("添加行动");
		assertThat(page("/surveys/plans/" + id + "/edit", "zh-CN")).contains("编辑改进措施");
		assertThat(page("/surveys/plans", "zh-TW")).contains("改進措施").contains("進行中");
		assertThat(page("/surveys/plans/" + id, "zh-TW")).contains("效果評估").contains("新增行動");
		assertThat(page("/surveys/plans/new", "zh-TW")).contains("新增改進措施");
	}

	private MvcTestResult addAction(long plan, String description, String owner, LocalDate due) {
		return this.mvc.post()
			.uri("/surveys/plans/{id}/actions", plan)
			.with(manager())
			.with(csrf())
			.header("HX-Request", "true")
			.param("description", description)
			.param("owner", owner)
			.param("resources", "Two trainers, one day")
			.param("milestone", "Everybody trained")
			.param("dueDate", (due != null) ? due.toString() : "")
			.exchange();
	}

	private String json(long id, String status, long version, String actions) {
		String issue = this.jdbc.sql("select issue from survey_plan where id = ?")
			.param(id)
			.query(String.class)
			.single();
		String row = this.jdbc.sql("select metric || ',' || start_date from survey_plan where id = ?")
			.param(id)
			.query(String.class)
			.single();
		String[] parts = row.split(",");
		return """
				{"issue":"%s","metric":"%s","owner":"manager","startDate":"%s","status":"%s","version":%d,
				 "actions":%s}
				""".formatted(issue, parts[0], parts[1], status, version, (actions != null) ? actions : "null");
	}

	private long version(long id) {
		return this.jdbc.sql("select version from survey_plan where id = ?").param(id).query(Long.class).single();
	}

	private long actionId(long plan, String description) {
		return this.jdbc.sql("select id from survey_plan_action where plan_id = ? and description = ?")
			.params(plan, description)
			.query(Long.class)
			.single();
	}

	private String page(String uri, String language) {
		MvcTestResult result = this.mvc.get().uri(uri).header("Accept-Language", language).with(manager()).exchange();
		assertThat(result).hasStatusOk();
		return body(result);
	}

	private static RequestPostProcessor manager() {
		return user("manager").roles("STAFF", "AGENT", "MANAGER");
	}

}

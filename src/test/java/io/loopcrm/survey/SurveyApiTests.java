package io.loopcrm.survey;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import io.loopcrm.IntegrationTest;
import io.loopcrm.MutableClock;
import io.loopcrm.feedback.TicketClosed;
import io.loopcrm.survey.internal.FollowUpFigures;
import io.loopcrm.survey.internal.SatisfactionRollup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.transaction.support.TransactionTemplate;

import static io.loopcrm.survey.SurveyFixture.body;
import static io.loopcrm.survey.SurveyFixture.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * Survey definitions and responses through {@code /api/v1/surveys}: the shapes the issue
 * fixes, validation naming the question, idempotency on the external response id, the
 * detractor follow-up ticket and CSV import.
 */
@IntegrationTest
class SurveyApiTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MutableClock clock;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	FollowUpFigures followUps;

	@Autowired
	SatisfactionRollup rollup;

	SurveyFixture fx;

	@BeforeEach
	void setUp() {
		this.fx = new SurveyFixture(this.mvc, this.jdbc);
	}

	@Test
	void managerCreatesASurveyAndGetsItsId() {
		MvcTestResult created = this.fx.post("/api/v1/surveys", """
				{"name":"%s Relationship","questions":[
				  {"key":"nps","type":"NPS","text":"How likely are you to recommend us?"},
				  {"key":"csat","type":"CSAT"},{"key":"ces","type":"CES"},
				  {"key":"quality","type":"RATING","dimension":"product_quality"},
				  {"key":"comment","type":"TEXT"}]}
				""".formatted(this.fx.prefix), "manager");
		assertThat(created).hasStatus(201);
		long id = id(created);
		assertThat(body(created)).isEqualTo("{\"id\":" + id + "}");

		MvcTestResult read = this.fx.get("/api/v1/surveys/" + id, "staff");
		assertThat(read).hasStatusOk();
		assertThat(read).bodyJson().extractingPath("$.questions[0].key").isEqualTo("nps");
		assertThat(read).bodyJson()
			.extractingPath("$.questions[0].text")
			.isEqualTo("How likely are you to recommend us?");
		assertThat(read).bodyJson().extractingPath("$.questions[3].dimension").isEqualTo("product_quality");
		assertThat(read).bodyJson().extractingPath("$.purpose").isEqualTo("RELATIONSHIP");
		assertThat(read).bodyJson().extractingPath("$.followUp").isEqualTo(true);
	}

	@Test
	void staffMayNotCreateSurveys() {
		assertThat(this.fx.post("/api/v1/surveys",
				"{\"name\":\"x\",\"questions\":[{\"key\":\"nps\",\"type\":\"NPS\"}]}", "staff"))
			.hasStatus(403);
	}

	@Test
	void invalidQuestionsAreNamed() {
		MvcTestResult result = this.fx.post("/api/v1/surveys", """
				{"name":"%s Bad","questions":[
				  {"key":"nps","type":"NPS"},{"key":"nps","type":"CSAT"},
				  {"key":"q","type":"RATING"},{"key":"x","type":"STARS"},
				  {"key":"pick","type":"SINGLE","options":[{"value":"a"}]}]}
				""".formatted(this.fx.prefix), "manager");
		assertThat(result).hasStatus(400);
		assertThat(result).bodyJson()
			.extractingPath("$.errors[*].field")
			.asArray()
			.contains("questions[1].key", "questions[2].dimension", "questions[3].type", "questions[4].options");
		assertThat(this.jdbc.sql("select count(*) from survey where name = ?")
			.param(this.fx.prefix + " Bad")
			.query(Long.class)
			.single()).isZero();
		assertThat(this.fx.post("/api/v1/surveys", "{\"name\":\" \",\"questions\":[]}", "manager")).bodyJson()
			.extractingPath("$.errors[*].field")
			.asArray()
			.contains("name", "questions");
	}

	@Test
	void recordsAResponseOnceForItsExternalId() {
		long survey = this.fx.standardSurvey("Idempotent");
		this.fx.customer("C1");
		String json = """
				{"externalId":"ext-1","customerExternalId":"%sC1","channel":"phone","respondedAt":"2026-03-01T08:30:00Z",
				 "answers":{"nps":9,"csat":4,"ces":2,"quality":4,"comment":"Quick and friendly <b>&</b>"}}
				"""
			.formatted(this.fx.prefix);
		MvcTestResult first = this.fx.post("/api/v1/surveys/" + survey + "/responses", json, "staff");
		assertThat(first).hasStatus(201);
		long id = id(first);
		MvcTestResult again = this.fx.post("/api/v1/surveys/" + survey + "/responses", json, "staff");
		assertThat(again).hasStatus(200);
		assertThat(id(again)).isEqualTo(id);
		assertThat(again).bodyJson().extractingPath("$.created").isEqualTo(false);

		assertThat(this.jdbc.sql("""
				select count(*) || ' ' || min(nps) || ' ' || min(csat) || ' ' || min(ces) || ' ' || min(channel)
				       || ' ' || min(entered_by) || ' ' || min(verbatim)
				from survey_response where survey_id = ?
				""").param(survey).query(String.class).single())
			.isEqualTo("1 9 4 2 PHONE staff Quick and friendly <b>&</b>");
		assertThat(this.jdbc
			.sql("select rating from survey_rating where response_id = ? and dimension = 'product_quality'")
			.param(id)
			.query(Integer.class)
			.single()).isEqualTo(4);
		// queued for the rollups (the job may already have taken it), counted once after
		// the next run
		this.rollup.absorbPending();
		assertThat(this.jdbc.sql("select sum(responses) from survey_rollup where survey_id = ? and dim = 'all'")
			.param(survey)
			.query(Long.class)
			.single()).isOne();
	}

	@Test
	void outOfRangeAndUnknownAnswersAreRefusedNamingTheQuestion() {
		long survey = this.fx.standardSurvey("Ranges");
		for (String answers : new String[] { "{\"nps\":11}", "{\"nps\":-1}", "{\"nps\":7.5}", "{\"nps\":\"nine\"}" }) {
			MvcTestResult result = this.fx.post("/api/v1/surveys/" + survey + "/responses",
					"{\"answers\":" + answers + "}", "staff");
			assertThat(result).hasStatus(400);
			assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo("answers.nps");
			assertThat(result).bodyJson().extractingPath("$.errors[0].message").asString().contains("0", "10");
		}
		MvcTestResult many = this.fx.post("/api/v1/surveys/" + survey + "/responses",
				"{\"answers\":{\"csat\":0,\"ces\":8,\"quality\":6,\"colour\":\"red\"}}", "staff");
		assertThat(many).bodyJson()
			.extractingPath("$.errors[*].field")
			.asArray()
			.containsExactlyInAnyOrder("answers.colour", "answers.csat", "answers.ces", "answers.quality");
		assertThat(this.fx.post("/api/v1/surveys/" + survey + "/responses",
				"{\"customerExternalId\":\"nobody-" + this.fx.prefix + "\",\"answers\":{\"nps\":5}}", "staff"))
			.bodyJson()
			.extractingPath("$.errors[0].field")
			.isEqualTo("customerExternalId");
		assertThat(this.jdbc.sql("select count(*) from survey_response where survey_id = ?")
			.param(survey)
			.query(Long.class)
			.single()).isZero();
		assertThat(this.fx.post("/api/v1/surveys/987654321/responses", "{\"answers\":{}}", "staff")).hasStatus(404);
	}

	@Test
	void aDetractorGetsAFollowUpTicketAndIsRecoveredByALaterGoodAnswer() {
		long survey = this.fx.standardSurvey("Detractors");
		long customer = this.fx.customer("D1");
		Instant now = this.clock.instant();
		long detractor = id(this.fx.post("/api/v1/surveys/" + survey + "/responses", """
				{"customerExternalId":"%sD1","respondedAt":"%s","answers":{"nps":3,"comment":"Waited an hour"}}
				""".formatted(this.fx.prefix, now.minus(1, ChronoUnit.DAYS)), "staff"));
		long passive = id(this.fx.post("/api/v1/surveys/" + survey + "/responses", """
				{"customerExternalId":"%sD1","respondedAt":"%s","answers":{"nps":7}}
				""".formatted(this.fx.prefix, now.minus(2, ChronoUnit.DAYS)), "staff"));

		Long ticket = this.jdbc.sql("select ticket_id from survey_follow_up where response_id = ?")
			.param(detractor)
			.query(Long.class)
			.optional()
			.orElse(null);
		assertThat(ticket).isNotNull();
		assertThat(this.jdbc.sql("""
				select customer_id || ' ' || kind || ' ' || channel || ' ' || priority || ' ' || source_ref
				from ticket where id = ?
				""").param(ticket).query(String.class).single())
			.isEqualTo(customer + " COMPLAINT SURVEY HIGH survey-response:" + detractor);
		assertThat(
				this.jdbc.sql("select description from ticket where id = ?").param(ticket).query(String.class).single())
			.contains("Waited an hour");
		assertThat(this.jdbc.sql("select count(*) from survey_follow_up where response_id = ?")
			.param(passive)
			.query(Long.class)
			.single()).isZero();

		// an earlier passive answer does not recover; a later one does
		assertThat(recovered(detractor)).isNull();
		LocalDate today = LocalDate.ofInstant(now, this.clock.getZone());
		assertThat(this.followUps.between(today.minusDays(7), today, survey))
			.isEqualTo(new FollowUpFigures.Figures(1, 0, 0));
		this.fx.post("/api/v1/surveys/" + survey + "/responses", """
				{"customerExternalId":"%sD1","respondedAt":"%s","answers":{"nps":8}}
				""".formatted(this.fx.prefix, now), "staff");
		assertThat(recovered(detractor)).isTrue();
		assertThat(this.followUps.between(today.minusDays(7), today, survey))
			.isEqualTo(new FollowUpFigures.Figures(1, 0, 1));
	}

	@Test
	void closingTheFollowUpTicketWithASatisfiedCustomerRecoversThem() {
		long survey = this.fx.standardSurvey("Closed");
		long customer = this.fx.customer("E1");
		long response = id(this.fx.post("/api/v1/surveys/" + survey + "/responses", """
				{"customerExternalId":"%sE1","answers":{"csat":1}}
				""".formatted(this.fx.prefix), "staff"));
		long ticket = this.jdbc.sql("select ticket_id from survey_follow_up where response_id = ?")
			.param(response)
			.query(Long.class)
			.single();
		this.transactions
			.executeWithoutResult((s) -> this.events.publishEvent(new TicketClosed(ticket, customer, true)));
		assertThat(recovered(response)).isTrue();
		assertThat(this.jdbc.sql("select closed_at is not null from survey_follow_up where response_id = ?")
			.param(response)
			.query(Boolean.class)
			.single()).isTrue();
		LocalDate today = LocalDate.ofInstant(this.clock.instant(), this.clock.getZone());
		FollowUpFigures.Figures figures = this.followUps.between(today, today, survey);
		assertThat(figures).isEqualTo(new FollowUpFigures.Figures(1, 1, 1));
		assertThat(figures.recoveryRate()).isEqualTo(100.0);
		// the dashboard's closing-the-loop card shows the same
		MvcTestResult page = this.mvc.get()
			.uri("/surveys/dashboard?surveyId=" + survey + "&from=" + today + "&to=" + today)
			.with(user("manager").roles("STAFF", "AGENT", "MANAGER"))
			.exchange();
		assertThat(page).hasStatusOk();
		assertThat(body(page)).contains("<td data-figure=\"tickets\">1</td>",
				"<td data-figure=\"contacted\">1 (100%)</td>", "<td data-figure=\"recovered\">1 (100%)</td>");
	}

	@Test
	void oldAnswersAndSurveysWithoutFollowUpOpenNoTicket() {
		long survey = this.fx.standardSurvey("Old");
		this.fx.customer("F1");
		long old = id(this.fx.post("/api/v1/surveys/" + survey + "/responses", """
				{"customerExternalId":"%sF1","respondedAt":"%s","answers":{"nps":0}}
				""".formatted(this.fx.prefix, this.clock.instant().minus(60, ChronoUnit.DAYS)), "staff"));
		long quiet = id(this.fx.post("/api/v1/surveys", """
				{"name":"%s Quiet","followUp":false,"questions":[{"key":"nps","type":"NPS"}]}
				""".formatted(this.fx.prefix), "manager"));
		long unheard = id(this.fx.post("/api/v1/surveys/" + quiet + "/responses", """
				{"customerExternalId":"%sF1","answers":{"nps":0}}
				""".formatted(this.fx.prefix), "staff"));
		assertThat(this.jdbc.sql("select count(*) from survey_follow_up where response_id in (?, ?)")
			.params(old, unheard)
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void changingAnsweredQuestionsStartsANewVersion() {
		long survey = this.fx.standardSurvey("Versions");
		long first = id(
				this.fx.post("/api/v1/surveys/" + survey + "/responses", "{\"answers\":{\"nps\":10}}", "staff"));
		MvcTestResult changed = this.mvc.put()
			.uri("/api/v1/surveys/" + survey)
			.with(httpBasic("manager", "demo"))
			.contentType(org.springframework.http.MediaType.APPLICATION_JSON)
			.content("""
					{"name":"%s Versions","questions":[{"key":"nps","type":"NPS"},
					  {"key":"visit","type":"SINGLE","options":[{"value":"store"},{"value":"web"}]}]}
					""".formatted(this.fx.prefix))
			.exchange();
		assertThat(changed).hasStatusOk();
		assertThat(changed).bodyJson().extractingPath("$.questionsVersion").isEqualTo(2);
		assertThat(this.fx.post("/api/v1/surveys/" + survey + "/responses", "{\"answers\":{\"visit\":\"phone\"}}",
				"staff"))
			.bodyJson()
			.extractingPath("$.errors[0].field")
			.isEqualTo("answers.visit");
		long second = id(this.fx.post("/api/v1/surveys/" + survey + "/responses",
				"{\"answers\":{\"nps\":8,\"visit\":\"web\"}}", "staff"));
		assertThat(this.jdbc
			.sql("select string_agg(survey_version::text, ',' order by id) from survey_response where id in (?, ?)")
			.params(first, second)
			.query(String.class)
			.single()).isEqualTo("1,2");
		assertThat(this.mvc.put()
			.uri("/api/v1/surveys/" + survey + "?version=0")
			.with(httpBasic("manager", "demo"))
			.contentType(org.springframework.http.MediaType.APPLICATION_JSON)
			.content("{\"name\":\"x\",\"questions\":[{\"key\":\"nps\",\"type\":\"NPS\"}]}")
			.exchange()).hasStatus(409);
	}

	@Test
	void importsResponsesFromCsvReportingBadLinesAndSkippingKnownOnes() {
		long survey = this.fx.standardSurvey("Import");
		this.fx.customer("G1");
		String csv = """
				external_id,客户编号,responded_at,nps,csat,quality,comment,mood
				imp-1,%1$sG1,2026-02-01 10:00,9,5,4,Great,happy
				imp-2,%1$sG1,2026-02-02,12,5,4,Too high,sad
				imp-3,nobody-%1$s,2026-02-03,8,4,,,
				imp-4,,yesterday,8,4,,,
				imp-5,,2026-02-05,6,2,1,"Slow, rude",
				""".formatted(this.fx.prefix);
		MvcTestResult result = importCsv(survey, csv);
		assertThat(result).hasStatusOk();
		assertThat(result).bodyJson().extractingPath("$.inserted").isEqualTo(2);
		assertThat(result).bodyJson().extractingPath("$.rejected").isEqualTo(3);
		assertThat(result).bodyJson().extractingPath("$.errors[0].line").isEqualTo(3);
		assertThat(result).bodyJson().extractingPath("$.errors[0].column").isEqualTo("nps");
		assertThat(result).bodyJson().extractingPath("$.errors[1].column").isEqualTo("客户编号");
		assertThat(result).bodyJson().extractingPath("$.errors[2].line").isEqualTo(5);
		assertThat(result).bodyJson().extractingPath("$.errors[2].column").isEqualTo("responded_at");
		assertThat(result).bodyJson().extractingPath("$.warnings[0].column").isEqualTo("mood");

		MvcTestResult again = importCsv(survey, csv);
		assertThat(again).bodyJson().extractingPath("$.inserted").isEqualTo(0);
		assertThat(again).bodyJson().extractingPath("$.unchanged").isEqualTo(2);
		assertThat(this.jdbc.sql(
				"select string_agg(external_id || ':' || channel || ':' || coalesce(verbatim, ''), ';' order by external_id) from survey_response where survey_id = ?")
			.param(survey)
			.query(String.class)
			.single()).isEqualTo("imp-1:IMPORT:Great;imp-5:IMPORT:Slow, rude");
	}

	private MvcTestResult importCsv(long survey, String csv) {
		return this.mvc.post()
			.uri("/api/v1/surveys/" + survey + "/responses/import")
			.multipart()
			.file(new MockMultipartFile("file", "responses.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)))
			.with(httpBasic("staff", "demo"))
			.exchange();
	}

	private Boolean recovered(long response) {
		return this.jdbc.sql("select recovered from survey_follow_up where response_id = ?")
			.param(response)
			.query(Boolean.class)
			.optional()
			.orElse(null);
	}

}

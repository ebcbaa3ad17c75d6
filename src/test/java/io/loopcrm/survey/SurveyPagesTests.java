package io.loopcrm.survey;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.loopcrm.IntegrationTest;
import io.loopcrm.platform.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MockMvcTester.MockMvcRequestBuilder;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * The survey pages: the survey form (two languages, problems beside the right question
 * row, more rows without losing what was typed, a concurrent change), who may open it,
 * the interview entry, the response import and the survey page with its responses.
 */
@IntegrationTest
class SurveyPagesTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JdbcClient jdbc;

	SurveyFixture fx;

	String manager;

	String staff;

	@BeforeEach
	void setUp() {
		this.fx = new SurveyFixture(this.mvc, this.jdbc);
		this.manager = this.fx.prefix + "mgr";
		this.staff = this.fx.prefix + "staff";
	}

	static RequestPostProcessor as(String username, Role role) {
		return user(username).roles(role.withIncluded().stream().map(Role::name).toArray(String[]::new));
	}

	MvcTestResult post(String uri, String username, Role role, String... params) {
		MockMvcRequestBuilder request = this.mvc.post().uri(uri).with(as(username, role)).with(csrf());
		for (int i = 0; i < params.length; i += 2) {
			request = request.param(params[i], params[i + 1]);
		}
		return request.exchange();
	}

	MvcTestResult get(String uri, String username, Role role) {
		return this.mvc.get().uri(uri).with(as(username, role)).exchange();
	}

	static String html(MvcTestResult result) {
		return new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
	}

	/** The text of the errors shown beside a form field. */
	static String errorsBeside(String html, String field) {
		Matcher m = Pattern.compile("id=\"" + Pattern.quote(field) + "-errors\"[^>]*>\\s*<div>([^<]*)</div>")
			.matcher(html);
		return m.find() ? m.group(1) : null;
	}

	long surveyId(String name) {
		return this.jdbc.sql("select id from survey where name = ?").param(name).query(Long.class).single();
	}

	@Test
	void managerCreatesASurveyWithQuestionsInTwoLanguages() {
		String name = this.fx.prefix + " Store visit";
		MvcTestResult created = post("/surveys/new", this.manager, Role.MANAGER, "name", name, "purpose",
				"TRANSACTIONAL", "trigger", "MANUAL", "defaultLanguage", "zh-CN", "languages", "en", "expiryDays", "14",
				"followUp", "true", "followUpCategory", "SERVICE_QUALITY", "active", "true",
				// row 0: NPS in both languages
				"questions[0].key", "nps", "questions[0].type", "NPS", "questions[0].textEn",
				"Would you recommend our store?", "questions[0].textZhCn", "您会向朋友推荐我们的门店吗？",
				// row 1 left empty
				"questions[1].key", "", "questions[1].type", "",
				// row 2: a choice with labels per language, in the survey's language
				// order
				"questions[2].key", "heard", "questions[2].type", "SINGLE", "questions[2].required", "true",
				"questions[2].textEn", "Where did you hear of us?", "questions[2].textZhCn", "您从哪里知道我们？",
				"questions[2].options", "web = 网站 | Website\nfriend = 朋友 | A friend",
				// row 3: a dimension rating
				"questions[3].key", "attitude", "questions[3].type", "RATING", "questions[3].dimension",
				"service_attitude");
		assertThat(created).hasStatus3xxRedirection();
		long id = surveyId(name);
		assertThat(created).redirectedUrl().isEqualTo("/surveys/" + id);
		assertThat(this.jdbc.sql("select languages from survey where id = ?").param(id).query(String.class).single())
			.isEqualTo("zh-CN,en");
		assertThat(this.jdbc.sql(
				"select question_key || ':' || type || ':' || required from survey_question where survey_id = ? order by position")
			.param(id)
			.query(String.class)
			.list()).containsExactly("nps:NPS:false", "heard:SINGLE:true", "attitude:RATING:false");
		assertThat(this.fx.get("/api/v1/surveys/" + id, "staff")).bodyJson()
			.extractingPath("$.questions[1].options[0].texts")
			.isEqualTo(Map.of("zh-CN", "网站", "en", "Website"));

		// the survey page shows the wording in the reader's language
		assertThat(get("/surveys/" + id + "?lang=en", this.staff, Role.STAFF)).bodyText()
			.contains("Would you recommend our store?")
			.contains("Website")
			.contains("Service attitude");
		assertThat(get("/surveys/" + id + "?lang=zh-CN", this.staff, Role.STAFF)).bodyText()
			.contains("您会向朋友推荐我们的门店吗？")
			.contains("网站")
			.contains("服务态度");

		// the edit form comes back with what was saved, labels in the survey's order
		MvcTestResult edit = get("/surveys/" + id + "/edit?lang=en", this.manager, Role.MANAGER);
		assertThat(edit).hasStatusOk();
		assertThat(html(edit)).contains("web = 网站 | Website")
			.contains("value=\"Would you recommend our store?\"")
			.contains("Nobody has answered this survey yet");
	}

	@Test
	void problemsAppearBesideTheRowTheyBelongTo() {
		String name = this.fx.prefix + " Invalid";
		MvcTestResult result = post("/surveys/new", this.manager, Role.MANAGER, "name", name, "questions[0].key", "",
				"questions[0].type", "", "questions[1].key", "nps", "questions[1].type", "NPS", "questions[2].key",
				"Bad Key", "questions[2].type", "CSAT", "questions[3].key", "rated", "questions[3].type", "RATING",
				"questions[4].key", "pick", "questions[4].type", "MULTI", "questions[4].options", "only");
		assertThat(result).hasStatus(400);
		String html = html(result);
		assertThat(errorsBeside(html, "questions[2].key")).contains("Key “Bad Key”");
		assertThat(errorsBeside(html, "questions[3].dimension")).contains("Unknown dimension");
		assertThat(errorsBeside(html, "questions[4].options")).contains("at least two options");
		assertThat(errorsBeside(html, "questions[1].key")).isNull();
		assertThat(errorsBeside(html, "questions[0].key")).isNull();
		// what was typed stays
		assertThat(html).contains("value=\"Bad Key\"").contains("value=\"" + name + "\"");
		assertThat(this.jdbc.sql("select count(*) from survey where name = ?").param(name).query(Long.class).single())
			.isZero();

		MvcTestResult unnamed = post("/surveys/new", this.manager, Role.MANAGER, "name", "", "periodicDays", "x");
		assertThat(unnamed).hasStatus(400);
		assertThat(errorsBeside(html(unnamed), "periodicDays")).isEqualTo("This value has the wrong format.");
	}

	@Test
	void addingRowsKeepsEverythingTyped() {
		MvcTestResult more = post("/surveys/new", this.manager, Role.MANAGER, "addRows", "true", "name",
				this.fx.prefix + " Draft", "defaultLanguage", "zh-TW", "languages", "en", "followUp", "true",
				"_followUp", "on", "_active", "on", "questions[0].key", "ces", "questions[0].type", "CES",
				"questions[0].required", "true", "questions[0].textZhTw", "辦理是否容易？", "questions[1].key", "",
				"questions[1].type", "");
		assertThat(more).hasStatusOk();
		String html = html(more);
		assertThat(html).contains("value=\"" + this.fx.prefix + " Draft\"").contains("value=\"辦理是否容易？\"");
		assertThat(html).containsPattern("<option value=\"CES\" selected=\"selected\"");
		assertThat(html).containsPattern("<option value=\"zh-TW\"[^>]*selected=\"selected\"");
		assertThat(html).containsPattern("id=\"required-0\"[^>]*checked=\"checked\"");
		// active was left unticked and stays so
		assertThat(html).doesNotContainPattern("id=\"active\"[^>]*checked");
		// two rows were sent, three more come back
		assertThat(html).contains("id=\"question-4\"").doesNotContain("id=\"question-5\"");
		assertThat(this.jdbc.sql("select count(*) from survey where name = ?")
			.param(this.fx.prefix + " Draft")
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void aSurveyChangedMeanwhileComesBackWithWhatWasTyped() {
		long id = this.fx.standardSurvey("Concurrent");
		long version = this.jdbc.sql("select version from survey where id = ?").param(id).query(Long.class).single();
		// somebody else saves first
		assertThat(post("/surveys/" + id + "/edit", "other", Role.MANAGER, "version", String.valueOf(version), "name",
				this.fx.prefix + " Concurrent", "expiryDays", "10", "questions[0].key", "nps", "questions[0].type",
				"NPS"))
			.hasStatus3xxRedirection();
		MvcTestResult stale = post("/surveys/" + id + "/edit", this.manager, Role.MANAGER, "version",
				String.valueOf(version), "name", this.fx.prefix + " Concurrent renamed", "questions[0].key", "nps",
				"questions[0].type", "NPS", "questions[0].textEn", "My careful wording");
		assertThat(stale).hasStatus(409);
		String html = html(stale);
		assertThat(html).contains("Someone else changed this survey")
			.contains("value=\"" + this.fx.prefix + " Concurrent renamed\"")
			.contains("value=\"My careful wording\"")
			.contains("name=\"version\" value=\"" + (version + 1) + "\"");
		assertThat(this.jdbc.sql("select name from survey where id = ?").param(id).query(String.class).single())
			.isEqualTo(this.fx.prefix + " Concurrent");
		// saved again from the form that came back, it goes through
		assertThat(post("/surveys/" + id + "/edit", this.manager, Role.MANAGER, "version", String.valueOf(version + 1),
				"name", this.fx.prefix + " Concurrent renamed", "questions[0].key", "nps", "questions[0].type", "NPS"))
			.hasStatus3xxRedirection();
	}

	@Test
	void onlyManagersMakeOrChangeSurveys() {
		long id = this.fx.standardSurvey("Roles");
		assertThat(get("/surveys/new", this.staff, Role.STAFF)).hasStatus(403);
		assertThat(get("/surveys/" + id + "/edit", this.staff, Role.STAFF)).hasStatus(403);
		assertThat(post("/surveys/new", this.staff, Role.STAFF, "name", this.fx.prefix + " Staff made")).hasStatus(403);
		assertThat(get("/surveys/new", this.manager, Role.MANAGER)).hasStatusOk();
		MvcTestResult list = get("/surveys", this.staff, Role.STAFF);
		assertThat(list).hasStatusOk();
		assertThat(html(list)).contains(this.fx.prefix + " Roles").doesNotContain("href=\"/surveys/new\"");
		assertThat(get("/surveys", this.manager, Role.MANAGER)).bodyText().contains("href=\"/surveys/new\"");
		MvcTestResult page = get("/surveys/" + id, this.staff, Role.STAFF);
		assertThat(html(page)).contains("/surveys/" + id + "/responses/new")
			.doesNotContain("/surveys/" + id + "/edit")
			.doesNotContain("/surveys/dashboard?surveyId=" + id);
		assertThat(html(get("/surveys/" + id, this.manager, Role.MANAGER))).contains("/surveys/" + id + "/edit")
			.contains("/surveys/" + id + "/invitations")
			.contains("/surveys/dashboard?surveyId=" + id);
	}

	@Test
	void staffEnterAnInterviewAndAreToldOfTheFollowUpTicket() {
		long id = this.fx.standardSurvey("Interview");
		long customer = this.fx.customer("I1");
		MvcTestResult form = get("/surveys/" + id + "/responses/new?customer=" + customer, this.staff, Role.STAFF);
		assertThat(form).hasStatusOk();
		assertThat(html(form)).contains("value=\"" + this.fx.prefix + "I1\"")
			.containsPattern("<option value=\"PHONE\" selected=\"selected\"")
			.contains("id=\"answer-nps-10\"");
		MvcTestResult recorded = post("/surveys/" + id + "/responses/new", this.staff, Role.STAFF, "customer",
				this.fx.prefix + "I1", "channel", "PHONE", "respondedAt", "", "answer.nps", "4", "answer.csat", "2",
				"answer.ces", "", "answer.quality", "2", "answer.comment", "Waited forty minutes");
		assertThat(recorded).hasStatus3xxRedirection().redirectedUrl().isEqualTo("/surveys/" + id);
		Map<String, Object> row = this.jdbc
			.sql("select channel, entered_by, nps, csat, ces, verbatim from survey_response where survey_id = ?")
			.param(id)
			.query()
			.singleRow();
		assertThat(row).containsEntry("channel", "PHONE")
			.containsEntry("entered_by", this.staff)
			.containsEntry("nps", 4)
			.containsEntry("csat", 2)
			.containsEntry("ces", null)
			.containsEntry("verbatim", "Waited forty minutes");
		Long ticket = this.jdbc.sql(
				"select f.ticket_id from survey_follow_up f join survey_response r on r.id = f.response_id where r.survey_id = ?")
			.param(id)
			.query(Long.class)
			.single();
		assertThat(recorded).flash().containsEntry("followUpTicket", ticket);
		// the survey page, as the redirect shows it
		MvcTestResult page = this.mvc.get()
			.uri("/surveys/" + id)
			.with(as(this.staff, Role.STAFF))
			.flashAttr("flash", "survey.flash.recorded")
			.flashAttr("flashArg", "x")
			.flashAttr("followUpTicket", ticket)
			.exchange();
		assertThat(html(page)).contains("a ticket was opened").contains("href=\"/tickets/" + ticket + "\"");
	}

	@Test
	void anOutOfRangeAnswerIsShownBesideItsQuestionWithTheAnswersKept() {
		long id = this.fx.standardSurvey("Range");
		MvcTestResult result = post("/surveys/" + id + "/responses/new", this.staff, Role.STAFF, "channel", "STORE",
				"respondedAt", "2026-03-01T10:15", "answer.nps", "11", "answer.csat", "5", "answer.comment",
				"Lovely <staff>");
		assertThat(result).hasStatus(400);
		String html = html(result);
		assertThat(html).containsPattern("id=\"error-nps\"[^>]*>Answer with a whole number from 0 to 10.<")
			.doesNotContain("id=\"error-csat\"")
			.containsPattern("id=\"answer-csat-5\"[^>]*checked=\"checked\"")
			.contains("Lovely &lt;staff&gt;</textarea>")
			.contains("value=\"2026-03-01T10:15\"")
			.containsPattern("<option value=\"STORE\" selected=\"selected\"");
		MvcTestResult unknown = post("/surveys/" + id + "/responses/new", this.staff, Role.STAFF, "customer",
				this.fx.prefix + "nobody", "answer.nps", "8");
		assertThat(unknown).hasStatus(400);
		assertThat(html(unknown)).contains("No customer with ID " + this.fx.prefix + "nobody")
			.containsPattern("id=\"answer-nps-8\"[^>]*checked=\"checked\"");
		assertThat(this.jdbc.sql("select count(*) from survey_response where survey_id = ?")
			.param(id)
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void theImportPageShowsTheSummaryAndLineErrors() {
		long id = this.fx.standardSurvey("Import");
		this.fx.customer("M1");
		assertThat(get("/surveys/" + id + "/responses/import", this.staff, Role.STAFF)).hasStatusOk()
			.bodyText()
			.contains("customer_external_id")
			.contains("客户编号");
		String csv = """
				external_id,客户编号,channel,responded_at,nps,comment
				r1,%1$sM1,STORE,2026-03-01 10:00,9,Fine
				r2,%1$sM1,STORE,2026-03-01 11:00,12,Too high
				r3,%1$snobody,STORE,2026-03-01 12:00,7,Who
				""".formatted(this.fx.prefix);
		MvcTestResult result = this.mvc.post()
			.multipart()
			.uri("/surveys/" + id + "/responses/import")
			.file(new MockMultipartFile("file", "responses.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)))
			.with(as(this.staff, Role.STAFF))
			.with(csrf())
			.exchange();
		assertThat(result).hasStatusOk();
		String html = html(result);
		assertThat(html).containsPattern("id=\"inserted\">1<")
			.containsPattern("id=\"rejected\"[^>]*>2<")
			.containsPattern("<td>3</td>\\s*<td>nps</td>\\s*<td>Answer with a whole number from 0 to 10.</td>")
			.containsPattern("<td>4</td>\\s*<td>客户编号</td>");
		MvcTestResult empty = this.mvc.post()
			.multipart()
			.uri("/surveys/" + id + "/responses/import")
			.with(as(this.staff, Role.STAFF))
			.with(csrf())
			.exchange();
		assertThat(empty).hasStatus(400);
		assertThat(empty).bodyText().contains("Choose a CSV file to import.");
	}

	@Test
	void theSurveyPageListsResponsesWithTheirWordsEscaped() {
		long id = this.fx.standardSurvey("Verbatim");
		long customer = this.fx.customer("V1");
		assertThat(this.fx.post("/api/v1/surveys/" + id + "/responses", """
				{"customerExternalId":"%sV1","channel":"SMS",
				 "answers":{"nps":10,"comment":"<script>alert(1)</script> great"}}
				""".formatted(this.fx.prefix), "staff")).hasStatus(201);
		assertThat(this.fx.post("/api/v1/surveys/" + id + "/responses", """
				{"channel":"WECHAT","answers":{"nps":8,"csat":4}}
				""", "staff")).hasStatus(201);
		MvcTestResult page = get("/surveys/" + id, this.staff, Role.STAFF);
		assertThat(page).hasStatusOk();
		String html = html(page);
		assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt; great")
			.doesNotContain("<script>alert(1)")
			.contains("href=\"/customers/" + customer + "\"")
			.contains("Customer V1")
			.contains("NPS 10")
			.contains("CSAT 4")
			.contains("Text message")
			.containsPattern("id=\"count-responses\">2<")
			.containsPattern("id=\"count-recent\">2<");
		assertThat(get("/surveys", this.staff, Role.STAFF)).bodyText().contains(this.fx.prefix + " Verbatim");
	}

	@Test
	void theCustomerProfileShowsTheAnswersAndTheTimeline() {
		long id = this.fx.standardSurvey("Profile");
		long customer = this.fx.customer("P1");
		assertThat(this.fx.post("/api/v1/surveys/" + id + "/responses",
				"""
						{"customerExternalId":"%sP1","channel":"PHONE","answers":{"nps":9,"ces":6,"comment":"Smooth <i>repair</i>"}}
						"""
					.formatted(this.fx.prefix),
				"staff"))
			.hasStatus(201);
		MvcTestResult profile = get("/customers/" + customer + "?lang=en", this.staff, Role.STAFF);
		assertThat(profile).hasStatusOk();
		String html = html(profile);
		assertThat(html).contains("id=\"survey-responses\"")
			.contains("Survey answers")
			.contains(this.fx.prefix + " Profile")
			.contains("NPS 9")
			.contains("Smooth &lt;i&gt;repair&lt;/i&gt;")
			.contains("Answered " + this.fx.prefix + " Profile: NPS 9 · CES 6");
		// nobody who never answered gets the section
		long silent = this.fx.customer("P2");
		assertThat(get("/customers/" + silent, this.staff, Role.STAFF)).bodyText()
			.doesNotContain("id=\"survey-responses\"");
	}

	@Test
	void everyPageRendersInEachLanguage() {
		long id = this.fx.standardSurvey("Languages");
		Map<String, List<String>> expected = Map.of("en",
				List.of("Enter a response", "Interview for", "Import responses", "New survey"), "zh-CN",
				List.of("录入回复", "访谈录入", "导入", "新建调查问卷"), "zh-TW", List.of("輸入回覆", "訪談輸入", "匯入", "新增調查問卷"));
		expected.forEach((lang, texts) -> {
			assertThat(get("/surveys/" + id + "?lang=" + lang, this.manager, Role.MANAGER)).as(lang)
				.hasStatusOk()
				.bodyText()
				.contains(texts.get(0));
			assertThat(get("/surveys/" + id + "/responses/new?lang=" + lang, this.staff, Role.STAFF)).as(lang)
				.hasStatusOk()
				.bodyText()
				.contains(texts.get(1));
			assertThat(get("/surveys/" + id + "/responses/import?lang=" + lang, this.staff, Role.STAFF)).as(lang)
				.hasStatusOk()
				.bodyText()
				.contains(texts.get(2));
			assertThat(get("/surveys/new?lang=" + lang, this.manager, Role.MANAGER)).as(lang)
				.hasStatusOk()
				.bodyText()
				.contains(texts.get(3));
			assertThat(get("/surveys/" + id + "/edit?lang=" + lang, this.manager, Role.MANAGER)).as(lang).hasStatusOk();
			assertThat(get("/surveys?lang=" + lang, this.staff, Role.STAFF)).as(lang).hasStatusOk();
		});
	}

}

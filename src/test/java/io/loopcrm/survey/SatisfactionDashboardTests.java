package io.loopcrm.survey;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.loopcrm.IntegrationTest;
import io.loopcrm.survey.internal.ResponseRecorder;
import io.loopcrm.survey.internal.SatisfactionRollup;
import io.loopcrm.survey.internal.SurveyDefinitions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * The dashboard page: driver importance on planted data, the significance marker for a
 * real change and not for noise, the response rate, the three languages and the CSV
 * beside the driver table.
 */
@IntegrationTest
class SatisfactionDashboardTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	SurveyDefinitions surveys;

	@Autowired
	ResponseRecorder recorder;

	@Autowired
	SatisfactionRollup rollup;

	SatisfactionFixture fx;

	@BeforeEach
	void setUp() {
		this.fx = new SatisfactionFixture(this.surveys, this.recorder, this.jdbc);
	}

	@Test
	void theDimensionThatDrivesNpsRanksFirstAndIsThePriority() throws Exception {
		long survey = this.fx.survey("drivers");
		Random random = new Random(7);
		Instant start = SatisfactionFixture.at("2006-01-02T09:00");
		for (int i = 0; i < 80; i++) {
			// service attitude (1–5, mean 3) sets the NPS answer; the other dimensions
			// are
			// rated 3–5 whatever the NPS
			int attitude = 1 + random.nextInt(5);
			int nps = Math.max(0, Math.min(10, 2 * attitude + random.nextInt(3) - 1));
			this.fx.response(survey)
				.nps(nps)
				.csat(1 + random.nextInt(5))
				.answer("service_attitude", attitude)
				.answer("product_quality", 3 + random.nextInt(3))
				.answer("after_sales", 3 + random.nextInt(3))
				.answer("price", 3 + random.nextInt(3))
				.at(start.plus(Duration.ofHours(i * 5)))
				.record();
		}
		this.rollup.absorbPending();
		String page = page("/surveys/dashboard?from=2006-01-01&to=2006-01-31&surveyId=" + survey, "en");
		List<String> ranked = all(page, "data-dimension=\"([a-z_]+)\"");
		assertThat(ranked).hasSize(4).first().isEqualTo("service_attitude");
		assertThat(page).contains("data-dimension=\"service_attitude\" data-priority=\"true\"");
		assertThat(all(page, "data-priority=\"(true)\"")).hasSize(1);

		MvcTestResult csv = this.mvc.get()
			.uri("/surveys/dashboard/drivers.csv?from=2006-01-01&to=2006-01-31&surveyId=" + survey)
			.with(user("manager").roles("STAFF", "AGENT", "MANAGER"))
			.header("Accept-Language", "en")
			.exchange();
		assertThat(csv).hasStatusOk();
		String[] lines = new String(csv.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8).split("\r\n");
		assertThat(lines[0]).startsWith("\uFEFFRank,Dimension");
		assertThat(lines[1]).startsWith("1,").endsWith(",Yes");
		assertThat(lines).hasSize(5);

		// against CSAT (answered at random) the page still ranks every dimension
		String csat = page("/surveys/dashboard?from=2006-01-01&to=2006-01-31&target=csat&surveyId=" + survey, "en");
		assertThat(all(csat, "data-dimension=\"([a-z_]+)\"")).hasSize(4);
	}

	@Test
	void aRealChangeIsMarkedSignificantAndNoiseIsNot() throws Exception {
		// February 2007 against the 28 days before it
		long real = this.fx.survey("real change");
		answers(real, "2007-01-04T10:00", 20, 10, 30);
		answers(real, "2007-02-01T10:00", 40, 10, 10);
		long noise = this.fx.survey("noise");
		answers(noise, "2007-01-04T10:00", 9, 5, 6);
		answers(noise, "2007-02-01T10:00", 10, 5, 5);
		this.rollup.absorbPending();

		String changed = page("/surveys/dashboard?from=2007-02-01&to=2007-02-28&surveyId=" + real, "en");
		assertThat(marker(changed, "nps")).isEqualTo("true");
		assertThat(changed).contains("+66.7 against -16.7 before (60 answers)");
		String same = page("/surveys/dashboard?from=2007-02-01&to=2007-02-28&surveyId=" + noise, "en");
		assertThat(marker(same, "nps")).isEqualTo("false");
		assertThat(same).contains("+10.0 against 15 before (20 answers)");
	}

	@Test
	void responseRateIsAnsweredInvitationsOverInvitationsSent() throws Exception {
		long survey = this.fx.survey("rate");
		long customer = this.fx.customer("R", null);
		for (int i = 0; i < 4; i++) {
			this.jdbc.sql("""
					insert into survey_invitation (survey_id, customer_id, token, language, channel, trigger_ref,
					    created_at, created_by, expires_at, responded_at)
					values (?, ?, ?, 'en', 'EMAIL', ?, ?, 'test', ?, ?)
					""")
				.params(survey, customer, this.fx.prefix + i, "manual:" + i,
						java.sql.Timestamp.from(SatisfactionFixture.at("2008-03-0" + (i + 1) + "T10:00")),
						java.sql.Timestamp.from(SatisfactionFixture.at("2008-04-01T10:00")),
						(i < 3) ? java.sql.Timestamp.from(SatisfactionFixture.at("2008-03-10T10:00")) : null)
				.update();
		}
		String page = page("/surveys/dashboard?from=2008-03-01&to=2008-03-31&surveyId=" + survey, "en");
		assertThat(page).contains("3 of 4 invitations answered").contains(">75%<");
	}

	@Test
	void thePageSpeaksAllThreeLanguagesAndRefusesOthers() throws Exception {
		long survey = this.fx.survey("languages");
		this.fx.response(survey).nps(9).csat(4).ces(6).at("2009-05-05T10:00").record();
		this.rollup.absorbPending();
		String uri = "/surveys/dashboard?from=2009-05-01&to=2009-05-31&surveyId=" + survey;
		assertThat(page(uri, "en")).contains("Satisfaction dashboard").contains("Driver analysis");
		assertThat(page(uri, "zh-CN")).contains("满意度看板").contains("原因分析：优先级排序");
		assertThat(page(uri, "zh-TW")).contains("滿意度看板").contains("原因分析：優先級排序");
		// a bad date is shown beside its field, not as an error page
		assertThat(page("/surveys/dashboard?from=2009-02-30", "en")).contains("Not a date (YYYY-MM-DD): 2009-02-30");
		// htmx asks for the results only
		MvcTestResult partial = this.mvc.get()
			.uri(uri + "&channel=WEB")
			.with(user("manager").roles("STAFF", "AGENT", "MANAGER"))
			.header("HX-Request", "true")
			.header("HX-Target", "results")
			.exchange();
		assertThat(partial).hasStatusOk();
		assertThat(partial).bodyText().contains("id=\"results\"").doesNotContain("<html");
		assertThat(this.mvc.get().uri(uri).with(user("agent").roles("STAFF", "AGENT")).exchange()).hasStatus(403);
	}

	private void answers(long survey, String first, int promoters, int passives, int detractors) {
		Instant at = SatisfactionFixture.at(first);
		int i = 0;
		for (int n = 0; n < promoters; n++) {
			this.fx.response(survey).nps(9 + (n % 2)).at(at.plus(Duration.ofHours(i++))).record();
		}
		for (int n = 0; n < passives; n++) {
			this.fx.response(survey).nps(7 + (n % 2)).at(at.plus(Duration.ofHours(i++))).record();
		}
		for (int n = 0; n < detractors; n++) {
			this.fx.response(survey).nps(n % 7).at(at.plus(Duration.ofHours(i++))).record();
		}
	}

	private String page(String uri, String language) throws Exception {
		MvcTestResult result = this.mvc.get()
			.uri(uri)
			.with(user("manager").roles("STAFF", "AGENT", "MANAGER"))
			.header("Accept-Language", language)
			.exchange();
		assertThat(result).hasStatusOk();
		return new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
	}

	private static String marker(String page, String score) {
		int card = page.indexOf("id=\"score-" + score + "\"");
		Matcher m = Pattern.compile("data-significant=\"(true|false)\"").matcher(page);
		assertThat(m.find(card)).isTrue();
		return m.group(1);
	}

	private static List<String> all(String page, String regex) {
		List<String> found = new ArrayList<>();
		Matcher m = Pattern.compile(regex).matcher(page);
		while (m.find()) {
			found.add(m.group(1));
		}
		return found;
	}

}

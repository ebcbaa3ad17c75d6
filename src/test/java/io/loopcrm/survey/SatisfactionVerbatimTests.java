package io.loopcrm.survey;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.loopcrm.IntegrationTest;
import io.loopcrm.survey.internal.ResponseRecorder;
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
 * The verbatims page: search, score-group filter, paging, and the frequent terms of
 * promoters and detractors with Chinese (simplified and traditional) cut into words.
 */
@IntegrationTest
class SatisfactionVerbatimTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	SurveyDefinitions surveys;

	@Autowired
	ResponseRecorder recorder;

	SatisfactionFixture fx;

	long survey;

	@BeforeEach
	void setUp() {
		this.fx = new SatisfactionFixture(this.surveys, this.recorder, this.jdbc);
		this.survey = this.fx.survey("verbatims");
		Instant at = SatisfactionFixture.at("2010-06-01T10:00");
		int i = 0;
		for (String text : new String[] { "服务态度很好，物流很快", "服务态度很好，物流很快", "服務態度很好，物流很快",
				"Friendly staff and fast delivery" }) {
			this.fx.response(this.survey).nps(10).answer("comment", text).at(at.plus(Duration.ofHours(i++))).record();
		}
		for (String text : new String[] { "物流太慢了，包装破损", "物流太慢了，包装破损", "包裝破損，客服沒有回覆",
				"Delivery was slow, the BOX was damaged" }) {
			this.fx.response(this.survey).nps(3).answer("comment", text).at(at.plus(Duration.ofHours(i++))).record();
		}
		for (int n = 0; n < 15; n++) {
			this.fx.response(this.survey).nps(7).answer("comment", "还行").at(at.plus(Duration.ofHours(i++))).record();
		}
	}

	@Test
	void searchFindsTextAnywhereWithinTheGroupAndSurvey() throws Exception {
		assertThat(answers(page("q=物流"))).isEqualTo(5);
		assertThat(answers(page("q=物流&group=DETRACTOR"))).isEqualTo(2);
		assertThat(answers(page("q=box"))).isEqualTo(1);
		assertThat(answers(page("q=50%25"))).isZero();
		assertThat(answers(page("group=PROMOTER"))).isEqualTo(4);
		// 23 answers: 20 on the first page, 3 on the second
		String first = page("");
		assertThat(answers(first)).isEqualTo(20);
		assertThat(first).contains("page=1");
		assertThat(answers(page("page=1"))).isEqualTo(3);
		assertThat(page("group=FANS")).contains("Choose promoters, passives or detractors, not FANS.");
	}

	@Test
	void frequentTermsPerGroupInChineseAndEnglish() throws Exception {
		String page = page("q=ignored");
		Map<String, Integer> promoters = terms(page, "PROMOTER");
		assertThat(promoters).containsEntry("物流", 3)
			.containsEntry("很快", 3)
			.containsEntry("服务态度", 2)
			.containsEntry("服務態度", 1)
			.containsEntry("friendly", 1)
			.containsEntry("delivery", 1)
			.doesNotContainKeys("很", "好", "and");
		assertThat(promoters.keySet()).startsWith("很快", "物流");
		Map<String, Integer> detractors = terms(page, "DETRACTOR");
		assertThat(detractors).containsEntry("物流", 2)
			.containsEntry("包装", 2)
			.containsEntry("破损", 2)
			.containsEntry("破損", 1)
			.containsEntry("客服", 1)
			.containsEntry("box", 1)
			.doesNotContainKeys("沒有", "was", "the", "还行");
	}

	private String page(String query) throws Exception {
		MvcTestResult result = this.mvc.get()
			.uri("/surveys/verbatims?from=2010-06-01&to=2010-06-30&surveyId=" + this.survey + "&" + query)
			.with(user("manager").roles("STAFF", "AGENT", "MANAGER"))
			.header("Accept-Language", "en")
			.exchange();
		assertThat(result).hasStatusOk();
		return new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
	}

	private static int answers(String page) {
		Matcher m = Pattern.compile("data-response=\"\\d+\"").matcher(page);
		int n = 0;
		while (m.find()) {
			n++;
		}
		return n;
	}

	private static Map<String, Integer> terms(String page, String group) {
		int start = page.indexOf("id=\"terms-" + group + "\"");
		String table = page.substring(start, page.indexOf("</table>", start));
		Matcher m = Pattern.compile("data-term=\"([^\"]+)\">\\s*<td>[^<]*</td>\\s*<td class=\"text-end\">(\\d+)</td>")
			.matcher(table);
		Map<String, Integer> terms = new LinkedHashMap<>();
		while (m.find()) {
			terms.put(m.group(1), Integer.valueOf(m.group(2)));
		}
		return terms;
	}

}

package io.loopcrm.survey;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.loopcrm.IntegrationTest;
import io.loopcrm.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Segments select customers by what they last said in surveys: the latest NPS group and
 * answers, and when they last answered (the latest answer wins over older ones).
 */
@IntegrationTest
class SurveySegmentConditionTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MutableClock clock;

	SurveyFixture fx;

	String tag;

	@BeforeEach
	void setUp() {
		this.fx = new SurveyFixture(this.mvc, this.jdbc);
		this.tag = this.fx.prefix + "-seg";
		long survey = this.fx.standardSurvey("Segments");
		Instant now = this.clock.instant();
		// A: detractor then promoter (now a promoter); B: promoter then detractor; C:
		// passive, CSAT 2; D: never asked
		answer(survey, "A", now.minus(40, ChronoUnit.DAYS), "\"nps\":2");
		answer(survey, "A", now.minus(5, ChronoUnit.DAYS), "\"nps\":10,\"csat\":5");
		answer(survey, "B", now.minus(40, ChronoUnit.DAYS), "\"nps\":9");
		answer(survey, "B", now.minus(5, ChronoUnit.DAYS), "\"nps\":6");
		answer(survey, "C", now.minus(100, ChronoUnit.DAYS), "\"nps\":8,\"csat\":2");
		this.fx.customer("D");
		this.jdbc.sql("update customer set tags = array[?] where external_id like ?")
			.params(this.tag, this.fx.prefix + "%")
			.update();
	}

	private void answer(long survey, String customer, Instant at, String answers) {
		if (this.jdbc.sql("select count(*) from customer where external_id = ?")
			.param(this.fx.prefix + customer)
			.query(Long.class)
			.single() == 0) {
			this.fx.customer(customer);
		}
		assertThat(this.fx.post("/api/v1/surveys/" + survey + "/responses", """
				{"customerExternalId":"%s%s","respondedAt":"%s","answers":{%s}}
				""".formatted(this.fx.prefix, customer, at, answers), "staff")).hasStatus(201);
	}

	private long count(String condition) {
		MvcTestResult result = this.fx.post("/api/v1/segments/count", """
				{"match":"ALL","conditions":[{"field":"tag","op":"eq","value":"%s"},%s]}
				""".formatted(this.tag, condition), "manager");
		assertThat(result).hasStatusOk();
		return ((Number) com.jayway.jsonpath.JsonPath.read(SurveyFixture.body(result), "$.count")).longValue();
	}

	@Test
	void selectsByTheLatestNpsGroupAndAnswers() {
		assertThat(count("{\"field\":\"npsGroup\",\"op\":\"eq\",\"value\":\"DETRACTOR\"}")).isEqualTo(1);
		assertThat(count("{\"field\":\"npsGroup\",\"op\":\"in\",\"value\":[\"PROMOTER\",\"PASSIVE\"]}")).isEqualTo(2);
		// "not a detractor" includes the customer never asked
		assertThat(count("{\"field\":\"npsGroup\",\"op\":\"notIn\",\"value\":[\"DETRACTOR\"]}")).isEqualTo(3);
		assertThat(count("{\"field\":\"lastNps\",\"op\":\"lte\",\"value\":6}")).isEqualTo(1);
		assertThat(count("{\"field\":\"lastCsat\",\"op\":\"lte\",\"value\":2}")).isEqualTo(1);
	}

	@Test
	void selectsByWhenTheyLastAnswered() {
		String since = this.clock.instant().atZone(this.clock.getZone()).toLocalDate().minusDays(30).toString();
		assertThat(count("{\"field\":\"lastSurveyed\",\"op\":\"gte\",\"value\":\"" + since + "\"}")).isEqualTo(2);
		assertThat(count("{\"field\":\"lastSurveyed\",\"op\":\"lt\",\"value\":\"" + since + "\"}")).isEqualTo(1);
	}

}

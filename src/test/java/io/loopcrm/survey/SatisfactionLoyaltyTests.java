package io.loopcrm.survey;

import java.util.Arrays;
import java.util.List;

import io.loopcrm.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * The loyalty indicators beside NPS: repurchase (an order within 90 days after answering)
 * and churn (no order within 180 days) of the period's respondents, in all and per NPS
 * group, counted from real orders — cancelled ones and orders before the answer do not
 * count. Answers and orders in 2007, a year no other test uses.
 */
@IntegrationTest
class SatisfactionLoyaltyTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JdbcClient jdbc;

	@Test
	void repurchaseAndChurnOfRespondentsByNpsGroup() {
		SurveyFixture fx = new SurveyFixture(this.mvc, this.jdbc);
		long survey = fx.standardSurvey("Loyalty");
		// A promoter, orders 45 days later; B detractor, orders after 153 days; C
		// passive, never orders;
		// D detractor, its only order is cancelled; E promoter, ordered only before
		// answering
		answer(fx, survey, "A", 10);
		answer(fx, survey, "B", 3);
		answer(fx, survey, "C", 8);
		answer(fx, survey, "D", 0);
		answer(fx, survey, "E", 9);
		order(fx, "A", "2007-04-15T12:00:00+08:00", "completed");
		order(fx, "B", "2007-08-01T12:00:00+08:00", "paid");
		order(fx, "D", "2007-03-10T12:00:00+08:00", "cancelled");
		order(fx, "E", "2007-02-01T12:00:00+08:00", "completed");

		MvcTestResult csv = this.mvc.get()
			.uri("/surveys/dashboard/loyalty.csv?from=2007-01-01&to=2007-12-31&surveyId=" + survey)
			.with(user("manager").roles("STAFF", "AGENT", "MANAGER"))
			.exchange();
		assertThat(csv).hasStatusOk();
		List<String> lines = SurveyFixture.body(csv).lines().skip(1).toList();
		// respondents, repurchased within 90 days, respondents, churned (no order within
		// 180 days)
		assertThat(lines).hasSize(4);
		assertThat(numbers(lines.get(0))).containsExactly("5", "1", "5", "3");
		assertThat(numbers(lines.get(1))).containsExactly("2", "1", "2", "1");
		assertThat(numbers(lines.get(2))).containsExactly("1", "0", "1", "1");
		assertThat(numbers(lines.get(3))).containsExactly("2", "0", "2", "1");
	}

	private static List<String> numbers(String line) {
		List<String> cells = Arrays.asList(line.split(","));
		return cells.subList(cells.size() - 4, cells.size());
	}

	private void answer(SurveyFixture fx, long survey, String customer, int nps) {
		fx.customer(customer);
		assertThat(fx.post("/api/v1/surveys/" + survey + "/responses", """
				{"customerExternalId":"%s%s","respondedAt":"2007-03-01T10:00:00+08:00","answers":{"nps":%d}}
				""".formatted(fx.prefix, customer, nps), "staff")).hasStatus(201);
	}

	private void order(SurveyFixture fx, String customer, String at, String status) {
		assertThat(fx.post("/api/v1/transactions", """
				{"orderId":"%s-%s","customerExternalId":"%s%s","orderedAt":"%s","channel":"store","status":"%s",
				 "lines":[{"sku":"%s-SKU","productName":"Tea","category":"Drinks","quantity":1,"unitPrice":20}]}
				""".formatted(fx.prefix, customer, fx.prefix, customer, at, status, fx.prefix), "staff"))
			.hasStatus(201);
	}

}

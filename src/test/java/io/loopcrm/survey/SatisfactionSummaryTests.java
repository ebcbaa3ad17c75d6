package io.loopcrm.survey;

import java.nio.charset.StandardCharsets;

import io.loopcrm.IntegrationTest;
import io.loopcrm.survey.internal.ResponseRecorder;
import io.loopcrm.survey.internal.SatisfactionRollup;
import io.loopcrm.survey.internal.SurveyDefinitions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

/**
 * {@code GET /api/v1/satisfaction/summary} against figures worked out by hand for seven
 * responses of the test's own survey in February–April 2003 (Shanghai time):
 *
 * <pre>
 * when (Shanghai)    NPS CSAT CES channel store category customer (stage)
 * 02-28 23:30         10    –   – WEB     –     –        –               (before the period)
 * 03-05 10:00          6    5   7 WEB     S1    C1       A (ACTIVE)
 * 03-06 10:00          7    4   5 WEB     S1    C1       A
 * 03-10 10:00          8    4   3 PHONE   S2    C2       A
 * 04-01 00:30          9    2   – PHONE   S2    C1       B (DORMANT)      (16:30 UTC on 31 March)
 * 04-02 10:00         10    1   – WEB     –     C2       B
 * 04-03 10:00          0    –   – WEB     S1    –        anonymous
 * </pre>
 */
@IntegrationTest
class SatisfactionSummaryTests {

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

	long survey;

	@BeforeEach
	void setUp() {
		this.fx = new SatisfactionFixture(this.surveys, this.recorder, this.jdbc);
		this.survey = this.fx.survey("summary");
		long a = this.fx.customer("A", "ACTIVE");
		long b = this.fx.customer("B", "DORMANT");
		this.fx.response(this.survey).nps(10).at("2003-02-28T23:30").record();
		this.fx.response(this.survey)
			.nps(6)
			.csat(5)
			.ces(7)
			.store("S1")
			.category("C1")
			.customer(a)
			.at("2003-03-05T10:00")
			.record();
		this.fx.response(this.survey)
			.nps(7)
			.csat(4)
			.ces(5)
			.store("S1")
			.category("C1")
			.customer(a)
			.at("2003-03-06T10:00")
			.record();
		this.fx.response(this.survey)
			.nps(8)
			.csat(4)
			.ces(3)
			.channel("PHONE")
			.store("S2")
			.category("C2")
			.customer(a)
			.at("2003-03-10T10:00")
			.record();
		this.fx.response(this.survey)
			.nps(9)
			.csat(2)
			.channel("PHONE")
			.store("S2")
			.category("C1")
			.customer(b)
			.at("2003-04-01T00:30")
			.record();
		this.fx.response(this.survey).nps(10).csat(1).category("C2").customer(b).at("2003-04-02T10:00").record();
		this.fx.response(this.survey).nps(0).store("S1").at("2003-04-03T10:00").record();
		this.rollup.absorbPending();
	}

	@Test
	void oneGroupForThePeriodWithHandComputedScores() {
		// NPS answers 6 7 8 9 10 0: two of each group, NPS 0 ± 1.96·100·√((1/3 + 1/3) /
		// 6);
		// CSAT 5 4 4 2 1: 3 of 5 satisfied, Wilson interval; CES 7 5 3: mean 5
		assertThat(summary("from=2003-03-01&to=2003-04-30")).bodyJson().isStrictlyEqualTo("""
				{"groups":[{"key":"all","n":6,"nps":0.0,"npsCi":[-65.33,65.33],"promoters":2,"passives":2,
				  "detractors":2,"csat":60.0,"csatCi":[23.07,88.24],"ces":5.0}]}
				""");
	}

	@Test
	void byMonthInTheConfiguredZone() {
		// the 00:30 answer on 1 April Shanghai time is 31 March in UTC: it counts in
		// April
		assertThat(summary("from=2003-03-01&to=2003-04-30&groupBy=month")).bodyJson().isStrictlyEqualTo("""
				{"groups":[
				 {"key":"2003-03","n":3,"nps":-33.33,"npsCi":[-86.68,20.01],"promoters":0,"passives":2,"detractors":1,
				  "csat":100.0,"csatCi":[43.85,100.0],"ces":5.0},
				 {"key":"2003-04","n":3,"nps":33.33,"npsCi":[-73.35,100.0],"promoters":2,"passives":0,"detractors":1,
				  "csat":0.0,"csatCi":[0.0,65.76],"ces":null}]}
				""");
	}

	@Test
	void byChannelStoreCategoryAndStage() {
		assertThat(summary("from=2003-03-01&to=2003-04-30&groupBy=channel")).bodyJson().isStrictlyEqualTo("""
				{"groups":[
				 {"key":"WEB","n":4,"nps":-25.0,"npsCi":[-100.0,56.26],"promoters":1,"passives":1,"detractors":2,
				  "csat":66.67,"csatCi":[20.77,93.85],"ces":6.0},
				 {"key":"PHONE","n":2,"nps":50.0,"npsCi":[-19.3,100.0],"promoters":1,"passives":1,"detractors":0,
				  "csat":50.0,"csatCi":[9.45,90.55],"ces":3.0}]}
				""");
		// the response without a store is in no store's group
		assertThat(summary("from=2003-03-01&to=2003-04-30&groupBy=store")).bodyJson().isStrictlyEqualTo("""
				{"groups":[
				 {"key":"S1","n":3,"nps":-66.67,"npsCi":[-100.0,-13.32],"promoters":0,"passives":1,"detractors":2,
				  "csat":100.0,"csatCi":[34.24,100.0],"ces":6.0},
				 {"key":"S2","n":2,"nps":50.0,"npsCi":[-19.3,100.0],"promoters":1,"passives":1,"detractors":0,
				  "csat":50.0,"csatCi":[9.45,90.55],"ces":3.0}]}
				""");
		assertThat(summary("from=2003-03-01&to=2003-04-30&groupBy=category")).bodyJson().isStrictlyEqualTo("""
				{"groups":[
				 {"key":"C1","n":3,"nps":0.0,"npsCi":[-92.39,92.39],"promoters":1,"passives":1,"detractors":1,
				  "csat":66.67,"csatCi":[20.77,93.85],"ces":6.0},
				 {"key":"C2","n":2,"nps":50.0,"npsCi":[-19.3,100.0],"promoters":1,"passives":1,"detractors":0,
				  "csat":50.0,"csatCi":[9.45,90.55],"ces":3.0}]}
				""");
		assertThat(summary("from=2003-03-01&to=2003-04-30&groupBy=stage")).bodyJson().isStrictlyEqualTo("""
				{"groups":[
				 {"key":"ACTIVE","n":3,"nps":-33.33,"npsCi":[-86.68,20.01],"promoters":0,"passives":2,"detractors":1,
				  "csat":100.0,"csatCi":[43.85,100.0],"ces":5.0},
				 {"key":"DORMANT","n":2,"nps":100.0,"npsCi":[100.0,100.0],"promoters":2,"passives":0,"detractors":0,
				  "csat":0.0,"csatCi":[0.0,65.76],"ces":null}]}
				""");
	}

	@Test
	void bySegmentAsItWasWhenTheCustomerAnswered() {
		// the recorder snapshots the RFM segment; these customers had none, so set the
		// snapshot and repair the rollups from the responses (the nightly rebuild)
		this.jdbc.sql("""
				update survey_response set segment = case when customer_id is null then null
				    when nps < 9 then 'CHAMPIONS' else 'AT_RISK' end where survey_id = ?
				""").param(this.survey).update();
		this.rollup.rebuild();
		assertThat(summary("from=2003-03-01&to=2003-04-30&groupBy=segment")).bodyJson().isStrictlyEqualTo("""
				{"groups":[
				 {"key":"CHAMPIONS","n":3,"nps":-33.33,"npsCi":[-86.68,20.01],"promoters":0,"passives":2,"detractors":1,
				  "csat":100.0,"csatCi":[43.85,100.0],"ces":5.0},
				 {"key":"AT_RISK","n":2,"nps":100.0,"npsCi":[100.0,100.0],"promoters":2,"passives":0,"detractors":0,
				  "csat":0.0,"csatCi":[0.0,65.76],"ces":null}]}
				""");
	}

	@Test
	void singleResponseAndEmptyPeriod() {
		// only the NPS 10 of 28 February: no CSAT or CES answer, so no such score
		assertThat(summary("from=2003-02-01&to=2003-02-28&groupBy=month")).bodyJson().isStrictlyEqualTo("""
				{"groups":[{"key":"2003-02","n":1,"nps":100.0,"npsCi":[100.0,100.0],"promoters":1,"passives":0,
				  "detractors":0,"csat":null,"csatCi":null,"ces":null}]}
				""");
		assertThat(summary("from=2004-01-01&to=2004-12-31&groupBy=channel")).bodyJson()
			.isStrictlyEqualTo("{\"groups\":[]}");
		assertThat(summary("from=2004-01-01&to=2004-12-31")).bodyJson().isStrictlyEqualTo("{\"groups\":[]}");
	}

	@Test
	void filtersNarrowTheResponses() {
		// one filter (rollups) and two filters (counted from the responses) agree with
		// the hand count: WEB in S1 are the 6, the 7 and the 0
		assertThat(summary("from=2003-03-01&to=2003-04-30&channel=WEB&groupBy=month")).bodyJson()
			.extractingPath("$.groups[*].n")
			.isEqualTo(java.util.List.of(2, 2));
		assertThat(summary("from=2003-03-01&to=2003-04-30&channel=WEB&store=S1")).bodyJson().isStrictlyEqualTo("""
				{"groups":[{"key":"all","n":3,"nps":-66.67,"npsCi":[-100.0,-13.32],"promoters":0,"passives":1,
				  "detractors":2,"csat":100.0,"csatCi":[34.24,100.0],"ces":6.0}]}
				""");
	}

	@Test
	void badParametersAreRefusedNamingTheParameter() {
		refused("from=2003-13-01", "from");
		refused("from=2003-03-01&to=2003-02-01", "to");
		refused("surveyId=abc", "surveyId");
		refused("groupBy=year", "groupBy");
		assertThat(this.mvc.get()
			.uri("/api/v1/satisfaction/summary?surveyId=" + this.survey)
			.with(httpBasic("agent", "demo"))
			.exchange()).hasStatus(403);
	}

	private void refused(String query, String field) {
		MvcTestResult result = summary(query);
		assertThat(result).hasStatus(400);
		assertThat(result.getResponse().getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo(field);
	}

	private MvcTestResult summary(String query) {
		String uri = "/api/v1/satisfaction/summary?" + query
				+ (query.contains("surveyId") ? "" : "&surveyId=" + this.survey);
		MvcTestResult result = this.mvc.get().uri(uri).with(httpBasic("manager", "demo")).exchange();
		result.getResponse().setCharacterEncoding(StandardCharsets.UTF_8.name());
		return result;
	}

}

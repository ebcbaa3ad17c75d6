package io.loopcrm.survey;

import java.util.List;

import io.loopcrm.IntegrationTest;
import io.loopcrm.survey.internal.ImprovementPlans;
import io.loopcrm.survey.internal.PlanSummary;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo surveys: thousands of answers over two years in mixed channels and three
 * languages, a rising NPS driven by service attitude, follow-up tickets for recent
 * detractors, and two improvement plans (the done one with a visible effect).
 */
@IntegrationTest
class ImprovementPlanDemoDataTests {

	static final String DEMO = "s.name in ('顾客关系调查 Customer relationship survey', '服务回访 Post-service survey')";

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MockMvcTester mvc;

	@Autowired
	ImprovementPlans plans;

	@Test
	void demoSurveysHaveThousandsOfAnswersOverTwoYearsInEveryChannelAndLanguage() {
		assertThat(count("true")).isGreaterThan(3000);
		assertThat(count("r.responded_at < now() - interval '700 days'")).isPositive();
		assertThat(count("r.responded_at > now() - interval '14 days'")).isPositive();
		assertThat(this.jdbc
			.sql("select count(distinct r.channel) from survey_response r join survey s on s.id = "
					+ "r.survey_id where " + DEMO)
			.query(Long.class)
			.single()).isGreaterThanOrEqualTo(6);
		assertThat(count("r.verbatim like '%店员%'")).isPositive();
		assertThat(count("r.verbatim like '%店員%'")).isPositive();
		assertThat(count("r.verbatim like '%staff%'")).isPositive();
		assertThat(count("r.store is not null")).isPositive();
		// comments match the score: no praise from a detractor
		assertThat(count("r.nps <= 6 and r.verbatim like '%推荐给朋友%'")).isZero();
		assertThat(this.jdbc
			.sql("select count(*) from survey_rating g join survey_response r on r.id = g.response_id "
					+ "join survey s on s.id = r.survey_id where " + DEMO)
			.query(Long.class)
			.single()).isGreaterThan(10_000);
	}

	@Test
	void theDashboardCountsTheDemoAnswersFromTheStart() {
		// seeding ends by adding its answers to the rollups: none waits for the job
		assertThat(this.jdbc.sql("""
				select coalesce(sum(u.responses), 0) from survey_rollup u join survey s on s.id = u.survey_id
				where u.dim = 'all' and s.name = '顾客关系调查 Customer relationship survey'
				""").query(Long.class).single()).isEqualTo(this.jdbc.sql("""
				select count(*) from survey_response r join survey s on s.id = r.survey_id
				where s.name = '顾客关系调查 Customer relationship survey'
				""").query(Long.class).single());
	}

	@Test
	void theNpsRisesAndServiceAttitudeIsTheDriver() {
		double first = nps("r.responded_at < now() - interval '550 days'");
		double last = nps("r.responded_at > now() - interval '180 days'");
		assertThat(last - first).isGreaterThan(25);
		double attitude = correlation("service_attitude");
		double price = correlation("price");
		assertThat(attitude).isGreaterThan(0.6);
		assertThat(price).isLessThan(0.2);
		assertThat(correlation("product_quality")).isLessThan(0.3);
	}

	@Test
	void recentDetractorsHaveFollowUpTickets() {
		assertThat(this.jdbc.sql("""
				select count(*) from survey_follow_up f join survey_response r on r.id = f.response_id
				join survey s on s.id = r.survey_id where %s and r.external_id like 'demo-%%'
				""".formatted(DEMO)).query(Long.class).single()).isPositive();
	}

	@Test
	void oneDonePlanImprovedTheNpsAndOneIsActiveWithAnOverdueAction() {
		List<PlanSummary> active = this.plans.active();
		assertThat(active).anySatisfy((p) -> {
			assertThat(p.dimension()).isEqualTo("service_attitude");
			assertThat(p.overdueActions()).isEqualTo(1);
			assertThat(p.surveyName()).isEqualTo("服务回访 Post-service survey");
		});
		long done = this.jdbc.sql("""
				select p.id from survey_plan p join survey s on s.id = p.survey_id
				where p.status = 'DONE' and s.name = '顾客关系调查 Customer relationship survey'
				""").query(Long.class).single();
		MvcTestResult effect = this.mvc.get()
			.uri("/api/v1/improvement-plans/{id}/effect", done)
			.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
				.httpBasic("manager", "demo"))
			.exchange();
		assertThat(effect).bodyJson().extractingPath("$.effect.outcome").isEqualTo("IMPROVED");
		assertThat(effect).bodyJson()
			.extractingPath("$.effect.before.n")
			.asNumber()
			.satisfies((n) -> assertThat(n.intValue()).isGreaterThan(200));
		// the satisfaction dashboard lists the active plan with its overdue action, not
		// the done one
		MvcTestResult dashboard = this.mvc.get()
			.uri("/surveys/dashboard")
			.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
				.user("manager")
				.roles("STAFF", "AGENT", "MANAGER"))
			.exchange();
		assertThat(dashboard).hasStatusOk();
		PlanSummary shown = active.stream().filter((p) -> p.overdueActions() == 1).findFirst().orElseThrow();
		assertThat(dashboard).bodyText().contains("/surveys/plans/" + shown.id(), "1 overdue");
		assertThat(dashboard).bodyText().doesNotContain("/surveys/plans/" + done + "\"");
	}

	private long count(String condition) {
		return this.jdbc
			.sql("select count(*) from survey_response r join survey s on s.id = r.survey_id where " + DEMO + " and "
					+ condition)
			.query(Long.class)
			.single();
	}

	private double nps(String condition) {
		return this.jdbc.sql("""
				select 100.0 * (count(*) filter (where r.nps >= 9) - count(*) filter (where r.nps <= 6)) / count(*)
				from survey_response r join survey s on s.id = r.survey_id
				where s.name = '顾客关系调查 Customer relationship survey' and r.nps is not null and %s
				""".formatted(condition)).query(Double.class).single();
	}

	private double correlation(String dimension) {
		return this.jdbc.sql("""
				select corr(g.rating, r.nps) from survey_response r join survey s on s.id = r.survey_id
				join survey_rating g on g.response_id = r.id and g.dimension = ?
				where s.name = '顾客关系调查 Customer relationship survey'
				""").param(dimension).query(Double.class).single();
	}

}

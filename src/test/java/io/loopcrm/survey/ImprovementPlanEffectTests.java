package io.loopcrm.survey;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

import io.loopcrm.IntegrationTest;
import io.loopcrm.MutableClock;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static io.loopcrm.survey.ImprovementPlanFixture.midnight;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * The effect of an improvement plan: its metric in equal windows before and after its
 * start, from the raw responses of its survey, against values worked out by hand.
 */
@IntegrationTest
class ImprovementPlanEffectTests {

	static final Offset<Double> CLOSE = Offset.offset(0.01);

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
	void aClearRiseInNpsIsAnImprovementWithHandComputedScoresAndIntervals() {
		long survey = this.fx.survey("relationship");
		LocalDate startDay = this.today.minusDays(100);
		Instant start = midnight(startDay);
		Instant before = start.minus(Duration.ofDays(90));
		Instant after = start.plus(Duration.ofDays(90));
		// before: 10 promoters, 10 passives, 20 detractors -> NPS -25
		this.fx.nps(survey, before, start, 10, 10);
		this.fx.nps(survey, before, start, 7, 10);
		this.fx.nps(survey, before, start, 3, 20);
		// after: 25 promoters, 10 passives, 5 detractors -> NPS 50
		this.fx.nps(survey, start, after, 9, 25);
		this.fx.nps(survey, start, after, 8, 10);
		this.fx.nps(survey, start, after, 0, 5);
		// outside both windows, and another survey in them: not counted
		this.fx.nps(survey, before.minus(Duration.ofDays(5)), before, 0, 7);
		this.fx.nps(survey, after, after.plus(Duration.ofDays(5)), 0, 7);
		this.fx.nps(this.fx.survey("other"), before, after, 0, 30);
		long plan = this.fx.plan("NPS", null, survey, startDay, "ACTIVE");

		MvcTestResult effect = this.fx.get("/api/v1/improvement-plans/" + plan + "/effect", "manager");
		assertThat(effect).hasStatusOk();
		assertThat(effect).bodyJson().extractingPath("$.effect.days").isEqualTo(90);
		assertThat(effect).bodyJson().extractingPath("$.effect.before.n").isEqualTo(40);
		assertThat(effect).bodyJson().extractingPath("$.effect.after.n").isEqualTo(40);
		// p = .25, d = .5: half-width 1.96 * sqrt((.75 - .0625) / 40) = 25.695
		assertThat(number(effect, "$.effect.before.score")).isCloseTo(-25.0, CLOSE);
		assertThat(number(effect, "$.effect.before.low")).isCloseTo(-50.70, CLOSE);
		assertThat(number(effect, "$.effect.before.high")).isCloseTo(0.70, CLOSE);
		// p = .625, d = .125: half-width 1.96 * sqrt((.75 - .25) / 40) = 21.913
		assertThat(number(effect, "$.effect.after.score")).isCloseTo(50.0, CLOSE);
		assertThat(number(effect, "$.effect.after.low")).isCloseTo(28.09, CLOSE);
		assertThat(number(effect, "$.effect.after.high")).isCloseTo(71.91, CLOSE);
		assertThat(number(effect, "$.change")).isCloseTo(75.0, CLOSE);
		// z = .75 / sqrt(.6875 / 40 + .5 / 40) = 4.35
		assertThat(effect).bodyJson().extractingPath("$.effect.significant").isEqualTo(true);
		assertThat(effect).bodyJson().extractingPath("$.effect.outcome").isEqualTo("IMPROVED");
		assertThat(Instant.parse(text(effect, "$.effect.before.from"))).isEqualTo(before);
		assertThat(Instant.parse(text(effect, "$.effect.after.to"))).isEqualTo(after);

		String page = page("/surveys/plans/" + plan, "en");
		assertThat(page).contains("data-outcome=\"IMPROVED\"")
			.contains(">Improved</span>")
			.contains("NPS moved by more than chance explains (40 answers before, 40 after).")
			.contains(">significant</span>")
			.contains("-25")
			.contains("50");
	}

	@Test
	void aSmallChangeIsNotFlagged() {
		long survey = this.fx.survey("small change");
		LocalDate startDay = this.today.minusDays(200);
		Instant start = midnight(startDay);
		Instant before = start.minus(Duration.ofDays(90));
		Instant after = start.plus(Duration.ofDays(90));
		// NPS -15 (12/10/18) before, -5 (14/10/16) after: z = .1 / sqrt(.0181875 +
		// .0186875) = .52
		this.fx.nps(survey, before, start, 9, 12);
		this.fx.nps(survey, before, start, 7, 10);
		this.fx.nps(survey, before, start, 6, 18);
		this.fx.nps(survey, start, after, 10, 14);
		this.fx.nps(survey, start, after, 8, 10);
		this.fx.nps(survey, start, after, 5, 16);
		long plan = this.fx.plan("NPS", null, survey, startDay, "DONE");

		MvcTestResult effect = this.fx.get("/api/v1/improvement-plans/" + plan + "/effect", "manager");
		assertThat(number(effect, "$.effect.before.score")).isCloseTo(-15.0, CLOSE);
		assertThat(number(effect, "$.effect.after.score")).isCloseTo(-5.0, CLOSE);
		assertThat(effect).bodyJson().extractingPath("$.effect.significant").isEqualTo(false);
		assertThat(effect).bodyJson().extractingPath("$.effect.outcome").isEqualTo("NO_CHANGE");
		assertThat(page("/surveys/plans/" + plan, "en")).contains(">No significant change</span>")
			.doesNotContain(">significant</span>");
		assertThat(page("/surveys/plans/" + plan, "zh-CN")).contains(">无显著变化</span>");
	}

	@Test
	void aDimensionsMeanRatingIsComparedWithTheTestOfMeans() {
		long survey = this.fx.survey("ratings");
		LocalDate startDay = this.today.minusDays(60);
		Instant start = midnight(startDay);
		Instant before = start.minus(Duration.ofDays(30));
		Instant after = start.plus(Duration.ofDays(30));
		// 2.5 before (ten 2s, ten 3s): s² = 20 · .25 / 19, half-width 1.96 · sqrt(s² /
		// 20)
		this.fx.ratings(survey, before, start, "service_attitude", 2, 10);
		this.fx.ratings(survey, before, start, "service_attitude", 3, 10);
		this.fx.ratings(survey, before, start, "price", 5, 10);
		this.fx.ratings(survey, start, after, "service_attitude", 2, 10);
		this.fx.ratings(survey, start, after, "service_attitude", 3, 9);
		this.fx.ratings(survey, start, after, "service_attitude", 4, 1);
		long plan = this.fx.plan("RATING", "service_attitude", survey, startDay, "ACTIVE");

		MvcTestResult effect = this.fx.get("/api/v1/improvement-plans/" + plan + "/effect?days=30", "manager");
		assertThat(effect).bodyJson().extractingPath("$.effect.before.n").isEqualTo(20);
		assertThat(number(effect, "$.effect.before.score")).isCloseTo(2.5, CLOSE);
		assertThat(number(effect, "$.effect.before.low")).isCloseTo(2.2752, Offset.offset(0.001));
		assertThat(number(effect, "$.effect.before.high")).isCloseTo(2.7248, Offset.offset(0.001));
		assertThat(number(effect, "$.effect.after.score")).isCloseTo(2.55, CLOSE);
		assertThat(effect).bodyJson().extractingPath("$.effect.outcome").isEqualTo("NO_CHANGE");

		// ten more 5s after the start lift the mean to 101 / 30: beyond chance
		this.fx.ratings(survey, start, after, "service_attitude", 5, 10);
		MvcTestResult lifted = this.fx.get("/api/v1/improvement-plans/" + plan + "/effect?days=30", "manager");
		assertThat(number(lifted, "$.effect.after.score")).isCloseTo(101.0 / 30, CLOSE);
		assertThat(lifted).bodyJson().extractingPath("$.effect.outcome").isEqualTo("IMPROVED");
		assertThat(page("/surveys/plans/" + plan + "?days=30", "en")).contains("Mean rating: Service attitude");
	}

	@Test
	void aRecentPlanComparesAsManyDaysBeforeAsHavePassedSince() {
		long survey = this.fx.survey("recent");
		LocalDate startDay = this.today.minusDays(10);
		Instant start = midnight(startDay);
		Instant now = this.clock.instant();
		Duration since = Duration.between(start, now);
		Instant before = start.minus(since);
		this.fx.nps(survey, before, start, 10, 12);
		// just outside the equal window: not counted although within 90 days
		this.fx.nps(survey, before.minus(Duration.ofDays(30)), before, 0, 9);
		this.fx.nps(survey, start, now, 10, 11);
		long plan = this.fx.plan("NPS", null, survey, startDay, "ACTIVE");

		MvcTestResult effect = this.fx.get("/api/v1/improvement-plans/" + plan + "/effect?days=90", "manager");
		assertThat(Instant.parse(text(effect, "$.effect.after.from"))).isEqualTo(start);
		assertThat(Instant.parse(text(effect, "$.effect.after.to"))).isEqualTo(now);
		assertThat(Instant.parse(text(effect, "$.effect.before.from"))).isEqualTo(before);
		assertThat(Instant.parse(text(effect, "$.effect.before.to"))).isEqualTo(start);
		assertThat(effect).bodyJson().extractingPath("$.effect.before.n").isEqualTo(12);
		assertThat(effect).bodyJson().extractingPath("$.effect.after.n").isEqualTo(11);
		assertThat(effect).bodyJson().extractingPath("$.effect.outcome").isEqualTo("NO_CHANGE");
	}

	@Test
	void withoutAnswersThereAreNotEnoughAnswers() {
		long survey = this.fx.survey("silent");
		long plan = this.fx.plan("CSAT", null, survey, this.today.minusDays(40), "ACTIVE");
		MvcTestResult effect = this.fx.get("/api/v1/improvement-plans/" + plan + "/effect", "manager");
		assertThat(effect).bodyJson().extractingPath("$.effect.before.n").isEqualTo(0);
		assertThat(effect).bodyJson().extractingPath("$.effect.after.score").isNull();
		assertThat(effect).bodyJson().extractingPath("$.effect.outcome").isEqualTo("NOT_ENOUGH_ANSWERS");
		assertThat(page("/surveys/plans/" + plan, "en")).contains(">Not enough answers</span>")
			.contains("0 answers before and 0 after: at least 10 on each side are needed to tell.");
		assertThat(page("/surveys/plans/" + plan, "zh-TW")).contains(">回答不足</span>");

		long future = this.fx.plan("CES", null, survey, this.today.plusDays(5), "DRAFT");
		assertThat(this.fx.get("/api/v1/improvement-plans/" + future + "/effect", "manager")).bodyJson()
			.extractingPath("$.effect.outcome")
			.isEqualTo("NOT_STARTED");
		assertThat(this.fx.get("/api/v1/improvement-plans/" + plan + "/effect?days=3", "manager")).hasStatus(400)
			.bodyJson()
			.extractingPath("$.errors[0].field")
			.isEqualTo("days");
	}

	private String page(String uri, String language) {
		MvcTestResult result = this.mvc.get()
			.uri(uri)
			.header("Accept-Language", language)
			.with(user("manager").roles("STAFF", "AGENT", "MANAGER"))
			.exchange();
		assertThat(result).hasStatusOk();
		return ImprovementPlanFixture.body(result);
	}

	private static double number(MvcTestResult result, String path) {
		return ((Number) com.jayway.jsonpath.JsonPath.read(ImprovementPlanFixture.body(result), path)).doubleValue();
	}

	private static String text(MvcTestResult result, String path) {
		return com.jayway.jsonpath.JsonPath.read(ImprovementPlanFixture.body(result), path);
	}

}

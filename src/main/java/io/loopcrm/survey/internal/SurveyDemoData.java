package io.loopcrm.survey.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.loopcrm.customer.CustomerQueries;
import io.loopcrm.customer.CustomerSummary;
import io.loopcrm.platform.DemoData;
import io.loopcrm.platform.LoopCrmProperties;
import io.loopcrm.platform.Role;
import io.loopcrm.segmentation.CustomerSegments;
import io.loopcrm.survey.internal.SurveyCommand.QuestionCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Demo surveys: a relationship survey (NPS, CSAT, CES, the five dimension ratings and a
 * comment) and a post-service survey (CSAT, CES, service attitude and a comment), about
 * 3,000 responses over the last 24 months from demo customers in mixed channels, at the
 * store of their latest order. The NPS rises over the two years, with a step when the
 * improvement plan on service attitude started ten months ago; service attitude drives
 * the NPS strongly, the other dimensions weakly. Comments in simplified and traditional
 * Chinese and English match the score. Answers older than two weeks are inserted
 * set-based; the last two weeks go through the {@link ResponseRecorder}, so detractors
 * get their follow-up tickets. Two improvement plans: one DONE (the step), one ACTIVE.
 * Deterministic: a fixed seed and the application clock.
 */
@Component
class SurveyDemoData implements DemoData {

	private static final Logger log = LoggerFactory.getLogger(SurveyDemoData.class);

	static final String RELATIONSHIP = "顾客关系调查 Customer relationship survey";

	static final String POST_SERVICE = "服务回访 Post-service survey";

	static final int RELATIONSHIP_COUNT = 2_200;

	static final int POST_SERVICE_COUNT = 900;

	/** Days before today the DONE plan (service attitude training) started. */
	static final int DONE_PLAN_DAYS_AGO = 300;

	/** Days before today the ACTIVE plan started. */
	static final int ACTIVE_PLAN_DAYS_AGO = 45;

	/** Answers younger than this go through the recorder (and get follow-up tickets). */
	private static final Duration RECORDED = Duration.ofDays(14);

	private static final String[] DIMENSIONS = { "product_quality", "service_attitude", "after_sales",
			"shopping_experience", "price" };

	private static final String[] CHANNELS = { "EMAIL", "EMAIL", "SMS", "WECHAT", "WECHAT", "WECHAT", "WEB", "APP",
			"PHONE", "STORE" };

	/**
	 * Comments by language (zh-CN, zh-TW, en) and mood (detractor, passive, promoter).
	 */
	private static final String[][][] COMMENTS = {
			{ { "店员态度很差，问了几次都没人理。", "服务太慢了，排队等了半个小时。", "售后电话一直打不通，很失望。", "店员不耐烦，不会再来了。", "价格不便宜，服务却跟不上。",
					"退货手续太麻烦，店员还推来推去。" },
					{ "东西还可以，服务一般。", "整体还行，就是价格偏高。", "店员挺客气，但等的时间有点长。", "质量不错，售后有待提高。", "没什么特别的，中规中矩。" },
					{ "店员非常热情，介绍得很专业！", "服务周到，会推荐给朋友。", "质量好，售后响应也快。", "每次来都很愉快，店员记得我的喜好。", "会员活动很实惠，服务也贴心。" } },
			{ { "店員態度很差，問了好幾次都沒人理。", "服務太慢了，排隊等了半小時。", "售後電話一直打不通，很失望。", "店員不耐煩，不會再來了。", "退貨手續太麻煩，店員還推來推去。" },
					{ "東西還可以，服務普通。", "整體還行，就是價格偏高。", "店員很客氣，但等候時間有點長。", "品質不錯，售後有待加強。" },
					{ "店員非常熱情，介紹得很專業！", "服務周到，會推薦給朋友。", "品質好，售後回覆也快。", "每次來都很愉快，店員記得我的喜好。" } },
			{ { "The staff were rude and ignored me.", "Service was slow, I queued for half an hour.",
					"Nobody answered the after-sales hotline.", "The assistant was impatient. I will not come back.",
					"Returning the item was a hassle and staff kept passing me on." },
					{ "Products are fine, service is average.", "OK overall, a bit pricey.",
							"Friendly staff but a long wait.", "Good quality, after-sales could be better." },
					{ "The staff were warm and really knew the products!", "Great service, I recommend you to friends.",
							"Good quality and quick after-sales.",
							"Always a pleasure, the staff remember what I like." } } };

	private static final String[] LANGUAGES = { "zh-CN", "zh-TW", "en" };

	private final SurveyDefinitions surveys;

	private final ResponseRecorder recorder;

	private final ImprovementPlans plans;

	private final CustomerQueries customers;

	private final CustomerSegments segments;

	private final JdbcTemplate jdbc;

	private final JsonMapper json;

	private final Clock clock;

	private final LoopCrmProperties properties;

	private final SatisfactionRollup rollup;

	SurveyDemoData(SurveyDefinitions surveys, ResponseRecorder recorder, ImprovementPlans plans,
			CustomerQueries customers, CustomerSegments segments, JdbcTemplate jdbc, JsonMapper json, Clock clock,
			LoopCrmProperties properties, SatisfactionRollup rollup) {
		this.rollup = rollup;
		this.surveys = surveys;
		this.recorder = recorder;
		this.plans = plans;
		this.customers = customers;
		this.segments = segments;
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
		this.properties = properties;
	}

	@Override
	public String name() {
		return "survey.responses";
	}

	@Override
	public int order() {
		// after the customers, orders, segments and ticket categories
		return 50;
	}

	/** A demo customer who answers: where they shop, their segment and stage. */
	private record Respondent(long id, String store, String segment, String stage) {
	}

	@Override
	public void seed() {
		long started = System.nanoTime();
		List<Long> ids = this.jdbc.queryForList(
				"select customer_id from customer_external_key where external_id like 'DEMO-%' order by external_id",
				Long.class);
		if (ids.isEmpty()) {
			return;
		}
		Random random = new Random(20261130L);
		List<Respondent> respondents = respondents(ids, random);
		long looked = System.nanoTime();
		SurveyDefinition relationship = this.surveys.create(relationshipSurvey(), "manager");
		SurveyDefinition postService = this.surveys.create(postServiceSurvey(), "manager");
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.SECONDS);
		List<Object[]> rows = new ArrayList<>();
		List<NewResponse> recent = new ArrayList<>();
		for (int i = 0; i < RELATIONSHIP_COUNT; i++) {
			answer(relationship, true, i, respondents.get(random.nextInt(respondents.size())), now, random, rows,
					recent);
		}
		for (int i = 0; i < POST_SERVICE_COUNT; i++) {
			answer(postService, false, i, respondents.get(random.nextInt(respondents.size())), now, random, rows,
					recent);
		}
		insert(rows, relationship.id(), postService.id());
		long inserted = System.nanoTime();
		for (NewResponse response : recent) {
			this.recorder.record(response);
		}
		plans(relationship, postService, now);
		// the dashboard shows the demo answers from the first page view, not after the
		// job's first run
		this.rollup.absorbPending();
		log.info(
				"Survey demo data: {} responses ({} recorded one by one) in {} ms: respondents {} ms, "
						+ "set-based insert {} ms, recorder and plans {} ms",
				rows.size() + recent.size(), recent.size(), (System.nanoTime() - started) / 1_000_000,
				(looked - started) / 1_000_000, (inserted - looked) / 1_000_000,
				(System.nanoTime() - inserted) / 1_000_000);
	}

	private List<Respondent> respondents(List<Long> ids, Random random) {
		List<Long> chosen = new ArrayList<>();
		for (int i = 0; i < Math.min(800, ids.size()); i++) {
			chosen.add(ids.get(random.nextInt(ids.size())));
		}
		Map<Long, String> stores = new HashMap<>();
		this.jdbc.query("""
				select distinct on (customer_id) customer_id, store from commerce_order_reference
				where store is not null and customer_id = any(?) order by customer_id, ordered_at desc
				""", (rs) -> {
			stores.put(rs.getLong(1), rs.getString(2));
		}, (Object) chosen.toArray(new Long[0]));
		List<Respondent> respondents = new ArrayList<>();
		for (Long id : chosen) {
			String stage = this.customers.find(id).map(CustomerSummary::lifecycleStage).orElse(null);
			respondents.add(new Respondent(id, stores.get(id), this.segments.rfmSegment(id).orElse(null), stage));
		}
		return respondents;
	}

	/**
	 * One response. Service attitude rises over the two years and steps up when the DONE
	 * plan started; the NPS follows it closely and the other dimensions loosely.
	 */
	private void answer(SurveyDefinition survey, boolean relationship, int n, Respondent who, Instant now,
			Random random, List<Object[]> rows, List<NewResponse> recent) {
		double daysAgo = random.nextDouble() * 730;
		double t = 1 - daysAgo / 730;
		Instant at = now.minusSeconds((long) (daysAgo * 86_400));
		double step = (daysAgo < DONE_PLAN_DAYS_AGO) ? 0.55 : 0;
		int attitude = clamp(2.75 + 0.45 * t + step + 0.95 * random.nextGaussian(), 1, 5);
		Map<String, Object> answers = new LinkedHashMap<>();
		Integer nps = null;
		int csat;
		if (relationship) {
			int quality = clamp(3.7 + 0.9 * random.nextGaussian(), 1, 5);
			int afterSales = clamp(3.4 + 0.9 * random.nextGaussian(), 1, 5);
			int shopping = clamp(3.6 + 0.9 * random.nextGaussian(), 1, 5);
			int price = clamp(3.1 + 1.0 * random.nextGaussian(), 1, 5);
			nps = clamp(7.1 + 1.5 * (attitude - 3) + 0.2 * (quality - 3.7) + 0.15 * (shopping - 3.6)
					+ 0.1 * (afterSales - 3.4) + 0.05 * (price - 3.1) + 1.3 * random.nextGaussian(), 0, 10);
			csat = clamp(1 + nps / 2.6 + 0.7 * random.nextGaussian(), 1, 5);
			answers.put("nps", nps);
			answers.put("csat", csat);
			answers.put("ces", clamp(4.2 + 0.5 * (attitude - 3) + 0.6 * t + 1.1 * random.nextGaussian(), 1, 7));
			answers.put("product_quality", quality);
			answers.put("service_attitude", attitude);
			answers.put("after_sales", afterSales);
			answers.put("shopping_experience", shopping);
			answers.put("price", price);
		}
		else {
			double boost = (daysAgo < ACTIVE_PLAN_DAYS_AGO) ? 0.3 : 0;
			attitude = clamp(attitude + boost, 1, 5);
			csat = clamp(3.3 + 0.8 * (attitude - 3) + 0.3 * t + 0.7 * random.nextGaussian(), 1, 5);
			answers.put("csat", csat);
			answers.put("ces", clamp(4.4 + 0.4 * (attitude - 3) + 0.5 * t + 1.1 * random.nextGaussian(), 1, 7));
			answers.put("service_attitude", attitude);
		}
		int mood = (nps != null) ? ((nps <= 6) ? 0 : (nps <= 8) ? 1 : 2) : ((csat <= 2) ? 0 : (csat == 3) ? 1 : 2);
		double languageDraw = random.nextDouble();
		int language = (languageDraw < 0.6) ? 0 : (languageDraw < 0.8) ? 1 : 2;
		String comment = null;
		if (random.nextDouble() < ((mood == 0) ? 0.7 : 0.35)) {
			String[] pool = COMMENTS[language][mood];
			comment = pool[random.nextInt(pool.length)];
			answers.put("comment", comment);
		}
		String channel = relationship ? CHANNELS[random.nextInt(CHANNELS.length)]
				: ((random.nextBoolean()) ? "SMS" : "PHONE");
		String externalId = "demo-" + (relationship ? "r" : "s") + n;
		if (Duration.between(at, now).compareTo(RECORDED) < 0) {
			recent.add(new NewResponse(survey.id(), null, externalId, who.id(), channel, at, null, answers, who.store(),
					null));
			return;
		}
		rows.add(new Object[] { survey.id(), survey.currentVersion(), externalId, who.id(), channel, who.store(),
				who.segment(), who.stage(), Timestamp.from(at), nps, csat, answers.get("ces"),
				this.json.writeValueAsString(answers), comment, Timestamp.from(at) });
	}

	private void insert(List<Object[]> rows, long... surveyIds) {
		this.jdbc.batchUpdate("""
				insert into survey_response (survey_id, survey_version, external_id, customer_id, channel, store,
				       segment, lifecycle_stage, responded_at, nps, csat, ces, answers, verbatim, created_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)
				""", rows);
		Long[] ids = java.util.Arrays.stream(surveyIds).boxed().toArray(Long[]::new);
		// the dimension ratings out of the answers, set-based
		this.jdbc.update("""
				insert into survey_rating (response_id, dimension, rating)
				select r.id, q.dimension, (r.answers ->> q.question_key)::smallint
				from survey_response r
				join survey_question q on q.survey_id = r.survey_id and q.survey_version = r.survey_version
				     and q.type = 'RATING'
				where r.survey_id = any(?) and jsonb_exists(r.answers, q.question_key)
				""", (Object) ids);
		this.jdbc.update("""
				insert into survey_response_pending (response_id)
				select id from survey_response where survey_id = any(?) on conflict do nothing
				""", (Object) ids);
	}

	private void plans(SurveyDefinition relationship, SurveyDefinition postService, Instant now) {
		LocalDate today = LocalDate.ofInstant(now, this.properties.zone());
		LocalDate doneStart = today.minusDays(DONE_PLAN_DAYS_AGO);
		LocalDate activeStart = today.minusDays(ACTIVE_PLAN_DAYS_AGO);
		var previous = SecurityContextHolder.getContext().getAuthentication();
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("manager", null,
					List.of(new SimpleGrantedAuthority(Role.MANAGER.authority()))));
		try {
			long done = this.plans.create(new ImprovementPlans.PlanInput(
					"贬损者集中抱怨店员态度冷淡、不耐烦（服务态度评分与 NPS 关联最强）。 Detractors name unfriendly, impatient staff; service attitude drives the NPS most.",
					"NPS", null, relationship.id(), "manager", doneStart.toString(), "DONE",
					List.of(new ImprovementPlans.ActionInput(null,
							"全体门店员工服务礼仪培训 Service etiquette training in every store", "manager",
							"外部培训师 2 名，每店半天 Two trainers, half a day per store", "所有门店完成培训 Every store trained",
							doneStart.plusDays(30).toString(), "DONE"),
							new ImprovementPlans.ActionInput(null, "高峰时段增加一名收银员 One more cashier at peak hours",
									"agent", "排班调整 Rota change", "排队不超过 5 分钟 Queue under 5 minutes",
									doneStart.plusDays(45).toString(), "DONE"),
							new ImprovementPlans.ActionInput(null, "每周回访贬损者 Call detractors back every week", "agent2",
									"客服 2 人 Two agents", "回访率 90% 90% called back", doneStart.plusDays(60).toString(),
									"DONE")),
					null));
			long active = this.plans.create(new ImprovementPlans.PlanInput(
					"服务回访中对售后服务态度的评分偏低。 Post-service answers rate the service attitude low.", "RATING",
					"service_attitude", postService.id(), "agent2", activeStart.toString(), "ACTIVE",
					List.of(new ImprovementPlans.ActionInput(null,
							"售后话术与投诉处理培训 Scripts and complaint handling for after-sales", "agent2",
							"培训预算 ¥8,000 Training budget ¥8,000", "售后团队全员通过考核 Whole team certified",
							activeStart.plusDays(30).toString(), "DONE"),
							new ImprovementPlans.ActionInput(null, "上门维修预约改为两小时时段 Two-hour windows for home repairs",
									"agent", "排程系统配置 Scheduling set-up", "准时率 95% 95% on time",
									today.minusDays(3).toString(), "OPEN"),
							new ImprovementPlans.ActionInput(null, "每月复盘服务回访评论 Monthly review of post-service comments",
									"manager", "1 小时会议 One-hour meeting", "三次复盘 Three reviews",
									today.plusDays(40).toString(), "OPEN")),
					null));
			// the history as it happened, not all today
			backdate(done, doneStart.minusDays(7), doneStart.plusDays(62));
			backdate(active, activeStart.minusDays(5), activeStart.plusDays(28));
		}
		finally {
			SecurityContextHolder.getContext().setAuthentication(previous);
		}
	}

	private void backdate(long plan, LocalDate written, LocalDate lastChange) {
		Timestamp createdAt = Timestamp.from(written.atTime(10, 0).atZone(this.properties.zone()).toInstant());
		Timestamp changedAt = Timestamp.from(lastChange.atTime(16, 0).atZone(this.properties.zone()).toInstant());
		this.jdbc.update("update survey_plan set created_at = ?, updated_at = ? where id = ?", createdAt, changedAt,
				plan);
		this.jdbc.update("update survey_plan_action set created_at = ? where plan_id = ?", createdAt, plan);
		this.jdbc.update("""
				update survey_plan_action set done_at = (due_date - 2)::timestamp at time zone ? + interval '15 hours'
				where plan_id = ? and status = 'DONE'
				""", this.properties.zone().getId(), plan);
		this.jdbc.update("update survey_plan_event set at = ? where plan_id = ?", createdAt, plan);
	}

	private static SurveyCommand relationshipSurvey() {
		List<QuestionCommand> questions = new ArrayList<>();
		questions.add(question("nps", "NPS", null, true, "您有多大可能向朋友推荐我们？", "您有多大可能向朋友推薦我們？",
				"How likely are you to recommend us to a friend?"));
		questions.add(question("csat", "CSAT", null, false, "您对我们总体满意吗？", "您對我們整體滿意嗎？",
				"How satisfied are you with us overall?"));
		questions.add(question("ces", "CES", null, false, "在我们这里购物和办事容易吗？", "在我們這裡購物和辦事容易嗎？",
				"How easy is it to shop and get things done with us?"));
		String[][] dimensionTexts = { { "产品质量", "產品品質", "Product quality" }, { "服务态度", "服務態度", "Service attitude" },
				{ "售后服务", "售後服務", "After-sales" }, { "购物体验", "購物體驗", "Shopping experience" }, { "价格", "價格", "Price" } };
		for (int i = 0; i < DIMENSIONS.length; i++) {
			questions.add(question(DIMENSIONS[i], "RATING", DIMENSIONS[i], false, dimensionTexts[i][0],
					dimensionTexts[i][1], dimensionTexts[i][2]));
		}
		questions.add(question("comment", "TEXT", null, false, "还有什么想告诉我们的？", "還有什麼想告訴我們的？",
				"Anything else you would like to tell us?"));
		return new SurveyCommand(RELATIONSHIP, "RELATIONSHIP", "MANUAL", null, null, List.of(LANGUAGES), 30, true,
				"SERVICE_QUALITY", true, questions);
	}

	private static SurveyCommand postServiceSurvey() {
		List<QuestionCommand> questions = List.of(
				question("csat", "CSAT", null, true, "您对这次服务满意吗？", "您對這次服務滿意嗎？",
						"How satisfied are you with this service?"),
				question("ces", "CES", null, false, "这次问题解决得容易吗？", "這次問題解決得容易嗎？",
						"How easy was it to get this solved?"),
				question("service_attitude", "RATING", "service_attitude", false, "服务人员的态度", "服務人員的態度",
						"The attitude of our staff"),
				question("comment", "TEXT", null, false, "有什么建议？", "有什麼建議？", "Any suggestions?"));
		return new SurveyCommand(POST_SERVICE, "TRANSACTIONAL", "TICKET_CLOSED", null, null, List.of(LANGUAGES), 14,
				true, "SERVICE_QUALITY", true, questions);
	}

	private static QuestionCommand question(String key, String type, String dimension, boolean required,
			String simplified, String traditional, String english) {
		Map<String, String> texts = new LinkedHashMap<>();
		texts.put("zh-CN", simplified);
		texts.put("zh-TW", traditional);
		texts.put("en", english);
		return new QuestionCommand(key, type, simplified, texts, dimension, required, null);
	}

	private static int clamp(double value, int min, int max) {
		return (int) Math.max(min, Math.min(max, Math.round(value)));
	}

}

package io.loopcrm.survey;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.jayway.jsonpath.JsonPath;
import io.loopcrm.IntegrationTest;
import io.loopcrm.survey.internal.ResponseRecorder;
import io.loopcrm.survey.internal.SatisfactionRollup;
import io.loopcrm.survey.internal.SurveyDefinitions;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

/**
 * The rollups hold exactly what the responses say: after a burst of responses recorded by
 * several threads at once while the rollup job runs, and after responses were deleted
 * with their customer and the nightly rebuild ran.
 */
@IntegrationTest
class SatisfactionRollupTests {

	static final int THREADS = 4;

	static final int PER_THREAD = 40;

	static final List<String> CHANNELS = List.of("WEB", "PHONE", "STORE");

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

	@Test
	void dashboardFiguresEqualARecountFromTheResponses() throws Exception {
		SatisfactionFixture fx = new SatisfactionFixture(this.surveys, this.recorder, this.jdbc);
		long survey = fx.survey("burst");
		List<Long> customers = List.of(fx.customer("A", "ACTIVE"), fx.customer("B", "NEW"), fx.customer("C", null));
		Instant start = SatisfactionFixture.at("2005-06-01T00:00");

		ExecutorService pool = Executors.newFixedThreadPool(THREADS + 1);
		AtomicBoolean writing = new AtomicBoolean(true);
		List<Future<?>> writers = new ArrayList<>();
		for (int t = 0; t < THREADS; t++) {
			int thread = t;
			writers.add(pool.submit(() -> {
				Random random = new Random(42 + thread);
				for (int i = 0; i < PER_THREAD; i++) {
					SatisfactionFixture.Response r = fx.response(survey)
						.nps(random.nextInt(11))
						.csat(random.nextInt(4) == 0 ? null : 1 + random.nextInt(5))
						.ces(random.nextBoolean() ? 1 + random.nextInt(7) : null)
						.channel(CHANNELS.get(random.nextInt(CHANNELS.size())))
						.store(random.nextBoolean() ? "S" + random.nextInt(3) : null)
						.customer(customers.get(random.nextInt(customers.size())))
						.at(start.plus(Duration.ofHours(random.nextInt(24 * 60))));
					for (String dimension : SatisfactionFixture.DIMENSIONS) {
						if (random.nextInt(3) > 0) {
							r.answer(dimension, 1 + random.nextInt(5));
						}
					}
					r.record();
				}
				return null;
			}));
		}
		Future<Integer> absorber = pool.submit(() -> {
			int runs = 0;
			while (writing.get() && runs < 1000) {
				this.rollup.absorbPending();
				runs++;
			}
			return runs;
		});
		for (Future<?> writer : writers) {
			writer.get(2, TimeUnit.MINUTES);
		}
		writing.set(false);
		assertThat(absorber.get(1, TimeUnit.MINUTES)).isPositive();
		pool.shutdown();
		this.rollup.absorbPending();

		assertThat(apiCounts(survey, "channel")).isEqualTo(rawCounts(survey, "channel"));
		assertThat(apiCounts(survey, "month"))
			.isEqualTo(rawCounts(survey, "to_char(responded_at at time zone 'Asia/Shanghai', 'YYYY-MM')"));
		assertThat(apiCounts(survey, "stage")).isEqualTo(rawCounts(survey, "lifecycle_stage"));
		// a breakdown under a filter on another dimension (the pair rollups), both orders
		// of the pair
		assertThat(apiCounts(survey, "channel&store=S1")).isNotEmpty()
			.isEqualTo(rawCounts(survey, "channel", "store = 'S1'"));
		assertThat(apiCounts(survey, "store&channel=WEB")).isNotEmpty()
			.isEqualTo(rawCounts(survey, "store", "channel = 'WEB'"));
		assertThat(apiCounts(survey, "month").values().stream().mapToLong((c) -> c.get(0)).sum())
			.isEqualTo(THREADS * PER_THREAD);
		assertThat(ratingRollup(survey)).isEqualTo(ratingRaw(survey));
		assertThat(this.jdbc
			.sql("select count(*) from survey_response_pending p join survey_response r"
					+ " on r.id = p.response_id where r.survey_id = ?")
			.param(survey)
			.query(Long.class)
			.single()).isZero();

		// deleting a customer deletes their answers; the nightly rebuild takes them out
		this.jdbc.sql("delete from customer where id = ?").param(customers.get(0)).update();
		assertThat(apiCounts(survey, "channel")).isNotEqualTo(rawCounts(survey, "channel"));
		this.rollup.rebuild();
		assertThat(apiCounts(survey, "channel")).isEqualTo(rawCounts(survey, "channel"));
		assertThat(apiCounts(survey, "channel&store=S1")).isEqualTo(rawCounts(survey, "channel", "store = 'S1'"));
		assertThat(apiCounts(survey, "stage")).isEqualTo(rawCounts(survey, "lifecycle_stage"))
			.doesNotContainKey("ACTIVE");
		assertThat(ratingRollup(survey)).isEqualTo(ratingRaw(survey));
	}

	/**
	 * Per group: responses, promoters, passives, detractors, as the summary API gives
	 * them.
	 */
	private Map<String, List<Long>> apiCounts(long survey, String groupBy) throws Exception {
		String body = this.mvc.get()
			.uri("/api/v1/satisfaction/summary?from=2005-01-01&to=2005-12-31&surveyId=" + survey + "&groupBy="
					+ groupBy)
			.with(httpBasic("manager", "demo"))
			.exchange()
			.getResponse()
			.getContentAsString();
		List<Map<String, Object>> groups = JsonPath.read(body, "$.groups");
		Map<String, List<Long>> counts = new TreeMap<>();
		for (Map<String, Object> g : groups) {
			counts.put((String) g.get("key"),
					List.of(((Number) g.get("n")).longValue(), ((Number) g.get("promoters")).longValue(),
							((Number) g.get("passives")).longValue(), ((Number) g.get("detractors")).longValue()));
		}
		return counts;
	}

	private Map<String, List<Long>> rawCounts(long survey, String key) {
		return rawCounts(survey, key, "true");
	}

	private Map<String, List<Long>> rawCounts(long survey, String key, String filter) {
		Map<String, List<Long>> counts = new TreeMap<>();
		this.jdbc.sql("""
				select %s, count(*), count(*) filter (where nps >= 9), count(*) filter (where nps between 7 and 8),
				       count(*) filter (where nps <= 6)
				from survey_response where survey_id = ? and %1$s is not null and %s group by 1
				""".formatted(key, filter)).param(survey).query((rs) -> {
			counts.put(rs.getString(1), List.of(rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)));
		});
		return counts;
	}

	private Map<String, List<Long>> ratingRollup(long survey) {
		return ratingSums(
				"""
						select dimension, sum(n), sum(sum), sum(sq), sum(nps_n), sum(nps_xy), sum(nps_y), sum(csat_n), sum(csat_xy)
						from survey_rating_rollup where survey_id = ? and dim = 'all' group by 1
						""",
				survey);
	}

	private Map<String, List<Long>> ratingRaw(long survey) {
		return ratingSums("""
				select g.dimension, count(*), sum(g.rating), sum(g.rating * g.rating), count(r.nps),
				       coalesce(sum(g.rating * r.nps), 0), coalesce(sum(r.nps), 0), count(r.csat),
				       coalesce(sum(g.rating * r.csat), 0)
				from survey_response r join survey_rating g on g.response_id = r.id where r.survey_id = ? group by 1
				""", survey);
	}

	private Map<String, List<Long>> ratingSums(String sql, long survey) {
		Map<String, List<Long>> sums = new TreeMap<>();
		this.jdbc.sql(sql).param(survey).query((rs) -> {
			List<Long> row = new ArrayList<>();
			for (int i = 2; i <= 9; i++) {
				row.add(rs.getLong(i));
			}
			sums.put(rs.getString(1), row);
		});
		return sums;
	}

}

package io.loopcrm.survey;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.loopcrm.survey.internal.NewResponse;
import io.loopcrm.survey.internal.ResponseRecorder;
import io.loopcrm.survey.internal.SurveyCommand;
import io.loopcrm.survey.internal.SurveyCommand.QuestionCommand;
import io.loopcrm.survey.internal.SurveyDefinitions;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the satisfaction tests share: their own customers and surveys (unique names) and
 * responses recorded through the response recorder, as the public page, staff and the API
 * record them.
 */
class SatisfactionFixture {

	static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	static final List<String> DIMENSIONS = List.of("product_quality", "service_attitude", "after_sales", "price");

	final String prefix = "sat" + UUID.randomUUID().toString().substring(0, 8);

	private final SurveyDefinitions surveys;

	private final ResponseRecorder recorder;

	private final JdbcClient jdbc;

	SatisfactionFixture(SurveyDefinitions surveys, ResponseRecorder recorder, JdbcClient jdbc) {
		this.surveys = surveys;
		this.recorder = recorder;
		this.jdbc = jdbc;
	}

	/**
	 * A survey (no follow-up tickets) asking NPS, CSAT, CES, a rating of each of
	 * {@link #DIMENSIONS} and a comment.
	 */
	long survey(String name) {
		List<QuestionCommand> questions = new ArrayList<>();
		questions
			.add(new QuestionCommand("nps", "NPS", "How likely are you to recommend us?", null, null, false, null));
		questions.add(new QuestionCommand("csat", "CSAT", "How satisfied are you?", null, null, false, null));
		questions.add(new QuestionCommand("ces", "CES", "How easy was it?", null, null, false, null));
		for (String dimension : DIMENSIONS) {
			questions.add(new QuestionCommand(dimension, "RATING", "Rate " + dimension, null, dimension, false, null));
		}
		questions.add(new QuestionCommand("comment", "TEXT", "Anything else?", null, null, false, null));
		return this.surveys
			.create(new SurveyCommand(this.prefix + " " + name, "RELATIONSHIP", null, null, null, null, null, false,
					null, null, questions), "manager")
			.id();
	}

	/** A customer, in the lifecycle stage if one is given. */
	long customer(String suffix, String stage) {
		long id = this.jdbc
			.sql("insert into customer (external_id, name, created_at, updated_at, updated_by)"
					+ " values (?, ?, now(), now(), 'test') returning id")
			.params(this.prefix + suffix, "Customer " + suffix)
			.query(Long.class)
			.single();
		if (stage != null) {
			this.jdbc.sql("insert into customer_lifecycle (customer_id, stage) values (?, ?)")
				.params(id, stage)
				.update();
		}
		return id;
	}

	/** Shanghai local time {@code 2003-03-05T10:00} as an instant. */
	static Instant at(String local) {
		return LocalDateTime.parse(local).atZone(SHANGHAI).toInstant();
	}

	Response response(long survey) {
		return new Response(survey);
	}

	/** A response being put together. */
	final class Response {

		private final long survey;

		private final Map<String, Object> answers = new HashMap<>();

		private Long customer;

		private String channel = "WEB";

		private Instant at;

		private String store;

		private String category;

		Response(long survey) {
			this.survey = survey;
		}

		Response nps(Integer value) {
			return answer("nps", value);
		}

		Response csat(Integer value) {
			return answer("csat", value);
		}

		Response ces(Integer value) {
			return answer("ces", value);
		}

		Response answer(String key, Object value) {
			if (value != null) {
				this.answers.put(key, value);
			}
			return this;
		}

		Response customer(Long id) {
			this.customer = id;
			return this;
		}

		Response channel(String channel) {
			this.channel = channel;
			return this;
		}

		Response at(Instant at) {
			this.at = at;
			return this;
		}

		Response at(String local) {
			return at(SatisfactionFixture.at(local));
		}

		Response store(String store) {
			this.store = store;
			return this;
		}

		Response category(String category) {
			this.category = category;
			return this;
		}

		long record() {
			return SatisfactionFixture.this.recorder
				.record(new NewResponse(this.survey, null, null, this.customer, this.channel, this.at, null,
						this.answers, this.store, this.category))
				.id();
		}

	}

}

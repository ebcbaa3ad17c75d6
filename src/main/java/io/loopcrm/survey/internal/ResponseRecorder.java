package io.loopcrm.survey.internal;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.loopcrm.customer.CustomerQueries;
import io.loopcrm.customer.CustomerSummary;
import io.loopcrm.platform.ValidationException;
import io.loopcrm.platform.ValidationException.FieldProblem;
import io.loopcrm.segmentation.CustomerSegments;
import io.loopcrm.survey.SurveyResponded;
import io.loopcrm.survey.internal.SurveyDefinition.Option;
import io.loopcrm.survey.internal.SurveyDefinition.Question;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records survey responses from every source (public page, staff interview, CSV import,
 * API) under the same rules: answers checked against the survey's current questions (each
 * problem named {@code answers.<key>}), idempotent on the sender's external id, one
 * transaction for the response, its dimension ratings and its place in the rollup queue.
 * The customer's RFM segment and lifecycle stage are copied onto the response so that
 * figures by segment keep what was true when the customer answered.
 */
@Service
public class ResponseRecorder {

	/** Channels a response may come in on. */
	static final List<String> CHANNELS = List.of("WEB", "EMAIL", "SMS", "WECHAT", "PHONE", "STORE", "APP", "IMPORT",
			"API");

	private static final int MAX_TEXT = 4000;

	private final SurveyDefinitions surveys;

	private final CustomerQueries customers;

	private final CustomerSegments segments;

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	ResponseRecorder(SurveyDefinitions surveys, CustomerQueries customers, CustomerSegments segments, JdbcClient jdbc,
			JsonMapper json, ApplicationEventPublisher events, Clock clock) {
		this.surveys = surveys;
		this.customers = customers;
		this.segments = segments;
		this.jdbc = jdbc;
		this.json = json;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Records a response.
	 * @return the response's id, and whether it was new
	 * @throws ValidationException field by field ({@code answers.<key>}, {@code channel},
	 * {@code respondedAt}, {@code survey}) when anything is wrong; nothing is written
	 * then
	 * @throws io.loopcrm.platform.NotFoundException when the survey does not exist
	 */
	@Transactional(noRollbackFor = ValidationException.class)
	public RecordedResponse record(NewResponse response) {
		SurveyDefinition survey = this.surveys.get(response.surveyId());
		String externalId = blankToNull(response.externalId());
		if (externalId != null) {
			Optional<Long> existing = existing(survey.id(), externalId);
			if (existing.isPresent()) {
				return new RecordedResponse(existing.get(), false);
			}
		}
		List<FieldProblem> problems = new ArrayList<>();
		if (!survey.active()) {
			problems.add(new FieldProblem("survey", "survey.response.inactive", survey.name()));
		}
		if (externalId != null && externalId.length() > 100) {
			problems.add(new FieldProblem("externalId", "survey.response.externalId.tooLong", 100));
		}
		String channel = (response.channel() == null || response.channel().isBlank()) ? "API"
				: response.channel().strip().toUpperCase(Locale.ROOT);
		if (!CHANNELS.contains(channel)) {
			problems.add(new FieldProblem("channel", "survey.response.channel.unknown", response.channel(),
					String.join(", ", CHANNELS)));
		}
		Instant now = this.clock.instant();
		Instant respondedAt = (response.respondedAt() != null) ? response.respondedAt() : now;
		if (respondedAt.isAfter(now.plusSeconds(300))) {
			problems.add(new FieldProblem("respondedAt", "survey.response.respondedAt.future"));
		}
		Answers answers = check(survey, response.answers(), problems);
		CustomerSummary customer = null;
		if (response.customerId() != null) {
			customer = this.customers.find(response.customerId()).orElse(null);
			if (customer == null) {
				problems.add(new FieldProblem("customerExternalId", "survey.response.customer.unknown",
						response.customerId()));
			}
		}
		if (!problems.isEmpty()) {
			throw new ValidationException(problems);
		}
		Long customerId = (customer != null) ? customer.id() : null;
		String segment = (customerId != null) ? this.segments.rfmSegment(customerId).orElse(null) : null;
		String stage = (customer != null) ? customer.lifecycleStage() : null;
		Long id = this.jdbc
			.sql("""
					insert into survey_response (survey_id, survey_version, invitation_id, external_id, customer_id, channel,
					       store, category, segment, lifecycle_stage, responded_at, entered_by, nps, csat, ces, answers,
					       verbatim, created_at)
					values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)
					on conflict (survey_id, external_id) do nothing
					returning id
					""")
			.params(survey.id(), survey.currentVersion(), response.invitationId(), externalId, customerId, channel,
					truncate(response.store(), 100), truncate(response.category(), 100), segment, stage,
					Timestamp.from(respondedAt), response.enteredBy(), answers.nps, answers.csat, answers.ces,
					this.json.writeValueAsString(answers.values), answers.verbatim(), Timestamp.from(now))
			.query(Long.class)
			.optional()
			.orElse(null);
		if (id == null) {
			// the same external id was recorded by a concurrent request
			return new RecordedResponse(existing(survey.id(), externalId).orElseThrow(), false);
		}
		for (Map.Entry<String, Integer> rating : answers.ratings.entrySet()) {
			this.jdbc.sql("insert into survey_rating (response_id, dimension, rating) values (?, ?, ?)")
				.params(id, rating.getKey(), rating.getValue())
				.update();
		}
		this.jdbc.sql("insert into survey_response_pending (response_id) values (?)").param(id).update();
		if (response.invitationId() != null) {
			this.jdbc.sql("update survey_invitation set responded_at = ? where id = ?")
				.params(Timestamp.from(now), response.invitationId())
				.update();
		}
		this.events.publishEvent(
				new SurveyResponded(id, survey.id(), customerId, answers.nps, answers.csat, answers.ces, respondedAt));
		return new RecordedResponse(id, true);
	}

	private Optional<Long> existing(long surveyId, String externalId) {
		return this.jdbc.sql("select id from survey_response where survey_id = ? and external_id = ?")
			.params(surveyId, externalId)
			.query(Long.class)
			.optional();
	}

	private Answers check(SurveyDefinition survey, Map<String, Object> given, List<FieldProblem> problems) {
		Map<String, Object> input = (given != null) ? given : Map.of();
		Answers answers = new Answers();
		for (String key : input.keySet()) {
			if (survey.question(key).isEmpty()) {
				problems.add(new FieldProblem("answers." + key, "survey.answer.unknown", key));
			}
		}
		for (Question question : survey.questions()) {
			String field = "answers." + question.key();
			Object value = input.get(question.key());
			if (isEmpty(value)) {
				if (question.required()) {
					problems.add(new FieldProblem(field, "survey.answer.required"));
				}
				continue;
			}
			QuestionType type = question.type();
			if (type.scale()) {
				Integer number = integer(value);
				if (number == null || number < type.min() || number > type.max()) {
					problems.add(new FieldProblem(field, "survey.answer.range", type.min(), type.max()));
					continue;
				}
				answers.values.put(question.key(), number);
				switch (type) {
					case NPS -> answers.nps = number;
					case CSAT -> answers.csat = number;
					case CES -> answers.ces = number;
					case RATING -> answers.ratings.put(question.dimension(), number);
					default -> {
					}
				}
			}
			else if (type == QuestionType.TEXT) {
				String text = String.valueOf(value).strip();
				if (text.length() > MAX_TEXT) {
					problems.add(new FieldProblem(field, "survey.answer.tooLong", MAX_TEXT));
					continue;
				}
				answers.values.put(question.key(), text);
				answers.texts.add(text);
			}
			else {
				Collection<?> chosen = (value instanceof Collection<?> c) ? c : List.of(value);
				Set<String> values = new LinkedHashSet<>();
				for (Object o : chosen) {
					if (!isEmpty(o)) {
						values.add(String.valueOf(o).strip());
					}
				}
				List<String> known = question.options().stream().map(Option::value).toList();
				if (!known.containsAll(values) || (type == QuestionType.SINGLE && values.size() > 1)) {
					problems.add(new FieldProblem(field, "survey.answer.option", String.join(", ", known)));
					continue;
				}
				if (values.isEmpty()) {
					if (question.required()) {
						problems.add(new FieldProblem(field, "survey.answer.required"));
					}
					continue;
				}
				answers.values.put(question.key(),
						(type == QuestionType.SINGLE) ? values.iterator().next() : List.copyOf(values));
			}
		}
		return answers;
	}

	private static Integer integer(Object value) {
		if (value instanceof Integer i) {
			return i;
		}
		if (value instanceof Number n) {
			BigDecimal d = new BigDecimal(n.toString());
			return (d.stripTrailingZeros().scale() <= 0 && d.abs().compareTo(BigDecimal.valueOf(1000)) < 0)
					? d.intValue() : null;
		}
		if (value instanceof String s) {
			try {
				return integer(new BigDecimal(s.strip()));
			}
			catch (NumberFormatException ex) {
				return null;
			}
		}
		return null;
	}

	private static boolean isEmpty(Object value) {
		return value == null || (value instanceof String s && s.isBlank())
				|| (value instanceof Collection<?> c && c.isEmpty());
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

	private static String truncate(String value, int max) {
		String v = blankToNull(value);
		return (v == null || v.length() <= max) ? v : v.substring(0, max);
	}

	private static final class Answers {

		final Map<String, Object> values = new LinkedHashMap<>();

		final Map<String, Integer> ratings = new LinkedHashMap<>();

		final List<String> texts = new ArrayList<>();

		Integer nps;

		Integer csat;

		Integer ces;

		String verbatim() {
			return this.texts.isEmpty() ? null : String.join("\n", this.texts);
		}

	}

}

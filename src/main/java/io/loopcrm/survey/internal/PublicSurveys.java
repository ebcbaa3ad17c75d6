package io.loopcrm.survey.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.MultiValueMap;

/**
 * What the public page needs from the survey: its questions worded in the invitation's
 * language (a question without wording gets the standard one of its type), the answers
 * read from the form, and recording a response — once per invitation.
 */
@Component
class PublicSurveys {

	/** Form fields of answers are named {@code answers.<question key>}. */
	static final String PREFIX = "answers.";

	private final SurveyDefinitions definitions;

	private final ResponseRecorder recorder;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final MessageSource messages;

	PublicSurveys(SurveyDefinitions definitions, ResponseRecorder recorder, JdbcClient jdbc,
			TransactionTemplate transactions, MessageSource messages) {
		this.definitions = definitions;
		this.recorder = recorder;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.messages = messages;
	}

	/**
	 * A choice of a SINGLE or MULTI question.
	 *
	 * @param value the stored value
	 * @param label its label in the page's language
	 * @param chosen whether the customer chose it
	 */
	record Choice(String value, String label, boolean chosen) {
	}

	/**
	 * A question as the page shows it.
	 *
	 * @param key question key
	 * @param type type
	 * @param text wording in the page's language
	 * @param required whether an answer is needed
	 * @param points the points of a scale, low to high (empty for other types)
	 * @param low the label of the scale's low end
	 * @param high the label of the scale's high end
	 * @param choices the choices of a SINGLE or MULTI question, or the points of a scale
	 * with the customer's one chosen
	 * @param textValue what the customer typed into a TEXT question
	 * @param error the problem with the answer, in the page's language, or {@code null}
	 */
	record QuestionView(String key, QuestionType type, String text, boolean required, List<Integer> points, String low,
			String high, List<Choice> choices, String textValue, String error) {

		public String field() {
			return PREFIX + this.key;
		}

		public String id() {
			return "q-" + this.key;
		}

	}

	SurveyDefinition definition(long surveyId) {
		return this.definitions.get(surveyId);
	}

	/** Whether a response to the invitation exists. */
	boolean answered(long invitationId) {
		return this.jdbc.sql("select exists (select 1 from survey_response where invitation_id = ?)")
			.param(invitationId)
			.query(Boolean.class)
			.single();
	}

	/**
	 * Records the response unless the invitation was answered already. The invitation's
	 * row is locked first, so of two simultaneous answers the second waits and then sees
	 * the first (and the unique response per invitation stops any other path).
	 * @return {@code false} when the invitation had been answered
	 * @throws io.loopcrm.platform.ValidationException field {@code answers.<key>} when an
	 * answer does not fit its question (nothing is written)
	 */
	boolean respond(Invitation invitation, Map<String, Object> answers) {
		Boolean recorded = this.transactions.execute((status) -> {
			Optional<Boolean> open = this.jdbc.sql("""
					select i.responded_at is null
					  and not exists (select 1 from survey_response r where r.invitation_id = i.id)
					from survey_invitation i where i.id = ? for update of i
					""").param(invitation.id()).query(Boolean.class).optional();
			if (open.isEmpty() || !open.get()) {
				return false;
			}
			this.recorder.record(new NewResponse(invitation.surveyId(), invitation.id(), null, invitation.customerId(),
					"WEB", null, null, answers, invitation.store(), invitation.category()));
			return true;
		});
		return Boolean.TRUE.equals(recorded);
	}

	/** The answers in the form, by question key: numbers for scales, lists for MULTI. */
	static Map<String, Object> answers(SurveyDefinition survey, MultiValueMap<String, String> form) {
		Map<String, Object> answers = new LinkedHashMap<>();
		for (SurveyDefinition.Question question : survey.questions()) {
			List<String> values = form.getOrDefault(PREFIX + question.key(), List.of())
				.stream()
				.filter((v) -> v != null && !v.isBlank())
				.map(String::trim)
				.toList();
			if (values.isEmpty()) {
				continue;
			}
			if (question.type() == QuestionType.MULTI) {
				answers.put(question.key(), values);
			}
			else if (question.type().scale()) {
				String value = values.get(0);
				answers.put(question.key(), value.matches("-?\\d{1,9}") ? (Object) Integer.valueOf(value) : value);
			}
			else {
				answers.put(question.key(), values.get(0));
			}
		}
		return answers;
	}

	/** The questions worded for the page, with what the customer gave and the errors. */
	List<QuestionView> questions(SurveyDefinition survey, String language, Locale locale,
			MultiValueMap<String, String> given, Map<String, String> errors) {
		List<QuestionView> views = new ArrayList<>();
		for (SurveyDefinition.Question q : survey.questions()) {
			List<String> values = given.getOrDefault(PREFIX + q.key(), List.of());
			String text = q.text(language);
			if (text == null || text.isBlank()) {
				text = standardWording(q, locale);
			}
			List<Integer> points = new ArrayList<>();
			List<Choice> choices = new ArrayList<>();
			String low = null;
			String high = null;
			if (q.type().scale()) {
				for (int p = q.type().min(); p <= q.type().max(); p++) {
					points.add(p);
					choices.add(new Choice(String.valueOf(p), String.valueOf(p), values.contains(String.valueOf(p))));
				}
				low = this.messages.getMessage("survey.public.scale." + q.type() + ".low", null, locale);
				high = this.messages.getMessage("survey.public.scale." + q.type() + ".high", null, locale);
			}
			else if (q.options() != null) {
				for (SurveyDefinition.Option option : q.options()) {
					choices.add(new Choice(option.value(), option.text(language), values.contains(option.value())));
				}
			}
			String textValue = (q.type() == QuestionType.TEXT && !values.isEmpty()) ? values.get(0) : null;
			views.add(new QuestionView(q.key(), q.type(), text, q.required(), points, low, high, choices, textValue,
					errors.get(q.key())));
		}
		return views;
	}

	private String standardWording(SurveyDefinition.Question q, Locale locale) {
		if (q.type() == QuestionType.RATING && q.dimension() != null) {
			String name = this.messages.getMessage("survey.dimension." + q.dimension(), null, null, locale);
			if (name == null) {
				name = this.jdbc.sql("select name from survey_dimension where code = ?")
					.param(q.dimension())
					.query(String.class)
					.optional()
					.orElse(q.dimension());
			}
			return this.messages.getMessage("survey.public.question.RATING", new Object[] { name }, locale);
		}
		return this.messages.getMessage("survey.public.question." + q.type(), null, locale);
	}

}

package io.loopcrm.survey.internal;

import java.util.List;
import java.util.Map;

/**
 * A survey as the API and the form send it. {@code null} settings take the defaults: a
 * relationship survey sent manually, in English, open 30 days, with follow-up tickets in
 * the SERVICE_QUALITY category.
 *
 * @param name name, unique regardless of case
 * @param purpose RELATIONSHIP or TRANSACTIONAL
 * @param trigger MANUAL, ORDER_COMPLETED, TICKET_CLOSED, COMPLAINT_CLOSED or PERIODIC
 * @param periodicDays days between invitations of a PERIODIC survey
 * @param segmentId the saved segment a PERIODIC survey goes to
 * @param languages locale tags ({@code en}, {@code zh-CN}, {@code zh-TW}), the first is
 * the default
 * @param expiryDays days an invitation stays open
 * @param followUp whether detractors and dissatisfied customers get a follow-up ticket
 * @param followUpCategory the feedback category of those tickets
 * @param active whether it takes responses
 * @param questions the questions in order
 */
public record SurveyCommand(String name, String purpose, String trigger, Integer periodicDays, Long segmentId,
		List<String> languages, Integer expiryDays, Boolean followUp, String followUpCategory, Boolean active,
		List<QuestionCommand> questions) {

	/**
	 * A question.
	 *
	 * @param key the key answers use: lower case letters, digits and {@code _}
	 * @param type NPS, CSAT, CES, RATING, SINGLE, MULTI or TEXT
	 * @param text the wording in the survey's default language
	 * @param texts the wording per locale tag (taken over {@code text})
	 * @param dimension the dimension a RATING question rates
	 * @param required whether it must be answered
	 * @param options the options of a choice question
	 */
	public record QuestionCommand(String key, String type, String text, Map<String, String> texts, String dimension,
			Boolean required, List<OptionCommand> options) {
	}

	/**
	 * An option of a choice question.
	 *
	 * @param value stored value
	 * @param text label in the default language
	 * @param texts labels per locale tag
	 */
	public record OptionCommand(String value, String text, Map<String, String> texts) {
	}

}

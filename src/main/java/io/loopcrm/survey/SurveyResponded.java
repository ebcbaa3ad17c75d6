package io.loopcrm.survey;

import java.time.Instant;

/**
 * A survey response was recorded (public page, staff entry, import or API), published in
 * the recording transaction.
 *
 * @param responseId the response
 * @param surveyId its survey
 * @param customerId the customer who answered, {@code null} when anonymous
 * @param nps the 0–10 answer, if asked
 * @param csat the 1–5 answer, if asked
 * @param ces the 1–7 answer, if asked
 * @param respondedAt when the customer answered
 */
public record SurveyResponded(long responseId, long surveyId, Long customerId, Integer nps, Integer csat, Integer ces,
		Instant respondedAt) {
}

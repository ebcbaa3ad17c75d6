package io.loopcrm.survey.internal;

import java.time.Instant;
import java.util.Map;

/**
 * A response to record.
 *
 * @param surveyId the survey
 * @param invitationId the invitation answered (public page), else {@code null}
 * @param externalId the sender's id of the response (API, import): a second response with
 * the same id for the same survey is not recorded again
 * @param customerId the customer, {@code null} when anonymous
 * @param channel WEB, EMAIL, SMS, WECHAT, PHONE, STORE, APP, IMPORT or API
 * @param respondedAt when the customer answered ({@code null}: now)
 * @param enteredBy the staff user who entered it (interview, import, API), {@code null}
 * for the customer's own answer
 * @param answers answers by question key: numbers for scales, a string for SINGLE and
 * TEXT, a list of strings (or one string) for MULTI
 * @param store the store or branch the occasion was at, if any
 * @param category the product category the occasion was about, if any
 */
public record NewResponse(long surveyId, Long invitationId, String externalId, Long customerId, String channel,
		Instant respondedAt, String enteredBy, Map<String, Object> answers, String store, String category) {
}

package io.loopcrm.survey.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * An invitation to answer a survey once, through {@code /s/{token}}.
 *
 * @param id id
 * @param surveyId the survey
 * @param customerId the customer invited
 * @param token the unguessable part of the link
 * @param language the locale tag the page and the e-mail are in
 * @param channel {@code EMAIL} (e-mailed when the customer has an address) or
 * {@code LINK} (copied or exported for SMS and WeChat tools)
 * @param triggerRef the occasion: {@code order:17}, {@code ticket:5},
 * {@code complaint:3}, {@code periodic:2026-11-01}, {@code manual:<batch>}
 * @param store the store of the occasion, if any
 * @param category the product or ticket category of the occasion, if any
 * @param createdAt when it was made
 * @param expiresAt when the link stops taking answers
 * @param emailedAt when it was e-mailed
 * @param openedAt when the customer first opened the page
 * @param respondedAt when the customer answered
 */
public record Invitation(long id, long surveyId, long customerId, String token, String language, String channel,
		String triggerRef, String store, String category, Instant createdAt, Instant expiresAt, Instant emailedAt,
		Instant openedAt, Instant respondedAt) {

	/** The columns {@link #of(ResultSet)} reads, for {@code select}. */
	static final String COLUMNS = "i.id, i.survey_id, i.customer_id, i.token, i.language, i.channel, i.trigger_ref, "
			+ "i.store, i.category, i.created_at, i.expires_at, i.emailed_at, i.opened_at, i.responded_at";

	/** Where the invitation stands. */
	public enum Status {

		SENT, OPENED, RESPONDED, EXPIRED

	}

	/** Its status at this instant. */
	public Status status(Instant now) {
		if (this.respondedAt != null) {
			return Status.RESPONDED;
		}
		if (!this.expiresAt.isAfter(now)) {
			return Status.EXPIRED;
		}
		return (this.openedAt != null) ? Status.OPENED : Status.SENT;
	}

	static Invitation of(ResultSet rs) throws SQLException {
		return new Invitation(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5),
				rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), instant(rs.getTimestamp(10)),
				instant(rs.getTimestamp(11)), instant(rs.getTimestamp(12)), instant(rs.getTimestamp(13)),
				instant(rs.getTimestamp(14)));
	}

	static Instant instant(Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

}

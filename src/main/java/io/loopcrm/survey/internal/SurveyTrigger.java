package io.loopcrm.survey.internal;

/** What sends a survey's invitations. */
public enum SurveyTrigger {

	/** A manager sends it to a segment. */
	MANUAL,
	/** After an order completes. */
	ORDER_COMPLETED,
	/** After a feedback ticket closes. */
	TICKET_CLOSED,
	/** After a complaint case closes. */
	COMPLAINT_CLOSED,
	/** Every {@code periodicDays} to the survey's segment (relationship survey). */
	PERIODIC

}

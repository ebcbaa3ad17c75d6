package io.loopcrm.feedback;

/** What the customer tells us. Only complaints can be promoted to a complaint case. */
public enum TicketKind {

	INQUIRY, SUGGESTION, PRAISE, COMPLAINT

}

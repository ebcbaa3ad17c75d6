package io.loopcrm.feedback;

/**
 * Where a ticket stands: received → verified → in progress → replied → closed (the
 * customer confirmed) or reopened; waiting on the customer pauses the SLA clock.
 */
public enum TicketStatus {

	RECEIVED, VERIFIED, IN_PROGRESS, WAITING_CUSTOMER, REPLIED, CLOSED, REOPENED

}

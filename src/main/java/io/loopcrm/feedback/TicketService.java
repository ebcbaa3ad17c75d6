package io.loopcrm.feedback;

/**
 * Opens tickets on behalf of people and other modules (a detractor's survey answer, a
 * loyalty member's request). The ticket starts RECEIVED with its SLA due times computed
 * on the business calendar; {@link TicketOpened} is published.
 */
public interface TicketService {

	/**
	 * Opens a ticket in the caller's transaction (or its own).
	 * @param ticket what to open
	 * @return the ticket (the existing one when {@code sourceRef} was seen before)
	 * @throws io.loopcrm.platform.ValidationException field by field when the input is
	 * incomplete or the customer or category is unknown
	 */
	TicketSummary open(NewTicket ticket);

}

package io.loopcrm.feedback;

import java.util.Optional;

/** Look-ups for other modules, and the link from a complaint ticket to its case. */
public interface Tickets {

	Optional<TicketSummary> find(long id);

	/**
	 * Records that the complaint ticket was promoted to this complaint case (the ticket
	 * page then links to it); written to the ticket's history.
	 * @throws io.loopcrm.platform.NotFoundException when there is no such ticket
	 * @throws io.loopcrm.platform.ConflictException when the ticket is not a complaint or
	 * is linked to another case already
	 */
	void linkComplaint(long ticketId, long complaintCaseId);

	/**
	 * The categories new tickets may use, by their API key (the code of a built-in
	 * category, else its name).
	 */
	java.util.List<String> activeCategories();

}

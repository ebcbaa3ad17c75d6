package io.loopcrm.complaint.internal;

import org.springframework.stereotype.Component;

/**
 * Where a case opened from a feedback ticket ({@code /complaints/new?ticket={id}}) takes
 * over what the ticket already says. For now it only keeps the ticket's id (stored as the
 * case's source ticket and shown as a link to {@code /tickets/{id}}); the feedback
 * module's {@code Tickets.find(id)} is meant to fill customer, description and channel
 * here, and nowhere else.
 */
@Component
class TicketPrefill {

	void prefill(RegisterForm form, long ticketId) {
		form.setTicket(ticketId);
	}

}

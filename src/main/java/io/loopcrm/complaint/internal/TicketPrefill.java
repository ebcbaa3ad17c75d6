package io.loopcrm.complaint.internal;

import io.loopcrm.customer.CustomerQueries;
import io.loopcrm.feedback.TicketChannel;
import io.loopcrm.feedback.TicketSummary;
import io.loopcrm.feedback.Tickets;

import org.springframework.stereotype.Component;

/**
 * Where a case opened from a feedback ticket ({@code /complaints/new?ticket={id}}) takes
 * over what the ticket already says: its customer, subject and description, and the
 * channel it came in through. The case keeps the ticket as its source; registering it
 * links the ticket to the case (see {@link ComplaintService#register}).
 */
@Component
class TicketPrefill {

	private final Tickets tickets;

	private final CustomerQueries customers;

	TicketPrefill(Tickets tickets, CustomerQueries customers) {
		this.tickets = tickets;
		this.customers = customers;
	}

	void prefill(RegisterForm form, long ticketId) {
		form.setTicket(ticketId);
		this.tickets.find(ticketId).ifPresent((ticket) -> fill(form, ticket));
	}

	private void fill(RegisterForm form, TicketSummary ticket) {
		this.customers.find(ticket.customerId())
			.ifPresent((c) -> form.setCustomer((c.externalId() != null) ? c.externalId() : String.valueOf(c.id())));
		String subject = (ticket.subject() != null) ? ticket.subject().strip() : "";
		String description = (ticket.description() != null) ? ticket.description().strip() : "";
		form.setDescription(
				subject.isEmpty() ? description : (description.isEmpty() ? subject : subject + "\n\n" + description));
		form.setChannel(channel(ticket.channel()).name());
	}

	static Channel channel(TicketChannel channel) {
		return switch (channel) {
			case WEB_FORM -> Channel.WEB;
			case SOCIAL -> Channel.SOCIAL_MEDIA;
			case CHAT -> Channel.WEB;
			case PHONE -> Channel.PHONE;
			case EMAIL -> Channel.EMAIL;
			case FACE_TO_FACE -> Channel.STORE;
			case SURVEY -> Channel.OTHER;
		};
	}

}

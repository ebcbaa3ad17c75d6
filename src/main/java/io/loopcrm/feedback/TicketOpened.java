package io.loopcrm.feedback;

/**
 * A ticket was opened.
 *
 * @param ticketId the ticket
 * @param customerId its customer
 * @param kind its kind
 * @param channel where it came in
 */
public record TicketOpened(long ticketId, long customerId, TicketKind kind, TicketChannel channel) {
}

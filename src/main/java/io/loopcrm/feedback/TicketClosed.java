package io.loopcrm.feedback;

/**
 * A ticket was closed with the customer's confirmation.
 *
 * @param ticketId the ticket
 * @param customerId its customer
 * @param satisfied whether the customer was satisfied with the resolution ({@code null}
 * when not asked)
 */
public record TicketClosed(long ticketId, long customerId, Boolean satisfied) {
}

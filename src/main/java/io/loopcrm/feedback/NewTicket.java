package io.loopcrm.feedback;

/**
 * A ticket to open.
 *
 * @param customerId the customer (a merged-away id is followed to the survivor)
 * @param kind what the customer tells us
 * @param channel where it came in
 * @param category a category's code ({@code DELIVERY}) or name, case ignored
 * @param priority picks the SLA policy with the category; {@code null} means NORMAL
 * @param subject subject line, at most 200 characters
 * @param description what the customer said
 * @param sourceRef optional key of what opened it (e.g. {@code survey-response:42}): a
 * second call with the same key returns the ticket opened the first time
 */
public record NewTicket(long customerId, TicketKind kind, TicketChannel channel, String category,
		TicketPriority priority, String subject, String description, String sourceRef) {
}

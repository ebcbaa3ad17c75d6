package io.loopcrm.feedback;

/**
 * A ticket as other modules see it.
 *
 * @param id id
 * @param customerId the customer
 * @param kind inquiry, suggestion, praise or complaint
 * @param channel where it came in
 * @param category the category's code for built-in categories ({@code DELIVERY}), else
 * its name
 * @param subject subject line
 * @param description what the customer said
 * @param status where it stands
 * @param complaintCaseId the complaint case it was promoted to, or {@code null}
 */
public record TicketSummary(long id, long customerId, TicketKind kind, TicketChannel channel, String category,
		String subject, String description, TicketStatus status, Long complaintCaseId) {
}

package io.loopcrm.complaint;

/**
 * A complaint case was registered, published inside the registering transaction.
 *
 * @param caseId the new case
 * @param customerId the complainant
 * @param sourceTicketId the feedback ticket the case was opened from, or {@code null}
 */
public record ComplaintRegistered(long caseId, long customerId, Long sourceTicketId) {
}

package io.loopcrm.complaint;

/**
 * A complaint case was closed with a satisfied customer (or an invalid complaint was
 * closed after the customer accepted the explanation). A case the customer was not
 * satisfied with is reopened instead and publishes nothing. Published inside the closing
 * transaction.
 *
 * @param caseId the case
 * @param customerId the complainant
 * @param sourceTicketId the feedback ticket the case was opened from, or {@code null}
 */
public record ComplaintClosed(long caseId, long customerId, Long sourceTicketId) {
}

package io.loopcrm.customer;

/**
 * Customer {@code mergedId} was merged into {@code survivorId}. Published synchronously
 * inside the merge's transaction: a module that keeps rows with a {@code customer_id}
 * listens with a plain {@code @EventListener} and re-points them, so the merge and every
 * re-pointing commit together or not at all.
 *
 * @param survivorId the customer that remains
 * @param mergedId the customer that was merged away (its ID now redirects)
 */
public record CustomersMerged(long survivorId, long mergedId) {
}

package io.loopcrm.complaint.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.loopcrm.customer.CustomerSummary;

/**
 * A complaint case as the page and the API show it.
 *
 * @param allowedActions what the case's status allows next
 * @param yourActions those of them the signed-in user may take
 * @param refusals why the user may not take the others: action slug to message key (whose
 * argument is the compensation limit)
 * @param customer the complainant, {@code null} only if the file is gone
 * @param needsAdmin whether approving the current proposal needs an administrator
 * @param history every step, oldest first
 * @param capa corrective/preventive actions linked to the case
 */
public record CaseDetails(long id, long version, Status status, List<CaseAction> allowedActions,
		List<CaseAction> yourActions, Map<String, String> refusals, long customerId, CustomerSummary customer,
		AboutType aboutType, String aboutReference, Long orderId, String productSku, String store, String description,
		String demands, Channel channel, Severity severity, Instant registeredAt, String registeredBy, Instant dueAt,
		boolean overdue, Long sourceTicketId, Boolean valid, String validityExplanation, String department,
		String owner, CauseCategory causeCategory, String causeDetail, String responsible, ProposalType proposalType,
		BigDecimal proposalAmount, String proposalText, String proposedBy, boolean needsAdmin, String approvedBy,
		Instant approvedAt, String approvalComment, String implementationNotes, Boolean customerNotified,
		Instant implementedAt, Boolean customerSatisfied, String feedbackComment, Instant closedAt, int reopenCount,
		List<HistoryEntry> history, List<CapaLink> capa) {

	/**
	 * One step of the history.
	 *
	 * @param action {@code register} or an action's slug
	 * @param hoursSincePrevious wall-clock hours since the step before (the time this
	 * step took), {@code null} for the registration
	 */
	public record HistoryEntry(String action, Status fromStatus, Status toStatus, String actor, Instant at,
			String detail, Double hoursSincePrevious) {
	}

	/**
	 * A CAPA item linked to the case.
	 *
	 * @param id id
	 * @param title title
	 * @param status status
	 */
	public record CapaLink(long id, String title, CapaStatus status) {
	}

	public boolean may(String actionSlug) {
		return this.yourActions.stream().anyMatch((a) -> a.slug().equals(actionSlug));
	}

	public boolean allows(String actionSlug) {
		return this.allowedActions.stream().anyMatch((a) -> a.slug().equals(actionSlug));
	}

}

package io.loopcrm.feedback.internal;

import java.time.Instant;
import java.util.List;

import io.loopcrm.feedback.TicketChannel;
import io.loopcrm.feedback.TicketKind;
import io.loopcrm.feedback.TicketPriority;
import io.loopcrm.feedback.TicketStatus;

/**
 * A ticket as its page and the API show it.
 *
 * @param id id
 * @param customerId the customer
 * @param kind kind
 * @param channel channel
 * @param category the category's code (built-in) or name
 * @param categoryLabel the category in the current language
 * @param priority priority
 * @param subject subject
 * @param description description
 * @param status status
 * @param owner username of the agent in charge, may be {@code null}
 * @param ownerName their display name
 * @param allowedActions the actions the status allows and the current user may take
 * @param sla the SLA clock
 * @param escalatedAt when it was last escalated
 * @param escalatedTo to whom
 * @param closedAt when it was closed
 * @param satisfied the customer's satisfaction with the resolution at the close
 * @param closeComment the comment at the close
 * @param complaintCaseId the complaint case it was promoted to
 * @param createdAt when it was opened
 * @param createdBy by whom
 * @param updatedAt last change
 * @param updatedBy by whom
 * @param version optimistic-lock version
 */
record TicketView(long id, long customerId, TicketKind kind, TicketChannel channel, String category,
		String categoryLabel, TicketPriority priority, String subject, String description, TicketStatus status,
		String owner, String ownerName, List<String> allowedActions, Sla sla, Instant escalatedAt, String escalatedTo,
		Instant closedAt, Boolean satisfied, String closeComment, Long complaintCaseId, Instant createdAt,
		String createdBy, Instant updatedAt, String updatedBy, long version) {

	/**
	 * The SLA clock of a ticket.
	 *
	 * @param firstResponseMinutes first-response target (business minutes)
	 * @param resolutionMinutes resolution target (business minutes)
	 * @param warnPercent warning threshold
	 * @param firstResponseDue when the first response is due
	 * @param firstResponseAt when it was given
	 * @param firstResponseWarning whether the warning was raised
	 * @param firstResponseBreached whether it was missed
	 * @param resolutionDue when the resolution is due
	 * @param resolutionWarning whether the warning was raised
	 * @param resolutionBreached whether it was missed
	 * @param paused whether the clock stands (waiting on the customer)
	 * @param pausedMinutes business minutes paused so far, the running pause included
	 */
	record Sla(int firstResponseMinutes, int resolutionMinutes, int warnPercent, Instant firstResponseDue,
			Instant firstResponseAt, boolean firstResponseWarning, boolean firstResponseBreached, Instant resolutionDue,
			boolean resolutionWarning, boolean resolutionBreached, boolean paused, long pausedMinutes) {

		public boolean warning() {
			return this.firstResponseWarning || this.resolutionWarning;
		}

		public boolean breached() {
			return this.firstResponseBreached || this.resolutionBreached;
		}

	}

	public boolean allows(String action) {
		return this.allowedActions.contains(action);
	}

	public boolean complaint() {
		return this.kind == TicketKind.COMPLAINT;
	}

}

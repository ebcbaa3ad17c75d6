package io.loopcrm.complaint.internal;

import java.math.BigDecimal;
import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import lombok.AccessLevel;
import lombok.Getter;
import lombok.NoArgsConstructor;

/**
 * One complaint case. The fields of each step are set by that step; the workflow decides
 * whether the step may be taken ({@link ComplaintWorkflow}), {@link ComplaintService}
 * whether its input is complete and who may take it.
 */
@Entity
@Table(name = "complaint_case")
@Getter
@NoArgsConstructor(access = AccessLevel.PROTECTED)
class ComplaintCase {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private long customerId;

	@Enumerated(EnumType.STRING)
	private AboutType aboutType;

	private String aboutReference;

	private Long orderId;

	private String productSku;

	private String store;

	private String description;

	private String demands;

	@Enumerated(EnumType.STRING)
	private Channel channel;

	@Enumerated(EnumType.STRING)
	private Severity severity;

	@Enumerated(EnumType.STRING)
	private Status status;

	private Instant registeredAt;

	private String registeredBy;

	private Instant dueAt;

	private Long sourceTicketId;

	private Boolean valid;

	private String validityExplanation;

	private String department;

	private String owner;

	@Enumerated(EnumType.STRING)
	private CauseCategory causeCategory;

	private String causeDetail;

	private String responsible;

	@Enumerated(EnumType.STRING)
	private ProposalType proposalType;

	private BigDecimal proposalAmount;

	private String proposalText;

	private String proposedBy;

	private String approvedBy;

	private Instant approvedAt;

	private String approvalComment;

	private String implementationNotes;

	private Boolean customerNotified;

	private Instant implementedAt;

	private Boolean customerSatisfied;

	private String feedbackComment;

	private Instant closedAt;

	private int reopenCount;

	private Instant updatedAt;

	private String updatedBy;

	@Version
	private long version;

	/**
	 * A new case in {@link Status#REGISTERED}.
	 * @param about what it is about, with its reference resolved
	 */
	ComplaintCase(long customerId, ResolvedAbout about, String description, String demands, Channel channel,
			Severity severity, Instant dueAt, Long sourceTicketId, Instant now, String by) {
		this.customerId = customerId;
		this.aboutType = about.type();
		this.aboutReference = about.reference();
		this.orderId = about.orderId();
		this.productSku = about.productSku();
		this.store = about.store();
		this.description = description;
		this.demands = demands;
		this.channel = channel;
		this.severity = severity;
		this.status = Status.REGISTERED;
		this.registeredAt = now;
		this.registeredBy = by;
		this.dueAt = dueAt;
		this.sourceTicketId = sourceTicketId;
		this.updatedAt = now;
		this.updatedBy = by;
	}

	/** Whether the case is still open and past its due time. */
	boolean overdue(Instant now) {
		return this.status.open() && this.dueAt.isBefore(now);
	}

	/** Whether this user owns the case or wrote its current proposal. */
	boolean isOwnedOrProposedBy(String username) {
		return username.equals(this.owner) || username.equals(this.proposedBy);
	}

	Status validate(boolean valid, String explanation, Instant now, String by) {
		this.valid = valid;
		this.validityExplanation = explanation;
		return move(CaseAction.VALIDATE, valid, now, by);
	}

	Status assign(String department, String owner, Instant now, String by) {
		this.department = department;
		this.owner = owner;
		return move(CaseAction.ASSIGN, true, now, by);
	}

	Status rootCause(CauseCategory category, String detail, String responsible, Instant now, String by) {
		this.causeCategory = category;
		this.causeDetail = detail;
		this.responsible = responsible;
		return move(CaseAction.ROOT_CAUSE, true, now, by);
	}

	/**
	 * A new proposal replaces an earlier one and any approval or implementation of it.
	 */
	Status propose(ProposalType type, BigDecimal amount, String text, Instant now, String by) {
		this.proposalType = type;
		this.proposalAmount = amount;
		this.proposalText = text;
		this.proposedBy = by;
		this.approvedBy = null;
		this.approvedAt = null;
		this.approvalComment = null;
		this.implementationNotes = null;
		this.customerNotified = null;
		this.implementedAt = null;
		return move(CaseAction.PROPOSE, true, now, by);
	}

	Status approve(String comment, Instant now, String by) {
		this.approvedBy = by;
		this.approvedAt = now;
		this.approvalComment = comment;
		return move(CaseAction.APPROVE, true, now, by);
	}

	Status sendBack(String comment, Instant now, String by) {
		this.approvalComment = comment;
		return move(CaseAction.SEND_BACK, true, now, by);
	}

	Status implement(String notes, boolean customerNotified, Instant now, String by) {
		this.implementationNotes = notes;
		this.customerNotified = customerNotified;
		this.implementedAt = now;
		return move(CaseAction.IMPLEMENT, true, now, by);
	}

	/**
	 * The customer's feedback: satisfied closes the case; not satisfied reopens it (an
	 * invalid complaint goes back to have its validity decided again).
	 */
	Status close(boolean satisfied, String comment, Instant now, String by) {
		this.customerSatisfied = satisfied;
		this.feedbackComment = comment;
		Status next = move(CaseAction.CLOSE, satisfied, now, by);
		if (satisfied) {
			this.closedAt = now;
		}
		else {
			this.reopenCount++;
			if (next == Status.REGISTERED) {
				this.valid = null;
			}
		}
		return next;
	}

	private Status move(CaseAction action, boolean positive, Instant now, String by) {
		this.status = ComplaintWorkflow.next(this.status, action, positive);
		this.updatedAt = now;
		this.updatedBy = by;
		return this.status;
	}

}

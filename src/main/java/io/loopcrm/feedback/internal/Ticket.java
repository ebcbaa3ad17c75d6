package io.loopcrm.feedback.internal;

import java.time.Duration;
import java.time.Instant;

import io.loopcrm.feedback.TicketChannel;
import io.loopcrm.feedback.TicketKind;
import io.loopcrm.feedback.TicketPriority;
import io.loopcrm.feedback.TicketStatus;
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
import org.hibernate.annotations.DynamicUpdate;

/**
 * A feedback ticket and its SLA clock. Status changes are checked by
 * {@link TicketWorkflow} before these methods run; the methods keep the clock right.
 * <p>
 * <b>The SLA clock.</b> Targets are business time ({@link BusinessCalendar}). Opening
 * sets the first-response and resolution due times, and the warning times at
 * {@code warnPercent} of each target. Waiting on the customer stops the clock: the resume
 * measures the business time paused and moves every due and warning time that is still
 * running back by exactly that much. Closing stores how much of the resolution target was
 * used ({@code resolutionConsumedSeconds}, more than the target when it was late);
 * reopening sets the resolution due time to now plus what was left, so a ticket reopened
 * after days does not breach at once, and one closed late stays breached.
 * <p>
 * Only changed columns are written ({@code @DynamicUpdate}): the SLA job sets the warning
 * and breach flags with SQL while somebody may be editing the ticket.
 */
@Entity
@Table(name = "ticket")
@DynamicUpdate
@Getter
@NoArgsConstructor(access = AccessLevel.PROTECTED)
class Ticket {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private long customerId;

	@Enumerated(EnumType.STRING)
	private TicketKind kind;

	@Enumerated(EnumType.STRING)
	private TicketChannel channel;

	private long categoryId;

	@Enumerated(EnumType.STRING)
	private TicketPriority priority;

	private String subject;

	private String description;

	@Enumerated(EnumType.STRING)
	private TicketStatus status;

	private String owner;

	private String sourceRef;

	private int firstResponseMinutes;

	private int resolutionMinutes;

	private int warnPercent;

	private Instant firstResponseDue;

	private Instant firstResponseWarnAt;

	private Instant firstResponseAt;

	private Instant firstResponseWarnedAt;

	private Instant firstResponseBreachedAt;

	private Instant resolutionDue;

	private Instant resolutionWarnAt;

	private Instant resolutionWarnedAt;

	private Instant resolutionBreachedAt;

	private Long resolutionConsumedSeconds;

	private Instant pausedSince;

	private long pausedSeconds;

	private Instant escalatedAt;

	private String escalatedTo;

	private Instant closedAt;

	private String closedBy;

	private Boolean customerConfirmed;

	private Boolean satisfied;

	private String closeComment;

	private Long complaintCaseId;

	private Instant createdAt;

	private String createdBy;

	private Instant updatedAt;

	private String updatedBy;

	@Version
	private long version;

	/** A new ticket, RECEIVED, with its due times on the calendar from now. */
	Ticket(long customerId, TicketKind kind, TicketChannel channel, long categoryId, TicketPriority priority,
			String subject, String description, String sourceRef, SlaPolicies.Policy policy, BusinessCalendar calendar,
			Instant now, String actor) {
		this.customerId = customerId;
		this.kind = kind;
		this.channel = channel;
		this.categoryId = categoryId;
		this.priority = priority;
		this.subject = subject;
		this.description = description;
		this.sourceRef = sourceRef;
		this.status = TicketStatus.RECEIVED;
		this.firstResponseMinutes = policy.firstResponseMinutes();
		this.resolutionMinutes = policy.resolutionMinutes();
		this.warnPercent = policy.warnPercent();
		this.firstResponseDue = calendar.plus(now, target(this.firstResponseMinutes));
		this.firstResponseWarnAt = calendar.plus(now, warnAfter(this.firstResponseMinutes));
		this.resolutionDue = calendar.plus(now, target(this.resolutionMinutes));
		this.resolutionWarnAt = calendar.plus(now, warnAfter(this.resolutionMinutes));
		this.createdAt = now;
		this.createdBy = actor;
		touch(now, actor);
	}

	void moveTo(TicketStatus status, Instant now, String actor) {
		this.status = status;
		touch(now, actor);
	}

	/** Taking a ticket in hand makes the agent its owner when it has none. */
	void start(Instant now, String actor) {
		if (this.owner == null) {
			this.owner = actor;
		}
		moveTo(TicketStatus.IN_PROGRESS, now, actor);
	}

	/**
	 * A reply to the customer; the first one meets (or misses) the first-response target.
	 */
	void reply(Instant now, String actor) {
		if (this.firstResponseAt == null) {
			this.firstResponseAt = now;
			if (now.isAfter(this.firstResponseDue) && this.firstResponseBreachedAt == null) {
				this.firstResponseBreachedAt = now;
			}
		}
		moveTo(TicketStatus.REPLIED, now, actor);
	}

	void waitForCustomer(Instant now, String actor) {
		this.pausedSince = now;
		moveTo(TicketStatus.WAITING_CUSTOMER, now, actor);
	}

	/**
	 * The customer answered: the clock runs again, every running due and warning time
	 * moved back by the business time paused.
	 * @return the business time paused
	 */
	Duration resume(BusinessCalendar calendar, Instant now, String actor) {
		Duration paused = calendar.between(this.pausedSince, now);
		if (this.firstResponseAt == null && this.firstResponseBreachedAt == null) {
			this.firstResponseDue = calendar.plus(this.firstResponseDue, paused);
			this.firstResponseWarnAt = calendar.plus(this.firstResponseWarnAt, paused);
		}
		if (this.resolutionBreachedAt == null) {
			this.resolutionDue = calendar.plus(this.resolutionDue, paused);
			this.resolutionWarnAt = calendar.plus(this.resolutionWarnAt, paused);
		}
		this.pausedSeconds += paused.getSeconds();
		this.pausedSince = null;
		moveTo(TicketStatus.IN_PROGRESS, now, actor);
		return paused;
	}

	/**
	 * Closed with the customer's confirmation; the resolution clock stops where it is.
	 */
	void close(BusinessCalendar calendar, Instant now, String actor, Boolean satisfied, String comment) {
		long target = target(this.resolutionMinutes).getSeconds();
		long left = now.isAfter(this.resolutionDue) ? -calendar.between(this.resolutionDue, now).getSeconds()
				: calendar.between(now, this.resolutionDue).getSeconds();
		this.resolutionConsumedSeconds = target - left;
		if (now.isAfter(this.resolutionDue) && this.resolutionBreachedAt == null) {
			this.resolutionBreachedAt = now;
		}
		this.customerConfirmed = true;
		this.satisfied = satisfied;
		this.closeComment = comment;
		this.closedAt = now;
		this.closedBy = actor;
		moveTo(TicketStatus.CLOSED, now, actor);
	}

	/**
	 * Reopened: from CLOSED the resolution clock resumes where it stood at the close;
	 * from REPLIED it never stopped.
	 */
	void reopen(BusinessCalendar calendar, Instant now, String actor) {
		if (this.status == TicketStatus.CLOSED && this.resolutionConsumedSeconds != null) {
			long left = target(this.resolutionMinutes).getSeconds() - this.resolutionConsumedSeconds;
			if (left > 0 && this.resolutionBreachedAt == null) {
				this.resolutionDue = calendar.plus(now, Duration.ofSeconds(left));
				long beforeWarning = left - (target(this.resolutionMinutes).getSeconds()
						- warnAfter(this.resolutionMinutes).getSeconds());
				this.resolutionWarnAt = (beforeWarning > 0) ? calendar.plus(now, Duration.ofSeconds(beforeWarning))
						: now;
			}
			this.resolutionConsumedSeconds = null;
		}
		this.closedAt = null;
		this.closedBy = null;
		this.customerConfirmed = null;
		this.satisfied = null;
		this.closeComment = null;
		moveTo(TicketStatus.REOPENED, now, actor);
	}

	void assign(String owner, Instant now, String actor) {
		this.owner = owner;
		touch(now, actor);
	}

	void escalated(String to, Instant now) {
		this.escalatedAt = now;
		this.escalatedTo = to;
	}

	void linkComplaint(long caseId, Instant now, String actor) {
		this.complaintCaseId = caseId;
		touch(now, actor);
	}

	void touch(Instant now, String actor) {
		this.updatedAt = now;
		this.updatedBy = actor;
	}

	/** The business time still paused right now (a running pause counted to now). */
	Duration pausedSoFar(BusinessCalendar calendar, Instant now) {
		Duration total = Duration.ofSeconds(this.pausedSeconds);
		return (this.pausedSince != null) ? total.plus(calendar.between(this.pausedSince, now)) : total;
	}

	private Duration target(int minutes) {
		return Duration.ofMinutes(minutes);
	}

	private Duration warnAfter(int minutes) {
		return Duration.ofSeconds(minutes * 60L * this.warnPercent / 100);
	}

}

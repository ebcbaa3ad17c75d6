package io.loopcrm.complaint.internal;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import lombok.AccessLevel;
import lombok.Getter;
import lombok.NoArgsConstructor;

/**
 * One step taken on a case: its history entry. {@code action} is {@code register} or an
 * action's slug.
 */
@Entity
@Table(name = "complaint_step")
@Getter
@NoArgsConstructor(access = AccessLevel.PROTECTED)
class ComplaintStep {

	static final String REGISTER = "register";

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private long caseId;

	private String action;

	@Enumerated(EnumType.STRING)
	private Status fromStatus;

	@Enumerated(EnumType.STRING)
	private Status toStatus;

	private String actor;

	private Instant occurredAt;

	private String detail;

	ComplaintStep(long caseId, String action, Status fromStatus, Status toStatus, String actor, Instant occurredAt,
			String detail) {
		this.caseId = caseId;
		this.action = action;
		this.fromStatus = fromStatus;
		this.toStatus = toStatus;
		this.actor = actor;
		this.occurredAt = occurredAt;
		this.detail = detail;
	}

}

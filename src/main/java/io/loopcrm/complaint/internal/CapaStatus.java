package io.loopcrm.complaint.internal;

/**
 * Where a corrective/preventive action stands: open, in progress, done (carried out),
 * verified (its effect was checked and found effective).
 */
public enum CapaStatus {

	OPEN, IN_PROGRESS, DONE, VERIFIED;

	/** Still to be carried out (and so can be overdue). */
	public boolean pending() {
		return this == OPEN || this == IN_PROGRESS;
	}

}

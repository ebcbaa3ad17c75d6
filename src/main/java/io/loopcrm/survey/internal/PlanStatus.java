package io.loopcrm.survey.internal;

/** Where an improvement plan stands. */
public enum PlanStatus {

	/** Written down, not started. */
	DRAFT,
	/** Being carried out. */
	ACTIVE,
	/** Carried out: every action done. */
	DONE,
	/** Given up. */
	CANCELLED;

	/** Whether its open actions still count (and can be overdue). */
	public boolean open() {
		return this == DRAFT || this == ACTIVE;
	}

}

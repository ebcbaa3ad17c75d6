package io.loopcrm.complaint.internal;

/** Where a complaint case stands in its workflow; see {@link ComplaintWorkflow}. */
public enum Status {

	REGISTERED, VALIDATED, INVALID, ASSIGNED, ROOT_CAUSE_FOUND, PROPOSED, APPROVED, IMPLEMENTED, CLOSED, REOPENED;

	public boolean open() {
		return this != CLOSED;
	}

}

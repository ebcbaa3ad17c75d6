package io.loopcrm.complaint.internal;

/** Kinds of resolution. Refund and compensation carry an amount. */
public enum ProposalType {

	RETURN, EXCHANGE, REPAIR, REFUND, COMPENSATION, APOLOGY, OTHER;

	/** Whether an amount is required (compensation), allowed (refund) or not. */
	boolean takesAmount() {
		return this == REFUND || this == COMPENSATION;
	}

}

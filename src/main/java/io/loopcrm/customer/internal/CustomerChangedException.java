package io.loopcrm.customer.internal;

import java.time.Instant;

import io.loopcrm.platform.ConflictException;

/** The customer was saved by someone else after the editor opened it. */
class CustomerChangedException extends ConflictException {

	private final String changedBy;

	private final Instant changedAt;

	CustomerChangedException(String changedBy, Instant changedAt) {
		super("customer.conflict.changed", changedBy, changedAt.toString());
		this.changedBy = changedBy;
		this.changedAt = changedAt;
	}

	String changedBy() {
		return this.changedBy;
	}

	Instant changedAt() {
		return this.changedAt;
	}

}

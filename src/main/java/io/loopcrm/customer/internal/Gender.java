package io.loopcrm.customer.internal;

/** Self-declared gender; not given is {@code null}. */
enum Gender {

	FEMALE, MALE, OTHER, UNDISCLOSED

}

package io.loopcrm.complaint.internal;

/**
 * Root-cause categories: product or service quality, the customer's own misunderstanding,
 * service attitude or efficiency, process or policy.
 */
public enum CauseCategory {

	QUALITY, CUSTOMER, ATTITUDE_EFFICIENCY, PROCESS

}

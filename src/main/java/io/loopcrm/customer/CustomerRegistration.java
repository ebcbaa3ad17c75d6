package io.loopcrm.customer;

import java.util.Collection;

/**
 * Creates customers on behalf of other modules, for example the minimal profiles a
 * transaction import creates for customers it does not know. For set-based look-ups by
 * external ID, other modules join the view {@code customer_external_key(external_id,
 * customer_id)}, which also resolves the external IDs of customers merged away.
 */
public interface CustomerRegistration {

	/**
	 * Creates a minimal profile (external ID only; it also stands in as the name until
	 * someone edits the file) for each of these external IDs that leads to no customer
	 * yet, with a "created" history entry. Joins the caller's transaction.
	 * @param externalIds external IDs (trimmed, at most 64 characters each)
	 * @param detail what created them, for the history (e.g. the file name)
	 * @return how many customers were created
	 */
	long createMinimal(Collection<String> externalIds, String detail);

}

package io.loopcrm.customer;

/**
 * Lets segmentation store the lifecycle stages it decided, set-based, in the customer
 * file (the customer list filters on them).
 */
public interface LifecycleStageUpdates {

	/**
	 * Sets every customer's stage from a relation of the caller's, in the caller's
	 * transaction; customers the relation does not name keep theirs.
	 * @param relation a trusted SQL relation (a table name or a parenthesised query
	 * written by the application, never user input) with columns {@code customer_id} and
	 * {@code stage}, one of {@link LifecycleStages#ALL}
	 * @return how many customers changed stage
	 */
	long apply(String relation);

}

package io.loopcrm.customer;

import java.util.Optional;

/** Read access to customers for other modules. */
public interface CustomerQueries {

	/** The customer, following a merge to the survivor. */
	Optional<CustomerSummary> find(long id);

	/** The customer with this external ID (or one merged away that had it). */
	Optional<CustomerSummary> findByExternalId(String externalId);

}

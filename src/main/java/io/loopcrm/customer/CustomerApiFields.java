package io.loopcrm.customer;

import java.util.Map;

/**
 * Fields another module adds to {@code GET /api/v1/customers/{id}}, such as the RFM
 * scores and value tier segmentation computed. Field names must not clash with the
 * customer's own.
 */
public interface CustomerApiFields {

	/**
	 * @param customerId the customer
	 * @return field names and values (values may be {@code null}, shown as JSON null)
	 */
	Map<String, Object> fields(long customerId);

}

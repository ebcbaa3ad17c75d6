package io.loopcrm.commerce.internal;

import io.loopcrm.customer.CustomersMerged;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** A merged-away customer's orders move to the survivor, in the merge's transaction. */
@Component
class OrderMergeListener {

	private final JdbcTemplate jdbc;

	OrderMergeListener(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@EventListener
	void on(CustomersMerged merged) {
		this.jdbc.update("update customer_order set customer_id = ? where customer_id = ?", merged.survivorId(),
				merged.mergedId());
	}

}

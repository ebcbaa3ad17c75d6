package io.loopcrm.complaint.internal;

import io.loopcrm.customer.CustomersMerged;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A merged-away customer's complaint cases move to the survivor, in the merge's
 * transaction. (Deleting a customer deletes their cases with them, as it deletes their
 * orders: {@code on delete cascade}.)
 */
@Component
class ComplaintMergeListener {

	private final JdbcTemplate jdbc;

	ComplaintMergeListener(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@EventListener
	void on(CustomersMerged merged) {
		// the version moves on so that a page opened before the merge cannot save over it
		this.jdbc.update("update complaint_case set customer_id = ?, version = version + 1 where customer_id = ?",
				merged.survivorId(), merged.mergedId());
	}

}

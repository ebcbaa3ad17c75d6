package io.loopcrm.segmentation.internal;

import java.util.Optional;

import io.loopcrm.segmentation.CustomerSegments;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The customer's row of the latest run (the index on customer id and run serves it). */
@Component
class JdbcCustomerSegments implements CustomerSegments {

	private final JdbcClient jdbc;

	JdbcCustomerSegments(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<String> rfmSegment(long customerId) {
		return this.jdbc.sql("""
				select rfm_segment from customer_segment
				where customer_id = ? and run_id = (select max(id) from segmentation_run) and rfm_segment is not null
				""").param(customerId).query(String.class).optional();
	}

}

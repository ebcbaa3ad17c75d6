package io.loopcrm.customer.internal;

import io.loopcrm.customer.LifecycleStageUpdates;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Writes the stages segmentation decided; only rows whose stage changes are touched. */
@Component
class LifecycleStageWriter implements LifecycleStageUpdates {

	private final JdbcTemplate jdbc;

	LifecycleStageWriter(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	@Transactional
	public long apply(String relation) {
		return this.jdbc.update("""
				update customer c set lifecycle_stage = s.stage
				from %s s
				where c.id = s.customer_id and c.lifecycle_stage is distinct from s.stage
				""".formatted(relation));
	}

}

package io.loopcrm.customer.internal;

import io.loopcrm.customer.LifecycleStageUpdates;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes lifecycle stages into the narrow {@code customer_lifecycle} table: only stages
 * that changed are updated, customers without a stage yet get one (customers deleted in
 * the meantime are skipped). The insert skips existing rows by the primary key instead of
 * an anti-join against the table it inserts into, which the planner could turn into a
 * scan of the growing table per row when the table starts empty.
 */
@Service
class LifecycleStageWriter implements LifecycleStageUpdates {

	private final JdbcTemplate jdbc;

	LifecycleStageWriter(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	@Transactional
	public long apply(String relation) {
		long changed = this.jdbc.update("""
				update customer_lifecycle l set stage = s.stage
				from %s s
				where l.customer_id = s.customer_id and l.stage is distinct from s.stage
				""".formatted(relation));
		long added = this.jdbc.update("""
				insert into customer_lifecycle (customer_id, stage)
				select s.customer_id, s.stage from %s s
				where s.stage is not null and exists (select 1 from customer c where c.id = s.customer_id)
				on conflict (customer_id) do nothing
				""".formatted(relation));
		return changed + added;
	}

}

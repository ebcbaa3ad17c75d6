package io.loopcrm.customer.internal;

import java.sql.Array;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.loopcrm.customer.CustomerRegistration;
import io.loopcrm.platform.CurrentUser;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Minimal profiles for external IDs other modules meet first, such as customers of an
 * imported order. Set-based: one statement per chunk of IDs inserts the customers and
 * their "created" history together.
 */
@Component
class MinimalCustomers implements CustomerRegistration {

	private static final int CHUNK = 50_000;

	private final JdbcTemplate jdbc;

	private final Clock clock;

	MinimalCustomers(JdbcTemplate jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	@Transactional
	public long createMinimal(Collection<String> externalIds, String detail) {
		Timestamp now = Timestamp.from(this.clock.instant());
		String actor = CurrentUser.usernameOrSystem();
		List<String> ids = new ArrayList<>(externalIds);
		long created = 0;
		for (int from = 0; from < ids.size(); from += CHUNK) {
			Object[] chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK)).toArray();
			created += this.jdbc.update("""
					with ids as (
					  select distinct btrim(x) as external_id from unnest(?::text[]) as x where btrim(x) <> ''
					), created as (
					  insert into customer (external_id, name, source_channel, created_at, updated_at, updated_by)
					  select i.external_id, i.external_id, 'IMPORT', ?, ?, ? from ids i
					  where not exists (select 1 from customer_external_key k where k.external_id = i.external_id)
					  order by i.external_id
					  returning id
					)
					insert into customer_history (customer_id, occurred_at, actor, action, detail)
					select id, ?, ?, 'CREATED', ? from created
					""", (ps) -> {
				Array array = ps.getConnection().createArrayOf("text", chunk);
				ps.setArray(1, array);
				ps.setTimestamp(2, now);
				ps.setTimestamp(3, now);
				ps.setString(4, actor);
				ps.setTimestamp(5, now);
				ps.setString(6, actor);
				ps.setString(7, detail);
			});
		}
		return created;
	}

}

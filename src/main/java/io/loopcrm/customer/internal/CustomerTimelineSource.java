package io.loopcrm.customer.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import io.loopcrm.customer.TimelineEntry;
import io.loopcrm.customer.TimelineSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The customer file's own timeline entries: when it was created, imported, merged or
 * exported. Field-by-field changes are on the history tab, not here.
 */
@Component
class CustomerTimelineSource implements TimelineSource {

	private final JdbcClient jdbc;

	CustomerTimelineSource(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public List<TimelineEntry> entries(long customerId, Instant before, int limit) {
		return this.jdbc.sql("""
				select occurred_at, action, actor, detail from customer_history
				where customer_id = ? and occurred_at < ? and action in ('CREATED', 'MERGED', 'EXPORTED', 'IMPORTED')
				  and field is null
				order by occurred_at desc, id desc limit ?
				""")
			.params(customerId, Timestamp.from(before), limit)
			.query((rs, n) -> new TimelineEntry(rs.getTimestamp(1).toInstant(), "customer",
					"customer.timeline." + rs.getString(2), List.of(rs.getString(3)),
					(rs.getString(4) != null) ? rs.getString(4) : "", null))
			.list();
	}

}

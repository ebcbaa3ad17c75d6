package io.loopcrm.customer.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.loopcrm.platform.CurrentUser;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The history of customer files (table {@code customer_history}). */
@Component
class CustomerHistory {

	static final int PAGE = 50;

	private final JdbcClient jdbc;

	private final Clock clock;

	CustomerHistory(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	record Entry(long id, Instant at, String actor, String action, String field, String oldValue, String newValue,
			String detail) {
	}

	void record(long customerId, String action, String field, String oldValue, String newValue, String detail) {
		this.jdbc
			.sql("""
					insert into customer_history (customer_id, occurred_at, actor, action, field, old_value, new_value, detail)
					values (?, ?, ?, ?, ?, ?, ?, ?)
					""")
			.params(customerId, Timestamp.from(this.clock.instant()), CurrentUser.usernameOrSystem(), action, field,
					oldValue, newValue, detail)
			.update();
	}

	List<Entry> page(long customerId, int page) {
		return this.jdbc.sql("""
				select id, occurred_at, actor, action, field, old_value, new_value, detail
				from customer_history where customer_id = ?
				order by occurred_at desc, id desc limit ? offset ?
				""")
			.params(customerId, PAGE + 1, Math.max(page, 0) * PAGE)
			.query((rs, n) -> new Entry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4),
					rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)))
			.list();
	}

}

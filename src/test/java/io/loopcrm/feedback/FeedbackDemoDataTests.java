package io.loopcrm.feedback;

import java.util.List;

import io.loopcrm.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo tickets: every status, breached and paused ones, spread over two years. */
@IntegrationTest
class FeedbackDemoDataTests {

	static final String DEMO = "created_by in ('staff', 'staff2')";

	@Autowired
	JdbcClient jdbc;

	@Test
	void demoTicketsStandInEveryStatusSomeBreachedSomePausedOverTwoYears() {
		List<String> statuses = this.jdbc.sql("select distinct status from ticket where " + DEMO)
			.query(String.class)
			.list();
		assertThat(statuses).containsExactlyInAnyOrder("RECEIVED", "VERIFIED", "IN_PROGRESS", "WAITING_CUSTOMER",
				"REPLIED", "CLOSED", "REOPENED");
		assertThat(count("breached and status <> 'CLOSED'")).isPositive();
		assertThat(count("breached and status = 'CLOSED'")).isPositive();
		assertThat(count("status = 'WAITING_CUSTOMER' and paused_since is not null")).isPositive();
		assertThat(count("escalated_at is not null")).isPositive();
		assertThat(count("created_at < now() - interval '600 days'")).isPositive();
		assertThat(count("created_at > now() - interval '30 days'")).isPositive();
		assertThat(this.jdbc
			.sql("select count(*) from ticket_pause p join ticket t on t.id = p.ticket_id where t." + DEMO
					+ " and p.resumed_at is not null")
			.query(Long.class)
			.single()).isPositive();
	}

	long count(String condition) {
		return this.jdbc.sql("select count(*) from ticket where " + DEMO + " and " + condition)
			.query(Long.class)
			.single();
	}

}

package io.loopcrm.customer;

import java.nio.charset.StandardCharsets;

import io.loopcrm.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * Searches that match thousands of customers: the page comes first in the right order,
 * and the count follows in its own request.
 */
@IntegrationTest
class CustomerFrequentSearchTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JdbcClient jdbc;

	@BeforeEach
	void manyCustomers() {
		this.jdbc.sql("""
				insert into customer (external_id, name, city, tags, created_at, updated_at, updated_by)
				select 'FREQ-' || i, '司徒' || chr(19968 + i % 500), '澳门', array['frequent'],
				       timestamptz '2026-01-01 00:00:00+08' + make_interval(mins => i), now(), 'test'
				from generate_series(1, 2300) i
				on conflict do nothing
				""").update();
	}

	@Test
	void pageArrivesNewestFirstAndTheCountFollows() throws Exception {
		String page = this.mvc.get()
			.uri("/customers?q=司徒&tag=frequent")
			.with(user("staff").roles("STAFF"))
			.exchange()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(page).contains("Counting matches").contains("hx-get=\"/customers/count?q=");
		// the newest of them (i = 2300) is first
		String newest = this.jdbc.sql("select name from customer where external_id = 'FREQ-2300'")
			.query(String.class)
			.single();
		assertThat(page.indexOf(newest)).isPositive();
		assertThat(this.mvc.get().uri("/customers/count?q=司徒&tag=frequent").with(user("staff").roles("STAFF")))
			.hasStatusOk()
			.bodyText()
			.contains("2,300 customers");
	}

	@Test
	void sortingByNameCoversAllMatches() {
		String first = this.jdbc.sql("select min(name) from customer where 'frequent' = any(tags)")
			.query(String.class)
			.single();
		var result = this.mvc.get()
			.uri("/customers?q=司徒&tag=frequent&sort=name&dir=asc")
			.with(user("staff").roles("STAFF"))
			.exchange();
		assertThat(result).hasStatusOk().bodyText().contains(">" + first + "<");
	}

	@Test
	void aSearchWithFewMatchesIsCountedAtOnce() {
		assertThat(this.mvc.get().uri("/customers?q=FREQ-1999").with(user("staff").roles("STAFF"))).bodyText()
			.contains("1 customers")
			.doesNotContain("Counting matches");
	}

}

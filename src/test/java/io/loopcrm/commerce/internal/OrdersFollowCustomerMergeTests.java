package io.loopcrm.commerce.internal;

import io.loopcrm.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

@IntegrationTest
class OrdersFollowCustomerMergeTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PurchaseSummaries summaries;

	@Test
	void mergedCustomersKeepAllOrdersAndTheOldExternalIdStillFindsThem() {
		String p = TransactionImportTests.prefix();
		long a = customer(p + "A");
		long b = customer(p + "B");
		order(p + "A", p + "O1");
		order(p + "B", p + "O2");
		assertThat(this.mvc.post()
			.uri("/customers/merge")
			.with(user("manager").roles("MANAGER", "AGENT", "STAFF"))
			.with(csrf())
			.param("a", String.valueOf(a))
			.param("b", String.valueOf(b))
			.param("versionA", "0")
			.param("versionB", "0")).hasStatus3xxRedirection();
		assertThat(this.summaries.of(a).orders()).isEqualTo(2);
		// a point-of-sale system still sends the merged-away customer's external ID
		order(p + "B", p + "O3");
		assertThat(this.jdbc.sql("select customer_id from customer_order where order_number = ?")
			.param(p + "O3")
			.query(Long.class)
			.single()).isEqualTo(a);
		assertThat(this.summaries.of(a).orders()).isEqualTo(3);
	}

	@Test
	void deletingACustomerErasesTheirOrders() {
		String p = TransactionImportTests.prefix();
		long c = customer(p + "C");
		order(p + "C", p + "O1");
		long orderId = this.jdbc.sql("select id from customer_order where order_number = ?")
			.param(p + "O1")
			.query(Long.class)
			.single();
		assertThat(this.mvc.post()
			.uri("/customers/{id}/delete", c)
			.with(user("manager").roles("MANAGER", "AGENT", "STAFF"))
			.with(csrf())).hasStatus3xxRedirection();
		assertThat(this.jdbc.sql("select count(*) from customer_order where order_number = ?")
			.param(p + "O1")
			.query(Long.class)
			.single()).isZero();
		assertThat(this.jdbc.sql("select count(*) from order_line where order_id = ?")
			.param(orderId)
			.query(Long.class)
			.single()).isZero();
	}

	void order(String customer, String order) {
		assertThat(this.mvc.post()
			.uri("/api/v1/transactions")
			.with(httpBasic("staff", "demo"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"orderId":"%s","customerExternalId":"%s","orderedAt":"2025-05-05T10:00:00Z",
					 "lines":[{"sku":"MERGE-SKU","quantity":1,"unitPrice":10}]}""".formatted(order, customer)))
			.hasStatus(201);
	}

	long customer(String externalId) {
		return this.jdbc
			.sql("insert into customer (external_id, name, created_at, updated_at, updated_by)"
					+ " values (?, ?, now(), now(), 'test') returning id")
			.params(externalId, "Merge " + externalId)
			.query(Long.class)
			.single();
	}

}

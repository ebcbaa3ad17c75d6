package io.loopcrm.commerce.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import io.loopcrm.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

@IntegrationTest
class PurchaseSummaryTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PurchaseSummaries summaries;

	@Autowired
	AssociationRuleService rules;

	@Test
	void theProfileShowsTheCustomersBuyingFromCountingOrdersOnly() throws Exception {
		String p = TransactionImportTests.prefix();
		long id = customer(p + "C");
		post(p, "O1", "2025-01-01T10:00:00+08:00", "completed",
				"""
						{"sku":"%1$sTEA","productName":"Tea","category":"Drinks > Tea","quantity":2,"unitPrice":30,"listPrice":30},
						{"sku":"%1$sCUP","productName":"Cup","category":"Kitchen","quantity":1,"unitPrice":40,"listPrice":50}""");
		post(p, "O2", "2025-01-11T10:00:00+08:00", "paid", """
				{"sku":"%1$sTEA","quantity":2,"unitPrice":25}""");
		post(p, "O3", "2025-01-31T10:00:00+08:00", "shipped", """
				{"sku":"%1$sCUP","quantity":3,"unitPrice":50}""");
		post(p, "O4", "2025-02-10T10:00:00+08:00", "cancelled", """
				{"sku":"%1$sCUP","quantity":20,"unitPrice":50}""");

		PurchaseSummaries.Summary s = this.summaries.of(id);
		assertThat(s.orders()).isEqualTo(3);
		assertThat(s.total()).isEqualByComparingTo("300.00");
		assertThat(s.average()).isEqualByComparingTo("100.00");
		assertThat(s.first()).isEqualTo(Instant.parse("2025-01-01T02:00:00Z"));
		assertThat(s.last()).isEqualTo(Instant.parse("2025-01-31T02:00:00Z"));
		// 30 days is less than a month: the span counts as one month
		assertThat(s.ordersPerMonth()).isEqualTo(3.0);
		assertThat(s.typicalDaysBetween()).isEqualTo(15.0);
		assertThat(s.categories()).extracting(PurchaseSummaries.CategoryShare::category)
			.containsExactly("Kitchen", "Drinks");
		assertThat(s.categories().get(0).spend()).isEqualByComparingTo(new BigDecimal("190.00"));
		assertThat(s.categories().get(0).share()).isCloseTo(190.0 / 300, within(1e-9));
		assertThat(s.pricedLines()).isEqualTo(4);
		assertThat(s.discountedLines()).isEqualTo(2);
		assertThat(s.excludedOrders()).isEqualTo(1);

		MvcTestResult page = this.mvc.get().uri("/customers/{id}", id).with(user("staff").roles("STAFF")).exchange();
		assertThat(page).hasStatusOk();
		assertThat(page).bodyText()
			.contains("Purchases")
			.contains("15 days")
			.contains("50% of lines bought below list price (2 of 4)")
			.contains("Kitchen 63.3%")
			.contains("1 cancelled or refunded orders are not counted.")
			.contains("Order " + p + "O3")
			.contains("Order " + p + "O4");
		long o1 = this.jdbc.sql("select id from customer_order where order_number = ?")
			.param(p + "O1")
			.query(Long.class)
			.single();
		assertThat(page).bodyText().contains("/transactions/orders/" + o1);
		MvcTestResult order = this.mvc.get()
			.uri("/transactions/orders/{id}", o1)
			.with(user("staff").roles("STAFF"))
			.exchange();
		assertThat(order).hasStatusOk();
		assertThat(order).bodyText().contains("Order " + p + "O1").contains("Cup").contains("discounted");
		MvcTestResult zh = this.mvc.get()
			.uri("/customers/{id}", id)
			.with(user("staff").roles("STAFF"))
			.header("Accept-Language", "zh-CN")
			.exchange();
		assertThat(zh).bodyText().contains("购买情况").contains("15 天").contains("已取消");
	}

	@Test
	void demoCustomersGetRecommendationsFromTheStoredRules() {
		// the demo orders put teapots, cups and oolong into the same baskets
		List<Long> buyers = this.jdbc.sql("""
				select distinct o.customer_id from customer_order o join order_line l on l.order_id = o.id
				join product p on p.id = l.product_id where p.sku = 'KIT-TP' and o.counts order by 1 limit 300
				""").query(Long.class).list();
		Recommendation found = null;
		long customer = 0;
		for (long id : buyers) {
			List<Recommendation> recommendations = this.rules.recommendationsFor(id, 5);
			if (!recommendations.isEmpty()) {
				found = recommendations.get(0);
				customer = id;
				break;
			}
		}
		assertThat(found).isNotNull();
		assertThat(found.lift()).isGreaterThan(1.0);
		long bought = this.jdbc.sql("""
				select count(*) from customer_order o join order_line l on l.order_id = o.id
				where o.customer_id = ? and o.counts and l.product_id = ?""")
			.params(customer, found.productId())
			.query(Long.class)
			.single();
		assertThat(bought).as("recommended products are ones the customer has not bought").isZero();
		assertThat(this.mvc.get().uri("/customers/{id}", customer).with(user("staff").roles("STAFF"))).bodyText()
			.contains("Customers who bought the same also bought")
			.contains(found.name());
	}

	@Test
	void aCustomerWithoutOrdersSaysSo() {
		long id = customer(TransactionImportTests.prefix() + "C");
		assertThat(this.summaries.of(id).orders()).isZero();
		assertThat(this.mvc.get().uri("/customers/{id}", id).with(user("staff").roles("STAFF"))).bodyText()
			.contains("No purchases yet.");
	}

	void post(String p, String order, String at, String status, String lines) {
		MvcTestResult result = this.mvc.post()
			.uri("/api/v1/transactions")
			.with(httpBasic("staff", "demo"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"orderId":"%1$s%2$s","customerExternalId":"%1$sC","orderedAt":"%3$s","channel":"store",
					 "status":"%4$s","lines":[%5$s]}""".formatted(p, order, at, status, lines.formatted(p)))
			.exchange();
		assertThat(result).hasStatus(201);
	}

	long customer(String externalId) {
		return this.jdbc
			.sql("insert into customer (external_id, name, created_at, updated_at, updated_by)"
					+ " values (?, ?, now(), now(), 'test') returning id")
			.params(externalId, "Test " + externalId)
			.query(Long.class)
			.single();
	}

}

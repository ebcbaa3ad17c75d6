package io.loopcrm.commerce.internal;

import io.loopcrm.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

@IntegrationTest
class TransactionApiTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JdbcClient jdbc;

	@Test
	void anOrderIsRecordedOnceAndALaterStatusReplacesIt() {
		String p = TransactionImportTests.prefix();
		this.jdbc
			.sql("insert into customer (external_id, name, created_at, updated_at, updated_by)"
					+ " values (?, 'POS customer', now(), now(), 'test')")
			.param(p + "C")
			.update();
		String body = """
				{"orderId":"%1$sPOS-1","customerExternalId":"%1$sC","orderedAt":"2026-11-20T15:04:05+08:00",
				 "channel":"store","status":"%2$s","store":"Nanjing Road",
				 "lines":[{"sku":"%1$sA","productName":"Scarf","category":"Apparel","quantity":1,"unitPrice":199},
				          {"sku":"%1$sB","productName":"Gloves","quantity":2,"unitPrice":49.5,"amount":89}]}""";
		MvcTestResult created = send(body.formatted(p, "paid"), "agent");
		assertThat(created).hasStatus(201);
		assertThat(created).bodyJson().extractingPath("$.result").isEqualTo("inserted");
		assertThat(created).bodyJson().extractingPath("$.orderId").isEqualTo(p + "POS-1");
		assertThat(created).bodyJson().extractingPath("$.total").isEqualTo(288.0);
		assertThat(created).bodyJson().extractingPath("$.status").isEqualTo("PAID");
		assertThat(created).bodyJson().extractingPath("$.store").isEqualTo("Nanjing Road");
		assertThat(created).bodyJson().extractingPath("$.orderedAt").isEqualTo("2026-11-20T07:04:05Z");
		assertThat(created).bodyJson().extractingPath("$.lines[1].amount").isEqualTo(89.0);

		MvcTestResult again = send(body.formatted(p, "paid"), "agent");
		assertThat(again).hasStatus(200);
		assertThat(again).bodyJson().extractingPath("$.result").isEqualTo("unchanged");

		MvcTestResult refunded = send(body.formatted(p, "refunded"), "agent");
		assertThat(refunded).hasStatus(200);
		assertThat(refunded).bodyJson().extractingPath("$.result").isEqualTo("updated");
		assertThat(refunded).bodyJson().extractingPath("$.status").isEqualTo("REFUNDED");
		assertThat(this.jdbc.sql("select count(*) from customer_order where order_number = ?")
			.param(p + "POS-1")
			.query(Long.class)
			.single()).isEqualTo(1);

		MvcTestResult read = this.mvc.get()
			.uri("/api/v1/transactions/{id}", p + "POS-1")
			.with(httpBasic("staff", "demo"))
			.exchange();
		assertThat(read).hasStatusOk();
		assertThat(read).bodyJson().extractingPath("$.customerExternalId").isEqualTo(p + "C");
		assertThat(this.mvc.get().uri("/api/v1/transactions/NOPE-404").with(httpBasic("staff", "demo"))).hasStatus(404);
	}

	@Test
	void invalidOrdersAre400ProblemsNamingTheField() {
		String p = TransactionImportTests.prefix();
		MvcTestResult result = send("""
				{"orderId":"%1$sX","customerExternalId":"%1$sC","orderedAt":"soon","status":"lost",
				 "lines":[{"sku":"A","quantity":0,"unitPrice":1},{"sku":"B","quantity":1,"unitPrice":-2}]}"""
			.formatted(p), "staff");
		assertThat(result).hasStatus(400);
		assertThat(result).bodyJson()
			.extractingPath("$.errors[*].field")
			.asArray()
			.containsExactly("orderedAt", "lines[0].quantity", "status", "lines[1].unitPrice");

		MvcTestResult unknown = send("""
				{"orderId":"%1$sY","customerExternalId":"%1$sNOBODY","orderedAt":"2026-01-01",
				 "lines":[{"sku":"A","quantity":1,"unitPrice":1}]}""".formatted(p), "staff");
		assertThat(unknown).hasStatus(400);
		assertThat(unknown).bodyJson().extractingPath("$.errors[0].field").isEqualTo("customerExternalId");

		MvcTestResult createdCustomer = this.mvc.post()
			.uri("/api/v1/transactions?createMissingCustomers=true")
			.with(httpBasic("staff", "demo"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"orderId":"%1$sY","customerExternalId":"%1$sNOBODY","orderedAt":"2026-01-01",
					 "lines":[{"sku":"A","quantity":1,"unitPrice":1}]}""".formatted(p))
			.exchange();
		assertThat(createdCustomer).hasStatus(201);
		assertThat(send("{\"orderId\":\"Z\",\"lines\":[]}", "staff")).hasStatus(400);
	}

	MvcTestResult send(String json, String user) {
		return this.mvc.post()
			.uri("/api/v1/transactions")
			.with(httpBasic(user, "demo"))
			.contentType(MediaType.APPLICATION_JSON)
			.content(json)
			.exchange();
	}

}

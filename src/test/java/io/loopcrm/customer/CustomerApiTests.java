package io.loopcrm.customer;

import io.loopcrm.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

@IntegrationTest
class CustomerApiTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JdbcClient jdbc;

	@Test
	void createsAndReadsTheFullRecord() {
		var created = this.mvc.post()
			.uri("/api/v1/customers")
			.with(httpBasic("agent", "demo"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"externalId":"API-C1","name":"黄晓东","gender":"male","birthday":"1988-04-02",
					 "phones":["13912345678"],"email":"Xiaodong@Example.CN","city":"广州","tags":["VIP"],
					 "consentEmail":true,"occupation":"PROFESSIONAL"}""")
			.exchange();
		assertThat(created).hasStatus(201).headers().containsHeader("Location");
		long id = this.jdbc.sql("select id from customer where external_id = 'API-C1'").query(Long.class).single();
		var read = this.mvc.get().uri("/api/v1/customers/{id}", id).with(httpBasic("staff", "demo")).exchange();
		assertThat(read).hasStatusOk();
		assertThat(read).bodyJson().extractingPath("$.name").isEqualTo("黄晓东");
		assertThat(read).bodyJson().extractingPath("$.gender").isEqualTo("MALE");
		assertThat(read).bodyJson().extractingPath("$.phone").isEqualTo("+8613912345678");
		assertThat(read).bodyJson().extractingPath("$.email").isEqualTo("xiaodong@example.cn");
		assertThat(read).bodyJson().extractingPath("$.sourceChannel").isEqualTo("API");
		assertThat(read).bodyJson().extractingPath("$.consentEmail.given").isEqualTo(true);
		assertThat(read).bodyJson().extractingPath("$.consentEmail.source").isEqualTo("api");
		assertThat(read).bodyJson().extractingPath("$.consentSms.given").isEqualTo(false);
		assertThat(read).bodyJson().extractingPath("$.birthday").isEqualTo("1988-04-02");
	}

	@Test
	void invalidInputIsA400ProblemWithEveryFieldError() {
		var result = this.mvc.post()
			.uri("/api/v1/customers")
			.with(httpBasic("staff", "demo"))
			.header("Accept-Language", "zh-CN")
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"name":"","email":"broken@","phone":"999","gender":"robot"}""")
			.exchange();
		assertThat(result).hasStatus(400);
		assertThat(result).bodyJson()
			.extractingPath("$.errors[*].field")
			.asArray()
			.containsExactlyInAnyOrder("name", "emails", "phones", "gender");
		assertThat(result).bodyJson()
			.extractingPath("$.errors[?(@.field == 'name')].message")
			.asArray()
			.containsExactly("请输入姓名。");
	}

	@Test
	void unknownCustomerIs404AndMergedAwayIdRedirects() {
		assertThat(this.mvc.get().uri("/api/v1/customers/123456789").with(httpBasic("staff", "demo"))).hasStatus(404)
			.bodyJson()
			.extractingPath("$.detail")
			.isEqualTo("There is no customer with id 123456789.");
		long survivor = this.jdbc.sql("select min(id) from customer").query(Long.class).single();
		this.jdbc.sql("insert into customer_alias (old_customer_id, customer_id, merged_at) values (?, ?, now())")
			.params(987_000_002L, survivor)
			.update();
		assertThat(this.mvc.get().uri("/api/v1/customers/987000002").with(httpBasic("staff", "demo"))).hasStatus(308)
			.headers()
			.hasValue("Location", "/api/v1/customers/" + survivor);
	}

	@Test
	void deletingNeedsAManager() {
		this.mvc.post()
			.uri("/api/v1/customers")
			.with(httpBasic("staff", "demo"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"externalId\":\"API-DEL\",\"name\":\"Temp\"}")
			.exchange();
		long id = this.jdbc.sql("select id from customer where external_id = 'API-DEL'").query(Long.class).single();
		assertThat(this.mvc.delete().uri("/api/v1/customers/{id}", id).with(httpBasic("staff", "demo"))).hasStatus(403);
		assertThat(this.mvc.delete().uri("/api/v1/customers/{id}", id).with(httpBasic("manager", "demo")))
			.hasStatus(204);
		assertThat(this.mvc.get().uri("/api/v1/customers/{id}", id).with(httpBasic("staff", "demo"))).hasStatus(404);
	}

}

package io.loopcrm.complaint;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;

import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

/**
 * Drives complaint cases through the API as the demo users (password {@code demo}):
 * customers with unique external IDs, registration, steps, and cases taken to any status.
 */
class ComplaintFixture {

	/** A complete, valid body for every action. */
	static final Map<String, String> BODIES = Map.of("validate", "{\"valid\":true}", "assign",
			"{\"department\":\"Customer care\",\"owner\":\"agent\"}", "root-cause",
			"{\"category\":\"QUALITY\",\"detail\":\"Zip from a bad batch\",\"responsible\":\"Supplier QA\"}", "propose",
			"{\"type\":\"COMPENSATION\",\"amount\":200,\"text\":\"Apologise and pay 200\"}", "approve",
			"{\"comment\":\"ok\"}", "send-back", "{\"comment\":\"Be more specific\"}", "implement",
			"{\"notes\":\"Paid and called\",\"customerNotified\":true}", "close",
			"{\"customerSatisfied\":true,\"comment\":\"Thanks\"}");

	static final List<String> ACTIONS = List.of("validate", "assign", "root-cause", "propose", "approve", "send-back",
			"implement", "close");

	private final MockMvcTester mvc;

	private final JdbcClient jdbc;

	ComplaintFixture(MockMvcTester mvc, JdbcClient jdbc) {
		this.mvc = mvc;
		this.jdbc = jdbc;
	}

	static String prefix() {
		return "CMP" + UUID.randomUUID().toString().substring(0, 8).toUpperCase() + "-";
	}

	/** A new customer with this external ID; returns its id. */
	long customer(String externalId) {
		return this.jdbc
			.sql("insert into customer (external_id, name, created_at, updated_at, updated_by)"
					+ " values (?, ?, now(), now(), 'test') returning id")
			.params(externalId, "Complainant " + externalId)
			.query(Long.class)
			.single();
	}

	MvcTestResult post(String uri, String json, String user) {
		return this.mvc.post()
			.uri(uri)
			.with(httpBasic(user, "demo"))
			.contentType(MediaType.APPLICATION_JSON)
			.content(json)
			.exchange();
	}

	/** A feedback ticket of the kind for the customer, opened by staff. */
	long ticket(String customerExternalId, String kind, String subject, String description) {
		MvcTestResult created = post("/api/v1/tickets", """
				{"customerExternalId":"%s","kind":"%s","channel":"PHONE","category":"SERVICE_QUALITY",
				 "priority":"NORMAL","subject":"%s","description":"%s"}""".formatted(customerExternalId, kind, subject,
				description), "staff");
		org.assertj.core.api.Assertions.assertThat(created).hasStatus(201);
		try {
			return ((Number) com.jayway.jsonpath.JsonPath
				.read(created.getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8), "$.id"))
				.longValue();
		}
		catch (java.io.UnsupportedEncodingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	MvcTestResult get(long id, String user) {
		return this.mvc.get().uri("/api/v1/complaints/{id}", id).with(httpBasic(user, "demo")).exchange();
	}

	/** Registers a service complaint of the customer as staff; returns the case id. */
	long register(String customerExternalId, String severity) {
		MvcTestResult result = post("/api/v1/complaints", """
				{"customerExternalId":"%s","about":{"type":"SERVICE","reference":"Hotline"},
				 "description":"Nobody answered the hotline","demands":"A call back","channel":"PHONE","severity":"%s"}
				""".formatted(customerExternalId, severity), "staff");
		assertThat(result).hasStatus(201);
		return id(result);
	}

	MvcTestResult act(long id, String action, String json, String user) {
		return post("/api/v1/complaints/" + id + "/actions/" + action, json, user);
	}

	/** Takes a step that must succeed. */
	void ok(long id, String action, String json, String user) {
		MvcTestResult result = act(id, action, json, user);
		assertThat(result).as("%s on case %d: %s", action, id, body(result)).hasStatusOk();
	}

	/**
	 * A new case in this status, worked by {@code agent} and approved by {@code manager}.
	 */
	long caseIn(String status, String customerExternalId) {
		long id = register(customerExternalId, "MEDIUM");
		switch (status) {
			case "REGISTERED" -> {
			}
			case "INVALID" -> ok(id, "validate", "{\"valid\":false,\"explanation\":\"Outside warranty\"}", "agent");
			default -> {
				ok(id, "validate", BODIES.get("validate"), "agent");
				if (status.equals("VALIDATED")) {
					break;
				}
				ok(id, "assign", BODIES.get("assign"), "agent");
				if (status.equals("ASSIGNED")) {
					break;
				}
				ok(id, "root-cause", BODIES.get("root-cause"), "agent");
				if (status.equals("ROOT_CAUSE_FOUND")) {
					break;
				}
				ok(id, "propose", BODIES.get("propose"), "agent");
				if (status.equals("PROPOSED")) {
					break;
				}
				ok(id, "approve", BODIES.get("approve"), "manager");
				if (status.equals("APPROVED")) {
					break;
				}
				ok(id, "implement", BODIES.get("implement"), "agent");
				if (status.equals("IMPLEMENTED")) {
					break;
				}
				boolean reopen = status.equals("REOPENED");
				ok(id, "close",
						reopen ? "{\"customerSatisfied\":false,\"comment\":\"Too little\"}" : BODIES.get("close"),
						"agent");
			}
		}
		assertThat(status(id)).isEqualTo(status);
		return id;
	}

	String status(long id) {
		return JsonPath.read(body(get(id, "staff")), "$.status");
	}

	long version(long id) {
		return ((Number) JsonPath.read(body(get(id, "staff")), "$.version")).longValue();
	}

	static long id(MvcTestResult result) {
		return ((Number) JsonPath.read(body(result), "$.id")).longValue();
	}

	static String body(MvcTestResult result) {
		try {
			return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
		}
		catch (java.io.UnsupportedEncodingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

package io.loopcrm.survey;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;

import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

/**
 * What the survey tests share: their own customers and surveys (unique names, so tests
 * sharing the database never see each other's data) and API calls as the demo users.
 */
public class SurveyFixture {

	private final MockMvcTester mvc;

	private final JdbcClient jdbc;

	public final String prefix = "s" + UUID.randomUUID().toString().substring(0, 8);

	public SurveyFixture(MockMvcTester mvc, JdbcClient jdbc) {
		this.mvc = mvc;
		this.jdbc = jdbc;
	}

	/** A customer with the external ID prefix + suffix. */
	public long customer(String suffix) {
		return this.jdbc
			.sql("insert into customer (external_id, name, created_at, updated_at, updated_by)"
					+ " values (?, ?, now(), now(), 'test') returning id")
			.params(this.prefix + suffix, "Customer " + suffix)
			.query(Long.class)
			.single();
	}

	/** A survey with NPS, CSAT, CES, a quality rating and a comment; returns its id. */
	public long standardSurvey(String name) {
		MvcTestResult created = post("/api/v1/surveys", """
				{"name":"%s %s","questions":[
				  {"key":"nps","type":"NPS","text":"How likely are you to recommend us?"},
				  {"key":"csat","type":"CSAT"},{"key":"ces","type":"CES"},
				  {"key":"quality","type":"RATING","dimension":"product_quality"},
				  {"key":"comment","type":"TEXT"}]}
				""".formatted(this.prefix, name), "manager");
		assertThat(created).hasStatus(201);
		return id(created);
	}

	public MvcTestResult post(String uri, String json, String user) {
		return this.mvc.post()
			.uri(uri)
			.with(httpBasic(user, "demo"))
			.contentType(MediaType.APPLICATION_JSON)
			.content(json)
			.exchange();
	}

	public MvcTestResult get(String uri, String user) {
		return this.mvc.get().uri(uri).with(httpBasic(user, "demo")).exchange();
	}

	public static long id(MvcTestResult result) {
		return ((Number) JsonPath.read(body(result), "$.id")).longValue();
	}

	public static String body(MvcTestResult result) {
		return new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
	}

}

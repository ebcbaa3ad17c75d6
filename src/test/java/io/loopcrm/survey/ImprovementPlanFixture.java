package io.loopcrm.survey;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

/**
 * Surveys and responses of one test, inserted with SQL under a unique name, and calls of
 * the improvement plan API as a demo user.
 */
class ImprovementPlanFixture {

	static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	final MockMvcTester mvc;

	final JdbcClient jdbc;

	final String prefix = "PLAN" + UUID.randomUUID().toString().substring(0, 8) + " ";

	ImprovementPlanFixture(MockMvcTester mvc, JdbcClient jdbc) {
		this.mvc = mvc;
		this.jdbc = jdbc;
	}

	/** A new survey of this test; returns its id. */
	long survey(String name) {
		return this.jdbc.sql("""
				insert into survey (name, purpose, created_at, created_by, updated_at)
				values (?, 'RELATIONSHIP', now(), 'test', now()) returning id
				""").param(this.prefix + name).query(Long.class).single();
	}

	/**
	 * {@code count} responses with this NPS answer spread evenly over [from, to) (never
	 * on either end).
	 */
	void nps(long survey, Instant from, Instant to, int answer, int count) {
		answers(survey, from, to, count, "nps", answer);
	}

	/** {@code count} responses rating the dimension, spread over [from, to). */
	void ratings(long survey, Instant from, Instant to, String dimension, int rating, int count) {
		long step = Duration.between(from, to).toSeconds() / (count + 1);
		this.jdbc.sql("""
				with r as (
				    insert into survey_response (survey_id, survey_version, channel, responded_at, answers, created_at)
				    select ?, 1, 'WEB', ?::timestamptz + make_interval(secs => ? * g), '{}'::jsonb, now()
				    from generate_series(1, ?) g
				    returning id)
				insert into survey_rating (response_id, dimension, rating) select id, ?, ? from r
				""").params(survey, Timestamp.from(from), step, count, dimension, rating).update();
	}

	private void answers(long survey, Instant from, Instant to, int count, String column, int answer) {
		long step = Duration.between(from, to).toSeconds() / (count + 1);
		this.jdbc.sql("""
				insert into survey_response (survey_id, survey_version, channel, responded_at, %s, answers, created_at)
				select ?, 1, 'WEB', ?::timestamptz + make_interval(secs => ? * g), ?, '{}'::jsonb, now()
				from generate_series(1, ?) g
				""".formatted(column)).params(survey, Timestamp.from(from), step, answer, count).update();
	}

	/** Midnight starting the day, in the application's zone. */
	static Instant midnight(LocalDate day) {
		return day.atStartOfDay(ZONE).toInstant();
	}

	MvcTestResult post(String uri, String json, String user) {
		return this.mvc.post()
			.uri(uri)
			.with(httpBasic(user, "demo"))
			.contentType(MediaType.APPLICATION_JSON)
			.content(json)
			.exchange();
	}

	MvcTestResult put(String uri, String json, String user) {
		return this.mvc.put()
			.uri(uri)
			.with(httpBasic(user, "demo"))
			.contentType(MediaType.APPLICATION_JSON)
			.content(json)
			.exchange();
	}

	MvcTestResult get(String uri, String user) {
		return this.mvc.get().uri(uri).with(httpBasic(user, "demo")).exchange();
	}

	/** Writes a plan down through the API as the manager; returns its id. */
	long plan(String metric, String dimension, Long survey, LocalDate start, String status) {
		MvcTestResult created = post("/api/v1/improvement-plans", """
				{"issue":"%s","metric":"%s","dimension":%s,"surveyId":%s,"owner":"manager",
				 "startDate":"%s","status":"%s"}
				""".formatted(this.prefix + "issue", metric, (dimension != null) ? "\"" + dimension + "\"" : "null",
				survey, start, status), "manager");
		if (created.getResponse().getStatus() != 201) {
			throw new IllegalStateException(body(created));
		}
		return ((Number) com.jayway.jsonpath.JsonPath.read(body(created), "$.id")).longValue();
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

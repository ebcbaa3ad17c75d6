package io.loopcrm.feedback;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.UUID;

import io.loopcrm.platform.Role;
import io.loopcrm.platform.users.UserService;

import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

/**
 * What the ticket tests share: their own customers, users and categories (unique names,
 * so that tests sharing the database never see each other's data), and API calls.
 */
public class TicketFixture {

	public static final String PASSWORD = "Ticket-Tests-2021";

	public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	private final MockMvcTester mvc;

	private final JdbcClient jdbc;

	private final UserService users;

	public final String prefix = "t" + UUID.randomUUID().toString().substring(0, 8);

	public TicketFixture(MockMvcTester mvc, JdbcClient jdbc, UserService users) {
		this.mvc = mvc;
		this.jdbc = jdbc;
		this.users = users;
	}

	public static Instant at(String localDateTime) {
		return LocalDateTime.parse(localDateTime).atZone(ZONE).toInstant();
	}

	/** A customer with this fixture's prefix; returns its external ID. */
	public String customer(String name) {
		String externalId = this.prefix + "-" + name;
		this.jdbc
			.sql("insert into customer (external_id, name, created_at, updated_at, updated_by)"
					+ " values (?, ?, now(), now(), 'test')")
			.params(externalId, "Ticket " + name)
			.update();
		return externalId;
	}

	public long customerId(String externalId) {
		return this.jdbc.sql("select id from customer where external_id = ?")
			.param(externalId)
			.query(Long.class)
			.single();
	}

	/** A user with the role and {@link #PASSWORD}; returns the username. */
	public String user(String name, Role role) {
		String username = this.prefix + "." + name;
		this.users.createTrusted(username, PASSWORD, "User " + name, EnumSet.of(role));
		return username;
	}

	/** A category of its own whose breached tickets go to the manager. */
	public String category(String name, String manager) {
		String value = this.prefix + " " + name;
		this.jdbc.sql("insert into feedback_category (name, escalation_manager) values (?, ?)")
			.params(value, manager)
			.update();
		this.jdbc.sql("""
				insert into feedback_sla_policy (category_id, priority, first_response_minutes, resolution_minutes)
				select c.id, p.priority, p.fr, p.res from feedback_category c
				cross join (values ('URGENT', 60, 480), ('HIGH', 120, 1080), ('NORMAL', 240, 1620), ('LOW', 480, 2700))
				  as p (priority, fr, res)
				where c.name = ?
				""").param(value).update();
		return value;
	}

	public void policy(String category, String priority, int firstResponse, int resolution, int warnPercent) {
		this.jdbc.sql("""
				update feedback_sla_policy set first_response_minutes = ?, resolution_minutes = ?, warn_percent = ?
				where priority = ? and category_id = (select id from feedback_category where name = ?)
				""").params(firstResponse, resolution, warnPercent, priority, category).update();
	}

	/** Opens a ticket through the API as this user; returns its id. */
	public long open(String username, String customerExternalId, String kind, String category, String priority) {
		MvcTestResult result = this.mvc.post()
			.uri("/api/v1/tickets")
			.with(httpBasic(username, PASSWORD))
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"customerExternalId":"%s","kind":"%s","channel":"PHONE","category":"%s","priority":"%s",
					 "subject":"Kettle leaks","description":"The kettle bought last week leaks."}
					""".formatted(customerExternalId, kind, category, priority))
			.exchange();
		assertThat(result).hasStatus(201);
		String location = result.getResponse().getHeader("Location");
		return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
	}

	/** Takes an action through the API. */
	public MvcTestResult act(String username, long id, String action, String json) {
		return this.mvc.post()
			.uri("/api/v1/tickets/{id}/actions/{action}", id, action)
			.with(httpBasic(username, PASSWORD))
			.contentType(MediaType.APPLICATION_JSON)
			.content((json != null) ? json : "{}")
			.exchange();
	}

	public MvcTestResult get(String username, long id) {
		return this.mvc.get().uri("/api/v1/tickets/{id}", id).with(httpBasic(username, PASSWORD)).exchange();
	}

	public String status(long id) {
		return this.jdbc.sql("select status from ticket where id = ?").param(id).query(String.class).single();
	}

	public Instant instant(long id, String column) {
		return this.jdbc.sql("select " + column + " from ticket where id = ?")
			.param(id)
			.query(java.sql.Timestamp.class)
			.optional()
			.map(java.sql.Timestamp::toInstant)
			.orElse(null);
	}

}

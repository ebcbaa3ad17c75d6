package io.loopcrm.survey;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.loopcrm.IntegrationTest;
import io.loopcrm.MutableClock;
import io.loopcrm.feedback.TicketFixture;
import io.loopcrm.platform.Role;
import io.loopcrm.platform.users.UserService;
import io.loopcrm.survey.internal.Invitation;
import io.loopcrm.survey.internal.InvitationMailer;
import io.loopcrm.survey.internal.Invitations;
import jakarta.mail.internet.MimeMessage;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * Invitations: one per customer and occasion, a send to a saved segment, the triggers
 * (closed ticket, completed order), the invitations page with its CSV of links, and the
 * e-mail in the customer's language.
 */
@IntegrationTest
class SurveyInvitationTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Invitations invitations;

	@Autowired
	InvitationMailer mailer;

	@Autowired
	UserService users;

	@Autowired
	MutableClock clock;

	SurveyFixture f;

	@BeforeEach
	void setUp() {
		this.f = new SurveyFixture(this.mvc, this.jdbc);
	}

	long survey(String name, String settings) {
		MvcTestResult created = this.f.post("/api/v1/surveys", """
				{"name":"%s %s",%s"questions":[{"key":"nps","type":"NPS","required":true}]}
				""".formatted(this.f.prefix, name, settings), "manager");
		assertThat(created).hasStatus(201);
		return SurveyFixture.id(created);
	}

	long customer(String suffix, String name, String phone, String email, String tag) {
		return this.jdbc.sql("""
				insert into customer (external_id, name, phone, phones, email, emails, consent_email, tags,
				  created_at, updated_at, updated_by)
				values (?, ?, ?, ?, ?, ?, ?, ?, now(), now(), 'test') returning id
				""")
			.params(this.f.prefix + suffix, name, phone, (phone != null) ? new String[] { phone } : new String[0],
					email, (email != null) ? new String[] { email } : new String[0], email != null,
					new String[] { (tag != null) ? tag : this.f.prefix })
			.query(Long.class)
			.single();
	}

	long segment(String tag) {
		MvcTestResult created = this.f.post("/api/v1/segments", """
				{"name":"%s segment","match":"ALL","conditions":[{"field":"tag","op":"eq","value":"%s"}]}
				""".formatted(tag, tag), "manager");
		assertThat(created).hasStatus(201);
		return SurveyFixture.id(created);
	}

	long count(String sql, Object... params) {
		return this.jdbc.sql(sql).params(params).query(Long.class).single();
	}

	@Test
	void oneInvitationPerCustomerAndOccasion() {
		long survey = survey("idempotent", "\"expiryDays\":14,");
		long customer = customer("-idem", "Idem Po", null, null, null);
		Invitation first = this.invitations.invite(survey, customer,
				new Invitations.Occasion("order:42", null, null, "Store 1", null));
		Invitation again = this.invitations.invite(survey, customer,
				new Invitations.Occasion("order:42", null, Locale.CHINESE, "Store 2", null));
		assertThat(again).isEqualTo(first);
		assertThat(first.token()).matches("[A-Za-z0-9_-]{43}");
		assertThat(first.language()).isEqualTo("en");
		assertThat(first.store()).isEqualTo("Store 1");
		assertThat(Duration.between(first.createdAt(), first.expiresAt())).isEqualTo(Duration.ofDays(14));
		Invitation other = this.invitations.invite(survey, customer,
				new Invitations.Occasion("order:43", null, null, null, null));
		assertThat(other.id()).isNotEqualTo(first.id());
		assertThat(other.token()).isNotEqualTo(first.token());
		assertThat(count("select count(*) from survey_invitation where survey_id = ?", survey)).isEqualTo(2);
	}

	@Test
	void sendingToASegmentInvitesEveryMemberOnceWithOneBatchReference() throws Exception {
		long survey = survey("segment", "\"languages\":[\"zh-TW\",\"en\"],");
		String tag = this.f.prefix + "-seg";
		long withMail = customer("-s1", "陳小明", "+8613800000001", "ming@example.com", tag);
		long withoutMail = customer("-s2", "王美麗", "+8613800000002", null, tag);
		customer("-s3", "=HYPERLINK(\"x\")", null, null, tag);
		customer("-other", "Not In Segment", null, null, null);
		long segment = segment(tag);

		MvcTestResult sent = this.mvc.post()
			.uri("/surveys/{id}/invitations/send", survey)
			.with(user("manager").roles("MANAGER", "AGENT", "STAFF"))
			.with(csrf())
			.param("segmentId", String.valueOf(segment))
			.param("channel", "EMAIL")
			.exchange();
		assertThat(sent).hasStatus3xxRedirection();
		List<String> refs = this.jdbc.sql("select distinct trigger_ref from survey_invitation where survey_id = ?")
			.param(survey)
			.query(String.class)
			.list();
		assertThat(refs).hasSize(1);
		assertThat(refs.get(0)).startsWith("manual:");
		assertThat(count("select count(*) from survey_invitation where survey_id = ?", survey)).isEqualTo(3);
		assertThat(count("select count(distinct customer_id) from survey_invitation where survey_id = ?"
				+ " and language = 'zh-TW' and channel = 'EMAIL'", survey))
			.isEqualTo(3);
		assertThat(count("select count(*) from survey_invitation where survey_id = ? and customer_id in (?, ?)", survey,
				withMail, withoutMail))
			.isEqualTo(2);

		// the page: counts, the send and links to copy
		MvcTestResult page = this.mvc.get()
			.uri("/surveys/{id}/invitations", survey)
			.with(user("manager").roles("MANAGER", "AGENT", "STAFF"))
			.exchange();
		assertThat(page).hasStatusOk().bodyText().contains("陳小明").contains("http://localhost/s/").contains(refs.get(0));
		assertThat(this.mvc.get().uri("/surveys/{id}/invitations", survey).with(user("agent").roles("AGENT", "STAFF")))
			.hasStatus(403);

		// the CSV for SMS and WeChat tools
		MvcTestResult csv = this.mvc.get()
			.uri("/surveys/{id}/invitations/export", survey)
			.with(user("manager").roles("MANAGER", "AGENT", "STAFF"))
			.exchange();
		assertThat(csv).hasStatusOk();
		String text = new String(csv.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8).substring(1);
		List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().get().parse(new StringReader(text)).getRecords();
		assertThat(rows.get(0).getParser().getHeaderNames()).containsExactly("customer_external_id", "name", "phone",
				"email", "language", "link", "expires_at");
		assertThat(rows).hasSize(3);
		CSVRecord wang = rows.stream().filter((r) -> r.get("name").equals("王美麗")).findFirst().orElseThrow();
		String token = this.jdbc.sql("select token from survey_invitation where survey_id = ? and customer_id = ?")
			.params(survey, withoutMail)
			.query(String.class)
			.single();
		Invitation invitation = this.invitations.byToken(token).orElseThrow();
		assertThat(wang.get("customer_external_id")).isEqualTo(this.f.prefix + "-s2");
		assertThat(wang.get("phone")).isEqualTo("+8613800000002");
		assertThat(wang.get("email")).isEmpty();
		assertThat(wang.get("language")).isEqualTo("zh-TW");
		assertThat(wang.get("link")).isEqualTo("http://localhost/s/" + token);
		assertThat(wang.get("expires_at")).isEqualTo(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
			.withZone(this.clock.getZone())
			.format(invitation.expiresAt()));
		// a name a spreadsheet would run is neutralised
		assertThat(rows).anySatisfy((r) -> assertThat(r.get("name")).isEqualTo("'=HYPERLINK(\"x\")"));
		assertThat(count(
				"select count(*) from audit_event where action = 'survey.invitations.exported'" + " and subject_id = ?",
				String.valueOf(survey)))
			.isEqualTo(1);

		// a second send is a new occasion
		assertThat(this.invitations.sendToSegment(survey, segment, "LINK").created()).isEqualTo(3);
		assertThat(count("select count(distinct trigger_ref) from survey_invitation where survey_id = ?", survey))
			.isEqualTo(2);
	}

	@Test
	void sendingWithoutASegmentIsExplainedBesideTheField() {
		long survey = survey("no segment", "");
		assertThat(this.mvc.post()
			.uri("/surveys/{id}/invitations/send", survey)
			.with(user("manager").roles("MANAGER", "AGENT", "STAFF"))
			.with(csrf())).hasStatusOk().bodyText().contains("Choose a segment.");
		assertThat(count("select count(*) from survey_invitation where survey_id = ?", survey)).isZero();
	}

	@Test
	void aClosedTicketInvitesItsCustomer() {
		long survey = survey("after ticket", "\"purpose\":\"TRANSACTIONAL\",\"trigger\":\"TICKET_CLOSED\",");
		TicketFixture tickets = new TicketFixture(this.mvc, this.jdbc, this.users);
		String agent = tickets.user("agent", Role.AGENT);
		String customer = tickets.customer("survey");
		long ticket = tickets.open(agent, customer, "COMPLAINT", "DELIVERY", "NORMAL");
		tickets.act(agent, ticket, "verify", null);
		tickets.act(agent, ticket, "start", null);
		tickets.act(agent, ticket, "reply", "{\"text\":\"The parcel is on its way.\"}");
		assertThat(count("select count(*) from survey_invitation where survey_id = ?", survey)).isZero();
		assertThat(tickets.act(agent, ticket, "close", "{\"customerConfirmed\":true,\"satisfied\":true}"))
			.hasStatusOk();
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.jdbc
				.sql("select customer_id, category from survey_invitation where survey_id = ? and trigger_ref = ?")
				.params(survey, "ticket:" + ticket)
				.query((rs, n) -> List.of(rs.getLong(1), rs.getString(2)))
				.list()).containsExactly(List.of(tickets.customerId(customer), "DELIVERY")));
	}

	void order(String number, long customer, String externalId, String orderedAt, String status) {
		assertThat(this.mvc.post()
			.uri("/api/v1/transactions")
			.with(httpBasic("staff", "demo"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"orderId":"%s","customerExternalId":"%s","orderedAt":"%s","channel":"STORE","store":"Store 9",
					 "status":"%s","lines":[{"sku":"%s-SKU","productName":"Mug","quantity":1,"unitPrice":10}]}
					""".formatted(number, externalId, orderedAt, status, this.f.prefix))).hasStatus2xxSuccessful();
	}

	@Test
	void completedOrdersInviteTheirCustomersOnce() {
		// the survey is newer than every order already there (the demo data's are stamped
		// with the real time, the test clock stands still)
		if (java.time.Instant.now().isAfter(this.clock.instant())) {
			this.clock.set(java.time.Instant.now());
		}
		long survey = survey("after order", "\"purpose\":\"TRANSACTIONAL\",\"trigger\":\"ORDER_COMPLETED\",");
		long customer = customer("-order", "Order Customer", null, null, null);
		String externalId = this.f.prefix + "-order";
		String recent = this.clock.instant().minus(Duration.ofHours(2)).toString();
		String old = this.clock.instant().minus(Duration.ofDays(40)).toString();
		order(this.f.prefix + "-A", customer, externalId, recent, "COMPLETED");
		order(this.f.prefix + "-B", customer, externalId, recent, "PAID");
		order(this.f.prefix + "-OLD", customer, externalId, old, "COMPLETED");
		long a = orderId(this.f.prefix + "-A");
		long b = orderId(this.f.prefix + "-B");
		this.jdbc.sql("update survey_job_watermark set watermark = timestamptz '1970-01-01Z' where job = ?")
			.param("order-completed")
			.update();
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			this.invitations.inviteCompletedOrders();
			assertThat(refs(survey)).contains("order:" + a).doesNotContain("order:" + b);
		});
		assertThat(this.jdbc.sql("select store from survey_invitation where survey_id = ?")
			.param(survey)
			.query(String.class)
			.single()).isEqualTo("Store 9");

		// B completes a minute later; running again invites nobody twice
		this.clock.advance(Duration.ofMinutes(1));
		order(this.f.prefix + "-B", customer, externalId, recent, "COMPLETED");
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			this.invitations.inviteCompletedOrders();
			assertThat(refs(survey)).contains("order:" + a, "order:" + b);
		});
		this.invitations.inviteCompletedOrders();
		assertThat(refs(survey)).hasSize(2);
		// the order of 40 days ago completed too late to be asked about
		assertThat(refs(survey)).doesNotContain("order:" + orderId(this.f.prefix + "-OLD"));
	}

	@Test
	void aPeriodicSurveyInvitesItsSegmentAgainOnlyAfterItsPeriod() {
		String tag = this.f.prefix + "-periodic";
		long first = customer("-p1", "Periodic One", null, null, tag);
		customer("-p2", "Periodic Two", null, null, tag);
		long segment = segment(tag);
		long survey = survey("periodic",
				"\"trigger\":\"PERIODIC\",\"periodicDays\":30,\"segmentId\":%d,".formatted(segment));
		java.time.Instant start = this.clock.instant();
		try {
			periodicRuns(survey, tag, first);
		}
		finally {
			// other tests expect the clock near the real time
			this.clock.set(start);
		}
	}

	void periodicRuns(long survey, String tag, long first) {
		this.invitations.invitePeriodic();
		assertThat(count("select count(*) from survey_invitation where survey_id = ?", survey)).isEqualTo(2);
		// the same day and ten days later: nobody is invited again
		this.invitations.invitePeriodic();
		this.clock.advance(Duration.ofDays(10));
		long third = customer("-p3", "Periodic Three", null, null, tag);
		this.invitations.invitePeriodic();
		assertThat(this.jdbc.sql("select customer_id from survey_invitation where survey_id = ? order by customer_id")
			.param(survey)
			.query(Long.class)
			.list()).hasSize(3).contains(first, third);
		// after the period, everybody again
		this.clock.advance(Duration.ofDays(21));
		this.invitations.invitePeriodic();
		assertThat(count("select count(*) from survey_invitation where survey_id = ?", survey)).isEqualTo(5);
		assertThat(count("select count(distinct trigger_ref) from survey_invitation where survey_id = ?"
				+ " and trigger_ref like 'periodic:%'", survey))
			.isEqualTo(3);
	}

	long orderId(String number) {
		return this.jdbc.sql("select order_id from commerce_order_reference where order_number = ?")
			.param(number)
			.query(Long.class)
			.single();
	}

	List<String> refs(long survey) {
		return this.jdbc.sql("select trigger_ref from survey_invitation where survey_id = ? order by trigger_ref")
			.param(survey)
			.query(String.class)
			.list();
	}

	@Test
	void invitationsAreEMailedInTheCustomersLanguageWhenMailIsSetUp() throws Exception {
		long survey = survey("mail", "\"languages\":[\"en\",\"zh-CN\"],");
		long chinese = customer("-m1", "李雷", null, "li.lei@example.com", null);
		long english = customer("-m2", "Ann Lee", null, "ann@example.com", null);
		long noAddress = customer("-m3", "No Mail", null, null, null);
		Invitation zh = this.invitations.invite(survey, chinese,
				new Invitations.Occasion("manual:mail", "EMAIL", Locale.SIMPLIFIED_CHINESE, null, null));
		this.invitations.invite(survey, english,
				new Invitations.Occasion("manual:mail", "EMAIL", Locale.ENGLISH, null, null));
		this.invitations.invite(survey, noAddress, new Invitations.Occasion("manual:mail", "EMAIL", null, null, null));
		GreenMail smtp = new GreenMail(ServerSetupTest.SMTP);
		smtp.start();
		try {
			JavaMailSenderImpl sender = new JavaMailSenderImpl();
			sender.setHost("127.0.0.1");
			sender.setPort(smtp.getSmtp().getPort());
			assertThat(this.mailer.sendPending(survey, sender)).isEqualTo(2);
			MimeMessage[] received = smtp.getReceivedMessages();
			assertThat(received).hasSize(2);
			MimeMessage toLi = java.util.Arrays.stream(received)
				.filter((m) -> GreenMailUtil.getAddressList(uncheckedRecipients(m)).contains("li.lei@example.com"))
				.findFirst()
				.orElseThrow();
			assertThat(toLi.getSubject()).isEqualTo("LoopCRM：请评价我们的服务");
			String body = (String) toLi.getContent();
			assertThat(body).contains("李雷，您好").contains("/s/" + zh.token());
			assertThat(java.util.Arrays.stream(received).map(this::subject)).contains("LoopCRM: how did we do?");
			// nothing is sent twice
			assertThat(this.mailer.sendPending(survey, sender)).isZero();
			assertThat(smtp.getReceivedMessages()).hasSize(2);
		}
		finally {
			smtp.stop();
		}
		assertThat(this.jdbc.sql("select mail_outcome from survey_invitation where survey_id = ? order by customer_id")
			.param(survey)
			.query(String.class)
			.list()).containsExactly("SENT", "SENT", "NO_ADDRESS");
		assertThat(this.invitations.find(survey, chinese, "manual:mail").orElseThrow().emailedAt()).isNotNull();
	}

	private jakarta.mail.Address[] uncheckedRecipients(MimeMessage message) {
		try {
			return message.getAllRecipients();
		}
		catch (jakarta.mail.MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private String subject(MimeMessage message) {
		try {
			return message.getSubject();
		}
		catch (jakarta.mail.MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

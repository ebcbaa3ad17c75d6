package io.loopcrm.platform.notifications;

import java.util.List;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.loopcrm.IntegrationTest;
import io.loopcrm.platform.UserDirectory;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * The e-mail copy of a notification, sent to an SMTP server in the test (GreenMail) the
 * way Spring Boot's mail sender would send it with {@code spring.mail.host} set; without
 * a sender (the tests' application has no mail configured) nothing is sent.
 */
@IntegrationTest
class NotificationMailTests {

	GreenMail smtp = new GreenMail(ServerSetupTest.SMTP);

	@Autowired
	UserDirectory users;

	@Autowired
	MessageSource messages;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	io.loopcrm.platform.users.UserService userService;

	@Autowired
	org.springframework.test.web.servlet.assertj.MockMvcTester mvc;

	@BeforeEach
	void start() {
		this.smtp.start();
	}

	@AfterEach
	void stop() {
		this.smtp.stop();
	}

	NotificationMailer mailer(JavaMailSender sender) {
		DefaultListableBeanFactory factory = new DefaultListableBeanFactory();
		if (sender != null) {
			factory.registerSingleton("mailSender", sender);
		}
		return new NotificationMailer(factory.getBeanProvider(JavaMailSender.class), this.users, this.messages,
				"loopcrm@example.com", "https://crm.example.com/", "en");
	}

	@Test
	void anEscalationIsMailedToTheManagerWithTheLink() throws Exception {
		this.jdbc.sql("update app_user set email = 'manager@example.com' where username = 'manager'").update();
		JavaMailSenderImpl sender = new JavaMailSenderImpl();
		sender.setHost("127.0.0.1");
		sender.setPort(this.smtp.getSmtp().getPort());
		mailer(sender).send("manager", "feedback.notify.breached", List.of("42", "Kettle leaks", "system"),
				"/tickets/42");
		MimeMessage[] received = this.smtp.getReceivedMessages();
		assertThat(received).hasSize(1);
		assertThat(received[0].getAllRecipients()[0].toString()).isEqualTo("manager@example.com");
		assertThat(received[0].getSubject())
			.isEqualTo("LoopCRM: Ticket #42 (Kettle leaks) missed its SLA and was escalated to you.");
		assertThat(GreenMailUtil.getBody(received[0])).contains("https://crm.example.com/tickets/42");
	}

	@Test
	void administratorsSetTheAddressOnTheUserForm() {
		String username = "mailform" + System.nanoTime();
		var user = this.userService.createTrusted(username, "Mail-Form-2021-x", "Mail Form",
				java.util.EnumSet.of(io.loopcrm.platform.Role.AGENT));
		assertThat(this.mvc.post()
			.uri("/admin/users/{id}", user.id())
			.with(user("admin").roles("ADMIN", "MANAGER", "AGENT", "STAFF"))
			.with(csrf())
			.param("displayName", "Mail Form")
			.param("roles", "AGENT")
			.param("enabled", "true")
			.param("version", String.valueOf(user.version()))
			.param("email", " Lin@Example.COM ")).hasStatus3xxRedirection();
		assertThat(this.users.find(username))
			.hasValueSatisfying((u) -> assertThat(u.email()).isEqualTo("lin@example.com"));
		assertThat(this.mvc.post()
			.uri("/admin/users/{id}", user.id())
			.with(user("admin").roles("ADMIN", "MANAGER", "AGENT", "STAFF"))
			.with(csrf())
			.param("displayName", "Renamed")
			.param("roles", "AGENT")
			.param("enabled", "true")
			.param("version", String.valueOf(this.userService.get(user.id()).version()))
			.param("email", "not-an-address")).hasStatusOk()
			.bodyText()
			.contains("Enter an e-mail address such as name@example.com");
		assertThat(this.users.find(username)).hasValueSatisfying((u) -> {
			assertThat(u.email()).isEqualTo("lin@example.com");
			assertThat(u.displayName()).isEqualTo("Mail Form");
		});
	}

	@Test
	void withoutAMailServerOrAnAddressNothingIsSent() {
		mailer(null).send("manager", "feedback.notify.breached", List.of("1", "x", "system"), "/tickets/1");
		JavaMailSenderImpl sender = new JavaMailSenderImpl();
		sender.setHost("127.0.0.1");
		sender.setPort(this.smtp.getSmtp().getPort());
		String noAddress = "nomail" + System.nanoTime();
		this.userService.createTrusted(noAddress, "No-Mail-2021-x", "No Mail",
				java.util.EnumSet.of(io.loopcrm.platform.Role.STAFF));
		mailer(sender).send(noAddress, "feedback.notify.breached", List.of("1", "x", "system"), "/tickets/1");
		assertThat(this.smtp.getReceivedMessages()).isEmpty();
	}

}

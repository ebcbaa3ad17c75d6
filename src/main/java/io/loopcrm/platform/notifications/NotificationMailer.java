package io.loopcrm.platform.notifications;

import java.util.List;
import java.util.Locale;

import io.loopcrm.platform.UserDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * The e-mail copy of a notification. Spring Boot creates a {@link JavaMailSender} only
 * when {@code spring.mail.host} is set; without it, and for users without an address,
 * nothing is sent. A mail server that is down is logged, never fails the action.
 */
@Component
class NotificationMailer {

	private static final Logger log = LoggerFactory.getLogger(NotificationMailer.class);

	private final ObjectProvider<JavaMailSender> sender;

	private final UserDirectory users;

	private final MessageSource messages;

	private final String from;

	private final String baseUrl;

	private final Locale language;

	NotificationMailer(ObjectProvider<JavaMailSender> sender, UserDirectory users, MessageSource messages,
			@Value("${loopcrm.notifications.mail-from:loopcrm@localhost}") String from,
			@Value("${loopcrm.notifications.base-url:http://localhost:8080}") String baseUrl,
			@Value("${loopcrm.notifications.mail-language:en}") String language) {
		this.sender = sender;
		this.users = users;
		this.messages = messages;
		this.from = from;
		this.baseUrl = baseUrl.replaceAll("/+$", "");
		this.language = Locale.forLanguageTag(language);
	}

	void send(String recipient, String messageKey, List<String> args, String link) {
		JavaMailSender mail = this.sender.getIfAvailable();
		if (mail == null) {
			return;
		}
		String address = this.users.find(recipient).map(UserDirectory.UserRef::email).orElse(null);
		if (address == null || address.isBlank()) {
			return;
		}
		String text = this.messages.getMessage(messageKey, args.toArray(), messageKey, this.language);
		SimpleMailMessage message = new SimpleMailMessage();
		message.setFrom(this.from);
		message.setTo(address);
		message
			.setSubject(this.messages.getMessage("notifications.mail.subject", new Object[] { text }, this.language));
		message.setText(text + ((link != null) ? "\n\n" + this.baseUrl + link : "") + "\n\n"
				+ this.messages.getMessage("notifications.mail.footer", null, this.language));
		try {
			mail.send(message);
		}
		catch (MailException ex) {
			log.warn("Could not e-mail notification to {}: {}", recipient, ex.getMessage());
		}
	}

}

package io.loopcrm.survey.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * E-mails invitations of the {@code EMAIL} channel in the customer's language, a batch
 * every {@code loopcrm.survey.invitations.mail-delay} (default one minute). Spring Boot
 * makes a {@link JavaMailSender} only when {@code spring.mail.host} is set; without one
 * nothing is sent and the invitations wait (their links can still be copied or exported).
 * Customers without an address — or, with {@code mail-needs-consent}, without consent to
 * e-mail — are marked {@code NO_ADDRESS}; a refused message {@code FAILED}. Rows are
 * taken with {@code for update skip locked}, so two runs never send one twice.
 */
@Component
public class InvitationMailer {

	private static final Logger log = LoggerFactory.getLogger(InvitationMailer.class);

	private final ObjectProvider<JavaMailSender> sender;

	private final JdbcClient jdbc;

	private final MessageSource messages;

	private final InvitationLinks links;

	private final InvitationProperties properties;

	private final Clock clock;

	InvitationMailer(ObjectProvider<JavaMailSender> sender, JdbcClient jdbc, MessageSource messages,
			InvitationLinks links, InvitationProperties properties, Clock clock) {
		this.sender = sender;
		this.jdbc = jdbc;
		this.messages = messages;
		this.links = links;
		this.properties = properties;
		this.clock = clock;
	}

	private record Pending(long id, String token, String language, Instant expiresAt, String name, String email,
			boolean consent) {
	}

	@Scheduled(fixedDelayString = "${loopcrm.survey.invitations.mail-delay:PT1M}",
			initialDelayString = "${loopcrm.survey.invitations.mail-initial-delay:PT1M}")
	void scheduled() {
		JavaMailSender mail = this.sender.getIfAvailable();
		int sent = (mail != null) ? sendPending(null, mail) : 0;
		if (sent > 0) {
			log.info("Survey invitations e-mailed: {}", sent);
		}
	}

	/**
	 * Sends one batch of waiting invitations (of one survey, or of all when
	 * {@code surveyId} is {@code null}) through the sender.
	 * @return e-mails sent
	 */
	@Transactional
	public int sendPending(Long surveyId, JavaMailSender mail) {
		Instant now = this.clock.instant();
		List<Pending> pending = this.jdbc.sql("""
				select i.id, i.token, i.language, i.expires_at, f.name, f.email, coalesce(f.consent_email, false)
				from survey_invitation i
				join survey s on s.id = i.survey_id
				left join customer_segment_fields f on f.customer_id = i.customer_id
				where i.channel = 'EMAIL' and i.mail_outcome is null and i.responded_at is null
				  and i.expires_at > :now and s.active
				  and (cast(:survey as bigint) is null or i.survey_id = cast(:survey as bigint))
				order by i.id
				limit :limit
				for update of i skip locked
				""")
			.param("now", Timestamp.from(now))
			.param("survey", surveyId, java.sql.Types.BIGINT)
			.param("limit", this.properties.mailBatch())
			.query((rs, n) -> new Pending(rs.getLong(1), rs.getString(2), rs.getString(3),
					rs.getTimestamp(4).toInstant(), rs.getString(5), rs.getString(6), rs.getBoolean(7)))
			.list();
		int sent = 0;
		for (Pending p : pending) {
			String outcome;
			if (p.email() == null || p.email().isBlank() || (this.properties.mailNeedsConsent() && !p.consent())) {
				outcome = "NO_ADDRESS";
			}
			else {
				try {
					mail.send(message(p));
					outcome = "SENT";
					sent++;
				}
				catch (MailException ex) {
					log.warn("Could not e-mail survey invitation {}: {}", p.id(), ex.getMessage());
					outcome = "FAILED";
				}
			}
			this.jdbc
				.sql("update survey_invitation set mail_outcome = ?,"
						+ " emailed_at = case when ? = 'SENT' then cast(? as timestamptz) end where id = ?")
				.params(outcome, outcome, Timestamp.from(now), p.id())
				.update();
		}
		return sent;
	}

	private SimpleMailMessage message(Pending p) {
		Locale locale = PageLanguage.of(p.language());
		String expires = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
			.withLocale(locale)
			.withZone(this.clock.getZone())
			.format(p.expiresAt());
		String sender = this.properties.senderName();
		SimpleMailMessage message = new SimpleMailMessage();
		message.setFrom(this.properties.mailFrom());
		message.setTo(p.email());
		message.setSubject(this.messages.getMessage("survey.mail.subject", new Object[] { sender }, locale));
		message.setText(this.messages.getMessage("survey.mail.body",
				new Object[] { (p.name() != null) ? p.name() : "", sender, this.links.link(p.token()), expires },
				locale));
		return message;
	}

}

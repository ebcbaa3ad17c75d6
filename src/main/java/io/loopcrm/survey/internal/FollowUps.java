package io.loopcrm.survey.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import io.loopcrm.feedback.NewTicket;
import io.loopcrm.feedback.TicketChannel;
import io.loopcrm.feedback.TicketClosed;
import io.loopcrm.feedback.TicketKind;
import io.loopcrm.feedback.TicketPriority;
import io.loopcrm.feedback.TicketService;
import io.loopcrm.feedback.TicketSummary;
import io.loopcrm.survey.SurveyResponded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Closing the loop: a detractor (NPS 0–6) or a dissatisfied customer (CSAT 1–2) on a
 * survey with follow-up switched on gets a feedback ticket, opened right after the
 * response commits (its own transaction, so a ticket problem never loses the response)
 * and linked to it. A sweep every five minutes opens the tickets that did not get opened
 * (the application stopped in between); the ticket's source reference
 * {@code survey-response:<id>} makes a second attempt return the first ticket.
 * <p>
 * A follow-up counts as <em>recovered</em> when its ticket is closed with the customer
 * satisfied, or when the same customer later answers 7 or more (NPS) or 4–5 (CSAT).
 */
@Component
class FollowUps {

	private static final Logger logger = LoggerFactory.getLogger(FollowUps.class);

	/** How far back the sweep looks for responses still without their ticket. */
	private static final Duration SWEEP_WINDOW = Duration.ofDays(7);

	/**
	 * Answers older than this get no ticket (imported history, demo data): nobody calls a
	 * customer back about what they said a year ago.
	 */
	private final Duration maxAge;

	private final JdbcClient jdbc;

	private final TicketService tickets;

	private final SurveyDefinitions surveys;

	private final MessageSource messages;

	private final TransactionTemplate newTransaction;

	private final Clock clock;

	FollowUps(JdbcClient jdbc, TicketService tickets, SurveyDefinitions surveys, MessageSource messages,
			PlatformTransactionManager transactions, Clock clock,
			@Value("${loopcrm.survey.follow-up-max-age:P14D}") Duration maxAge) {
		this.maxAge = maxAge;
		this.jdbc = jdbc;
		this.tickets = tickets;
		this.surveys = surveys;
		this.messages = messages;
		this.newTransaction = new TransactionTemplate(transactions);
		this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.clock = clock;
	}

	/** Whether the answers call for a follow-up. */
	static boolean unhappy(Integer nps, Integer csat) {
		return (nps != null && nps <= 6) || (nps == null && csat != null && csat <= 2);
	}

	/** Whether the answers show a customer who is content again. */
	static boolean content(Integer nps, Integer csat) {
		return (nps != null) ? nps >= 7 : (csat != null && csat >= 4);
	}

	/**
	 * In the response's transaction: a content answer recovers the customer's earlier
	 * follow-ups.
	 */
	@EventListener
	void recoverEarlierFollowUps(SurveyResponded response) {
		if (response.customerId() != null && content(response.nps(), response.csat())) {
			this.jdbc.sql("""
					update survey_follow_up f set recovered = true
					from survey_response r
					where r.id = f.response_id and f.customer_id = ? and r.responded_at < ?
					  and f.recovered is not true
					""").params(response.customerId(), Timestamp.from(response.respondedAt())).update();
		}
	}

	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
	void openTicketAfterCommit(SurveyResponded response) {
		if (response.customerId() == null || !unhappy(response.nps(), response.csat())
				|| response.respondedAt().isBefore(this.clock.instant().minus(this.maxAge))) {
			return;
		}
		try {
			this.newTransaction.executeWithoutResult((status) -> open(response.responseId()));
		}
		catch (RuntimeException ex) {
			// the sweep tries again; the response itself is safe
			logger.warn("Could not open the follow-up ticket of survey response {}", response.responseId(), ex);
		}
	}

	/** Opens the tickets that are due and missing; returns how many it opened. */
	@Scheduled(fixedDelayString = "${loopcrm.survey.follow-up-sweep:PT5M}", initialDelayString = "PT1M")
	int sweep() {
		List<Long> missing = this.jdbc.sql("""
				select r.id from survey_response r
				join survey s on s.id = r.survey_id
				left join survey_follow_up f on f.response_id = r.id
				where s.follow_up and r.customer_id is not null and f.response_id is null
				  and (r.nps <= 6 or (r.nps is null and r.csat <= 2))
				  and r.created_at >= ? and r.responded_at >= ?
				order by r.id
				""")
			.params(Timestamp.from(this.clock.instant().minus(SWEEP_WINDOW)),
					Timestamp.from(this.clock.instant().minus(this.maxAge)))
			.query(Long.class)
			.list();
		int opened = 0;
		for (Long id : missing) {
			try {
				Boolean done = this.newTransaction.execute((status) -> open(id));
				opened += Boolean.TRUE.equals(done) ? 1 : 0;
			}
			catch (RuntimeException ex) {
				logger.warn("Could not open the follow-up ticket of survey response {}", id, ex);
			}
		}
		return opened;
	}

	/** Opens the follow-up ticket of a response, once. */
	private boolean open(long responseId) {
		Row row = this.jdbc.sql("""
				select r.id, r.survey_id, r.customer_id, r.nps, r.csat, r.ces, r.verbatim, r.channel,
				       (select 1 from survey_follow_up f where f.response_id = r.id) is not null as followed
				from survey_response r where r.id = ?
				for update
				""").param(responseId).query(Row.class).optional().orElse(null);
		if (row == null || row.followed() || row.customerId() == null || !unhappy(row.nps(), row.csat())) {
			return false;
		}
		SurveyDefinition survey = this.surveys.get(row.surveyId());
		if (!survey.followUp()) {
			return false;
		}
		Locale locale = Locale.forLanguageTag(survey.languages().get(0));
		String score = (row.nps() != null) ? "NPS " + row.nps() : "CSAT " + row.csat();
		String subject = this.messages.getMessage("survey.followUp.subject", new Object[] { survey.name(), score },
				locale);
		String description = this.messages.getMessage("survey.followUp.description",
				new Object[] { survey.name(), score, (row.ces() != null) ? "CES " + row.ces() : "-", row.channel(),
						(row.verbatim() != null) ? row.verbatim() : "-" },
				locale);
		TicketPriority priority = ((row.nps() != null && row.nps() <= 3) || (row.csat() != null && row.csat() == 1))
				? TicketPriority.HIGH : TicketPriority.NORMAL;
		TicketSummary ticket = this.tickets
			.open(new NewTicket(row.customerId(), TicketKind.COMPLAINT, TicketChannel.SURVEY, survey.followUpCategory(),
					priority, (subject.length() > 200) ? subject.substring(0, 200) : subject, description,
					"survey-response:" + responseId));
		Instant now = this.clock.instant();
		this.jdbc.sql("""
				insert into survey_follow_up (response_id, ticket_id, customer_id, opened_at)
				values (?, ?, ?, ?) on conflict (response_id) do nothing
				""").params(responseId, ticket.id(), row.customerId(), Timestamp.from(now)).update();
		return true;
	}

	/** A follow-up ticket closed: the customer was reached; satisfied means recovered. */
	@EventListener
	void on(TicketClosed closed) {
		this.jdbc.sql("""
				update survey_follow_up set closed_at = ?, contacted_at = coalesce(contacted_at, ?),
				       recovered = (recovered is true) or ?
				where ticket_id = ?
				""")
			.params(Timestamp.from(this.clock.instant()), Timestamp.from(this.clock.instant()),
					Boolean.TRUE.equals(closed.satisfied()), closed.ticketId())
			.update();
	}

	record Row(long id, long surveyId, Long customerId, Integer nps, Integer csat, Integer ces, String verbatim,
			String channel, boolean followed) {
	}

}

package io.loopcrm.survey.internal;

import java.util.List;

import io.loopcrm.complaint.ComplaintClosed;
import io.loopcrm.feedback.TicketClosed;
import io.loopcrm.feedback.TicketSummary;
import io.loopcrm.feedback.Tickets;
import io.loopcrm.platform.LocalizedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What sends invitations by itself: a closed ticket (TICKET_CLOSED), a closed complaint
 * case (COMPLAINT_CLOSED), a completed order (ORDER_COMPLETED, a job every
 * {@code loopcrm.survey.invitations.order-delay}, default one minute) and the daily
 * PERIODIC job ({@code loopcrm.survey.invitations.periodic-cron}, default 03:15). The
 * listeners run after the closing transaction committed, in their own; the jobs are
 * idempotent (one invitation per survey, customer and occasion), so overlapping runs or
 * several application instances never invite anybody twice.
 */
@Component
class InvitationTriggers {

	private static final Logger log = LoggerFactory.getLogger(InvitationTriggers.class);

	private final Invitations invitations;

	private final Tickets tickets;

	private final JdbcClient jdbc;

	private final TransactionTemplate ownTransaction;

	InvitationTriggers(Invitations invitations, Tickets tickets, JdbcClient jdbc,
			PlatformTransactionManager transactions) {
		this.invitations = invitations;
		this.tickets = tickets;
		this.jdbc = jdbc;
		this.ownTransaction = new TransactionTemplate(transactions);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	@TransactionalEventListener
	void on(TicketClosed event) {
		String category = null;
		try {
			category = this.ownTransaction
				.execute((status) -> this.tickets.find(event.ticketId()).map(TicketSummary::category).orElse(null));
		}
		catch (RuntimeException ex) {
			log.warn("Could not read ticket {}", event.ticketId(), ex);
		}
		invite(SurveyTrigger.TICKET_CLOSED, event.customerId(),
				new Invitations.Occasion("ticket:" + event.ticketId(), null, null, null, category));
	}

	@TransactionalEventListener
	void on(ComplaintClosed event) {
		invite(SurveyTrigger.COMPLAINT_CLOSED, event.customerId(),
				new Invitations.Occasion("complaint:" + event.caseId(), null, null, null, null));
	}

	/**
	 * Invites the customer to every active survey of the trigger, each in a transaction
	 * of its own (the closing one has committed): one that fails is logged and keeps
	 * neither the close nor the other surveys from happening.
	 */
	private void invite(SurveyTrigger trigger, long customerId, Invitations.Occasion occasion) {
		List<Long> surveys;
		try {
			surveys = this.ownTransaction.execute(
					(status) -> this.jdbc.sql("select id from survey where active and trigger_type = ? order by id")
						.param(trigger.name())
						.query(Long.class)
						.list());
		}
		catch (RuntimeException ex) {
			log.error("Could not look up the {} surveys for {}", trigger, occasion.triggerRef(), ex);
			return;
		}
		for (Long survey : surveys) {
			try {
				this.ownTransaction
					.executeWithoutResult((status) -> this.invitations.invite(survey, customerId, occasion));
			}
			catch (LocalizedException ex) {
				log.warn("No invitation to survey {} for {}: {}", survey, occasion.triggerRef(), ex.messageKey());
			}
			catch (RuntimeException ex) {
				log.error("Could not invite to survey {} for {}", survey, occasion.triggerRef(), ex);
			}
		}
	}

	@Scheduled(fixedDelayString = "${loopcrm.survey.invitations.order-delay:PT1M}",
			initialDelayString = "${loopcrm.survey.invitations.order-initial-delay:PT1M}")
	void completedOrders() {
		int created = this.invitations.inviteCompletedOrders();
		if (created > 0) {
			log.info("Completed orders: {} survey invitations", created);
		}
	}

	@Scheduled(cron = "${loopcrm.survey.invitations.periodic-cron:0 15 3 * * *}",
			zone = "${loopcrm.zone:Asia/Shanghai}")
	void periodic() {
		int created = this.invitations.invitePeriodic();
		log.info("Periodic surveys: {} invitations", created);
	}

}

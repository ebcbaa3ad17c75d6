package io.loopcrm.feedback.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.loopcrm.platform.Role;
import io.loopcrm.platform.UserDirectory;
import io.loopcrm.platform.notifications.Notifications;

import org.springframework.stereotype.Component;

/**
 * Escalates a ticket to its category's manager (the category's escalation manager when
 * that user exists and may sign in, otherwise every manager) with an in-app notification
 * and, when mail is configured, an e-mail.
 */
@Component
class Escalations {

	private final Categories categories;

	private final UserDirectory users;

	private final Notifications notifications;

	private final TicketHistory history;

	Escalations(Categories categories, UserDirectory users, Notifications notifications, TicketHistory history) {
		this.categories = categories;
		this.users = users;
		this.notifications = notifications;
		this.history = history;
	}

	/** Who a ticket of this category is escalated to. */
	List<String> managersOf(long categoryId) {
		String named = this.categories.find(categoryId).map(Categories.Category::escalationManager).orElse(null);
		if (named != null && this.users.find(named).filter(UserDirectory.UserRef::enabled).isPresent()) {
			return List.of(named);
		}
		List<String> managers = new ArrayList<>();
		this.users.holding(Role.MANAGER).forEach((u) -> managers.add(u.username()));
		return managers;
	}

	/**
	 * Notifies the managers and records the escalation on the ticket and in its history.
	 * @param messageKey {@code feedback.notify.breached} (the SLA job) or
	 * {@code feedback.notify.escalated} (an agent)
	 */
	void escalate(Ticket ticket, String messageKey, String reason, Instant now, String actor) {
		List<String> managers = managersOf(ticket.getCategoryId());
		for (String manager : managers) {
			this.notifications.notify(manager, messageKey,
					List.of(String.valueOf(ticket.getId()), ticket.getSubject(), actor), "/tickets/" + ticket.getId());
		}
		String to = String.join(", ", managers);
		ticket.escalated((to.length() > 64) ? to.substring(0, 64) : to, now);
		this.history.record(ticket.getId(), now, actor, "escalate", null, null, reason, to);
	}

}

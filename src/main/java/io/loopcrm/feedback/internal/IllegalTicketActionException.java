package io.loopcrm.feedback.internal;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import io.loopcrm.feedback.TicketStatus;
import io.loopcrm.platform.ConflictException;

import org.springframework.context.MessageSource;

/**
 * An action the ticket's status does not allow (closing a ticket nobody replied to): a
 * 409 that names the actions possible now.
 */
class IllegalTicketActionException extends ConflictException {

	private final TicketAction action;

	private final TicketStatus status;

	private final List<TicketAction> allowed;

	IllegalTicketActionException(TicketAction action, TicketStatus status, List<TicketAction> allowed) {
		super("feedback.action.illegal", action.path(), status.name());
		this.action = action;
		this.status = status;
		this.allowed = List.copyOf(allowed);
	}

	/** The allowed actions' names, as in URLs and {@code allowedActions}. */
	List<String> allowedActions() {
		return this.allowed.stream().map(TicketAction::path).toList();
	}

	@Override
	public String localizedMessage(MessageSource messages, Locale locale) {
		String list = this.allowed.stream()
			.map((a) -> messages.getMessage("feedback.action." + a.path(), null, a.path(), locale))
			.collect(Collectors.joining(", "));
		return messages.getMessage(messageKey(),
				new Object[] { messages.getMessage("feedback.action." + this.action.path(), null, locale),
						messages.getMessage("feedback.status." + this.status.name(), null, locale), list },
				locale);
	}

}

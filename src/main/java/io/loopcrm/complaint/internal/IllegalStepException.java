package io.loopcrm.complaint.internal;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import io.loopcrm.platform.ConflictException;

import org.springframework.context.MessageSource;

/**
 * A step the case's status does not allow (closing before approval, approving without a
 * proposal, skipping the root cause): 409, naming the actions that are allowed.
 */
public class IllegalStepException extends ConflictException {

	private final CaseAction action;

	private final Status status;

	private final List<CaseAction> allowed;

	IllegalStepException(CaseAction action, Status status, List<CaseAction> allowed) {
		super("complaint.illegal", action.slug(), status.name(), slugs(allowed));
		this.action = action;
		this.status = status;
		this.allowed = List.copyOf(allowed);
	}

	public CaseAction action() {
		return this.action;
	}

	public Status status() {
		return this.status;
	}

	public List<CaseAction> allowed() {
		return this.allowed;
	}

	/** The allowed actions by their API names. */
	public List<String> allowedSlugs() {
		return this.allowed.stream().map(CaseAction::slug).toList();
	}

	@Override
	public String localizedMessage(MessageSource messages, Locale locale) {
		String statusName = messages.getMessage("complaint.status." + this.status, null, this.status.name(), locale);
		String allowedText = this.allowed.isEmpty() ? messages.getMessage("complaint.illegal.none", null, "-", locale)
				: slugs(this.allowed);
		return messages.getMessage(this.allowed.isEmpty() ? "complaint.illegal.final" : "complaint.illegal",
				new Object[] { this.action.slug(), statusName, allowedText }, "complaint.illegal", locale);
	}

	private static String slugs(List<CaseAction> actions) {
		return actions.stream().map(CaseAction::slug).collect(Collectors.joining(", "));
	}

}

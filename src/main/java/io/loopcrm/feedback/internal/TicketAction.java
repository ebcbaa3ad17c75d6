package io.loopcrm.feedback.internal;

import java.util.Arrays;
import java.util.Optional;

/**
 * The steps of the ticket workflow, named as in the URL ({@code /actions/wait-customer}).
 */
enum TicketAction {

	VERIFY("verify"), START("start"), REPLY("reply"), NOTE("note"), WAIT_CUSTOMER("wait-customer"), RESUME("resume"),
	CLOSE("close"), REOPEN("reopen"), ASSIGN("assign"), ESCALATE("escalate");

	private final String path;

	TicketAction(String path) {
		this.path = path;
	}

	/** The name in URLs, JSON and message keys. */
	String path() {
		return this.path;
	}

	static Optional<TicketAction> of(String path) {
		return Arrays.stream(values()).filter((a) -> a.path.equals(path)).findFirst();
	}

}

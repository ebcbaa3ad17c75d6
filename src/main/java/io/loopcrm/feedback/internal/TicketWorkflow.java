package io.loopcrm.feedback.internal;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.loopcrm.feedback.TicketStatus;

import static io.loopcrm.feedback.internal.TicketAction.ASSIGN;
import static io.loopcrm.feedback.internal.TicketAction.CLOSE;
import static io.loopcrm.feedback.internal.TicketAction.ESCALATE;
import static io.loopcrm.feedback.internal.TicketAction.NOTE;
import static io.loopcrm.feedback.internal.TicketAction.REOPEN;
import static io.loopcrm.feedback.internal.TicketAction.REPLY;
import static io.loopcrm.feedback.internal.TicketAction.RESUME;
import static io.loopcrm.feedback.internal.TicketAction.START;
import static io.loopcrm.feedback.internal.TicketAction.VERIFY;
import static io.loopcrm.feedback.internal.TicketAction.WAIT_CUSTOMER;

/**
 * The ticket state machine: which actions each status allows and where they lead.
 *
 * <pre>
 * RECEIVED ─verify→ VERIFIED ─start→ IN_PROGRESS ─reply→ REPLIED ─close→ CLOSED
 *                                       ▲  │                 │ ▲ reply     │
 *                             resume ───┘  └wait-customer→ WAITING_CUSTOMER │
 *                REOPENED ←──reopen── REPLIED, CLOSED;  REOPENED ─start→ IN_PROGRESS
 * </pre> Notes are possible in every status; assign and escalate in every open one.
 * Waiting on the customer is possible from IN_PROGRESS and REPLIED; resuming returns to
 * IN_PROGRESS.
 */
final class TicketWorkflow {

	private static final Map<TicketStatus, Set<TicketAction>> ALLOWED = new EnumMap<>(TicketStatus.class);

	static {
		ALLOWED.put(TicketStatus.RECEIVED, EnumSet.of(VERIFY, NOTE, ASSIGN, ESCALATE));
		ALLOWED.put(TicketStatus.VERIFIED, EnumSet.of(START, NOTE, ASSIGN, ESCALATE));
		ALLOWED.put(TicketStatus.IN_PROGRESS, EnumSet.of(REPLY, WAIT_CUSTOMER, NOTE, ASSIGN, ESCALATE));
		ALLOWED.put(TicketStatus.WAITING_CUSTOMER, EnumSet.of(RESUME, NOTE, ASSIGN, ESCALATE));
		ALLOWED.put(TicketStatus.REPLIED, EnumSet.of(REPLY, WAIT_CUSTOMER, CLOSE, REOPEN, NOTE, ASSIGN, ESCALATE));
		ALLOWED.put(TicketStatus.CLOSED, EnumSet.of(REOPEN, NOTE));
		ALLOWED.put(TicketStatus.REOPENED, EnumSet.of(START, NOTE, ASSIGN, ESCALATE));
	}

	private TicketWorkflow() {
	}

	/** The actions the status allows, in the order of {@link TicketAction}. */
	static List<TicketAction> allowed(TicketStatus status) {
		return List.copyOf(ALLOWED.get(status));
	}

	static boolean allows(TicketStatus status, TicketAction action) {
		return ALLOWED.get(status).contains(action);
	}

	/**
	 * Where the action leads from the status (the same status for notes, assignments...).
	 */
	static TicketStatus next(TicketStatus status, TicketAction action) {
		return switch (action) {
			case VERIFY -> TicketStatus.VERIFIED;
			case START, RESUME -> TicketStatus.IN_PROGRESS;
			case REPLY -> TicketStatus.REPLIED;
			case WAIT_CUSTOMER -> TicketStatus.WAITING_CUSTOMER;
			case CLOSE -> TicketStatus.CLOSED;
			case REOPEN -> TicketStatus.REOPENED;
			case NOTE, ASSIGN, ESCALATE -> status;
		};
	}

}

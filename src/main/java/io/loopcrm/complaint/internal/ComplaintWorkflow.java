package io.loopcrm.complaint.internal;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.loopcrm.complaint.internal.CaseAction.APPROVE;
import static io.loopcrm.complaint.internal.CaseAction.ASSIGN;
import static io.loopcrm.complaint.internal.CaseAction.CLOSE;
import static io.loopcrm.complaint.internal.CaseAction.IMPLEMENT;
import static io.loopcrm.complaint.internal.CaseAction.PROPOSE;
import static io.loopcrm.complaint.internal.CaseAction.ROOT_CAUSE;
import static io.loopcrm.complaint.internal.CaseAction.SEND_BACK;
import static io.loopcrm.complaint.internal.CaseAction.VALIDATE;

/**
 * The complaint workflow as a state machine: which actions each status allows and where
 * each leads. Anything not listed is an illegal step (409).
 *
 * <pre>
 * REGISTERED       validate → VALIDATED (valid) | INVALID (invalid)
 * INVALID          close → CLOSED (customer accepts the explanation) | REGISTERED (does not: validity is decided again)
 * VALIDATED        assign → ASSIGNED
 * ASSIGNED         assign (re-assign) → ASSIGNED, root-cause → ROOT_CAUSE_FOUND
 * ROOT_CAUSE_FOUND assign → ROOT_CAUSE_FOUND, root-cause (revise) → ROOT_CAUSE_FOUND, propose → PROPOSED
 * PROPOSED         approve → APPROVED, send-back → ROOT_CAUSE_FOUND
 * APPROVED         implement → IMPLEMENTED
 * IMPLEMENTED      close → CLOSED (satisfied) | REOPENED (not satisfied)
 * REOPENED         assign → REOPENED, root-cause → ROOT_CAUSE_FOUND, propose → PROPOSED
 * CLOSED           nothing
 * </pre>
 */
public final class ComplaintWorkflow {

	private static final Map<Status, Set<CaseAction>> ALLOWED = new EnumMap<>(Status.class);

	static {
		ALLOWED.put(Status.REGISTERED, EnumSet.of(VALIDATE));
		ALLOWED.put(Status.INVALID, EnumSet.of(CLOSE));
		ALLOWED.put(Status.VALIDATED, EnumSet.of(ASSIGN));
		ALLOWED.put(Status.ASSIGNED, EnumSet.of(ASSIGN, ROOT_CAUSE));
		ALLOWED.put(Status.ROOT_CAUSE_FOUND, EnumSet.of(ASSIGN, ROOT_CAUSE, PROPOSE));
		ALLOWED.put(Status.PROPOSED, EnumSet.of(APPROVE, SEND_BACK));
		ALLOWED.put(Status.APPROVED, EnumSet.of(IMPLEMENT));
		ALLOWED.put(Status.IMPLEMENTED, EnumSet.of(CLOSE));
		ALLOWED.put(Status.REOPENED, EnumSet.of(ASSIGN, ROOT_CAUSE, PROPOSE));
		ALLOWED.put(Status.CLOSED, EnumSet.noneOf(CaseAction.class));
	}

	private ComplaintWorkflow() {
	}

	/** The actions a case in this status allows, in workflow order. */
	public static List<CaseAction> allowed(Status status) {
		return List.copyOf(ALLOWED.get(status));
	}

	public static boolean allows(Status status, CaseAction action) {
		return ALLOWED.get(status).contains(action);
	}

	/**
	 * Where an allowed action leads.
	 * @param from the current status
	 * @param action an action {@link #allows(Status, CaseAction) allowed} there
	 * @param positive the step's yes/no: valid for {@code validate}, customer satisfied
	 * for {@code close}; ignored otherwise
	 */
	static Status next(Status from, CaseAction action, boolean positive) {
		if (!allows(from, action)) {
			throw new IllegalStateException(action + " from " + from);
		}
		return switch (action) {
			case VALIDATE -> positive ? Status.VALIDATED : Status.INVALID;
			case ASSIGN -> (from == Status.VALIDATED) ? Status.ASSIGNED : from;
			case ROOT_CAUSE -> (from == Status.ASSIGNED || from == Status.REOPENED) ? Status.ROOT_CAUSE_FOUND : from;
			case PROPOSE -> Status.PROPOSED;
			case APPROVE -> Status.APPROVED;
			case SEND_BACK -> Status.ROOT_CAUSE_FOUND;
			case IMPLEMENT -> Status.IMPLEMENTED;
			case CLOSE -> positive ? Status.CLOSED : ((from == Status.INVALID) ? Status.REGISTERED : Status.REOPENED);
		};
	}

	/**
	 * Every status with its allowed actions (for the README table and the page legend).
	 */
	static Map<Status, Set<CaseAction>> table() {
		return Collections.unmodifiableMap(ALLOWED);
	}

}

package io.loopcrm.complaint.internal;

import java.util.Arrays;
import java.util.Optional;

import io.loopcrm.platform.Role;

/**
 * A step somebody takes on a case, by its name in the API ({@code POST
 * /api/v1/complaints/{id}/actions/{slug}}) and the lowest role that may take it. Who else
 * may not (four-eyes, the compensation limit, assigning others) is decided by
 * {@link ComplaintService}.
 */
public enum CaseAction {

	VALIDATE("validate", Role.AGENT), ASSIGN("assign", Role.AGENT), ROOT_CAUSE("root-cause", Role.AGENT),
	PROPOSE("propose", Role.AGENT), APPROVE("approve", Role.MANAGER), SEND_BACK("send-back", Role.MANAGER),
	IMPLEMENT("implement", Role.AGENT), CLOSE("close", Role.AGENT);

	private final String slug;

	private final Role role;

	CaseAction(String slug, Role role) {
		this.slug = slug;
		this.role = role;
	}

	public String slug() {
		return this.slug;
	}

	public Role role() {
		return this.role;
	}

	static Optional<CaseAction> ofSlug(String slug) {
		return Arrays.stream(values()).filter((a) -> a.slug.equals(slug)).findFirst();
	}

}

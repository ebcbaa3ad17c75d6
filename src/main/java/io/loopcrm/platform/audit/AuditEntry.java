package io.loopcrm.platform.audit;

import java.time.Instant;

/** One line of the audit log. */
record AuditEntry(long id, Instant occurredAt, String actor, String action, String subjectType, String subjectId,
		String detail) {
}

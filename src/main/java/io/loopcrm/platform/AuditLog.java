package io.loopcrm.platform;

/**
 * The audit log: who did what to which record, kept for administrators. Every module
 * records exports, merges, deletions and changes to users and settings here.
 */
public interface AuditLog {

	/**
	 * Records an action by the current user (or {@code system}) in the caller's
	 * transaction, so the entry exists exactly when the action does.
	 * @param action what happened, e.g. {@code user.created}
	 * @param subjectType the kind of record, e.g. {@code user}
	 * @param subjectId the record's id
	 * @param detail a short human-readable detail (no secrets)
	 */
	void record(String action, String subjectType, String subjectId, String detail);

}

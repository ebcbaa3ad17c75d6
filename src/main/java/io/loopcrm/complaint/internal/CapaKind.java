package io.loopcrm.complaint.internal;

/** Corrective (removes the cause of complaints that happened) or preventive. */
public enum CapaKind {

	CORRECTIVE, PREVENTIVE

}

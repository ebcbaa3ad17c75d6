package io.loopcrm.complaint.internal;

/** How serious a complaint is; it sets the resolution target. */
public enum Severity {

	LOW, MEDIUM, HIGH, CRITICAL

}

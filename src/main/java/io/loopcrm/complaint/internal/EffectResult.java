package io.loopcrm.complaint.internal;

/** The outcome of a CAPA item's effect check. */
public enum EffectResult {

	EFFECTIVE, NOT_EFFECTIVE

}

package io.loopcrm.survey.internal;

/** Whether an action of an improvement plan is still to do. */
public enum ActionStatus {

	OPEN, DONE

}

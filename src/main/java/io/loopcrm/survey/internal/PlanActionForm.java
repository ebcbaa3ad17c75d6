package io.loopcrm.survey.internal;

import lombok.Data;

/** The inline form that adds an action to a plan. */
@Data
class PlanActionForm {

	private String description;

	private String owner;

	private String resources;

	private String milestone;

	private String dueDate;

	ImprovementPlans.ActionInput input() {
		return new ImprovementPlans.ActionInput(null, this.description, this.owner, this.resources, this.milestone,
				this.dueDate, null);
	}

}

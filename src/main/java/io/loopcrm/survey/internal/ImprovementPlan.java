package io.loopcrm.survey.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * An improvement plan (改進措施) as pages and the API show it.
 *
 * @param id id
 * @param issue the issue the surveys showed
 * @param metric the figure that should move
 * @param dimension the rated dimension when the metric is {@link PlanMetric#RATING}
 * @param surveyId the survey whose answers count, {@code null} for all surveys
 * @param surveyName that survey's name
 * @param owner username of who answers for the plan
 * @param startDate the day the plan took effect: the effect compares before with after
 * @param status where it stands
 * @param createdAt when it was written down
 * @param createdBy by whom
 * @param updatedAt when it last changed (its actions included)
 * @param updatedBy by whom
 * @param version optimistic-lock version, sent back with a change
 * @param actions its actions by due date
 * @param overdueActions open actions past their due date (none once the plan is closed)
 */
public record ImprovementPlan(long id, String issue, PlanMetric metric, String dimension, Long surveyId,
		String surveyName, String owner, LocalDate startDate, PlanStatus status, Instant createdAt, String createdBy,
		Instant updatedAt, String updatedBy, long version, List<Action> actions, int overdueActions) {

	/** Actions still to do. */
	public long openActions() {
		return this.actions.stream().filter((a) -> a.status() == ActionStatus.OPEN).count();
	}

	/**
	 * An action of a plan.
	 *
	 * @param id id
	 * @param description what is done
	 * @param owner username of who does it
	 * @param resources people, budget, tools it needs
	 * @param milestone what shows it is done
	 * @param dueDate by when
	 * @param status open or done
	 * @param doneAt when it was marked done
	 * @param doneBy by whom
	 * @param overdue open, past its due date and the plan still open
	 */
	public record Action(long id, String description, String owner, String resources, String milestone,
			LocalDate dueDate, ActionStatus status, Instant doneAt, String doneBy, boolean overdue) {
	}

}

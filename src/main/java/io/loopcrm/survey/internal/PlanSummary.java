package io.loopcrm.survey.internal;

import java.time.LocalDate;

/**
 * A line of the plan list, and what {@link ImprovementPlans#active()} gives the
 * satisfaction dashboard.
 *
 * @param id id
 * @param issue the issue
 * @param metric the figure that should move
 * @param dimension the rated dimension of a {@link PlanMetric#RATING} plan
 * @param surveyId the survey, {@code null} for all
 * @param surveyName its name
 * @param owner username of the owner
 * @param startDate when it took effect
 * @param status where it stands
 * @param actions how many actions it has
 * @param openActions how many are still to do
 * @param overdueActions how many of those are past their due date
 */
public record PlanSummary(long id, String issue, PlanMetric metric, String dimension, Long surveyId, String surveyName,
		String owner, LocalDate startDate, PlanStatus status, int actions, int openActions, int overdueActions) {
}

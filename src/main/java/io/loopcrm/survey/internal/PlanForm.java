package io.loopcrm.survey.internal;

import lombok.Data;

/**
 * The plan form. {@code metric} is one choice for the metric and, for a mean rating, its
 * dimension: {@code NPS}, {@code CSAT}, {@code CES} or {@code RATING:<dimension>}.
 */
@Data
class PlanForm {

	private String issue;

	private String metric;

	private Long surveyId;

	private String owner;

	private String startDate;

	private String status;

	private Long version;

	ImprovementPlans.PlanInput input() {
		String metricName = this.metric;
		String dimension = null;
		if (this.metric != null && this.metric.startsWith(PlanMetric.RATING.name() + ":")) {
			metricName = PlanMetric.RATING.name();
			dimension = this.metric.substring(PlanMetric.RATING.name().length() + 1);
		}
		return new ImprovementPlans.PlanInput(this.issue, metricName, dimension, this.surveyId, this.owner,
				this.startDate, this.status, null, this.version);
	}

	static PlanForm of(ImprovementPlan plan) {
		PlanForm form = new PlanForm();
		form.issue = plan.issue();
		form.metric = (plan.metric() == PlanMetric.RATING) ? PlanMetric.RATING.name() + ":" + plan.dimension()
				: plan.metric().name();
		form.surveyId = plan.surveyId();
		form.owner = plan.owner();
		form.startDate = plan.startDate().toString();
		form.status = plan.status().name();
		form.version = plan.version();
		return form;
	}

}

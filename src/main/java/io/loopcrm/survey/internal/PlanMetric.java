package io.loopcrm.survey.internal;

/**
 * The satisfaction figure an improvement plan should move: the NPS, the CSAT, the CES or
 * the mean rating (1–5) of one dimension. Higher is better for all four (the CES question
 * asks how easy it was).
 */
public enum PlanMetric {

	NPS, CSAT, CES, RATING

}

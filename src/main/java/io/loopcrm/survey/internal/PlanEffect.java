package io.loopcrm.survey.internal;

import java.time.Instant;

/**
 * The effect of an improvement plan: its metric over equal windows before and after the
 * plan's start, each with the number of answers, the score and its 95 % interval, and
 * whether the difference is beyond chance (two-sided, 5 %).
 *
 * @param metric the metric compared
 * @param dimension the rated dimension of a {@link PlanMetric#RATING} plan
 * @param days the window asked for, in days
 * @param before the window before the start
 * @param after the window from the start, clipped at now
 * @param significant whether the two differ beyond chance
 * @param outcome what that means in plain words
 */
public record PlanEffect(PlanMetric metric, String dimension, int days, Window before, Window after,
		boolean significant, Outcome outcome) {

	/** The fewest answers in each window for a comparison. */
	public static final int MIN_ANSWERS = 10;

	/** After minus before, {@code null} when either has no score. */
	public Double change() {
		return (this.before.score() != null && this.after.score() != null) ? this.after.score() - this.before.score()
				: null;
	}

	/**
	 * One window.
	 *
	 * @param from first instant counted
	 * @param to first instant not counted
	 * @param n answers to the metric's question in it
	 * @param score the score (NPS −100…100, CSAT %, CES mean 1–7, mean rating 1–5),
	 * {@code null} without answers
	 * @param low lower end of the 95 % interval, {@code null} when there is none
	 * @param high upper end
	 */
	public record Window(Instant from, Instant to, long n, Double score, Double low, Double high) {
	}

	/** The verdict. */
	public enum Outcome {

		/** Better after, beyond chance. */
		IMPROVED,
		/** Worse after, beyond chance. */
		WORSENED,
		/** A difference chance explains. */
		NO_CHANGE,
		/** Fewer than {@link PlanEffect#MIN_ANSWERS} answers in a window. */
		NOT_ENOUGH_ANSWERS,
		/** The plan starts in the future: there is no "after" yet. */
		NOT_STARTED

	}

}

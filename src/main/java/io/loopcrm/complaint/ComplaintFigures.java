package io.loopcrm.complaint;

import java.time.YearMonth;

/**
 * Complaint figures for other modules (the manager home, reports, loyalty): volume, rate
 * per 1,000 orders, SLA compliance and share of invalid complaints over a period, and a
 * customer's open cases.
 */
public interface ComplaintFigures {

	/**
	 * Figures over the cases registered in these calendar months (in the configured
	 * zone).
	 * @param from first month
	 * @param to last month (inclusive)
	 * @return the figures
	 */
	Summary summary(YearMonth from, YearMonth to);

	/** How many of the customer's cases are not closed. */
	long openCases(long customerId);

	/**
	 * @param cases cases registered in the period
	 * @param orders orders in the period that count as purchases
	 * @param ratePer1000Orders {@code cases × 1000 / orders}, {@code null} without orders
	 * @param slaCompliance share of decided cases closed by their due time ({@code null}
	 * when none is decided yet): decided = closed, or open and past due
	 * @param invalidShare share of invalid among the cases whose validity was decided
	 * ({@code null} when none was)
	 * @param open cases of the period not closed
	 * @param overdue open cases past their due time
	 */
	record Summary(long cases, long orders, Double ratePer1000Orders, Double slaCompliance, Double invalidShare,
			long open, long overdue) {
	}

}

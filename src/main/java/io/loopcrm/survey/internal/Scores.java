package io.loopcrm.survey.internal;

/**
 * The satisfaction scores and their 95 % confidence intervals, exactly as the dashboard
 * documents them.
 * <ul>
 * <li>NPS = % promoters (9–10) − % detractors (0–6), −100…100. Its interval is NPS ±
 * 1.96·100·√((p + d − (p − d)²) / n), the variance of the mean of a score that is +1 for
 * a promoter, 0 for a passive and −1 for a detractor, clipped to −100…100.</li>
 * <li>CSAT = % of answers 4 or 5, with the Wilson score interval.</li>
 * <li>CES = the mean answer (1–7), with the normal interval mean ± 1.96·s/√n (s the
 * sample standard deviation; no interval for one answer).</li>
 * </ul>
 * Empty groups have no score ({@code null}), never 0.
 */
public final class Scores {

	/** The two-sided 95 % normal quantile. */
	public static final double Z95 = 1.959963984540054;

	private Scores() {
	}

	/** NPS from counts, {@code null} when there are none. */
	public static Double nps(long promoters, long passives, long detractors) {
		long n = promoters + passives + detractors;
		if (n == 0) {
			return null;
		}
		return 100.0 * (promoters - detractors) / n;
	}

	/** The 95 % interval of the NPS, {@code null} when there are no answers. */
	public static double[] npsInterval(long promoters, long passives, long detractors) {
		long n = promoters + passives + detractors;
		if (n == 0) {
			return null;
		}
		double p = (double) promoters / n;
		double d = (double) detractors / n;
		double variance = Math.max(0, p + d - (p - d) * (p - d));
		double half = Z95 * Math.sqrt(variance / n);
		double nps = p - d;
		return new double[] { 100 * Math.max(-1, nps - half), 100 * Math.min(1, nps + half) };
	}

	/** CSAT (% satisfied), {@code null} when there are no answers. */
	public static Double csat(long satisfied, long n) {
		return (n == 0) ? null : 100.0 * satisfied / n;
	}

	/** The Wilson 95 % interval of the CSAT in percent, {@code null} without answers. */
	public static double[] csatInterval(long satisfied, long n) {
		if (n == 0) {
			return null;
		}
		double p = (double) satisfied / n;
		double z2 = Z95 * Z95;
		double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
		double half = Z95 / (1 + z2 / n) * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
		return new double[] { 100 * Math.max(0, centre - half), 100 * Math.min(1, centre + half) };
	}

	/** CES (the mean), {@code null} without answers. */
	public static Double ces(double sum, long n) {
		return (n == 0) ? null : sum / n;
	}

	/**
	 * The 95 % interval of the CES from the sum and sum of squares, {@code null} with
	 * fewer than two answers.
	 */
	public static double[] cesInterval(double sum, double sumOfSquares, long n) {
		if (n < 2) {
			return null;
		}
		double mean = sum / n;
		double variance = Math.max(0, (sumOfSquares - n * mean * mean) / (n - 1));
		double half = Z95 * Math.sqrt(variance / n);
		return new double[] { mean - half, mean + half };
	}

	/** Promoter, passive or detractor for a 0–10 answer. */
	public static NpsGroup npsGroup(int score) {
		if (score < 0 || score > 10) {
			throw new IllegalArgumentException("NPS answer out of range: " + score);
		}
		return (score >= 9) ? NpsGroup.PROMOTER : (score >= 7) ? NpsGroup.PASSIVE : NpsGroup.DETRACTOR;
	}

	/**
	 * Whether two periods' NPS differ beyond chance: the difference of the two NPS values
	 * against its standard error (the two variances added), two-sided at 5 %.
	 */
	public static boolean npsDiffers(long p1, long q1, long d1, long p2, long q2, long d2) {
		long n1 = p1 + q1 + d1;
		long n2 = p2 + q2 + d2;
		if (n1 < 2 || n2 < 2) {
			return false;
		}
		double a = (double) (p1 - d1) / n1;
		double b = (double) (p2 - d2) / n2;
		double v1 = (((double) p1 + d1) / n1 - a * a) / n1;
		double v2 = (((double) p2 + d2) / n2 - b * b) / n2;
		double se = Math.sqrt(v1 + v2);
		return se > 0 && Math.abs(a - b) / se > Z95;
	}

	/**
	 * Whether two proportions (CSAT) differ beyond chance: the pooled two-proportion
	 * z-test, two-sided at 5 %.
	 */
	public static boolean proportionsDiffer(long x1, long n1, long x2, long n2) {
		if (n1 == 0 || n2 == 0) {
			return false;
		}
		double p1 = (double) x1 / n1;
		double p2 = (double) x2 / n2;
		double pooled = (double) (x1 + x2) / (n1 + n2);
		double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));
		return se > 0 && Math.abs(p1 - p2) / se > Z95;
	}

	/**
	 * Whether two means (CES) differ beyond chance: Welch's z on the two standard errors,
	 * two-sided at 5 %.
	 */
	public static boolean meansDiffer(double sum1, double squares1, long n1, double sum2, double squares2, long n2) {
		if (n1 < 2 || n2 < 2) {
			return false;
		}
		double m1 = sum1 / n1;
		double m2 = sum2 / n2;
		double v1 = Math.max(0, (squares1 - n1 * m1 * m1) / (n1 - 1)) / n1;
		double v2 = Math.max(0, (squares2 - n2 * m2 * m2) / (n2 - 1)) / n2;
		double se = Math.sqrt(v1 + v2);
		return se > 0 && Math.abs(m1 - m2) / se > Z95;
	}

	/** The three NPS groups. */
	public enum NpsGroup {

		PROMOTER, PASSIVE, DETRACTOR

	}

}

package io.loopcrm.commerce.internal;

import java.util.Arrays;

/**
 * Descriptive statistics of a small sample (the months of a period), defined to match
 * what PostgreSQL computes for the per-order figures: the standard deviation is the
 * sample standard deviation (divisor n − 1, like {@code stddev_samp}), percentiles
 * interpolate linearly between the closest ranks (Hyndman and Fan's type 7, like
 * {@code percentile_cont} and R's default): for p in [0, 1] the position is h = (n − 1)·p
 * in the sorted values x[0..n−1], and the percentile is x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] −
 * x[⌊h⌋]). The median is the 50th percentile.
 *
 * @param n number of values
 * @param mean arithmetic mean (NaN when n = 0)
 * @param median 50th percentile
 * @param sd sample standard deviation (NaN when n &lt; 2)
 * @param p10 10th percentile
 * @param p90 90th percentile
 */
public record BuyingStatistics(int n, double mean, double median, double sd, double p10, double p90) {

	public static BuyingStatistics of(double[] values) {
		int n = values.length;
		if (n == 0) {
			return new BuyingStatistics(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
		}
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		double sum = 0;
		for (double value : sorted) {
			sum += value;
		}
		double mean = sum / n;
		double sd = Double.NaN;
		if (n > 1) {
			double squares = 0;
			for (double value : sorted) {
				squares += (value - mean) * (value - mean);
			}
			sd = Math.sqrt(squares / (n - 1));
		}
		return new BuyingStatistics(n, mean, percentile(sorted, 0.5), sd, percentile(sorted, 0.1),
				percentile(sorted, 0.9));
	}

	/** Type-7 percentile of sorted values, p in [0, 1]. */
	static double percentile(double[] sorted, double p) {
		double h = (sorted.length - 1) * p;
		int lower = (int) Math.floor(h);
		int upper = Math.min(lower + 1, sorted.length - 1);
		return sorted[lower] + (h - lower) * (sorted[upper] - sorted[lower]);
	}

}

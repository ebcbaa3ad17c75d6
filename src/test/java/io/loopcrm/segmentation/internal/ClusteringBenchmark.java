package io.loopcrm.segmentation.internal;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * k-means on {@code bench.rows} generated customer feature rows in memory (default
 * 1,000,000; the eleven features the cluster run uses: recency, frequency, spend, average
 * order value, tenure and six category shares), drawn around five planted customer types
 * with a fixed seed. Times standardising, the suggestion with the silhouette (k = 2..8)
 * plus the fit (the defaults: Hipparchus on a 100,000-row sample, best of three starts),
 * a given k, and, for comparison, Hipparchus' clusterer on every row without sampling
 * (one and three starts). Run with {@code bench/clusters/run.sh}.
 */
@Tag("bench")
class ClusteringBenchmark {

	@Test
	void kMeansOnGeneratedFeatures() {
		int rows = Integer.getInteger("bench.rows", 1_000_000);
		int givenK = Integer.getInteger("bench.k", 5);
		boolean unsampled = Boolean.parseBoolean(System.getProperty("bench.unsampled", "true"));
		System.out.printf("%,d feature rows, %d features, %d processors, max heap %,d MB%n", rows, 11,
				Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
		int[] type = new int[rows];
		double[][] features = generate(rows, type, 42);
		long start = System.nanoTime();
		FeatureScaling.standardise(features, CustomerFeatures.log(6));
		System.out.printf("%-58s %7.2f s%n", "standardise (log + z-score)", seconds(start));

		start = System.nanoTime();
		var suggested = KMeansClustering.cluster(features, null, KMeansClustering.Options.defaults());
		System.out.printf("%-58s %7.2f s%n", "suggest k by silhouette (2..8) + fit + assign all", seconds(start));
		System.out.printf(
				"  suggested k = %d, silhouette %.3f, per k %s, sizes %s, fitted on %,d, silhouette sample %,d%n",
				suggested.k(), suggested.silhouette(), suggested.silhouettes(), Arrays.toString(suggested.sizes()),
				suggested.fitted(), suggested.sampled());
		System.out.printf("  silhouette per k %.2f s, fit + assign %.2f s%n", suggested.curveSeconds(),
				suggested.fitSeconds());
		System.out.printf("  planted types recovered: %.1f %%%n",
				100 * purity(suggested.labels(), type, suggested.k()));

		start = System.nanoTime();
		var given = KMeansClustering.cluster(features, givenK, KMeansClustering.Options.defaults());
		System.out.printf("%-58s %7.2f s%n", "k = " + givenK + " given (silhouette curve + fit + assign all)",
				seconds(start));
		System.out.printf("  silhouette %.3f, sizes %s; silhouette per k %.2f s, fit + assign %.2f s%n",
				given.silhouette(), Arrays.toString(given.sizes()), given.curveSeconds(), given.fitSeconds());

		if (unsampled) {
			// the same k as suggested, Hipparchus on every row: one start, then three
			var options = KMeansClustering.Options.defaults();
			for (int starts : new int[] { 1, 3 }) {
				var all = new KMeansClustering.Options(options.kMin(), options.kMax(), options.silhouetteSample(),
						Integer.MAX_VALUE, options.maxIterations(), starts, options.seed());
				start = System.nanoTime();
				var direct = KMeansClustering.cluster(features, suggested.k(), all);
				System.out.printf("%-58s %7.2f s%n", "k = " + suggested.k() + ", Hipparchus on every row, " + starts
						+ " start(s), <= " + options.maxIterations() + " iterations", seconds(start));
				System.out.printf("  silhouette %.3f, sizes %s; silhouette per k %.2f s, fit + assign %.2f s%n",
						direct.silhouette(), Arrays.toString(direct.sizes()), direct.curveSeconds(),
						direct.fitSeconds());
			}
		}
	}

	static double seconds(long start) {
		return (System.nanoTime() - start) / 1e9;
	}

	/** Share of rows whose cluster's most common planted type is their own. */
	static double purity(int[] labels, int[] type, int k) {
		long[][] counts = new long[k][5];
		for (int i = 0; i < labels.length; i++) {
			counts[labels[i]][type[i]]++;
		}
		long right = 0;
		for (long[] row : counts) {
			right += Arrays.stream(row).max().orElse(0);
		}
		return right / (double) labels.length;
	}

	/**
	 * Rows of recency (days), frequency (orders), spend, average order value, tenure
	 * (days) and six category shares, around five customer types: frequent small baskets
	 * mostly in category 1, rare big baskets mostly in category 4, lapsed one-timers, new
	 * customers, loyal mixed buyers.
	 */
	static double[][] generate(int rows, int[] type, long seed) {
		Random random = new Random(seed);
		double[][] features = new double[rows][];
		// recency mean, orders mean, order value median, tenure mean, favourite category
		double[][] types = { { 20, 14, 40, 600, 0 }, { 120, 2.5, 900, 500, 3 }, { 500, 1.2, 120, 650, 2 },
				{ 15, 1.5, 150, 30, 1 }, { 45, 7, 200, 700, -1 } };
		for (int i = 0; i < rows; i++) {
			int t = random.nextInt(5);
			type[i] = t;
			double[] p = types[t];
			double tenure = (t == 3) ? random.nextInt(60) : Math.max(30, p[3] + 150 * random.nextGaussian());
			double recency = Math.min(tenure, -p[0] * Math.log(1 - random.nextDouble()));
			double frequency = 1 + Math.floor(-(p[1] - 1) * Math.log(1 - random.nextDouble()));
			double value = p[2] * Math.exp(0.4 * random.nextGaussian());
			double[] row = new double[11];
			row[0] = Math.floor(recency);
			row[1] = frequency;
			row[2] = Math.round(frequency * value * 100) / 100.0;
			row[3] = row[2] / frequency;
			row[4] = Math.floor(tenure);
			double[] shares = new double[6];
			double sum = 0;
			for (int c = 0; c < 6; c++) {
				shares[c] = -Math.log(1 - random.nextDouble()) * ((c == p[4]) ? 8 : 1);
				sum += shares[c];
			}
			for (int c = 0; c < 6; c++) {
				row[5 + c] = shares[c] / sum;
			}
			features[i] = row;
		}
		return features;
	}

}

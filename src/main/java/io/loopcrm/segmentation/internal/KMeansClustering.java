package io.loopcrm.segmentation.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.IntStream;

import org.hipparchus.clustering.CentroidCluster;
import org.hipparchus.clustering.Clusterable;
import org.hipparchus.clustering.KMeansPlusPlusClusterer;
import org.hipparchus.clustering.MultiKMeansPlusPlusClusterer;
import org.hipparchus.clustering.distance.EuclideanDistance;
import org.hipparchus.random.RandomGenerator;
import org.hipparchus.random.Well19937c;

/**
 * k-means++ (Arthur and Vassilvitskii 2007) on points that are already standardised, with
 * the silhouette (Rousseeuw 1987) to suggest k. A pure function of the points and the
 * options, deterministic for a seed.
 * <ul>
 * <li><b>Silhouette per k</b>: on a random sample of at most
 * {@link Options#silhouetteSample()} points, each k from {@link Options#kMin()} to
 * {@link Options#kMax()} clusters the sample with Hipparchus'
 * {@link KMeansPlusPlusClusterer} (best of {@link Options#trials()} starts by the sum of
 * cluster variances) and scores it with the mean silhouette {@code s(i) = (b − a) /
 * max(a, b)}, a = mean distance to the other members of its cluster, b = the smallest
 * mean distance to another cluster ({@code s = 0} for a point alone in its cluster). The
 * suggested k has the highest mean silhouette (the smaller k on a tie).</li>
 * <li><b>Fit</b>: the chosen k on all points, or, with more than
 * {@link Options#fitSample()} points, on a random sample of that many (the centroids of a
 * large random sample are those of the whole within sampling error); every point then
 * goes to its nearest centroid and each centroid becomes the mean of its members.</li>
 * <li>Clusters are numbered by size, largest first; the run's silhouette is that of the
 * final assignment on the silhouette sample.</li>
 * </ul>
 */
final class KMeansClustering {

	private KMeansClustering() {
	}

	/**
	 * @param kMin smallest k tried for the suggestion
	 * @param kMax largest k tried for the suggestion (and allowed at all)
	 * @param silhouetteSample points the silhouettes are computed on
	 * @param fitSample above this many points the clusterer runs on a sample
	 * @param maxIterations Lloyd iterations per start at most
	 * @param trials k-means++ starts, the best is kept
	 * @param seed random seed
	 */
	record Options(int kMin, int kMax, int silhouetteSample, int fitSample, int maxIterations, int trials, long seed) {

		static Options defaults() {
			return new Options(2, 8, 5000, 100_000, 60, 3, 20260401L);
		}

	}

	/**
	 * A clustering.
	 *
	 * @param k clusters
	 * @param suggested whether k was suggested by the silhouette rather than given
	 * @param labels each point's cluster, 0 = largest
	 * @param centroids the clusters' centroids in the standardised space
	 * @param sizes points per cluster
	 * @param silhouette mean silhouette of this clustering on the sample
	 * @param silhouettes mean silhouette of the sample clustered with each k tried
	 * @param sampled points the silhouettes were computed on
	 * @param fitted points the clusterer ran on (the rest were assigned)
	 * @param curveSeconds time spent on the silhouette per k
	 * @param fitSeconds time spent fitting the chosen k and assigning every point
	 */
	record Outcome(int k, boolean suggested, int[] labels, double[][] centroids, long[] sizes, double silhouette,
			SortedMap<Integer, Double> silhouettes, int sampled, int fitted, double curveSeconds, double fitSeconds) {
	}

	/** Not enough different points for the number of clusters asked for. */
	static final class TooFewPoints extends IllegalArgumentException {

		private final int distinct;

		TooFewPoints(int distinct) {
			super("only " + distinct + " different points");
			this.distinct = distinct;
		}

		int distinct() {
			return this.distinct;
		}

	}

	/**
	 * Clusters the points.
	 * @param points standardised points, all of the same dimension
	 * @param k the number of clusters, or {@code null} to take the suggested one
	 * @param options options
	 * @return the clustering
	 * @throws TooFewPoints with fewer different points than k (or than 2 to suggest)
	 */
	static Outcome cluster(double[][] points, Integer k, Options options) {
		int distinct = distinct(points, Math.max(options.kMax(), (k != null) ? k : 0));
		int kMax = Math.min(options.kMax(), distinct);
		if ((k != null && k > distinct) || kMax < options.kMin()) {
			throw new TooFewPoints(distinct);
		}
		long started = System.nanoTime();
		RandomGenerator random = new Well19937c(options.seed());
		int[] sample = sample(points.length, options.silhouetteSample(), random);
		double[][] samplePoints = new double[sample.length][];
		for (int i = 0; i < sample.length; i++) {
			samplePoints[i] = points[sample[i]];
		}
		int sampleDistinct = distinct(samplePoints, kMax);
		List<Integer> ks = new ArrayList<>();
		List<int[]> labelings = new ArrayList<>();
		for (int c = options.kMin(); c <= Math.min(kMax, sampleDistinct); c++) {
			ks.add(c);
			labelings.add(labels(samplePoints, fit(samplePoints, c, options, random)));
		}
		double[] scores = silhouettes(samplePoints, labelings);
		SortedMap<Integer, Double> curve = new TreeMap<>();
		int best = -1;
		for (int i = 0; i < ks.size(); i++) {
			curve.put(ks.get(i), scores[i]);
			if (best < 0 || scores[i] > scores[best]) {
				best = i;
			}
		}
		int chosen = (k != null) ? k : (best >= 0 ? ks.get(best) : kMax);
		long curveDone = System.nanoTime();

		int[] fitIndexes = (points.length > options.fitSample()) ? sample(points.length, options.fitSample(), random)
				: null;
		double[][] fitPoints = points;
		if (fitIndexes != null) {
			fitPoints = new double[fitIndexes.length][];
			for (int i = 0; i < fitIndexes.length; i++) {
				fitPoints[i] = points[fitIndexes[i]];
			}
		}
		double[][] centroids = fit(fitPoints, chosen, options, random);
		int[] labels = labels(points, centroids);
		centroids = means(points, labels, centroids);
		long[] sizes = new long[chosen];
		for (int label : labels) {
			sizes[label]++;
		}
		// number by size, largest first (ties: keep the clusterer's order)
		Integer[] order = IntStream.range(0, chosen).boxed().toArray(Integer[]::new);
		Arrays.sort(order, (a, b) -> Long.compare(sizes[b], sizes[a]));
		int[] rank = new int[chosen];
		double[][] sortedCentroids = new double[chosen][];
		long[] sortedSizes = new long[chosen];
		for (int r = 0; r < chosen; r++) {
			rank[order[r]] = r;
			sortedCentroids[r] = centroids[order[r]];
			sortedSizes[r] = sizes[order[r]];
		}
		for (int i = 0; i < labels.length; i++) {
			labels[i] = rank[labels[i]];
		}
		int[] sampleLabels = new int[sample.length];
		for (int i = 0; i < sample.length; i++) {
			sampleLabels[i] = labels[sample[i]];
		}
		double silhouette = silhouettes(samplePoints, List.of(sampleLabels))[0];
		return new Outcome(chosen, k == null, labels, sortedCentroids, sortedSizes, silhouette,
				Collections.unmodifiableSortedMap(curve), sample.length, fitPoints.length, (curveDone - started) / 1e9,
				(System.nanoTime() - curveDone) / 1e9);
	}

	/** Centroids found by Hipparchus' k-means++ (best of the trials). */
	static double[][] fit(double[][] points, int k, Options options, RandomGenerator random) {
		List<Point> list = new ArrayList<>(points.length);
		for (double[] point : points) {
			list.add(new Point(point));
		}
		KMeansPlusPlusClusterer<Point> kmeans = new KMeansPlusPlusClusterer<>(k, options.maxIterations(),
				new EuclideanDistance(), random);
		List<CentroidCluster<Point>> clusters = (options.trials() > 1)
				? new MultiKMeansPlusPlusClusterer<>(kmeans, options.trials()).cluster(list) : kmeans.cluster(list);
		double[][] centroids = new double[clusters.size()][];
		for (int c = 0; c < centroids.length; c++) {
			centroids[c] = clusters.get(c).getCenter().getPoint().clone();
		}
		return centroids;
	}

	/**
	 * Each point's nearest centroid (squared Euclidean distance; lower index on ties).
	 */
	static int[] labels(double[][] points, double[][] centroids) {
		int[] labels = new int[points.length];
		IntStream.range(0, points.length).parallel().forEach((i) -> labels[i] = nearest(points[i], centroids));
		return labels;
	}

	static int nearest(double[] point, double[][] centroids) {
		int best = 0;
		double bestDistance = Double.MAX_VALUE;
		for (int c = 0; c < centroids.length; c++) {
			double d = squaredDistance(point, centroids[c]);
			if (d < bestDistance) {
				bestDistance = d;
				best = c;
			}
		}
		return best;
	}

	/** The mean of each cluster's members; an empty cluster keeps its centroid. */
	static double[][] means(double[][] points, int[] labels, double[][] centroids) {
		int dimension = centroids[0].length;
		double[][] sums = new double[centroids.length][dimension];
		long[] counts = new long[centroids.length];
		for (int i = 0; i < points.length; i++) {
			double[] sum = sums[labels[i]];
			double[] point = points[i];
			for (int d = 0; d < dimension; d++) {
				sum[d] += point[d];
			}
			counts[labels[i]]++;
		}
		double[][] means = new double[centroids.length][];
		for (int c = 0; c < centroids.length; c++) {
			if (counts[c] == 0) {
				means[c] = centroids[c].clone();
				continue;
			}
			means[c] = new double[dimension];
			for (int d = 0; d < dimension; d++) {
				means[c][d] = sums[c][d] / counts[c];
			}
		}
		return means;
	}

	/**
	 * Mean silhouette of each labelling of the same points, in one pass over the pairs
	 * (each distance is computed once for all labellings).
	 */
	static double[] silhouettes(double[][] points, List<int[]> labelings) {
		int n = points.length;
		int m = labelings.size();
		double[] result = new double[m];
		if (m == 0 || n < 2) {
			return result;
		}
		int[] clusters = new int[m];
		int[][] sizes = new int[m][];
		for (int l = 0; l < m; l++) {
			clusters[l] = Arrays.stream(labelings.get(l)).max().orElse(0) + 1;
			sizes[l] = new int[clusters[l]];
			for (int label : labelings.get(l)) {
				sizes[l][label]++;
			}
		}
		double[][] perPoint = new double[m][n];
		IntStream.range(0, n).parallel().forEach((i) -> {
			double[][] sums = new double[m][];
			for (int l = 0; l < m; l++) {
				sums[l] = new double[clusters[l]];
			}
			for (int j = 0; j < n; j++) {
				if (j == i) {
					continue;
				}
				double d = Math.sqrt(squaredDistance(points[i], points[j]));
				for (int l = 0; l < m; l++) {
					sums[l][labelings.get(l)[j]] += d;
				}
			}
			for (int l = 0; l < m; l++) {
				int own = labelings.get(l)[i];
				if (sizes[l][own] < 2) {
					continue;
				}
				double a = sums[l][own] / (sizes[l][own] - 1);
				double b = Double.MAX_VALUE;
				for (int c = 0; c < clusters[l]; c++) {
					if (c != own && sizes[l][c] > 0) {
						b = Math.min(b, sums[l][c] / sizes[l][c]);
					}
				}
				double max = Math.max(a, b);
				perPoint[l][i] = (b == Double.MAX_VALUE || max == 0) ? 0 : (b - a) / max;
			}
		});
		for (int l = 0; l < m; l++) {
			result[l] = Arrays.stream(perPoint[l]).sum() / n;
		}
		return result;
	}

	static double squaredDistance(double[] a, double[] b) {
		double sum = 0;
		for (int d = 0; d < a.length; d++) {
			double diff = a[d] - b[d];
			sum += diff * diff;
		}
		return sum;
	}

	/** Different points among the first ones, counting up to {@code enough}. */
	static int distinct(double[][] points, int enough) {
		Set<List<Double>> seen = new HashSet<>();
		for (double[] point : points) {
			List<Double> key = new ArrayList<>(point.length);
			for (double value : point) {
				key.add(value);
			}
			seen.add(key);
			if (seen.size() >= enough) {
				break;
			}
		}
		return seen.size();
	}

	/**
	 * {@code size} indexes out of {@code n} drawn without replacement (all of them, in
	 * order, when n is not larger), sorted.
	 */
	static int[] sample(int n, int size, RandomGenerator random) {
		if (n <= size) {
			return IntStream.range(0, n).toArray();
		}
		// partial Fisher-Yates over an index array
		int[] indexes = IntStream.range(0, n).toArray();
		for (int i = 0; i < size; i++) {
			int j = i + random.nextInt(n - i);
			int swap = indexes[i];
			indexes[i] = indexes[j];
			indexes[j] = swap;
		}
		int[] chosen = Arrays.copyOf(indexes, size);
		Arrays.sort(chosen);
		return chosen;
	}

	/** A point for Hipparchus. */
	record Point(double[] coordinates) implements Clusterable {

		@Override
		public double[] getPoint() {
			return this.coordinates;
		}

	}

}

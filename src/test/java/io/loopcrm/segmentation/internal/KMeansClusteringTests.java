package io.loopcrm.segmentation.internal;

import java.util.Arrays;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * k-means++ with the silhouette on generated points with planted clusters (fixed seeds).
 */
class KMeansClusteringTests {

	/** Three round blobs, sd 1, centres 8 apart in four dimensions. */
	static final double[][] CENTRES = { { 0, 0, 0, 0 }, { 8, 0, 0, 0 }, { 0, 8, 4, 0 } };

	@Test
	void findsThreePlantedBlobsAndSuggestsThree() {
		int[] blob = new int[900];
		double[][] points = blobs(CENTRES, new int[] { 500, 300, 100 }, blob, 1.0, 7);

		KMeansClustering.Outcome outcome = KMeansClustering.cluster(points, null, KMeansClustering.Options.defaults());

		assertThat(outcome.suggested()).isTrue();
		assertThat(outcome.k()).isEqualTo(3);
		assertThat(outcome.silhouettes().keySet()).containsExactly(2, 3, 4, 5, 6, 7, 8);
		double best = outcome.silhouettes().values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
		assertThat(outcome.silhouettes().get(3)).isEqualTo(best);
		assertThat(outcome.silhouette()).isGreaterThan(0.6);
		// every blob lands in exactly one cluster, each in another one; largest first
		for (int b = 0; b < 3; b++) {
			int bb = b;
			Set<Integer> labels = java.util.stream.IntStream.range(0, points.length)
				.filter((i) -> blob[i] == bb)
				.mapToObj((i) -> outcome.labels()[i])
				.collect(Collectors.toSet());
			assertThat(labels).as("clusters of blob %d", b).containsExactly(b);
		}
		assertThat(outcome.sizes()).containsExactly(500, 300, 100);
		// each centroid is the mean of its blob's points, near the planted centre
		int[] counts = { 500, 300, 100 };
		for (int b = 0; b < 3; b++) {
			for (int d = 0; d < 4; d++) {
				int bb = b;
				int dd = d;
				double mean = java.util.stream.IntStream.range(0, points.length)
					.filter((i) -> blob[i] == bb)
					.mapToDouble((i) -> points[i][dd])
					.average()
					.orElseThrow();
				assertThat(outcome.centroids()[b][d]).isCloseTo(mean, org.assertj.core.data.Offset.offset(1e-9));
				assertThat(mean).isCloseTo(CENTRES[b][d],
						org.assertj.core.data.Offset.offset(4 / Math.sqrt(counts[b])));
			}
		}
	}

	@Test
	void aGivenKIsUsedAndTheSameSeedGivesTheSameClusters() {
		int[] blob = new int[600];
		double[][] points = blobs(CENTRES, new int[] { 200, 200, 200 }, blob, 1.0, 11);
		var first = KMeansClustering.cluster(points, 5, KMeansClustering.Options.defaults());
		var second = KMeansClustering.cluster(points, 5, KMeansClustering.Options.defaults());
		assertThat(first.suggested()).isFalse();
		assertThat(first.k()).isEqualTo(5);
		assertThat(Arrays.stream(first.sizes()).sum()).isEqualTo(600);
		assertThat(first.labels()).isEqualTo(second.labels());
		// five clusters on three blobs fit worse than three
		assertThat(first.silhouette()).isLessThan(first.silhouettes().get(3));
	}

	@Test
	void aLargeSetIsFittedOnASampleAndEveryPointAssigned() {
		int[] blob = new int[30_000];
		// sd 0.7: no point strays more than 4 / 0.7 sd towards another blob
		double[][] points = blobs(CENTRES, new int[] { 15_000, 10_000, 5_000 }, blob, 0.7, 3);
		var options = new KMeansClustering.Options(2, 6, 1000, 5_000, 100, 2, 5);
		var outcome = KMeansClustering.cluster(points, null, options);
		assertThat(outcome.fitted()).isEqualTo(5_000);
		assertThat(outcome.sampled()).isEqualTo(1_000);
		assertThat(outcome.k()).isEqualTo(3);
		for (int i = 0; i < points.length; i++) {
			assertThat(outcome.labels()[i]).isEqualTo(blob[i]);
		}
	}

	@Test
	void refusesMoreClustersThanDifferentPoints() {
		double[][] same = new double[50][];
		for (int i = 0; i < same.length; i++) {
			same[i] = new double[] { i % 3, 1 };
		}
		assertThatThrownBy(() -> KMeansClustering.cluster(same, 4, KMeansClustering.Options.defaults()))
			.isInstanceOf(KMeansClustering.TooFewPoints.class)
			.satisfies((ex) -> assertThat(((KMeansClustering.TooFewPoints) ex).distinct()).isEqualTo(3));
		var three = KMeansClustering.cluster(same, null, KMeansClustering.Options.defaults());
		assertThat(three.silhouettes().keySet()).containsExactly(2, 3);
		assertThat(three.k()).isEqualTo(3);
	}

	/**
	 * Gaussian blobs around the centres; {@code blob[i]} says which one point i is from.
	 */
	static double[][] blobs(double[][] centres, int[] counts, int[] blob, double sd, long seed) {
		Random random = new Random(seed);
		int total = Arrays.stream(counts).sum();
		double[][] points = new double[total][];
		int i = 0;
		for (int b = 0; b < centres.length; b++) {
			for (int c = 0; c < counts[b]; c++, i++) {
				points[i] = new double[centres[b].length];
				for (int d = 0; d < points[i].length; d++) {
					points[i][d] = centres[b][d] + sd * random.nextGaussian();
				}
				blob[i] = b;
			}
		}
		// interleave so that no order effect helps
		for (int j = total - 1; j > 0; j--) {
			int k = random.nextInt(j + 1);
			double[] p = points[j];
			points[j] = points[k];
			points[k] = p;
			int t = blob[j];
			blob[j] = blob[k];
			blob[k] = t;
		}
		return points;
	}

}

package io.loopcrm.segmentation.internal;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** CART on generated rows with planted rules (fixed seeds). */
class DecisionTreeTests {

	@Test
	void recoversAPlantedRuleWithItsThresholds() {
		// ACTIVE exactly when frequency >= 5 and recency < 90; spend and channel are
		// noise
		DecisionTree.Rows rows = rows(4000, 0.0, 1);

		DecisionTree.Model model = DecisionTree.fit(rows, DecisionTree.Options.of(3));

		assertThat(model.trainRows()).isEqualTo(2800);
		assertThat(model.heldOutRows()).isEqualTo(1200);
		assertThat(model.heldOutAccuracy()).isEqualTo(1.0);
		assertThat(model.targetFound()).isEqualTo(1.0);
		List<DecisionTree.Rule> active = model.rules().stream().filter(DecisionTree.Rule::predictsTarget).toList();
		assertThat(active).hasSize(1);
		DecisionTree.Rule rule = active.get(0);
		assertThat(rule.clauses()).containsExactlyInAnyOrder(
				new DecisionTree.Clause("frequency", false, 5.0, null, null, List.of()),
				new DecisionTree.Clause("recency", false, null, 90.0, null, List.of()));
		assertThat(rule.targetShare()).isEqualTo(1.0);
		assertThat(rule.accuracy()).isEqualTo(1.0);
		assertThat(rule.support()).isEqualTo(model.trainTarget());
		// the other leaves say "not active" without exception; every training and
		// held-out row is in exactly one rule
		assertThat(model.rules().stream().mapToInt(DecisionTree.Rule::support).sum()).isEqualTo(2800);
		assertThat(model.rules().stream().mapToInt(DecisionTree.Rule::heldOut).sum()).isEqualTo(1200);
		assertThat(model.rules().stream().filter((r) -> !r.predictsTarget()))
			.allSatisfy((r) -> assertThat(r.targetRows()).isZero());
	}

	@Test
	void findsTheRuleThroughLabelNoiseAndBeatsTheBaseline() {
		// 10 % of the labels flipped at random
		DecisionTree.Rows rows = rows(6000, 0.10, 2);
		DecisionTree.Model model = DecisionTree.fit(rows, DecisionTree.Options.of(3));
		assertThat(model.heldOutAccuracy()).isBetween(0.85, 0.95);
		assertThat(model.heldOutAccuracy()).isGreaterThan(model.baselineAccuracy() + 0.05);
		DecisionTree.Rule active = model.rules().get(0);
		assertThat(active.predictsTarget()).isTrue();
		assertThat(active.clauses()).extracting(DecisionTree.Clause::feature)
			.containsExactlyInAnyOrder("frequency", "recency");
	}

	@Test
	void splitsOnACategoryAndHonoursDepthAndLeafSize() {
		// HIGH exactly for channel WEB with spend >= 1000
		Random random = new Random(3);
		int n = 3000;
		double[][] numeric = new double[n][];
		String[][] categorical = new String[n][];
		boolean[] target = new boolean[n];
		String[] channels = { "WEB", "STORE", "APP", null };
		for (int i = 0; i < n; i++) {
			double spend = random.nextInt(3000);
			String channel = channels[random.nextInt(4)];
			numeric[i] = new double[] { spend };
			categorical[i] = new String[] { channel };
			target[i] = "WEB".equals(channel) && spend >= 1000;
		}
		var rows = new DecisionTree.Rows(List.of("spend"), List.of("channel"), numeric, categorical, target);
		var model = DecisionTree.fit(rows, DecisionTree.Options.of(2));
		// the threshold lies between two spends seen in training, so a held-out spend
		// near 1,000 may fall on the wrong side
		assertThat(model.heldOutAccuracy()).isGreaterThan(0.99);
		var high = model.rules().get(0);
		assertThat(high.predictsTarget()).isTrue();
		assertThat(high.clauses()).hasSize(2)
			.contains(new DecisionTree.Clause("channel", true, null, null, "WEB", List.of()));
		var spend = high.clauses().stream().filter((c) -> c.feature().equals("spend")).findFirst().orElseThrow();
		// between the highest WEB spend under 1,000 and the lowest from 1,000 in training
		// (about 525 WEB rows over 3,000 values)
		assertThat(spend.atLeast()).isBetween(975.0, 1025.0);
		assertThat(spend.below()).isNull();

		// depth 1 allows one condition; a leaf size beyond the WEB rows forbids that
		// split
		var stump = DecisionTree.fit(rows, DecisionTree.Options.of(1));
		assertThat(stump.depth()).isLessThanOrEqualTo(1);
		assertThat(stump.rules()).allSatisfy((r) -> assertThat(r.clauses()).hasSizeLessThanOrEqualTo(1));
		var big = DecisionTree.fit(rows, new DecisionTree.Options(3, 1500, 0.7, 1));
		assertThat(big.rules()).allSatisfy((r) -> assertThat(r.support()).isGreaterThanOrEqualTo(1500));
	}

	@Test
	void thresholdsAreRoundNumbersBetweenNeighbours() {
		assertThat(DecisionTree.threshold(4, 5)).isEqualTo(5.0);
		assertThat(DecisionTree.threshold(3, 7)).isEqualTo(5.0);
		assertThat(DecisionTree.threshold(0.4412, 0.4523)).isEqualTo(0.45);
		assertThat(DecisionTree.threshold(0.12, 0.9)).isEqualTo(0.5);
		assertThat(DecisionTree.threshold(-1.5, -0.5)).isEqualTo(-1.0);
		assertThat(DecisionTree.threshold(99.5, 312.25)).isEqualTo(206.0);
	}

	/** Frequency 1..12, recency 0..399, spend, channel; ACTIVE = f >= 5 and r < 90. */
	static DecisionTree.Rows rows(int n, double noise, long seed) {
		Random random = new Random(seed);
		double[][] numeric = new double[n][];
		String[][] categorical = new String[n][];
		boolean[] target = new boolean[n];
		for (int i = 0; i < n; i++) {
			int frequency = 1 + random.nextInt(12);
			int recency = random.nextInt(400);
			double spend = Math.round(random.nextDouble() * 500000) / 100.0;
			numeric[i] = new double[] { recency, frequency, spend };
			categorical[i] = new String[] { random.nextBoolean() ? "STORE" : "WEB" };
			boolean active = frequency >= 5 && recency < 90;
			target[i] = (random.nextDouble() < noise) != active;
		}
		return new DecisionTree.Rows(List.of("recency", "frequency", "spend"), List.of("channel"), numeric, categorical,
				target);
	}

}

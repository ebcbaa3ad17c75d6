package io.loopcrm.commerce.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Frequent itemsets and rules on small baskets whose supports, confidences and lifts are
 * worked out by hand, and on a generated data set checked against a miner that enumerates
 * every itemset.
 */
class FpGrowthTests {

	static final int BREAD = 0;

	static final int MILK = 1;

	static final int DIAPER = 2;

	static final int BEER = 3;

	static final int COLA = 4;

	static final int EGGS = 5;

	/** The textbook five baskets (Tan, Steinbach &amp; Kumar). */
	static FpGrowth.Baskets textbook() {
		FpGrowth.Baskets baskets = new FpGrowth.Baskets();
		baskets.add(BREAD, MILK);
		baskets.add(BREAD, DIAPER, BEER, EGGS);
		baskets.add(MILK, DIAPER, BEER, COLA);
		baskets.add(BREAD, MILK, DIAPER, BEER);
		baskets.add(BREAD, MILK, DIAPER, COLA);
		return baskets;
	}

	@Test
	void rulesOfTheTextbookBasketsHaveTheHandComputedMetrics() {
		// minSupport 0.6 of 5 baskets = 3: bread, milk, diaper (4 each), beer (3); pairs
		// {bread,milk}, {bread,diaper}, {milk,diaper}, {diaper,beer} (3 each); no triple
		FpGrowth.Result result = new FpGrowth(0.6, 0.7).mine(textbook());
		assertThat(result.transactions()).isEqualTo(5);
		assertThat(result.minCount()).isEqualTo(3);
		assertThat(result.frequentItemsets()).isEqualTo(8);
		assertThat(result.rules()).extracting(FpGrowthTests::describe)
			.containsExactly("[3]=>[2]", "[2]=>[3]", "[0]=>[1]", "[0]=>[2]", "[1]=>[0]", "[1]=>[2]", "[2]=>[0]",
					"[2]=>[1]");
		FpGrowth.Rule beerDiaper = result.rules().get(0);
		assertThat(beerDiaper.support()).isEqualTo(3.0 / 5);
		assertThat(beerDiaper.confidence()).isEqualTo(1.0);
		assertThat(beerDiaper.lift()).isEqualTo(5.0 / 4); // 1 / (4/5)
		FpGrowth.Rule diaperBeer = result.rules().get(1);
		assertThat(diaperBeer.confidence()).isEqualTo(3.0 / 4);
		assertThat(diaperBeer.lift()).isEqualTo(5.0 / 4); // (3/4) / (3/5)
		FpGrowth.Rule breadMilk = result.rules().get(2);
		assertThat(breadMilk.support()).isEqualTo(3.0 / 5);
		assertThat(breadMilk.confidence()).isEqualTo(3.0 / 4);
		assertThat(breadMilk.lift()).isEqualTo(15.0 / 16); // (3/4) / (4/5)
		assertThat(new FpGrowth(0.6, 0.8).mine(textbook()).rules()).extracting(FpGrowthTests::describe)
			.containsExactly("[3]=>[2]");
	}

	@Test
	void maxLengthBoundsTheItemsOfARule() {
		// minSupport 0.4 = 2 baskets: the triples {bread,milk,diaper},
		// {bread,diaper,beer}
		// and {milk,diaper,beer} are frequent (2 each)
		List<String> pairsOnly = new FpGrowth(0.4, 0.9, 2, 1).mine(textbook())
			.rules()
			.stream()
			.map(FpGrowthTests::describe)
			.toList();
		assertThat(pairsOnly).containsExactly("[3]=>[2]", "[4]=>[1]", "[4]=>[2]");
		FpGrowth.Result upToThree = new FpGrowth(0.4, 0.9, 3, 1).mine(textbook());
		assertThat(upToThree.rules()).extracting(FpGrowthTests::describe)
			.containsExactly("[3]=>[2]", "[0, 3]=>[2]", "[1, 3]=>[2]", "[1, 4]=>[2]", "[2, 4]=>[1]", "[4]=>[1]",
					"[4]=>[2]");
		// {bread, beer} => {diaper}: 2 of the 2 baskets with bread and beer, diaper in 4
		// of 5
		FpGrowth.Rule rule = upToThree.rules().get(1);
		assertThat(rule.support()).isEqualTo(2.0 / 5);
		assertThat(rule.confidence()).isEqualTo(1.0);
		assertThat(rule.lift()).isEqualTo(5.0 / 4);
	}

	@Test
	void consequentsOfTwoItemsOnlyWhenAsked() {
		// {beer} => {bread, diaper}: 2 of 3 beer baskets; bread and diaper together in 3
		// of 5
		FpGrowth.Result one = new FpGrowth(0.4, 0.6, 3, 1).mine(textbook());
		FpGrowth.Result two = new FpGrowth(0.4, 0.6, 3, 2).mine(textbook());
		assertThat(one.rules()).extracting(FpGrowthTests::describe).doesNotContain("[3]=>[0, 2]");
		FpGrowth.Rule rule = two.rules()
			.stream()
			.filter((r) -> describe(r).equals("[3]=>[0, 2]"))
			.findFirst()
			.orElseThrow();
		assertThat(rule.count()).isEqualTo(2);
		assertThat(rule.confidence()).isEqualTo(2.0 / 3);
		assertThat(rule.lift()).isEqualTo(10.0 / 9); // (2/3) / (3/5)
		assertThat(two.rules()).allSatisfy((r) -> assertThat(r.consequent().length).isBetween(1, 2));
		assertThat(two.rules().size()).isGreaterThan(one.rules().size());
	}

	@Test
	void anItemAddedTwiceToABasketCountsOnce() {
		FpGrowth.Baskets baskets = new FpGrowth.Baskets();
		baskets.add(1, 1, 2, 1);
		baskets.add(1, 2);
		baskets.add(3);
		assertThat(baskets.basket(0)).containsExactly(1, 2);
		FpGrowth.Result result = new FpGrowth(0.5, 0.5).mine(baskets);
		// {1,2} in 2 of 3 baskets; item 1 in 2 baskets (not 4 lines)
		assertThat(result.rules()).extracting(FpGrowthTests::describe).containsExactly("[1]=>[2]", "[2]=>[1]");
		assertThat(result.rules().get(0).confidence()).isEqualTo(1.0);
		assertThat(result.rules().get(0).lift()).isEqualTo(3.0 / 2);
	}

	@Test
	void minimumCountIsExactInDecimal() {
		assertThat(FpGrowth.minCount(0.001, 3000)).isEqualTo(3);
		assertThat(FpGrowth.minCount(0.07, 100)).isEqualTo(7); // 0.07 * 100.0 =
																// 7.000000000000001
		assertThat((int) Math.ceil(0.07 * 100)).isEqualTo(8);
		assertThat(FpGrowth.minCount(0.001, 9835)).isEqualTo(10);
		assertThat(FpGrowth.minCount(0.5, 1)).isEqualTo(1);
		assertThat(FpGrowth.minCount(1e-9, 10)).isEqualTo(1);
		// 100 baskets: item 9 in exactly 7 is frequent at 0.07, item 8 in 6 is not
		FpGrowth.Baskets baskets = new FpGrowth.Baskets();
		for (int i = 0; i < 100; i++) {
			if (i < 7) {
				baskets.add(9, 10);
			}
			else if (i < 13) {
				baskets.add(8, 10);
			}
			else {
				baskets.add(10);
			}
		}
		FpGrowth.Result result = new FpGrowth(0.07, 0.0).mine(baskets);
		assertThat(result.rules()).extracting(FpGrowthTests::describe)
			.containsExactlyInAnyOrder("[9]=>[10]", "[10]=>[9]");
		assertThat(new FpGrowth(0.0700001, 0.0).mine(baskets).rules()).isEmpty();
	}

	@Test
	void refusesParametersOutOfRange() {
		assertThatIllegalArgumentException().isThrownBy(() -> new FpGrowth(0, 0.5));
		assertThatIllegalArgumentException().isThrownBy(() -> new FpGrowth(1.5, 0.5));
		assertThatIllegalArgumentException().isThrownBy(() -> new FpGrowth(0.1, -0.1));
		assertThatIllegalArgumentException().isThrownBy(() -> new FpGrowth(0.1, 0.5, 0, 1));
	}

	@Test
	void refusesToProduceMoreItemsetsOrRulesThanAllowed() {
		// support 0.2 (1 basket): 6 items, 12 pairs and more
		assertThatExceptionOfType(FpGrowth.TooManyResults.class)
			.isThrownBy(() -> new FpGrowth(0.2, 0, 10, 1, 20).mine(textbook()));
		// support 0.4, length 3: 5 items, 8 pairs, 4 triples; 8 × 2 + 4 × 6 rules of one
		// or
		// two consequent items at confidence 0: the 17 itemsets fit in 20, the 40 rules
		// not
		assertThat(new FpGrowth(0.4, 0, 3, 2, 40).mine(textbook()).rules()).hasSize(40);
		assertThatExceptionOfType(FpGrowth.TooManyResults.class)
			.isThrownBy(() -> new FpGrowth(0.4, 0, 3, 2, 20).mine(textbook()));
		assertThat(new FpGrowth(0.4, 0, 3, 2, 20).frequentItemsets(textbook()).size()).isEqualTo(17);
	}

	@Test
	void noBasketsNoRules() {
		FpGrowth.Result result = new FpGrowth(0.1, 0.1).mine(new FpGrowth.Baskets());
		assertThat(result.transactions()).isZero();
		assertThat(result.rules()).isEmpty();
	}

	@Test
	void generatedBasketsGiveExactlyTheRulesOfEnumeratingEveryItemset() {
		Random random = new Random(20261123);
		int items = 15;
		List<int[]> baskets = new ArrayList<>();
		for (int b = 0; b < 400; b++) {
			int size = 1 + random.nextInt(6);
			int[] basket = new int[size + 2];
			int length = 0;
			for (int i = 0; i < size; i++) {
				// skewed popularity, with repeats
				basket[length++] = (int) (items * Math.pow(random.nextDouble(), 1.6));
			}
			// affinities: 2 brings 5, 3 and 4 bring 11
			if (contains(basket, length, 2) && random.nextDouble() < 0.6) {
				basket[length++] = 5;
			}
			if (contains(basket, length, 3) && contains(basket, length, 4) && random.nextDouble() < 0.8) {
				basket[length++] = 11;
			}
			baskets.add(Arrays.copyOf(basket, length));
		}
		for (double[] p : new double[][] { { 0.01, 0.0, 10, 1 }, { 0.02, 0.3, 4, 2 }, { 0.005, 0.5, 10, 3 },
				{ 0.05, 0.1, 2, 1 }, { 0.0025, 0.8, 5, 4 } }) {
			FpGrowth miner = new FpGrowth(p[0], p[1], (int) p[2], (int) p[3]);
			FpGrowth.Baskets input = new FpGrowth.Baskets();
			baskets.forEach(input::add);
			List<String> expected = BruteForce.rules(baskets, items, p[0], p[1], (int) p[2], (int) p[3]);
			List<String> actual = miner.mine(input).rules().stream().map(BruteForce::describeFully).toList();
			assertThat(expected).as("brute-force rules at %s", Arrays.toString(p)).isNotEmpty();
			assertThat(actual).as("rules at %s", Arrays.toString(p)).containsExactlyElementsOf(expected);
		}
	}

	static boolean contains(int[] basket, int length, int item) {
		for (int i = 0; i < length; i++) {
			if (basket[i] == item) {
				return true;
			}
		}
		return false;
	}

	static String describe(FpGrowth.Rule rule) {
		return Arrays.toString(rule.antecedent()) + "=>" + Arrays.toString(rule.consequent());
	}

	/**
	 * Counts every one of the 2^items itemsets by scanning all baskets (as bit masks) and
	 * builds the rules from the definitions.
	 */
	static final class BruteForce {

		static List<String> rules(List<int[]> baskets, int items, double minSupport, double minConfidence,
				int maxLength, int maxConsequent) {
			int n = baskets.size();
			int[] masks = new int[n];
			for (int b = 0; b < n; b++) {
				for (int item : baskets.get(b)) {
					masks[b] |= 1 << item;
				}
			}
			int[] counts = new int[1 << items];
			for (int set = 1; set < counts.length; set++) {
				for (int mask : masks) {
					if ((mask & set) == set) {
						counts[set]++;
					}
				}
			}
			// frequent: count >= minSupport * n, checked with exact fractions
			List<FpGrowth.Rule> rules = new ArrayList<>();
			for (int set = 1; set < counts.length; set++) {
				int size = Integer.bitCount(set);
				if (size < 2 || size > maxLength || !isFrequent(counts[set], n, minSupport)) {
					continue;
				}
				for (int y = (set - 1) & set; y > 0; y = (y - 1) & set) {
					int x = set & ~y;
					if (x == 0 || Integer.bitCount(y) > maxConsequent) {
						continue;
					}
					if (java.math.BigDecimal.valueOf(counts[set])
						.compareTo(java.math.BigDecimal.valueOf(minConfidence)
							.multiply(java.math.BigDecimal.valueOf(counts[x]))) < 0) {
						continue;
					}
					rules.add(new FpGrowth.Rule(ids(x), ids(y), counts[set], counts[x], counts[y], n));
				}
			}
			rules.sort(FpGrowth.Rule.ORDER);
			return rules.stream().map(BruteForce::describeFully).toList();
		}

		static boolean isFrequent(int count, int n, double minSupport) {
			return java.math.BigDecimal.valueOf(count)
				.compareTo(java.math.BigDecimal.valueOf(minSupport).multiply(java.math.BigDecimal.valueOf(n))) >= 0;
		}

		static int[] ids(int set) {
			return java.util.stream.IntStream.range(0, 31).filter((i) -> (set & (1 << i)) != 0).toArray();
		}

		static String describeFully(FpGrowth.Rule rule) {
			return describe(rule) + " count=" + rule.count() + " x=" + rule.antecedentCount() + " y="
					+ rule.consequentCount() + " support=" + rule.support() + " confidence=" + rule.confidence()
					+ " lift=" + rule.lift();
		}

	}

}

package io.loopcrm.commerce.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The arules Groceries data set (src/test/resources/data/README.md): the rule counts R's
 * {@code apriori(Groceries, parameter = list(supp = 0.001, conf = 0.8))} (410 rules) and
 * {@code conf = 0.5} (5668 rules) report, the metrics of the top rule recounted from the
 * baskets, and every rule at support 0.01 against a depth-first miner that counts each
 * itemset directly.
 */
class GroceriesAssociationRulesTests {

	static List<String> names;

	static List<int[]> baskets;

	static FpGrowth.Baskets input;

	@BeforeAll
	static void load() throws IOException {
		Map<String, List<String>> orders = new LinkedHashMap<>();
		TreeSet<String> skus = new TreeSet<>();
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(
				GroceriesAssociationRulesTests.class.getResourceAsStream("/data/groceries-orders.csv"),
				StandardCharsets.UTF_8))) {
			reader.readLine();
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				String[] cells = line.split(",", -1);
				orders.computeIfAbsent(cells[1], (k) -> new ArrayList<>()).add(cells[3]);
				skus.add(cells[3]);
			}
		}
		names = new ArrayList<>(skus);
		baskets = new ArrayList<>();
		input = new FpGrowth.Baskets();
		for (List<String> order : orders.values()) {
			int[] basket = order.stream().mapToInt((sku) -> java.util.Collections.binarySearch(names, sku)).toArray();
			baskets.add(basket);
			input.add(basket);
		}
	}

	@Test
	void theDataSetIsArulesGroceries() {
		assertThat(baskets).hasSize(9835);
		assertThat(names).hasSize(169);
	}

	@Test
	void sameRuleCountsAsArulesApriori() {
		assertThat(new FpGrowth(0.001, 0.8).mine(input).rules()).hasSize(410);
		assertThat(new FpGrowth(0.001, 0.5).mine(input).rules()).hasSize(5668);
	}

	@Test
	void topRuleByLiftIsLiquorAndRedWineThenBottledBeer() {
		FpGrowth.Rule top = new FpGrowth(0.001, 0.8).mine(input).rules().get(0);
		assertThat(top.antecedent()).containsExactly(id("liquor"), id("red/blush wine"));
		assertThat(top.consequent()).containsExactly(id("bottled beer"));
		// recounted from the baskets
		int both = count("liquor", "red/blush wine");
		int all = count("liquor", "red/blush wine", "bottled beer");
		int beer = count("bottled beer");
		assertThat(both).isEqualTo(21);
		assertThat(all).isEqualTo(19);
		assertThat(beer).isEqualTo(792);
		assertThat(top.support()).isEqualTo(19.0 / 9835);
		assertThat(top.confidence()).isEqualTo(19.0 / 21);
		assertThat(top.lift()).isEqualTo((19.0 * 9835) / (21.0 * 792));
		assertThat(top.lift()).isCloseTo(11.2353, org.assertj.core.data.Offset.offset(0.0001));
	}

	@Test
	void everyRuleAtOnePercentSupportMatchesDirectCounting() {
		for (double[] p : new double[][] { { 0.01, 0.1, 10, 1 }, { 0.005, 0.3, 4, 2 } }) {
			List<String> expected = directRules(p[0], p[1], (int) p[2], (int) p[3]);
			List<String> actual = new FpGrowth(p[0], p[1], (int) p[2], (int) p[3]).mine(input)
				.rules()
				.stream()
				.map(FpGrowthTests.BruteForce::describeFully)
				.toList();
			assertThat(expected).isNotEmpty();
			assertThat(actual).as("rules at %s", Arrays.toString(p)).containsExactlyElementsOf(expected);
		}
	}

	/**
	 * Every itemset extended item by item, each counted by intersecting the baskets that
	 * hold its items (stopping only where the count is already below the minimum, which
	 * no superset can exceed); rules from the definitions.
	 */
	private static List<String> directRules(double minSupport, double minConfidence, int maxLength, int maxConsequent) {
		int n = baskets.size();
		BitSet[] holding = new BitSet[names.size()];
		for (int i = 0; i < holding.length; i++) {
			holding[i] = new BitSet(n);
		}
		for (int b = 0; b < n; b++) {
			for (int item : baskets.get(b)) {
				holding[item].set(b);
			}
		}
		Map<List<Integer>, Integer> counts = new java.util.HashMap<>();
		extend(new ArrayList<>(), null, holding, n, minSupport, maxLength, counts);
		List<FpGrowth.Rule> rules = new ArrayList<>();
		counts.forEach((set, count) -> {
			int m = set.size();
			if (m < 2) {
				return;
			}
			for (int mask = 1; mask < (1 << m) - 1; mask++) {
				if (Integer.bitCount(mask) > maxConsequent) {
					continue;
				}
				List<Integer> x = new ArrayList<>();
				List<Integer> y = new ArrayList<>();
				for (int i = 0; i < m; i++) {
					(((mask >> i) & 1) != 0 ? y : x).add(set.get(i));
				}
				int xCount = counts.get(x);
				if (java.math.BigDecimal.valueOf(count)
					.compareTo(java.math.BigDecimal.valueOf(minConfidence)
						.multiply(java.math.BigDecimal.valueOf(xCount))) < 0) {
					continue;
				}
				rules.add(new FpGrowth.Rule(x.stream().mapToInt(Integer::intValue).toArray(),
						y.stream().mapToInt(Integer::intValue).toArray(), count, xCount, counts.get(y), n));
			}
		});
		rules.sort(FpGrowth.Rule.ORDER);
		return rules.stream().map(FpGrowthTests.BruteForce::describeFully).toList();
	}

	private static void extend(List<Integer> set, BitSet baskets, BitSet[] holding, int n, double minSupport,
			int maxLength, Map<List<Integer>, Integer> counts) {
		int last = set.isEmpty() ? -1 : set.get(set.size() - 1);
		for (int item = last + 1; item < holding.length; item++) {
			BitSet with = (BitSet) holding[item].clone();
			if (baskets != null) {
				with.and(baskets);
			}
			int count = with.cardinality();
			if (!FpGrowthTests.BruteForce.isFrequent(count, n, minSupport)) {
				continue;
			}
			List<Integer> bigger = new ArrayList<>(set);
			bigger.add(item);
			counts.put(List.copyOf(bigger), count);
			if (bigger.size() < maxLength) {
				extend(bigger, with, holding, n, minSupport, maxLength, counts);
			}
		}
	}

	private static int id(String name) {
		return java.util.Collections.binarySearch(names, name);
	}

	private static int count(String... items) {
		int[] ids = Arrays.stream(items).mapToInt(GroceriesAssociationRulesTests::id).toArray();
		int count = 0;
		for (int[] basket : baskets) {
			if (Arrays.stream(ids).allMatch((i) -> Arrays.stream(basket).anyMatch((b) -> b == i))) {
				count++;
			}
		}
		return count;
	}

}

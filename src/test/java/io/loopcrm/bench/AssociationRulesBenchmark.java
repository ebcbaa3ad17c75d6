package io.loopcrm.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Arrays;
import java.util.SplittableRandom;

import io.loopcrm.commerce.internal.FpGrowth;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Association rules on {@code bench.baskets} generated baskets (default 1,000,000; fixed
 * seed): 5,000 products with Zipf popularity (exponent 1), 1–8 lines per basket, and 150
 * planted affinities (a product that brings a partner product into 40 % of its baskets,
 * 30 of them a third product as well). Mined at support 0.001 and confidence 0.5 (maximum
 * length 10, one-item consequents). Prints baskets, frequent itemsets, rules, mining time
 * and peak heap. Run with {@code bench/association-rules/run.sh}.
 */
@Tag("bench")
class AssociationRulesBenchmark {

	static final int PRODUCTS = 5_000;

	@Test
	void fpGrowthOnGeneratedBaskets() {
		int n = Integer.getInteger("bench.baskets", 1_000_000);
		double minSupport = Double.parseDouble(System.getProperty("bench.minSupport", "0.001"));
		double minConfidence = Double.parseDouble(System.getProperty("bench.minConfidence", "0.5"));
		long start = System.nanoTime();
		FpGrowth.Baskets baskets = generate(n, 20261123L);
		System.out.printf("generated %,d baskets in %.1f s%n", n, (System.nanoTime() - start) / 1e9);
		for (int run = 1; run <= 3; run++) {
			System.gc();
			resetPeaks();
			long used = heapUsed();
			long t0 = System.nanoTime();
			FpGrowth.Result result = new FpGrowth(minSupport, minConfidence).mine(baskets);
			double seconds = (System.nanoTime() - t0) / 1e9;
			System.out.printf(
					"run %d: %,d baskets, min count %,d, %,d frequent itemsets, %,d rules in %.2f s;"
							+ " peak heap %,d MB (baskets and everything else live before: %,d MB)%n",
					run, result.transactions(), result.minCount(), result.frequentItemsets(), result.rules().size(),
					seconds, peakHeap() >> 20, used >> 20);
			if (run == 1) {
				result.rules()
					.stream()
					.limit(5)
					.forEach((r) -> System.out.printf("  %s => %s support %.5f confidence %.3f lift %.2f%n",
							Arrays.toString(r.antecedent()), Arrays.toString(r.consequent()), r.support(),
							r.confidence(), r.lift()));
			}
		}
	}

	/** Deterministic baskets: Zipf popularity and planted affinities. */
	static FpGrowth.Baskets generate(int n, long seed) {
		SplittableRandom random = new SplittableRandom(seed);
		double[] cumulative = new double[PRODUCTS];
		double sum = 0;
		for (int i = 0; i < PRODUCTS; i++) {
			sum += 1.0 / (i + 1);
			cumulative[i] = sum;
		}
		for (int i = 0; i < PRODUCTS; i++) {
			cumulative[i] /= sum;
		}
		// partner[p] (and third[p]) join a basket holding p in 40 % of cases
		int[] partner = new int[PRODUCTS];
		int[] third = new int[PRODUCTS];
		Arrays.fill(partner, -1);
		Arrays.fill(third, -1);
		SplittableRandom planted = new SplittableRandom(seed + 1);
		for (int k = 0; k < 150; k++) {
			int p = planted.nextInt(1_000);
			partner[p] = planted.nextInt(PRODUCTS);
			if (k < 30) {
				third[p] = planted.nextInt(PRODUCTS);
			}
		}
		FpGrowth.Baskets baskets = new FpGrowth.Baskets();
		int[] basket = new int[32];
		for (int b = 0; b < n; b++) {
			int lines = 1 + random.nextInt(8);
			int length = 0;
			for (int i = 0; i < lines; i++) {
				int p = Arrays.binarySearch(cumulative, random.nextDouble());
				p = (p < 0) ? -p - 1 : p;
				basket[length++] = Math.min(p, PRODUCTS - 1);
			}
			for (int i = 0; i < lines; i++) {
				int p = basket[i];
				if (partner[p] >= 0 && random.nextDouble() < 0.4) {
					basket[length++] = partner[p];
					if (third[p] >= 0) {
						basket[length++] = third[p];
					}
				}
			}
			baskets.add(basket, length);
		}
		return baskets;
	}

	private static void resetPeaks() {
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			if (pool.getType() == MemoryType.HEAP) {
				pool.resetPeakUsage();
			}
		}
	}

	/** Sum of the heap pools' peaks since the reset (an upper bound of the peak heap). */
	private static long peakHeap() {
		long peak = 0;
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			if (pool.getType() == MemoryType.HEAP) {
				peak += pool.getPeakUsage().getUsed();
			}
		}
		return peak;
	}

	private static long heapUsed() {
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

}

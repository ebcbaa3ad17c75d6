package io.loopcrm.commerce.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Exact frequent itemsets (FP-Growth, Han, Pei &amp; Yin 2000) and association rules over
 * baskets of int item ids, with the semantics of R's {@code arules::apriori}:
 * <ul>
 * <li>a basket is a set: an item counts once per basket however often it was added;</li>
 * <li>an itemset is frequent when its count &ge; {@code minSupport × N} (N = baskets).
 * The minimum count is {@code ceil(minSupport × N)} computed in decimal arithmetic
 * ({@link #minCount(double, int)}): {@code 0.001 × 3000} is 3, not the 4 that
 * {@code Math.ceil(0.001 * 3000.0)} gives in binary floating point;</li>
 * <li>a rule X ⇒ Y has a non-empty antecedent X, a consequent of at most
 * {@code maxConsequent} items (default 1, as in arules) and at most {@code maxLength}
 * items in all (arules' {@code maxlen}, default 10); support = count(X∪Y)/N, confidence =
 * count(X∪Y)/count(X) &ge; minConfidence, lift = confidence / (count(Y)/N). Confidence is
 * compared as {@code count(X∪Y)/(double) count(X) >= minConfidence}: both sides are
 * correctly rounded, and a ratio of counts below a minimum given with a few decimals is
 * at least 1/(count × 10^decimals) away, far more than a rounding step, so the comparison
 * is exact;</li>
 * <li>rules with an empty antecedent ({@code {} ⇒ Y}, which arules emits when supp(Y)
 * &ge; minConfidence) are <b>not</b> produced.</li>
 * </ul>
 * Rules come sorted by lift, confidence and support (all descending), then by antecedent
 * and consequent item ids (ascending, compared item by item). Lift is computed as
 * {@code count(X∪Y)·N / (count(X)·count(Y))} with both products exact in a double, so
 * equal lifts compare equal.
 * <p>
 * Memory: baskets are kept in two int arrays; the FP-tree is a set of int arrays (item,
 * count, parent, next node of the same item) with an open-addressing child index. No
 * boxing in the counting and tree loops.
 */
public final class FpGrowth {

	/** arules' default {@code maxlen}. */
	public static final int DEFAULT_MAX_LENGTH = 10;

	private final double minSupport;

	private final double minConfidence;

	private final int maxLength;

	private final int maxConsequent;

	private final int maxResults;

	/**
	 * @param minSupport minimum support in (0, 1]
	 * @param minConfidence minimum confidence in [0, 1]
	 * @param maxLength most items in an itemset and in a rule (antecedent + consequent),
	 * at least 1
	 * @param maxConsequent most items in a rule's consequent, at least 1
	 */
	public FpGrowth(double minSupport, double minConfidence, int maxLength, int maxConsequent) {
		this(minSupport, minConfidence, maxLength, maxConsequent, Integer.MAX_VALUE);
	}

	/**
	 * As {@link #FpGrowth(double, double, int, int)}, refusing to go on when more than
	 * {@code maxResults} frequent itemsets or more than {@code maxResults} rules come up
	 * (thresholds that low would take minutes and gigabytes).
	 * @throws TooManyResults from {@link #mine} when the limit is passed
	 */
	public FpGrowth(double minSupport, double minConfidence, int maxLength, int maxConsequent, int maxResults) {
		if (!(minSupport > 0 && minSupport <= 1)) {
			throw new IllegalArgumentException("minSupport must be in (0, 1]: " + minSupport);
		}
		if (!(minConfidence >= 0 && minConfidence <= 1)) {
			throw new IllegalArgumentException("minConfidence must be in [0, 1]: " + minConfidence);
		}
		if (maxLength < 1 || maxLength > 31 || maxConsequent < 1) {
			throw new IllegalArgumentException("maxLength in 1..31 and maxConsequent >= 1");
		}
		this.minSupport = minSupport;
		this.minConfidence = minConfidence;
		this.maxLength = maxLength;
		this.maxConsequent = maxConsequent;
		this.maxResults = maxResults;
	}

	/** Single-item consequents and arules' default maximum length. */
	public FpGrowth(double minSupport, double minConfidence) {
		this(minSupport, minConfidence, DEFAULT_MAX_LENGTH, 1);
	}

	/**
	 * The smallest count that is at least {@code minSupport × baskets}, in exact decimal
	 * arithmetic on the decimal form of {@code minSupport} (its shortest representation,
	 * {@link Double#toString(double)}), so 0.001 × 3000 = 3 and 0.001 × 9835 = 9.835 →
	 * 10. Never below 1.
	 */
	public static int minCount(double minSupport, int baskets) {
		BigDecimal exact = BigDecimal.valueOf(minSupport).multiply(BigDecimal.valueOf(baskets));
		return Math.max(1, exact.setScale(0, RoundingMode.CEILING).intValueExact());
	}

	/** Mines frequent itemsets, then rules. */
	public Result mine(Baskets baskets) {
		Itemsets itemsets = frequentItemsets(baskets);
		return new Result(baskets.size(), itemsets.minCount, itemsets.size(), rules(itemsets));
	}

	/** Frequent itemsets of at most {@code maxLength} items with their counts. */
	public Itemsets frequentItemsets(Baskets baskets) {
		int n = baskets.size();
		int minCount = minCount(this.minSupport, n);
		// item counts (items are distinct within a basket)
		int maxItem = baskets.maxItem();
		int[] itemCount = new int[maxItem + 1];
		int[] items = baskets.items;
		int total = baskets.offsets[n];
		for (int i = 0; i < total; i++) {
			itemCount[items[i]]++;
		}
		// frequent items ranked by count desc, then id asc
		int frequent = 0;
		for (int c : itemCount) {
			if (c >= minCount) {
				frequent++;
			}
		}
		long[] order = new long[frequent];
		int k = 0;
		for (int item = 0; item <= maxItem; item++) {
			if (itemCount[item] >= minCount) {
				// sort key: high count first, then low id
				order[k++] = ((long) (Integer.MAX_VALUE - itemCount[item]) << 32) | item;
			}
		}
		Arrays.sort(order);
		int[] rankOf = new int[maxItem + 1];
		Arrays.fill(rankOf, -1);
		int[] idOf = new int[frequent];
		for (int r = 0; r < frequent; r++) {
			idOf[r] = (int) order[r];
			rankOf[idOf[r]] = r;
		}
		Itemsets result = new Itemsets(minCount, n, this.maxResults);
		if (frequent == 0) {
			return result;
		}
		// the FP-tree of all baskets: items of a basket in rank order
		Tree tree = new Tree(frequent, Math.max(16, total / 2));
		int[] path = new int[64];
		for (int b = 0; b < n; b++) {
			int from = baskets.offsets[b];
			int to = baskets.offsets[b + 1];
			int len = 0;
			for (int i = from; i < to; i++) {
				int r = rankOf[items[i]];
				if (r >= 0) {
					if (len == path.length) {
						path = Arrays.copyOf(path, len * 2);
					}
					path[len++] = r;
				}
			}
			if (len > 0) {
				Arrays.sort(path, 0, len);
				tree.insert(path, len, 1);
			}
		}
		int[] localToId = idOf;
		mine(tree, localToId, new int[this.maxLength], 0, minCount, result);
		return result;
	}

	/**
	 * Mines {@code tree} (its local ranks map to item ids by {@code ids}) for itemsets
	 * that extend {@code prefix[0..depth)}.
	 */
	private void mine(Tree tree, int[] ids, int[] prefix, int depth, int minCount, Itemsets out) {
		int[] path = new int[Math.max(1, tree.itemCount)];
		for (int r = tree.itemCount - 1; r >= 0; r--) {
			prefix[depth] = ids[r];
			out.add(prefix, depth + 1, tree.itemTotal[r]);
			if (depth + 1 >= this.maxLength || r == 0) {
				continue;
			}
			// conditional pattern base of r: the paths above each node of r
			int[] baseCount = new int[r];
			int pathNodes = 0;
			for (int node = tree.head[r]; node >= 0; node = tree.link[node]) {
				int c = tree.count[node];
				for (int p = tree.parent[node]; p > 0; p = tree.parent[p]) {
					baseCount[tree.item[p]] += c;
					pathNodes++;
				}
			}
			int[] local = new int[r];
			int kept = 0;
			for (int i = 0; i < r; i++) {
				local[i] = (baseCount[i] >= minCount) ? kept++ : -1;
			}
			if (kept == 0) {
				continue;
			}
			int[] childIds = new int[kept];
			for (int i = 0; i < r; i++) {
				if (local[i] >= 0) {
					childIds[local[i]] = ids[i];
				}
			}
			Tree child = new Tree(kept, Math.max(16, pathNodes));
			for (int node = tree.head[r]; node >= 0; node = tree.link[node]) {
				int len = 0;
				for (int p = tree.parent[node]; p > 0; p = tree.parent[p]) {
					int l = local[tree.item[p]];
					if (l >= 0) {
						path[len++] = l;
					}
				}
				if (len > 0) {
					// collected bottom-up: reverse to root-first (ascending rank)
					for (int i = 0, j = len - 1; i < j; i++, j--) {
						int t = path[i];
						path[i] = path[j];
						path[j] = t;
					}
					child.insert(path, len, tree.count[node]);
				}
			}
			mine(child, childIds, prefix, depth + 1, minCount, out);
		}
	}

	/** Rules from frequent itemsets, sorted (see the class comment). */
	public List<Rule> rules(Itemsets itemsets) {
		List<Rule> rules = new ArrayList<>();
		int n = itemsets.transactions;
		int[] buffer = new int[this.maxLength];
		int[] antecedent = new int[this.maxLength];
		int[] consequent = new int[this.maxLength];
		for (int s = 0; s < itemsets.size(); s++) {
			int m = itemsets.length(s);
			if (m < 2) {
				continue;
			}
			itemsets.copy(s, buffer);
			int count = itemsets.count(s);
			int maxY = Math.min(this.maxConsequent, m - 1);
			for (int mask = 1; mask < (1 << m) - 1; mask++) {
				int ySize = Integer.bitCount(mask);
				if (ySize > maxY) {
					continue;
				}
				int xLen = 0;
				int yLen = 0;
				for (int i = 0; i < m; i++) {
					if ((mask & (1 << i)) != 0) {
						consequent[yLen++] = buffer[i];
					}
					else {
						antecedent[xLen++] = buffer[i];
					}
				}
				int xCount = itemsets.countOf(antecedent, xLen);
				if ((double) count / xCount < this.minConfidence) {
					continue;
				}
				int yCount = itemsets.countOf(consequent, yLen);
				if (rules.size() == this.maxResults) {
					throw new TooManyResults(this.maxResults);
				}
				rules.add(new Rule(Arrays.copyOf(antecedent, xLen), Arrays.copyOf(consequent, yLen), count, xCount,
						yCount, n));
			}
		}
		rules.sort(Rule.ORDER);
		return rules;
	}

	/**
	 * Baskets as int item ids (&ge; 0), kept in two growing int arrays; items repeated
	 * within a basket are kept once.
	 */
	public static final class Baskets {

		private int[] items = new int[1024];

		private int[] offsets = new int[1024];

		private int size;

		private int maxItem = -1;

		/** Adds one basket (duplicates removed; the array is not changed). */
		public void add(int... basket) {
			add(basket, basket.length);
		}

		/** Adds the basket {@code basket[0..length)}. */
		public void add(int[] basket, int length) {
			int start = this.offsets[this.size];
			if (start + length > this.items.length) {
				this.items = Arrays.copyOf(this.items, Math.max(this.items.length * 2, start + length));
			}
			System.arraycopy(basket, 0, this.items, start, length);
			Arrays.sort(this.items, start, start + length);
			int end = start;
			for (int i = start; i < start + length; i++) {
				int item = this.items[i];
				if (item < 0) {
					throw new IllegalArgumentException("item ids must be >= 0: " + item);
				}
				if (end == start || this.items[end - 1] != item) {
					this.items[end++] = item;
				}
				this.maxItem = Math.max(this.maxItem, item);
			}
			if (this.size + 2 > this.offsets.length) {
				this.offsets = Arrays.copyOf(this.offsets, this.offsets.length * 2);
			}
			this.offsets[++this.size] = end;
		}

		/** Number of baskets (N), empty ones included. */
		public int size() {
			return this.size;
		}

		/** The largest item id seen, -1 when none. */
		public int maxItem() {
			return this.maxItem;
		}

		/** Items of basket {@code b}, ascending and distinct. */
		public int[] basket(int b) {
			return Arrays.copyOfRange(this.items, this.offsets[b], this.offsets[b + 1]);
		}

	}

	/** Frequent itemsets with their counts, each itemset's ids ascending. */
	public static final class Itemsets {

		private final int minCount;

		private final int transactions;

		private int[] data = new int[1024];

		private int[] start = new int[256];

		private int[] counts = new int[256];

		private int size;

		private int[] slots = new int[512];

		private final int[] sorted = new int[32];

		private final int limit;

		Itemsets(int minCount, int transactions, int limit) {
			this.minCount = minCount;
			this.transactions = transactions;
			this.limit = limit;
		}

		public int minCount() {
			return this.minCount;
		}

		public int transactions() {
			return this.transactions;
		}

		public int size() {
			return this.size;
		}

		public int length(int s) {
			return this.start[s + 1] - this.start[s];
		}

		public int count(int s) {
			return this.counts[s];
		}

		public int[] items(int s) {
			return Arrays.copyOfRange(this.data, this.start[s], this.start[s + 1]);
		}

		void copy(int s, int[] into) {
			System.arraycopy(this.data, this.start[s], into, 0, length(s));
		}

		void add(int[] items, int length, int count) {
			if (this.size == this.limit) {
				throw new TooManyResults(this.limit);
			}
			System.arraycopy(items, 0, this.sorted, 0, length);
			Arrays.sort(this.sorted, 0, length);
			if (this.size + 2 > this.counts.length) {
				this.counts = Arrays.copyOf(this.counts, this.counts.length * 2);
				this.start = Arrays.copyOf(this.start, this.start.length * 2);
			}
			int from = this.start[this.size];
			if (from + length > this.data.length) {
				this.data = Arrays.copyOf(this.data, Math.max(this.data.length * 2, from + length));
			}
			System.arraycopy(this.sorted, 0, this.data, from, length);
			this.counts[this.size] = count;
			this.start[this.size + 1] = from + length;
			this.size++;
			if (this.size * 2 > this.slots.length) {
				rehash(this.slots.length * 2);
			}
			else {
				place(this.size - 1);
			}
		}

		/** Count of the itemset (ids in any order), -1 when it is not frequent. */
		public int countOf(int[] items, int length) {
			System.arraycopy(items, 0, this.sorted, 0, length);
			Arrays.sort(this.sorted, 0, length);
			int mask = this.slots.length - 1;
			for (int i = hash(this.sorted, 0, length) & mask;; i = (i + 1) & mask) {
				int slot = this.slots[i];
				if (slot == 0) {
					return -1;
				}
				int s = slot - 1;
				if (length(s) == length
						&& Arrays.equals(this.data, this.start[s], this.start[s + 1], this.sorted, 0, length)) {
					return this.counts[s];
				}
			}
		}

		private void rehash(int capacity) {
			this.slots = new int[capacity];
			for (int s = 0; s < this.size; s++) {
				place(s);
			}
		}

		private void place(int s) {
			int mask = this.slots.length - 1;
			int i = hash(this.data, this.start[s], this.start[s + 1] - this.start[s]) & mask;
			while (this.slots[i] != 0) {
				i = (i + 1) & mask;
			}
			this.slots[i] = s + 1;
		}

		private static int hash(int[] a, int from, int length) {
			int h = 1;
			for (int i = from; i < from + length; i++) {
				h = 31 * h + a[i];
			}
			h *= 0x9E3779B9;
			return h ^ (h >>> 16);
		}

	}

	/**
	 * One rule X ⇒ Y with its counts; ids ascending in each side.
	 *
	 * @param antecedent X
	 * @param consequent Y
	 * @param count baskets holding X∪Y
	 * @param antecedentCount baskets holding X
	 * @param consequentCount baskets holding Y
	 * @param transactions all baskets (N)
	 */
	public record Rule(int[] antecedent, int[] consequent, int count, int antecedentCount, int consequentCount,
			int transactions) {

		static final Comparator<Rule> ORDER = Comparator.comparingDouble(Rule::lift)
			.reversed()
			.thenComparing(Comparator.comparingDouble(Rule::confidence).reversed())
			.thenComparing(Comparator.comparingInt(Rule::count).reversed())
			.thenComparing(Rule::antecedent, Arrays::compare)
			.thenComparing(Rule::consequent, Arrays::compare);

		public double support() {
			return (double) this.count / this.transactions;
		}

		public double confidence() {
			return (double) this.count / this.antecedentCount;
		}

		public double lift() {
			return ((double) this.count * this.transactions) / ((double) this.antecedentCount * this.consequentCount);
		}

	}

	/** More frequent itemsets or rules than the miner was allowed to produce. */
	public static final class TooManyResults extends RuntimeException {

		private final int limit;

		TooManyResults(int limit) {
			super("more than " + limit + " frequent itemsets or rules");
			this.limit = limit;
		}

		public int limit() {
			return this.limit;
		}

	}

	/**
	 * @param transactions baskets (N)
	 * @param minCount the minimum count of a frequent itemset
	 * @param frequentItemsets number of frequent itemsets (of at most maxLength items)
	 * @param rules the rules, sorted
	 */
	public record Result(int transactions, int minCount, int frequentItemsets, List<Rule> rules) {
	}

	/**
	 * An FP-tree in int arrays. Node 0 is the root; items are local ranks 0..itemCount-1
	 * (lower rank = more frequent), so each path from the root ascends in rank.
	 */
	private static final class Tree {

		final int itemCount;

		final int[] head;

		final int[] itemTotal;

		int[] item;

		int[] count;

		int[] parent;

		int[] link;

		int size = 1;

		/** open addressing: key (parent, item) → node + 1 */
		long[] keys;

		int[] values;

		int filled;

		Tree(int itemCount, int expectedNodes) {
			this.itemCount = itemCount;
			this.head = new int[itemCount];
			Arrays.fill(this.head, -1);
			this.itemTotal = new int[itemCount];
			int capacity = Math.max(16, expectedNodes);
			this.item = new int[capacity];
			this.count = new int[capacity];
			this.parent = new int[capacity];
			this.link = new int[capacity];
			this.item[0] = -1;
			int slots = Integer.highestOneBit(Math.max(16, capacity) * 2 - 1) << 1;
			this.keys = new long[slots];
			this.values = new int[slots];
		}

		void insert(int[] path, int length, int c) {
			int node = 0;
			for (int i = 0; i < length; i++) {
				int r = path[i];
				this.itemTotal[r] += c;
				node = child(node, r, c);
			}
		}

		private int child(int node, int r, int c) {
			long key = ((long) node << 32) | r;
			int mask = this.keys.length - 1;
			int i = mix(key) & mask;
			while (true) {
				int v = this.values[i];
				if (v == 0) {
					break;
				}
				if (this.keys[i] == key) {
					this.count[v - 1] += c;
					return v - 1;
				}
				i = (i + 1) & mask;
			}
			int created = newNode(node, r, c);
			this.keys[i] = key;
			this.values[i] = created + 1;
			if (++this.filled * 2 > this.keys.length) {
				grow();
			}
			return created;
		}

		private int newNode(int node, int r, int c) {
			if (this.size == this.item.length) {
				int capacity = this.size * 2;
				this.item = Arrays.copyOf(this.item, capacity);
				this.count = Arrays.copyOf(this.count, capacity);
				this.parent = Arrays.copyOf(this.parent, capacity);
				this.link = Arrays.copyOf(this.link, capacity);
			}
			int created = this.size++;
			this.item[created] = r;
			this.count[created] = c;
			this.parent[created] = node;
			this.link[created] = this.head[r];
			this.head[r] = created;
			return created;
		}

		private void grow() {
			long[] oldKeys = this.keys;
			int[] oldValues = this.values;
			this.keys = new long[oldKeys.length * 2];
			this.values = new int[oldValues.length * 2];
			int mask = this.keys.length - 1;
			for (int j = 0; j < oldKeys.length; j++) {
				if (oldValues[j] != 0) {
					int i = mix(oldKeys[j]) & mask;
					while (this.values[i] != 0) {
						i = (i + 1) & mask;
					}
					this.keys[i] = oldKeys[j];
					this.values[i] = oldValues[j];
				}
			}
		}

		private static int mix(long key) {
			long h = key * 0x9E3779B97F4A7C15L;
			return (int) (h ^ (h >>> 32));
		}

	}

}

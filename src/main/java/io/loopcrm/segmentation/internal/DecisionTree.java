package io.loopcrm.segmentation.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A classification tree (CART, Breiman et al. 1984) for a yes/no target, read as if-then
 * rules. A pure function of the rows and the options, deterministic for a seed.
 * <ul>
 * <li>The rows are shuffled with the seed and split into a training part
 * ({@link Options#trainShare()}, default 70 %) and a held-out part the tree never
 * sees.</li>
 * <li>Splits are binary: a numeric feature against a threshold ({@code x ≥ t} or
 * {@code x < t}), a categorical one against one value ({@code x = v} or {@code x ≠ v}).
 * The split taken is the one with the lowest weighted Gini impurity of the two parts,
 * with both classes weighted to the same total (so a rare target is not simply outvoted);
 * a threshold lies between two neighbouring values seen in training, and is the roundest
 * number there (fewest decimals), nearest to their midpoint.</li>
 * <li>A node is not split at {@link Options#maxDepth()}, when it is pure, when no split
 * leaves {@link Options#minLeaf()} training rows on each side or none lowers the
 * impurity. A leaf predicts the target when its share of target rows is at least the
 * training share (the weighted majority); two sibling leaves with the same prediction are
 * merged, so every rule says something.</li>
 * <li>Each leaf is a rule: the conditions on its path (bounds on one feature combined),
 * its support (training rows in the leaf), the share of the target among them, and its
 * accuracy on the held-out rows that reach it.</li>
 * </ul>
 */
public final class DecisionTree {

	private DecisionTree() {
	}

	/**
	 * The rows.
	 *
	 * @param numericNames names of the numeric features
	 * @param categoricalNames names of the categorical features
	 * @param numeric per row, the numeric features
	 * @param categorical per row, the categorical features ({@code null} is a value of
	 * its own)
	 * @param target per row, whether it is the target class
	 */
	public record Rows(List<String> numericNames, List<String> categoricalNames, double[][] numeric,
			String[][] categorical, boolean[] target) {

		public int size() {
			return this.target.length;
		}

	}

	/**
	 * @param maxDepth conditions per rule at most
	 * @param minLeaf training rows per leaf at least (0 = 1 % of the training rows, at
	 * least 5)
	 * @param trainShare share of rows to train on
	 * @param seed shuffle seed
	 */
	public record Options(int maxDepth, int minLeaf, double trainShare, long seed) {

		static Options of(int maxDepth) {
			return new Options(maxDepth, 0, 0.7, 20260401L);
		}

	}

	/**
	 * A condition on one feature along a rule's path: a numeric feature in
	 * {@code [atLeast, below)} (either may be {@code null}), or a categorical one equal
	 * to a value or different from some values.
	 *
	 * @param feature the feature's name
	 * @param categorical whether it is categorical
	 * @param atLeast lower bound (inclusive)
	 * @param below upper bound (exclusive)
	 * @param equals the value it equals (categorical)
	 * @param notEquals values it differs from (categorical)
	 */
	public record Clause(String feature, boolean categorical, Double atLeast, Double below, String equals,
			List<String> notEquals) {
	}

	/**
	 * An if-then rule: a leaf of the tree.
	 *
	 * @param clauses the conditions, all must hold
	 * @param predictsTarget what it predicts
	 * @param support training rows in the leaf
	 * @param targetRows target rows among them
	 * @param heldOut held-out rows reaching the leaf
	 * @param heldOutCorrect of those, rows whose class is the prediction
	 */
	public record Rule(List<Clause> clauses, boolean predictsTarget, int support, int targetRows, int heldOut,
			int heldOutCorrect) {

		/** Share of the target among the training rows of the leaf. */
		public double targetShare() {
			return (this.support > 0) ? this.targetRows / (double) this.support : 0;
		}

		/**
		 * Share of the held-out rows in the leaf predicted right, {@code null} if none.
		 */
		public Double accuracy() {
			return (this.heldOut > 0) ? this.heldOutCorrect / (double) this.heldOut : null;
		}

	}

	/**
	 * A fitted tree.
	 *
	 * @param rules its leaves as rules, target rules first, then by support
	 * @param trainRows rows trained on
	 * @param trainTarget target rows among them
	 * @param heldOutRows rows held out
	 * @param heldOutCorrect held-out rows predicted right
	 * @param heldOutTarget target rows among the held-out ones
	 * @param heldOutTargetFound of those, rows a target rule covers
	 * @param minLeaf the minimum leaf size used
	 * @param depth the tree's depth
	 */
	public record Model(List<Rule> rules, int trainRows, int trainTarget, int heldOutRows, int heldOutCorrect,
			int heldOutTarget, int heldOutTargetFound, int minLeaf, int depth) {

		/**
		 * Share of the held-out target rows that a target rule covers (recall),
		 * {@code null} without any.
		 */
		public Double targetFound() {
			return (this.heldOutTarget > 0) ? this.heldOutTargetFound / (double) this.heldOutTarget : null;
		}

		/** Share of held-out rows predicted right, {@code null} without held-out rows. */
		public Double heldOutAccuracy() {
			return (this.heldOutRows > 0) ? this.heldOutCorrect / (double) this.heldOutRows : null;
		}

		/** Accuracy of always predicting the held-out part's larger class. */
		public Double baselineAccuracy() {
			return (this.heldOutRows > 0)
					? Math.max(this.heldOutTarget, this.heldOutRows - this.heldOutTarget) / (double) this.heldOutRows
					: null;
		}

	}

	private sealed interface Node permits Leaf, Split {

	}

	private record Leaf(int rows, int targetRows, boolean prediction) implements Node {
	}

	/** {@code yes}: numeric value ≥ threshold, or categorical code = value. */
	private record Split(int feature, boolean categorical, double threshold, int value, Node yes, Node no, int rows,
			int targetRows) implements Node {
	}

	/** Fits a tree on the training part and evaluates it on the held-out part. */
	static Model fit(Rows rows, Options options) {
		int n = rows.size();
		int[] shuffled = new int[n];
		for (int i = 0; i < n; i++) {
			shuffled[i] = i;
		}
		Random random = new Random(options.seed());
		for (int i = n - 1; i > 0; i--) {
			int j = random.nextInt(i + 1);
			int swap = shuffled[i];
			shuffled[i] = shuffled[j];
			shuffled[j] = swap;
		}
		int trainSize = (int) Math.round(n * options.trainShare());
		int[] train = Arrays.copyOfRange(shuffled, 0, trainSize);
		int[] test = Arrays.copyOfRange(shuffled, trainSize, n);
		Arrays.sort(train);
		Arrays.sort(test);
		int minLeaf = (options.minLeaf() > 0) ? options.minLeaf() : Math.max(5, trainSize / 100);
		Builder builder = new Builder(rows, train, minLeaf, options.maxDepth());
		Node root = builder.build();
		root = prune(root);

		List<Rule> rules = new ArrayList<>();
		// leaves are records: two leaves with the same counts must stay apart
		Map<Leaf, int[]> heldOut = new IdentityHashMap<>();
		int correct = 0;
		int testTarget = 0;
		int found = 0;
		for (int row : test) {
			Leaf leaf = builder.leafOf(root, row);
			int[] counts = heldOut.computeIfAbsent(leaf, (l) -> new int[2]);
			counts[0]++;
			if (leaf.prediction() == rows.target()[row]) {
				counts[1]++;
				correct++;
			}
			if (rows.target()[row]) {
				testTarget++;
				if (leaf.prediction()) {
					found++;
				}
			}
		}
		builder.collect(root, new ArrayList<>(), heldOut, rules);
		rules.sort((a, b) -> (a.predictsTarget() != b.predictsTarget()) ? (a.predictsTarget() ? -1 : 1)
				: Integer.compare(b.support(), a.support()));
		int trainTarget = 0;
		for (int row : train) {
			if (rows.target()[row]) {
				trainTarget++;
			}
		}
		return new Model(List.copyOf(rules), train.length, trainTarget, test.length, correct, testTarget, found,
				minLeaf, depth(root));
	}

	private static int depth(Node node) {
		return (node instanceof Split split) ? 1 + Math.max(depth(split.yes()), depth(split.no())) : 0;
	}

	/** Merges sibling leaves that predict the same. */
	private static Node prune(Node node) {
		if (!(node instanceof Split split)) {
			return node;
		}
		Node yes = prune(split.yes());
		Node no = prune(split.no());
		if (yes instanceof Leaf a && no instanceof Leaf b && a.prediction() == b.prediction()) {
			return new Leaf(split.rows(), split.targetRows(), a.prediction());
		}
		return new Split(split.feature(), split.categorical(), split.threshold(), split.value(), yes, no, split.rows(),
				split.targetRows());
	}

	/**
	 * The threshold between two neighbouring values {@code a < b}: the number in (a, b]
	 * with the fewest decimals, nearest the midpoint.
	 */
	static double threshold(double a, double b) {
		double mid = (a + b) / 2;
		for (int decimals = 0; decimals <= 6; decimals++) {
			double scale = Math.pow(10, decimals);
			double low = (Math.floor(a * scale) + 1) / scale;
			double high = Math.floor(b * scale) / scale;
			if (low <= high && low > a && high <= b) {
				double candidate = Math.round(mid * scale) / scale;
				candidate = Math.max(low, Math.min(high, candidate));
				if (candidate > a && candidate <= b) {
					return candidate;
				}
			}
		}
		return (mid > a) ? mid : b;
	}

	/** Grows the tree on the training rows, numeric features presorted once. */
	private static final class Builder {

		private final Rows rows;

		private final int minLeaf;

		private final int maxDepth;

		private final int numeric;

		private final int[][] codes;

		private final List<List<String>> values;

		/** Class weights: both classes weigh the same in total. */
		private final double weightTarget;

		private final double weightOther;

		private final int[] train;

		private final boolean[] goesYes;

		Builder(Rows rows, int[] train, int minLeaf, int maxDepth) {
			this.rows = rows;
			this.train = train;
			this.minLeaf = minLeaf;
			this.maxDepth = maxDepth;
			this.numeric = rows.numericNames().size();
			int categorical = rows.categoricalNames().size();
			this.codes = new int[categorical][rows.size()];
			this.values = new ArrayList<>();
			for (int f = 0; f < categorical; f++) {
				Map<String, Integer> index = new LinkedHashMap<>();
				for (int r = 0; r < rows.size(); r++) {
					String value = rows.categorical()[r][f];
					this.codes[f][r] = index.computeIfAbsent(value, (v) -> index.size());
				}
				this.values.add(new ArrayList<>(index.keySet()));
			}
			int target = 0;
			for (int row : train) {
				if (rows.target()[row]) {
					target++;
				}
			}
			int other = train.length - target;
			this.weightTarget = (target > 0) ? train.length / (2.0 * target) : 1;
			this.weightOther = (other > 0) ? train.length / (2.0 * other) : 1;
			this.goesYes = new boolean[rows.size()];
		}

		Node build() {
			int[][] sorted = new int[this.numeric][];
			for (int f = 0; f < this.numeric; f++) {
				int ff = f;
				sorted[f] = Arrays.stream(this.train)
					.boxed()
					.sorted((a, b) -> Double.compare(this.rows.numeric()[a][ff], this.rows.numeric()[b][ff]))
					.mapToInt(Integer::intValue)
					.toArray();
			}
			return grow(this.train, sorted, 0);
		}

		private Node grow(int[] members, int[][] sorted, int depth) {
			int targetRows = 0;
			for (int row : members) {
				if (this.rows.target()[row]) {
					targetRows++;
				}
			}
			double wTarget = targetRows * this.weightTarget;
			double wOther = (members.length - targetRows) * this.weightOther;
			Leaf leaf = new Leaf(members.length, targetRows, wTarget >= wOther && targetRows > 0);
			if (depth >= this.maxDepth || targetRows == 0 || targetRows == members.length
					|| members.length < 2 * this.minLeaf) {
				return leaf;
			}
			double parent = gini(wTarget, wOther);
			Best best = new Best();
			best.impurity = parent - 1e-12;
			for (int f = 0; f < this.numeric; f++) {
				scanNumeric(f, sorted[f], wTarget, wOther, best);
			}
			for (int f = 0; f < this.codes.length; f++) {
				scanCategorical(f, members, wTarget, wOther, best);
			}
			if (best.feature < 0) {
				return leaf;
			}
			int yesCount = 0;
			for (int row : members) {
				boolean yes = best.categorical ? this.codes[best.feature][row] == best.value
						: this.rows.numeric()[row][best.feature] >= best.threshold;
				this.goesYes[row] = yes;
				if (yes) {
					yesCount++;
				}
			}
			int[] yesMembers = new int[yesCount];
			int[] noMembers = new int[members.length - yesCount];
			int[][] yesSorted = new int[this.numeric][yesCount];
			int[][] noSorted = new int[this.numeric][members.length - yesCount];
			partition(members, yesMembers, noMembers);
			for (int f = 0; f < this.numeric; f++) {
				partition(sorted[f], yesSorted[f], noSorted[f]);
			}
			Node yes = grow(yesMembers, yesSorted, depth + 1);
			Node no = grow(noMembers, noSorted, depth + 1);
			return new Split(best.feature, best.categorical, best.threshold, best.value, yes, no, members.length,
					targetRows);
		}

		private void partition(int[] from, int[] yes, int[] no) {
			int y = 0;
			int n = 0;
			for (int row : from) {
				if (this.goesYes[row]) {
					yes[y++] = row;
				}
				else {
					no[n++] = row;
				}
			}
		}

		private void scanNumeric(int f, int[] sorted, double wTarget, double wOther, Best best) {
			double[][] numeric = this.rows.numeric();
			double leftTarget = 0;
			double leftOther = 0;
			int total = sorted.length;
			for (int i = 0; i < total - 1; i++) {
				int row = sorted[i];
				if (this.rows.target()[row]) {
					leftTarget += this.weightTarget;
				}
				else {
					leftOther += this.weightOther;
				}
				int left = i + 1;
				if (left < this.minLeaf || total - left < this.minLeaf) {
					continue;
				}
				double a = numeric[row][f];
				double b = numeric[sorted[i + 1]][f];
				if (a == b) {
					continue;
				}
				double impurity = weighted(leftTarget, leftOther, wTarget - leftTarget, wOther - leftOther);
				if (impurity < best.impurity) {
					best.impurity = impurity;
					best.feature = f;
					best.categorical = false;
					best.threshold = threshold(a, b);
				}
			}
		}

		private void scanCategorical(int f, int[] members, double wTarget, double wOther, Best best) {
			int size = this.values.get(f).size();
			int[] count = new int[size];
			double[] target = new double[size];
			double[] other = new double[size];
			for (int row : members) {
				int code = this.codes[f][row];
				count[code]++;
				if (this.rows.target()[row]) {
					target[code] += this.weightTarget;
				}
				else {
					other[code] += this.weightOther;
				}
			}
			for (int code = 0; code < size; code++) {
				if (count[code] < this.minLeaf || members.length - count[code] < this.minLeaf) {
					continue;
				}
				double impurity = weighted(target[code], other[code], wTarget - target[code], wOther - other[code]);
				if (impurity < best.impurity) {
					best.impurity = impurity;
					best.feature = f;
					best.categorical = true;
					best.value = code;
				}
			}
		}

		Leaf leafOf(Node node, int row) {
			while (node instanceof Split split) {
				boolean yes = split.categorical() ? this.codes[split.feature()][row] == split.value()
						: this.rows.numeric()[row][split.feature()] >= split.threshold();
				node = yes ? split.yes() : split.no();
			}
			return (Leaf) node;
		}

		/** Rules of the leaves under the node, with the path's conditions so far. */
		void collect(Node node, List<Object[]> path, Map<Leaf, int[]> heldOut, List<Rule> rules) {
			if (node instanceof Split split) {
				path.add(new Object[] { split, true });
				collect(split.yes(), path, heldOut, rules);
				path.set(path.size() - 1, new Object[] { split, false });
				collect(split.no(), path, heldOut, rules);
				path.remove(path.size() - 1);
				return;
			}
			Leaf leaf = (Leaf) node;
			int[] counts = heldOut.getOrDefault(leaf, new int[2]);
			rules.add(new Rule(clauses(path), leaf.prediction(), leaf.rows(), leaf.targetRows(), counts[0], counts[1]));
		}

		/** The path's conditions, bounds on the same feature combined. */
		private List<Clause> clauses(List<Object[]> path) {
			Map<String, Clause> byFeature = new LinkedHashMap<>();
			for (Object[] step : path) {
				Split split = (Split) step[0];
				boolean yes = (Boolean) step[1];
				if (split.categorical()) {
					String name = this.rows.categoricalNames().get(split.feature());
					String value = this.values.get(split.feature()).get(split.value());
					Clause clause = byFeature.get("c:" + name);
					if (yes) {
						clause = new Clause(name, true, null, null, value, List.of());
					}
					else if (clause == null || clause.equals() == null) {
						List<String> not = new ArrayList<>((clause != null) ? clause.notEquals() : List.of());
						not.add(value);
						clause = new Clause(name, true, null, null, null, List.copyOf(not));
					}
					byFeature.put("c:" + name, clause);
				}
				else {
					String name = this.rows.numericNames().get(split.feature());
					Clause clause = byFeature.getOrDefault("n:" + name,
							new Clause(name, false, null, null, null, List.of()));
					Double atLeast = clause.atLeast();
					Double below = clause.below();
					if (yes) {
						atLeast = (atLeast == null) ? split.threshold() : Math.max(atLeast, split.threshold());
					}
					else {
						below = (below == null) ? split.threshold() : Math.min(below, split.threshold());
					}
					byFeature.put("n:" + name, new Clause(name, false, atLeast, below, null, List.of()));
				}
			}
			return List.copyOf(byFeature.values());
		}

		private static double gini(double target, double other) {
			double total = target + other;
			if (total <= 0) {
				return 0;
			}
			double p = target / total;
			return 1 - p * p - (1 - p) * (1 - p);
		}

		private static double weighted(double leftTarget, double leftOther, double rightTarget, double rightOther) {
			double left = leftTarget + leftOther;
			double right = rightTarget + rightOther;
			return (left * gini(leftTarget, leftOther) + right * gini(rightTarget, rightOther)) / (left + right);
		}

		private static final class Best {

			double impurity;

			int feature = -1;

			boolean categorical;

			double threshold;

			int value;

		}

	}

}

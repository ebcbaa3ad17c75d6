package io.loopcrm.segmentation.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.loopcrm.customer.LifecycleStages;
import io.loopcrm.platform.ConflictException;
import io.loopcrm.platform.ValidationException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Decision rules (決策樹分析): a CART tree ({@link DecisionTree}) that explains a target the
 * manager picks from the customers' attributes and behaviour as of the latest
 * segmentation run ({@link CustomerFeatures.Scope#BUYERS}: days since the last purchase,
 * orders and spend ever, average order value, days since the first purchase, category
 * shares, gender, age band, region, source channel). The feature a target is computed
 * from is left out, or the tree would only restate the definition:
 * <ul>
 * <li>{@code CHURNED}: churned against active customers (the other stages left out);
 * without days since the last purchase;</li>
 * <li>{@code HIGH_TIER}: the high value tier against the rest, over customers with a
 * purchase in the window; without spend;</li>
 * <li>{@code RFM_<SEGMENT>}: one RFM segment against the others, over customers with a
 * segment; without days since the last purchase.</li>
 * </ul>
 */
@Service
public class DecisionRules {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(DecisionRules.class);

	static final int MIN_DEPTH = 1;

	static final int MAX_DEPTH = 6;

	static final int DEFAULT_DEPTH = 3;

	/** Rows needed at least, of each class at least {@value #MIN_CLASS}. */
	static final int MIN_ROWS = 10;

	static final int MIN_CLASS = 2;

	private final Segmentation segmentation;

	private final CustomerFeatures features;

	DecisionRules(Segmentation segmentation, CustomerFeatures features) {
		this.segmentation = segmentation;
		this.features = features;
	}

	/** The targets a manager may pick, in the order the page lists them. */
	public static List<String> targets() {
		List<String> targets = new ArrayList<>(List.of("CHURNED", "HIGH_TIER"));
		for (RfmSegment segment : RfmSegment.values()) {
			targets.add("RFM_" + segment.name());
		}
		return targets;
	}

	/**
	 * The fitted rules.
	 *
	 * @param target the target's code
	 * @param run the segmentation run the customers come from
	 * @param rows customers considered
	 * @param targetRows of them, customers of the target
	 * @param maxDepth conditions per rule at most
	 * @param features the features the tree could use (categories as
	 * {@code category:<id>})
	 * @param categoryNames the categories' names by feature name
	 * @param excluded features left out for this target
	 * @param model the tree and its evaluation
	 */
	public record Result(String target, Segmentation.Run run, int rows, int targetRows, int maxDepth,
			List<String> features, Map<String, String> categoryNames, List<String> excluded, DecisionTree.Model model) {
	}

	/**
	 * Fits the tree for a target.
	 * @param target one of {@link #targets()}
	 * @param maxDepth 1–6, default 3
	 * @param minLeaf at least 1, default 1 % of the training rows and at least 5
	 * @return the rules and their evaluation
	 * @throws ValidationException for an unknown target or a depth or leaf size out of
	 * range
	 * @throws ConflictException without a segmentation run or with too few customers of
	 * either kind
	 */
	@Transactional(readOnly = true)
	public Result explain(String target, Integer maxDepth, Integer minLeaf) {
		List<ValidationException.FieldProblem> problems = new ArrayList<>();
		if (target == null || !targets().contains(target)) {
			problems.add(new ValidationException.FieldProblem("target", "segmentation.tree.badTarget"));
		}
		int depth = (maxDepth != null) ? maxDepth : DEFAULT_DEPTH;
		if (depth < MIN_DEPTH || depth > MAX_DEPTH) {
			problems.add(new ValidationException.FieldProblem("maxDepth", "segmentation.tree.badDepth", MIN_DEPTH,
					MAX_DEPTH));
		}
		if (minLeaf != null && minLeaf < 1) {
			problems.add(new ValidationException.FieldProblem("minLeaf", "segmentation.tree.badMinLeaf"));
		}
		if (!problems.isEmpty()) {
			throw new ValidationException(problems);
		}
		Segmentation.Run run = this.segmentation.latestRun()
			.orElseThrow(() -> new ConflictException("segmentation.clusters.noSegmentation"));
		long begin = System.nanoTime();
		CustomerFeatures.Table table = this.features.load(run, CustomerFeatures.Scope.BUYERS);
		double loadSeconds = (System.nanoTime() - begin) / 1e9;

		List<String> numericNames = new ArrayList<>();
		Map<String, String> categoryNames = new LinkedHashMap<>();
		for (CustomerFeatures.Feature feature : table.features()) {
			String name = feature.isCategory() ? "category:" + feature.categoryId() : feature.name();
			numericNames.add(name);
			if (feature.isCategory()) {
				categoryNames.put(name, feature.label());
			}
		}
		Set<String> excluded = switch (target) {
			case "CHURNED" -> Set.of("recency");
			case "HIGH_TIER" -> Set.of("spend");
			default -> Set.of("recency");
		};
		List<Integer> kept = new ArrayList<>();
		for (int f = 0; f < numericNames.size(); f++) {
			if (!excluded.contains(numericNames.get(f))) {
				kept.add(f);
			}
		}
		List<double[]> numeric = new ArrayList<>();
		List<String[]> categorical = new ArrayList<>();
		List<Boolean> classes = new ArrayList<>();
		for (int i = 0; i < table.size(); i++) {
			Optional<Boolean> member = classOf(target, table.stages()[i]);
			if (member.isEmpty()) {
				continue;
			}
			double[] row = new double[kept.size()];
			for (int f = 0; f < kept.size(); f++) {
				row[f] = table.rows()[i][kept.get(f)];
			}
			numeric.add(row);
			categorical.add(table.attributes()[i]);
			classes.add(member.get());
		}
		int targetRows = (int) classes.stream().filter(Boolean::booleanValue).count();
		if (classes.size() < MIN_ROWS || targetRows < MIN_CLASS || classes.size() - targetRows < MIN_CLASS) {
			throw new ConflictException("segmentation.tree.tooFew", classes.size(), targetRows);
		}
		boolean[] target2 = new boolean[classes.size()];
		for (int i = 0; i < target2.length; i++) {
			target2[i] = classes.get(i);
		}
		DecisionTree.Rows rows = new DecisionTree.Rows(kept.stream().map(numericNames::get).toList(),
				CustomerFeatures.ATTRIBUTES, numeric.toArray(double[][]::new), categorical.toArray(String[][]::new),
				target2);
		begin = System.nanoTime();
		DecisionTree.Model model = DecisionTree.fit(rows,
				new DecisionTree.Options(depth, (minLeaf != null) ? minLeaf : 0, 0.7, 20260401L));
		log.info("Decision rules for {}: {} customers; features {} s, tree {} s", target, classes.size(),
				String.format("%.1f", loadSeconds), String.format("%.1f", (System.nanoTime() - begin) / 1e9));
		List<String> used = new ArrayList<>(kept.stream().map(numericNames::get).toList());
		used.addAll(CustomerFeatures.ATTRIBUTES);
		return new Result(target, run, classes.size(), targetRows, depth, List.copyOf(used),
				Collections.unmodifiableMap(categoryNames), List.copyOf(excluded), model);
	}

	/**
	 * Whether a customer (lifecycle, value tier, RFM segment) is of the target, or empty
	 * when the target leaves them out.
	 */
	static Optional<Boolean> classOf(String target, String[] stages) {
		String lifecycle = stages[0];
		String tier = stages[1];
		String segment = stages[2];
		if (target.equals("CHURNED")) {
			return (LifecycleStages.CHURNED.equals(lifecycle) || LifecycleStages.ACTIVE.equals(lifecycle))
					? Optional.of(LifecycleStages.CHURNED.equals(lifecycle)) : Optional.empty();
		}
		if (segment == null) {
			return Optional.empty();
		}
		if (target.equals("HIGH_TIER")) {
			return Optional.of("HIGH".equals(tier));
		}
		return Optional.of(target.equals("RFM_" + segment));
	}

}

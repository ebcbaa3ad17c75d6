package io.loopcrm.commerce.internal;

import java.util.List;

/**
 * Association rules over the counting orders at one level.
 *
 * @param parameters what was asked
 * @param transactions baskets (N): orders that count with at least one item at the level
 * @param minCount the smallest count of a frequent itemset, {@code ceil(minSupport × N)}
 * @param rules the rules, best lift first (at most {@code parameters.limit()} of them)
 * @param count all rules found
 */
public record RuleSet(RuleQuery.Parameters parameters, int transactions, int minCount, List<RuleView> rules,
		int count) {

	/**
	 * One rule with item names.
	 *
	 * @param antecedent names of X (product name, or "name (SKU)" where several products
	 * share the name; category name, "parent / name" for a sub-category)
	 * @param consequent names of Y
	 * @param support baskets / N
	 * @param confidence baskets / baskets holding X
	 * @param lift confidence / support of Y
	 * @param baskets baskets holding X∪Y
	 * @param antecedentIds product or category ids of X
	 * @param consequentIds product or category ids of Y
	 */
	public record RuleView(List<String> antecedent, List<String> consequent, double support, double confidence,
			double lift, int baskets, List<Long> antecedentIds, List<Long> consequentIds) {

	}

}

package io.loopcrm.commerce.internal;

import java.util.List;

/**
 * "Customers who bought X also bought": a product the customer has not bought, from the
 * best stored rule whose whole antecedent they have bought.
 *
 * @param productId the recommended product
 * @param sku its SKU
 * @param name its name
 * @param becauseIds the rule's antecedent: products the customer bought
 * @param because their names
 * @param support the rule's support
 * @param confidence the rule's confidence
 * @param lift the rule's lift
 */
public record Recommendation(long productId, String sku, String name, List<Long> becauseIds, List<String> because,
		double support, double confidence, double lift) {

}

/**
 * Commerce: products and categories, orders and their lines (import, point-of-sale API),
 * purchase behaviour per customer and across customers, and market-basket association
 * rules.
 * <p>
 * Depends on the customer module's published API (customers, the timeline contract, the
 * merge event) and the platform.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Commerce")
package io.loopcrm.commerce;

/**
 * Segmentation: RFM scores and segments, lifecycle stages and value tiers recomputed for
 * every customer from their purchases (the commerce module's {@code commerce_purchase}
 * view), shown on the profile with the numbers behind them.
 * <p>
 * Depends on the customer module's published API and the platform; reads purchases only
 * through the commerce module's published view.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Segmentation")
package io.loopcrm.segmentation;

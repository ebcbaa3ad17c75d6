/**
 * Segmentation: RFM scores and segments, lifecycle stages and value tiers recomputed for
 * every customer from their purchases (the commerce module's {@code commerce_purchase}
 * view), shown on the profile with the numbers behind them; and saved segments, sets of
 * conditions on profile fields, segmentation figures and purchases, counted live.
 * <p>
 * Publishes {@link io.loopcrm.segmentation.SegmentAudience} (who is in a saved segment,
 * for campaigns and care programmes) with {@link io.loopcrm.segmentation.SegmentSummary}
 * and {@link io.loopcrm.segmentation.SegmentNotFoundException}. Depends on the customer
 * module's published API and views ({@code customer_directory},
 * {@code customer_segment_fields}) and the platform; reads purchases only through the
 * commerce module's published views ({@code commerce_purchase},
 * {@code commerce_purchase_category}, {@code commerce_category},
 * {@code commerce_category_key}) and listens to its {@code OrdersChanged} event and to
 * {@code CustomersMerged}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Segmentation")
package io.loopcrm.segmentation;

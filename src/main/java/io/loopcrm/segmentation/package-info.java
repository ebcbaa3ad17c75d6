/**
 * Segmentation: RFM scores and segments, lifecycle stages and value tiers recomputed for
 * every customer from their purchases (the commerce module's {@code commerce_purchase}
 * view), shown on the profile with the numbers behind them; customer clusters (k-means++
 * with a silhouette-suggested k) described in plain words; decision rules (CART) that
 * explain churn, the high tier or an RFM segment; and saved segments, sets of conditions
 * on profile fields, segmentation figures and purchases, counted live.
 * <p>
 * Publishes {@link io.loopcrm.segmentation.SegmentAudience} (who is in a saved segment,
 * for campaigns and care programmes) with {@link io.loopcrm.segmentation.SegmentSummary}
 * and {@link io.loopcrm.segmentation.SegmentNotFoundException}, and each customer's
 * cluster in the latest cluster run as the table
 * {@code customer_cluster(run_id, customer_id, cluster)} (latest run = highest
 * {@code cluster_run.id}). Depends on the customer module's published API and views
 * ({@code customer_directory}, {@code customer_segment_fields},
 * {@code customer_attribute}) and the platform; reads purchases only through the commerce
 * module's published views ({@code commerce_purchase}, {@code commerce_purchase_line},
 * {@code commerce_top_category}, {@code commerce_purchase_category},
 * {@code commerce_category}, {@code commerce_category_key}) and listens to its
 * {@code OrdersChanged} event and to {@code CustomersMerged}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Segmentation")
package io.loopcrm.segmentation;

/**
 * Segmentation: RFM scores and segments, lifecycle stages and value tiers recomputed for
 * every customer from their purchases, shown on the profile with the numbers behind them;
 * customer clusters (k-means++ with a silhouette-suggested k) described in plain words;
 * decision rules (CART) that explain churn, the high tier or an RFM segment.
 * <p>
 * Depends on the customer module's published API and the platform; reads purchases only
 * through the commerce module's published views ({@code commerce_purchase},
 * {@code commerce_purchase_line}, {@code commerce_top_category}) and customers through
 * the customer module's ({@code customer_directory}, {@code customer_attribute}).
 * Publishes each customer's cluster in the latest cluster run as the table
 * {@code customer_cluster(run_id, customer_id, cluster)} (latest run = highest
 * {@code cluster_run.id}).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Segmentation")
package io.loopcrm.segmentation;

package io.loopcrm.segmentation.internal;

/**
 * What the profile shows of segmentation.
 *
 * @param figures the customer's figures in the latest segmentation run
 * @param cluster the customer's cluster in the latest cluster run, {@code null} when not
 * clustered
 */
public record SegmentationProfile(Segmentation.CustomerFigures figures, CustomerClusters.Membership cluster) {
}

package io.loopcrm.segmentation.internal;

import io.loopcrm.customer.ProfileSection;

import org.springframework.stereotype.Component;

/**
 * RFM, lifecycle and value tier on the profile, each with the numbers behind it, and the
 * customer's cluster in the latest cluster run.
 */
@Component
class SegmentationProfileSection implements ProfileSection {

	private final Segmentation segmentation;

	private final CustomerClusters clusters;

	SegmentationProfileSection(Segmentation segmentation, CustomerClusters clusters) {
		this.segmentation = segmentation;
		this.clusters = clusters;
	}

	@Override
	public int order() {
		return 5;
	}

	@Override
	public String template() {
		return "segmentation/profile";
	}

	@Override
	public String fragment() {
		return "segments";
	}

	@Override
	public Object data(long customerId) {
		return this.segmentation.forCustomer(customerId)
			.map((figures) -> new SegmentationProfile(figures, this.clusters.forCustomer(customerId).orElse(null)))
			.orElse(null);
	}

}

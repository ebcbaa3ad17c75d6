package io.loopcrm.segmentation.internal;

import io.loopcrm.customer.ProfileSection;

import org.springframework.stereotype.Component;

/** RFM, lifecycle and value tier on the profile, each with the numbers behind it. */
@Component
class SegmentationProfileSection implements ProfileSection {

	private final Segmentation segmentation;

	SegmentationProfileSection(Segmentation segmentation) {
		this.segmentation = segmentation;
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
		return this.segmentation.forCustomer(customerId).orElse(null);
	}

}

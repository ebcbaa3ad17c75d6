package io.loopcrm.segmentation;

import java.util.Optional;

/** Where a customer stands in the latest segmentation run. */
public interface CustomerSegments {

	/**
	 * The customer's RFM segment code ({@code CHAMPIONS}, {@code AT_RISK} …) in the
	 * latest run, empty when there was no run or the customer has not bought.
	 */
	Optional<String> rfmSegment(long customerId);

}

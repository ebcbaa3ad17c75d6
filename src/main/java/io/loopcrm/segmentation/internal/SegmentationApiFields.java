package io.loopcrm.segmentation.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import io.loopcrm.customer.CustomerApiFields;

import org.springframework.stereotype.Component;

/**
 * Adds {@code rfm}, {@code valueTier} and the run's {@code segmentedAsOf} to {@code GET
 * /api/v1/customers/{id}} ({@code lifecycleStage} is the customer's own field, which each
 * run sets), and {@code cluster}: the customer's cluster number (1..k) in the latest
 * cluster run, {@code null} when not clustered.
 */
@Component
class SegmentationApiFields implements CustomerApiFields {

	private final Segmentation segmentation;

	private final CustomerClusters clusters;

	SegmentationApiFields(Segmentation segmentation, CustomerClusters clusters) {
		this.segmentation = segmentation;
		this.clusters = clusters;
	}

	@Override
	public Map<String, Object> fields(long customerId) {
		Map<String, Object> fields = new LinkedHashMap<>();
		var figures = this.segmentation.forCustomer(customerId).orElse(null);
		if (figures == null) {
			fields.put("rfm", null);
			fields.put("valueTier", null);
			fields.put("cluster", null);
			return fields;
		}
		if (figures.segment() != null) {
			Map<String, Object> rfm = new LinkedHashMap<>();
			rfm.put("recencyDays", figures.recencyDays());
			rfm.put("frequency", figures.frequency());
			rfm.put("monetary", figures.monetary());
			rfm.put("r", figures.r());
			rfm.put("f", figures.f());
			rfm.put("m", figures.m());
			rfm.put("segment", figures.segment().getLabel());
			fields.put("rfm", rfm);
		}
		else {
			fields.put("rfm", null);
		}
		fields.put("valueTier", figures.valueTier());
		fields.put("segmentedAsOf", figures.asOf().toString());
		fields.put("cluster", this.clusters.numberOf(customerId).orElse(null));
		return fields;
	}

}

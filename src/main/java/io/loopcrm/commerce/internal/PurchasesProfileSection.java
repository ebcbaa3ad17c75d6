package io.loopcrm.commerce.internal;

import java.util.List;

import io.loopcrm.customer.ProfileSection;

import org.springframework.stereotype.Component;

/** The purchase summary and recommendations on the customer profile. */
@Component
class PurchasesProfileSection implements ProfileSection {

	private final PurchaseSummaries summaries;

	PurchasesProfileSection(PurchaseSummaries summaries) {
		this.summaries = summaries;
	}

	/** What the fragment shows. */
	public record Data(PurchaseSummaries.Summary summary, List<?> recommendations) {
	}

	@Override
	public int order() {
		return 10;
	}

	@Override
	public String template() {
		return "commerce/profile";
	}

	@Override
	public String fragment() {
		return "purchases";
	}

	@Override
	public Object data(long customerId) {
		return new Data(this.summaries.of(customerId), List.of());
	}

}

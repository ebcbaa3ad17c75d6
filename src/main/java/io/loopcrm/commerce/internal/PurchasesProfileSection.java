package io.loopcrm.commerce.internal;

import java.util.List;

import io.loopcrm.customer.ProfileSection;

import org.springframework.stereotype.Component;

/** The purchase summary and recommendations on the customer profile. */
@Component
class PurchasesProfileSection implements ProfileSection {

	private final PurchaseSummaries summaries;

	private final AssociationRuleService rules;

	PurchasesProfileSection(PurchaseSummaries summaries, AssociationRuleService rules) {
		this.summaries = summaries;
		this.rules = rules;
	}

	/** What the fragment shows. */
	public record Data(PurchaseSummaries.Summary summary, List<Recommendation> recommendations) {
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
		PurchaseSummaries.Summary summary = this.summaries.of(customerId);
		return new Data(summary, (summary.orders() > 0) ? this.rules.recommendationsFor(customerId, 5) : List.of());
	}

}

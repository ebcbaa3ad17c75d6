package io.loopcrm.complaint.internal;

import java.util.List;

import io.loopcrm.customer.ProfileSection;

import org.springframework.stereotype.Component;

/**
 * The customer's open complaint cases on their profile, with how many they filed in all
 * and a link to register a new one.
 */
@Component
class ComplaintProfileSection implements ProfileSection {

	private final ComplaintQueries queries;

	ComplaintProfileSection(ComplaintQueries queries) {
		this.queries = queries;
	}

	/**
	 * What the fragment shows.
	 *
	 * @param customerId the customer
	 * @param open their cases that are not closed
	 * @param total all their cases
	 */
	public record Data(long customerId, List<ComplaintQueries.CaseRow> open, long total) {
	}

	@Override
	public int order() {
		return 40;
	}

	@Override
	public String template() {
		return "complaint/profile";
	}

	@Override
	public String fragment() {
		return "complaints";
	}

	@Override
	public Object data(long customerId) {
		return new Data(customerId, this.queries.openOf(customerId), this.queries.countOf(customerId));
	}

}

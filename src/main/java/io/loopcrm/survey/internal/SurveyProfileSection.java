package io.loopcrm.survey.internal;

import java.time.Clock;
import java.util.List;

import io.loopcrm.customer.ProfileSection;

import org.springframework.stereotype.Component;

/**
 * The customer's latest survey answers on their profile: survey, time, NPS / CSAT / CES,
 * their words and the follow-up ticket an unhappy answer opened. Left out for customers
 * who never answered.
 */
@Component
class SurveyProfileSection implements ProfileSection {

	static final int SHOWN = 5;

	private static final java.time.Instant END_OF_TIME = java.time.Instant.parse("9999-01-01T00:00:00Z");

	private final SurveyPageQueries queries;

	private final Clock clock;

	SurveyProfileSection(SurveyPageQueries queries, Clock clock) {
		this.queries = queries;
		this.clock = clock;
	}

	/**
	 * What the fragment shows.
	 *
	 * @param customerId the customer
	 * @param responses their latest responses, newest first
	 * @param total all their responses
	 */
	public record Data(long customerId, List<SurveyPageQueries.CustomerResponse> responses, long total) {
	}

	@Override
	public int order() {
		return 45;
	}

	@Override
	public String template() {
		return "survey/fragments";
	}

	@Override
	public String fragment() {
		return "profile";
	}

	@Override
	public Object data(long customerId) {
		long total = this.queries.countOfCustomer(customerId);
		if (total == 0) {
			return null;
		}
		// answers dated ahead of the clock (an import) still belong on the profile
		return new Data(customerId, this.queries.ofCustomer(customerId, END_OF_TIME, SHOWN), total);
	}

}

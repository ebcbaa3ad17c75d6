package io.loopcrm.survey.internal;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * What a satisfaction figure is taken over: the days {@code from}–{@code to} (both
 * inclusive, in the configured zone), one survey or all, and at most one value per
 * dimension.
 *
 * @param from first day
 * @param to last day
 * @param surveyId the survey, {@code null} for all
 * @param filters dimension values the responses must have
 */
record SatisfactionQuery(LocalDate from, LocalDate to, Long surveyId, Map<SatisfactionDimension, String> filters) {

	SatisfactionQuery {
		filters = filters.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(filters));
	}

	static SatisfactionQuery of(LocalDate from, LocalDate to, Long surveyId) {
		return new SatisfactionQuery(from, to, surveyId, Map.of());
	}

	/** The number of days. */
	long days() {
		return ChronoUnit.DAYS.between(this.from, this.to) + 1;
	}

	/** The period of the same length just before this one, same survey and filters. */
	SatisfactionQuery previous() {
		long days = days();
		return new SatisfactionQuery(this.from.minusDays(days), this.from.minusDays(1), this.surveyId, this.filters);
	}

}

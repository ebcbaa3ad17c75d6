package io.loopcrm.survey.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.Map;

import io.loopcrm.platform.LoopCrmProperties;
import io.loopcrm.platform.ValidationException;

import org.springframework.stereotype.Component;

/**
 * Reads the parameters the satisfaction API and pages share: {@code from} and {@code to}
 * (ISO dates, both inclusive, in the configured zone; default the last 90 days up to
 * today), {@code surveyId} and one value per dimension ({@code channel}, {@code store},
 * {@code category}, {@code segment}, {@code stage}). A bad value is a
 * {@link ValidationException} naming the parameter.
 */
@Component
class SatisfactionParameters {

	/** The default period in days. */
	static final int DEFAULT_DAYS = 90;

	/** The longest period one request may ask for. */
	static final int MAX_DAYS = 3660;

	private final Clock clock;

	private final ZoneId zone;

	SatisfactionParameters(Clock clock, LoopCrmProperties properties) {
		this.clock = clock;
		this.zone = properties.zone();
	}

	/** Today in the configured zone. */
	LocalDate today() {
		return LocalDate.ofInstant(this.clock.instant(), this.zone);
	}

	SatisfactionQuery query(String from, String to, String surveyId, Map<String, String> parameters) {
		LocalDate end = date(to, "to", today());
		LocalDate start = date(from, "from", end.minusDays(DEFAULT_DAYS - 1));
		if (end.isBefore(start)) {
			throw ValidationException.of("to", "survey.dashboard.error.toBeforeFrom");
		}
		if (start.plusDays(MAX_DAYS).isBefore(end)) {
			throw ValidationException.of("to", "survey.dashboard.error.tooLong", MAX_DAYS);
		}
		Long survey = null;
		if (surveyId != null && !surveyId.isBlank()) {
			try {
				survey = Long.valueOf(surveyId.trim());
			}
			catch (NumberFormatException ex) {
				throw ValidationException.of("surveyId", "survey.dashboard.error.survey", surveyId);
			}
		}
		Map<SatisfactionDimension, String> filters = new EnumMap<>(SatisfactionDimension.class);
		for (SatisfactionDimension dim : SatisfactionDimension.FILTERS) {
			String value = parameters.get(dim.code());
			if (value != null && !value.isBlank()) {
				if (value.length() > 100) {
					throw ValidationException.of(dim.code(), "survey.dashboard.error.tooLongValue", 100);
				}
				filters.put(dim, value.trim());
			}
		}
		return new SatisfactionQuery(start, end, survey, filters);
	}

	private static LocalDate date(String text, String field, LocalDate fallback) {
		if (text == null || text.isBlank()) {
			return fallback;
		}
		try {
			return LocalDate.parse(text.trim());
		}
		catch (DateTimeParseException ex) {
			throw ValidationException.of(field, "survey.dashboard.error.date", text);
		}
	}

}

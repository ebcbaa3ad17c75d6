package io.loopcrm.survey.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * Reads the answer times people and systems send: an instant
 * ({@code 2026-03-01T08:30:00Z}), a date-time with offset, a local date-time or a date
 * (both in the configured zone; {@code T} or a space between date and time).
 */
final class Timestamps {

	private Timestamps() {
	}

	/**
	 * The instant, or {@code null} when blank; throws DateTimeParseException when
	 * unreadable.
	 */
	static Instant parse(String value, ZoneId zone) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String text = value.strip().replace(' ', 'T');
		try {
			return OffsetDateTime.parse(text).toInstant();
		}
		catch (DateTimeParseException ex) {
			// not with an offset
		}
		if (text.length() == 10) {
			return LocalDate.parse(text).atStartOfDay(zone).toInstant();
		}
		return LocalDateTime.parse(text).atZone(zone).toInstant();
	}

}

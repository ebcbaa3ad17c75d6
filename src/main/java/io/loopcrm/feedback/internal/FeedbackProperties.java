package io.loopcrm.feedback.internal;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings under {@code loopcrm.feedback.*}.
 *
 * @param calendar the business calendar SLA targets are counted on (holidays are in the
 * database, edited by administrators)
 * @param dueSoon how far ahead the "due soon" queue looks (wall-clock time)
 * @param queuePageSize tickets per queue page
 */
@ConfigurationProperties("loopcrm.feedback")
@Validated
record FeedbackProperties(@Valid @DefaultValue Calendar calendar, @NotNull @DefaultValue("4h") Duration dueSoon,
		@DefaultValue("25") int queuePageSize) {

	/**
	 * @param workingDays the days of the week with working hours
	 * @param start when the working day starts (in {@code loopcrm.zone})
	 * @param end when it ends; must be after the start
	 */
	record Calendar(@NotEmpty @DefaultValue( {
			"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY" }) Set<DayOfWeek> workingDays,
			@NotNull @DefaultValue("09:00") LocalTime start, @NotNull @DefaultValue("18:00") LocalTime end){

		Calendar {
			if (start != null && end != null && !end.isAfter(start)) {
				throw new IllegalArgumentException("loopcrm.feedback.calendar.end must be after the start");
			}
		}

	}

}

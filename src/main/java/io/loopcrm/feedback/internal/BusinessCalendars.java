package io.loopcrm.feedback.internal;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;

import io.loopcrm.platform.LoopCrmProperties;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The business calendar in force: working days and hours from
 * {@code loopcrm.feedback.calendar.*}, the zone from {@code loopcrm.zone}, and the
 * holidays administrators keep in {@code feedback_holiday}. Read afresh on every use (the
 * holiday table is small), so a new holiday counts at once.
 */
@Component
class BusinessCalendars {

	private final JdbcClient jdbc;

	private final FeedbackProperties.Calendar settings;

	private final LoopCrmProperties platform;

	BusinessCalendars(JdbcClient jdbc, FeedbackProperties properties, LoopCrmProperties platform) {
		this.jdbc = jdbc;
		this.settings = properties.calendar();
		this.platform = platform;
	}

	BusinessCalendar current() {
		List<LocalDate> holidays = this.jdbc.sql("select day from feedback_holiday").query(LocalDate.class).list();
		return new BusinessCalendar(this.platform.zone(), this.settings.workingDays(), this.settings.start(),
				this.settings.end(), new HashSet<>(holidays));
	}

	FeedbackProperties.Calendar settings() {
		return this.settings;
	}

}

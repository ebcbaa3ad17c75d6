package io.loopcrm.feedback.internal;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Business time in Shanghai, Monday to Friday 09:00–18:00, with the Dragon Boat Festival
 * (Monday 14 June 2021) as a holiday.
 */
class BusinessCalendarTests {

	static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	static final BusinessCalendar CALENDAR = new BusinessCalendar(ZONE,
			EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(9, 0), LocalTime.of(18, 0),
			Set.of(LocalDate.of(2021, 6, 14)));

	static Instant at(String localDateTime) {
		return LocalDateTime.parse(localDateTime).atZone(ZONE).toInstant();
	}

	@Test
	void addsWithinOneWorkingDay() {
		assertThat(CALENDAR.plusMinutes(at("2021-06-07T10:00"), 60)).isEqualTo(at("2021-06-07T11:00"));
	}

	@Test
	void continuesTheNextMorningAcrossANight() {
		assertThat(CALENDAR.plusMinutes(at("2021-06-07T17:00"), 120)).isEqualTo(at("2021-06-08T10:00"));
	}

	@Test
	void endsAtClosingTimeRatherThanTheNextMorning() {
		assertThat(CALENDAR.plusMinutes(at("2021-06-07T17:00"), 60)).isEqualTo(at("2021-06-07T18:00"));
	}

	@Test
	void startsCountingAtOpeningTimeWhenReceivedBeforeOrAfterHours() {
		assertThat(CALENDAR.plusMinutes(at("2021-06-07T07:00"), 30)).isEqualTo(at("2021-06-07T09:30"));
		assertThat(CALENDAR.plusMinutes(at("2021-06-07T20:00"), 30)).isEqualTo(at("2021-06-08T09:30"));
	}

	@Test
	void skipsTheWeekend() {
		assertThat(CALENDAR.plusMinutes(at("2021-06-04T17:30"), 120)).isEqualTo(at("2021-06-07T10:30"));
		assertThat(CALENDAR.minutesBetween(at("2021-06-04T17:00"), at("2021-06-07T10:00"))).isEqualTo(120);
	}

	@Test
	void skipsTheWeekendAndAHolidayMonday() {
		// Friday 17:30 + 2 h: 30 min on Friday, Saturday, Sunday and the holiday Monday
		// skipped
		assertThat(CALENDAR.plusMinutes(at("2021-06-11T17:30"), 120)).isEqualTo(at("2021-06-15T10:30"));
		assertThat(CALENDAR.plusMinutes(at("2021-06-12T10:00"), 60)).isEqualTo(at("2021-06-15T10:00"));
		assertThat(CALENDAR.minutesBetween(at("2021-06-11T17:30"), at("2021-06-15T10:30"))).isEqualTo(120);
		assertThat(CALENDAR.isWorkingDay(LocalDate.of(2021, 6, 14))).isFalse();
		assertThat(CALENDAR.isWorkingDay(LocalDate.of(2021, 6, 15))).isTrue();
	}

	@Test
	void countsNothingOutsideWorkingHours() {
		assertThat(CALENDAR.minutesBetween(at("2021-06-07T18:00"), at("2021-06-08T09:00"))).isZero();
		assertThat(CALENDAR.minutesBetween(at("2021-06-12T08:00"), at("2021-06-14T23:00"))).isZero();
		assertThat(CALENDAR.minutesBetween(at("2021-06-08T10:00"), at("2021-06-07T10:00"))).isZero();
	}

	@Test
	void countsAWholeWorkingWeekAsFiveTimesNineHours() {
		assertThat(CALENDAR.minutesBetween(at("2021-06-07T00:00"), at("2021-06-14T00:00"))).isEqualTo(5 * 9 * 60);
		// the week of the holiday has four working days
		assertThat(CALENDAR.minutesBetween(at("2021-06-14T00:00"), at("2021-06-21T00:00"))).isEqualTo(4 * 9 * 60);
	}

	@Test
	void addingAndMeasuringAgreeEverywhere() {
		Random random = new Random(7);
		Instant start = at("2021-01-01T00:00");
		for (int i = 0; i < 2_000; i++) {
			Instant from = start.plusSeconds(random.nextInt(365 * 24 * 3600));
			Duration amount = Duration.ofSeconds(1 + random.nextInt(20 * 9 * 3600));
			Instant to = CALENDAR.plus(from, amount);
			assertThat(CALENDAR.between(from, to)).as("from %s plus %s", from, amount).isEqualTo(amount);
			assertThat(CALENDAR.isWorkingDay(to.atZone(ZONE).toLocalDate())).isTrue();
		}
	}

	@Test
	void followsConfiguredWorkingDaysAndHours() {
		BusinessCalendar saturdays = new BusinessCalendar(ZONE, EnumSet.of(DayOfWeek.SATURDAY), LocalTime.of(10, 0),
				LocalTime.of(14, 0), Set.of());
		assertThat(saturdays.plusMinutes(at("2021-06-07T12:00"), 300)).isEqualTo(at("2021-06-19T11:00"));
	}

	@Test
	void refusesACalendarWithoutWorkingHours() {
		assertThatThrownBy(() -> new BusinessCalendar(ZONE, EnumSet.noneOf(DayOfWeek.class), LocalTime.of(9, 0),
				LocalTime.of(18, 0), Set.of()))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new BusinessCalendar(ZONE, EnumSet.of(DayOfWeek.MONDAY), LocalTime.of(18, 0),
				LocalTime.of(9, 0), Set.of()))
			.isInstanceOf(IllegalArgumentException.class);
	}

}

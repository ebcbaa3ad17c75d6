package io.loopcrm.feedback.internal;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;

/**
 * Business time: the working hours of the working days in one zone, holidays excepted.
 * SLA targets are business minutes, so a ticket received on Friday at 17:30 with a
 * two-hour first-response target is due on Monday at 10:30 (Mon–Fri 09:00–18:00), or on
 * Tuesday at 10:30 when that Monday is a holiday.
 * <p>
 * Pure and immutable: no clock, no database. Time is counted to the second; instants
 * outside working hours contribute nothing.
 */
public final class BusinessCalendar {

	/**
	 * Search limit: a target that no working hour within ten years can meet is an error.
	 */
	private static final int MAX_DAYS = 3660;

	private final ZoneId zone;

	private final Set<DayOfWeek> workingDays;

	private final LocalTime start;

	private final LocalTime end;

	private final Set<LocalDate> holidays;

	public BusinessCalendar(ZoneId zone, Set<DayOfWeek> workingDays, LocalTime start, LocalTime end,
			Set<LocalDate> holidays) {
		if (workingDays.isEmpty()) {
			throw new IllegalArgumentException("a business calendar needs at least one working day");
		}
		if (!end.isAfter(start)) {
			throw new IllegalArgumentException("the working day must end after it starts");
		}
		this.zone = zone;
		this.workingDays = EnumSet.copyOf(workingDays);
		this.start = start;
		this.end = end;
		this.holidays = Set.copyOf(holidays);
	}

	public ZoneId zone() {
		return this.zone;
	}

	/** Whether the day has working hours (a working day of the week, not a holiday). */
	public boolean isWorkingDay(LocalDate day) {
		return this.workingDays.contains(day.getDayOfWeek()) && !this.holidays.contains(day);
	}

	/**
	 * The instant when {@code amount} of business time has passed after {@code from}.
	 * From outside working hours the count starts at the next working hour; an amount
	 * that ends exactly at the end of a working day ends there (not the next morning).
	 * @param from where to start
	 * @param amount business time to add, zero or more
	 */
	public Instant plus(Instant from, Duration amount) {
		if (amount.isNegative()) {
			throw new IllegalArgumentException("cannot add negative business time: " + amount);
		}
		long remaining = amount.getSeconds();
		if (remaining == 0) {
			return from;
		}
		LocalDate day = from.atZone(this.zone).toLocalDate();
		Instant cursor = from;
		for (int i = 0; i < MAX_DAYS; i++, day = day.plusDays(1)) {
			if (!isWorkingDay(day)) {
				continue;
			}
			Instant windowStart = day.atTime(this.start).atZone(this.zone).toInstant();
			Instant windowEnd = day.atTime(this.end).atZone(this.zone).toInstant();
			Instant begin = cursor.isAfter(windowStart) ? cursor : windowStart;
			if (begin.isBefore(windowEnd)) {
				long available = Duration.between(begin, windowEnd).getSeconds();
				if (remaining <= available) {
					return begin.plusSeconds(remaining);
				}
				remaining -= available;
			}
		}
		throw new IllegalStateException("no working hours within " + MAX_DAYS + " days of " + from);
	}

	/** Business minutes after {@code from}; see {@link #plus(Instant, Duration)}. */
	public Instant plusMinutes(Instant from, long minutes) {
		return plus(from, Duration.ofMinutes(minutes));
	}

	/**
	 * Business time between two instants: the part of {@code [from, to)} inside working
	 * hours. Zero when {@code to} is not after {@code from}.
	 */
	public Duration between(Instant from, Instant to) {
		if (!to.isAfter(from)) {
			return Duration.ZERO;
		}
		long seconds = 0;
		LocalDate last = to.atZone(this.zone).toLocalDate();
		for (LocalDate day = from.atZone(this.zone).toLocalDate(); !day.isAfter(last); day = day.plusDays(1)) {
			if (!isWorkingDay(day)) {
				continue;
			}
			Instant windowStart = day.atTime(this.start).atZone(this.zone).toInstant();
			Instant windowEnd = day.atTime(this.end).atZone(this.zone).toInstant();
			Instant begin = from.isAfter(windowStart) ? from : windowStart;
			Instant finish = to.isBefore(windowEnd) ? to : windowEnd;
			if (finish.isAfter(begin)) {
				seconds += Duration.between(begin, finish).getSeconds();
			}
		}
		return Duration.ofSeconds(seconds);
	}

	/** Whole business minutes between two instants (rounded down). */
	public long minutesBetween(Instant from, Instant to) {
		return between(from, to).toMinutes();
	}

}

package io.loopcrm.customer;

import java.time.Instant;
import java.util.List;

/**
 * One event on a customer's timeline.
 *
 * @param at when it happened
 * @param kind short type used for the icon/badge, e.g. {@code order}, {@code ticket}
 * @param titleKey message key of the title
 * @param titleArgs its arguments
 * @param detail free text shown under the title (escaped), may be empty
 * @param link where the entry leads, may be {@code null}
 */
public record TimelineEntry(Instant at, String kind, String titleKey, List<String> titleArgs, String detail,
		String link) {
}

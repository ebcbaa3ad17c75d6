package io.loopcrm.customer;

import java.time.Instant;
import java.util.List;

/**
 * Something that puts events on a customer's timeline: orders, tickets, complaints,
 * survey answers, interactions. Each module implements it as a bean; the profile merges
 * all sources newest first.
 */
public interface TimelineSource {

	/**
	 * Up to {@code limit} entries of the customer strictly older than {@code before},
	 * newest first. Keyset paging: the profile asks again with the oldest time it showed.
	 */
	List<TimelineEntry> entries(long customerId, Instant before, int limit);

}

package io.loopcrm.customer.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.loopcrm.customer.TimelineEntry;
import io.loopcrm.customer.TimelineSource;

import org.springframework.stereotype.Component;

/**
 * Merges the entries of every {@link TimelineSource} newest first. Each page asks every
 * source for one page older than the cursor and keeps the newest {@link #PAGE} of the
 * union, so no source is ever read past what the page shows.
 */
@Component
class Timeline {

	static final int PAGE = 20;

	/** The cursor of the first page: later than anything. */
	static final Instant END_OF_TIME = Instant.parse("9999-12-31T00:00:00Z");

	private final List<TimelineSource> sources;

	Timeline(List<TimelineSource> sources) {
		this.sources = sources;
	}

	/**
	 * @param entries the page, newest first
	 * @param next cursor for the next page, {@code null} at the end
	 */
	record Page(List<TimelineEntry> entries, Instant next) {
	}

	Page page(long customerId, Instant before) {
		Instant cursor = (before != null) ? before : END_OF_TIME;
		List<TimelineEntry> all = new ArrayList<>();
		for (TimelineSource source : this.sources) {
			all.addAll(source.entries(customerId, cursor, PAGE + 1));
		}
		all.sort(Comparator.comparing(TimelineEntry::at).reversed());
		boolean more = all.size() > PAGE;
		List<TimelineEntry> page = List.copyOf(all.subList(0, Math.min(PAGE, all.size())));
		return new Page(page, more ? page.get(page.size() - 1).at() : null);
	}

}

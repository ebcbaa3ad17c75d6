package io.loopcrm.feedback.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import io.loopcrm.customer.CustomersMerged;
import io.loopcrm.customer.ProfileSection;
import io.loopcrm.customer.TimelineEntry;
import io.loopcrm.customer.TimelineSource;

import org.springframework.context.MessageSource;
import org.springframework.context.event.EventListener;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Tickets on the customer profile: the timeline (one entry per ticket, when it was
 * opened), a section with the open tickets, and the merge (a merged-away customer's
 * tickets move to the survivor in the merge's transaction). Deleting a customer erases
 * their tickets with them (foreign key {@code on delete cascade}), as it does their
 * orders.
 */
final class TicketCustomerIntegration {

	private TicketCustomerIntegration() {
	}

	@Component
	static class TicketTimelineSource implements TimelineSource {

		private final JdbcClient jdbc;

		private final Categories categories;

		private final MessageSource messages;

		TicketTimelineSource(JdbcClient jdbc, Categories categories, MessageSource messages) {
			this.jdbc = jdbc;
			this.categories = categories;
			this.messages = messages;
		}

		private record Row(long id, Instant createdAt, String kind, String status, long categoryId, String subject) {
		}

		@Override
		public List<TimelineEntry> entries(long customerId, Instant before, int limit) {
			List<Row> rows = this.jdbc.sql("""
					select id, created_at, kind, status, category_id, subject from ticket
					where customer_id = :customer and (cast(:before as timestamptz) is null or created_at < :before)
					order by created_at desc, id desc limit :limit
					""")
				.param("customer", customerId)
				.param("before", (before != null) ? Timestamp.from(before) : null)
				.param("limit", limit)
				.query(Row.class)
				.list();
			if (rows.isEmpty()) {
				return List.of();
			}
			java.util.Map<Long, String> labels = new java.util.HashMap<>();
			this.categories.all().forEach((c) -> labels.put(c.id(), this.categories.label(c)));
			return rows.stream()
				.map((r) -> new TimelineEntry(r.createdAt(), "ticket", "feedback.timeline.ticket",
						List.of(String.valueOf(r.id()), text("feedback.kind." + r.kind()),
								labels.getOrDefault(r.categoryId(), ""), text("feedback.status." + r.status())),
						r.subject(), "/tickets/" + r.id()))
				.toList();
		}

		private String text(String key) {
			return this.messages.getMessage(key, null, key, LocaleContextHolder.getLocale());
		}

	}

	/** The customer's open tickets (up to five) and a link to open a new one. */
	@Component
	static class TicketProfileSection implements ProfileSection {

		private final TicketQueue queue;

		TicketProfileSection(TicketQueue queue) {
			this.queue = queue;
		}

		/**
		 * What the fragment shows.
		 *
		 * @param customerId the customer
		 * @param openCount open tickets
		 * @param open up to five of them, newest first
		 */
		record Data(long customerId, long openCount, List<TicketQueue.Item> open) {
		}

		@Override
		public int order() {
			return 20;
		}

		@Override
		public String template() {
			return "feedback/profile";
		}

		@Override
		public String fragment() {
			return "tickets";
		}

		@Override
		public Object data(long customerId) {
			return new Data(customerId, this.queue.openCount(customerId), this.queue.ofCustomer(customerId, true, 5));
		}

	}

	@Component
	static class TicketMergeListener {

		private final JdbcClient jdbc;

		TicketMergeListener(JdbcClient jdbc) {
			this.jdbc = jdbc;
		}

		@EventListener
		void on(CustomersMerged merged) {
			this.jdbc.sql("""
					insert into ticket_event (ticket_id, at, actor, action, detail)
					select id, now(), 'system', 'customer-merged', ? from ticket where customer_id = ?
					""").params(merged.mergedId() + " -> " + merged.survivorId(), merged.mergedId()).update();
			this.jdbc.sql("update ticket set customer_id = ? where customer_id = ?")
				.params(merged.survivorId(), merged.mergedId())
				.update();
		}

	}

}

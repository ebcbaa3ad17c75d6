package io.loopcrm.feedback.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.loopcrm.customer.CustomerQueries;
import io.loopcrm.customer.CustomerSummary;
import io.loopcrm.feedback.TicketChannel;
import io.loopcrm.feedback.TicketKind;
import io.loopcrm.feedback.TicketPriority;
import io.loopcrm.feedback.TicketStatus;
import io.loopcrm.platform.CurrentUser;
import io.loopcrm.platform.UserDirectory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The agent queues: open tickets, most urgent first (the next due time that matters — the
 * first response until it is given, then the resolution). Each queue reads one partial
 * index of open tickets ({@code V10__feedback_tickets.sql}).
 */
@Component
class TicketQueue {

	static final List<String> QUEUES = List.of("mine", "team", "unassigned", "due-soon", "breached", "all");

	private final JdbcClient jdbc;

	private final CustomerQueries customers;

	private final UserDirectory users;

	private final Categories categories;

	private final FeedbackProperties properties;

	private final Clock clock;

	TicketQueue(JdbcClient jdbc, CustomerQueries customers, UserDirectory users, Categories categories,
			FeedbackProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.customers = customers;
		this.users = users;
		this.categories = categories;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * What the queue page and API filter on; all optional. Bound from the query string.
	 *
	 * @param queue mine, team, unassigned, due-soon, breached or all
	 * @param status a status ({@code CLOSED} lists closed tickets, latest first)
	 * @param kind a kind
	 * @param channel a channel
	 * @param category a category id
	 * @param priority a priority
	 * @param page page number from 0
	 */
	record Filter(String queue, String status, String kind, String channel, Long category, String priority,
			Integer page) {

		String queueOr(String fallback) {
			return (this.queue != null && QUEUES.contains(this.queue)) ? this.queue : fallback;
		}

		int pageNumber() {
			return (this.page != null) ? Math.max(this.page, 0) : 0;
		}

		/** This filter with another queue or page, as a URL of the queue page. */
		public String link(String queue, int page) {
			UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/tickets").queryParam("queue", queue);
			add(uri, "status", this.status);
			add(uri, "kind", this.kind);
			add(uri, "channel", this.channel);
			add(uri, "category", this.category);
			add(uri, "priority", this.priority);
			if (page > 0) {
				uri.queryParam("page", page);
			}
			return uri.encode().build().toUriString();
		}

		private static void add(UriComponentsBuilder uri, String name, Object value) {
			if (value != null && !value.toString().isBlank()) {
				uri.queryParam(name, value);
			}
		}

	}

	/**
	 * A queue row.
	 *
	 * @param id ticket id
	 * @param subject subject
	 * @param kind kind
	 * @param channel channel
	 * @param categoryLabel category in the current language
	 * @param priority priority
	 * @param status status
	 * @param owner owner's username
	 * @param ownerName owner's display name
	 * @param customerId customer
	 * @param customerName customer's name
	 * @param createdAt opened
	 * @param nextDue the next due time that matters
	 * @param breached a target was missed
	 * @param warning a target is nearly used up
	 * @param paused waiting on the customer
	 */
	record Item(long id, String subject, TicketKind kind, TicketChannel channel, String categoryLabel,
			TicketPriority priority, TicketStatus status, String owner, String ownerName, long customerId,
			String customerName, Instant createdAt, Instant nextDue, boolean breached, boolean warning,
			boolean paused) {
	}

	/**
	 * One page of a queue.
	 *
	 * @param queue the queue shown
	 * @param items its tickets
	 * @param page page number
	 * @param size page size
	 * @param hasNext whether there is a next page
	 */
	record Page(String queue, List<Item> items, int page, int size, boolean hasNext) {
	}

	private record Row(long id, String subject, TicketKind kind, TicketChannel channel, long categoryId,
			TicketPriority priority, TicketStatus status, String owner, long customerId, Instant createdAt,
			Instant nextDue, boolean breached, boolean warning) {
	}

	@Transactional(readOnly = true)
	Page page(Filter filter, String defaultQueue) {
		String queue = filter.queueOr(defaultQueue);
		int size = this.properties.queuePageSize();
		Instant now = this.clock.instant();
		String me = CurrentUser.usernameOrSystem();
		StringBuilder sql = new StringBuilder("""
				select id, subject, kind, channel, category_id, priority, status, owner, customer_id, created_at,
				       next_due, breached,
				       (first_response_warned_at is not null and first_response_at is null)
				         or resolution_warned_at is not null as warning
				from ticket where""");
		Map<String, Object> params = new HashMap<>();
		boolean closed = TicketStatus.CLOSED.name().equals(upper(filter.status()));
		sql.append(closed ? " status = 'CLOSED'" : " status <> 'CLOSED'");
		switch (queue) {
			case "mine" -> {
				sql.append(" and owner = :me");
				params.put("me", me);
			}
			case "team" -> {
				Set<String> team = this.users.teammates(me);
				sql.append(" and owner in (:team)");
				params.put("team", List.copyOf(team));
			}
			case "unassigned" -> sql.append(" and owner is null");
			case "due-soon" -> {
				sql.append(" and status not in ('CLOSED', 'WAITING_CUSTOMER') and not breached and next_due <= :soon");
				params.put("soon", Timestamp.from(now.plus(this.properties.dueSoon())));
			}
			case "breached" -> sql.append(" and breached");
			default -> {
			}
		}
		if (!closed && filter.status() != null && !filter.status().isBlank()) {
			sql.append(" and status = :status");
			params.put("status", upper(filter.status()));
		}
		if (filter.kind() != null && !filter.kind().isBlank()) {
			sql.append(" and kind = :kind");
			params.put("kind", upper(filter.kind()));
		}
		if (filter.channel() != null && !filter.channel().isBlank()) {
			sql.append(" and channel = :channel");
			params.put("channel", upper(filter.channel()));
		}
		if (filter.priority() != null && !filter.priority().isBlank()) {
			sql.append(" and priority = :priority");
			params.put("priority", upper(filter.priority()));
		}
		if (filter.category() != null) {
			sql.append(" and category_id = :category");
			params.put("category", filter.category());
		}
		sql.append(closed ? " order by closed_at desc, id desc" : " order by next_due, id");
		sql.append(" limit :limit offset :offset");
		params.put("limit", size + 1);
		params.put("offset", filter.pageNumber() * size);
		List<Row> rows = this.jdbc.sql(sql.toString()).params(params).query(Row.class).list();
		boolean hasNext = rows.size() > size;
		return new Page(queue, items(hasNext ? rows.subList(0, size) : rows), filter.pageNumber(), size, hasNext);
	}

	/** A customer's tickets, newest first (the profile section). */
	@Transactional(readOnly = true)
	List<Item> ofCustomer(long customerId, boolean openOnly, int limit) {
		List<Row> rows = this.jdbc.sql("""
				select id, subject, kind, channel, category_id, priority, status, owner, customer_id, created_at,
				       next_due, breached,
				       (first_response_warned_at is not null and first_response_at is null)
				         or resolution_warned_at is not null as warning
				from ticket where customer_id = :customer and (not :openOnly or status <> 'CLOSED')
				order by created_at desc, id desc limit :limit
				""")
			.param("customer", customerId)
			.param("openOnly", openOnly)
			.param("limit", limit)
			.query(Row.class)
			.list();
		return items(rows);
	}

	@Transactional(readOnly = true)
	long openCount(long customerId) {
		return this.jdbc.sql("select count(*) from ticket where customer_id = ? and status <> 'CLOSED'")
			.param(customerId)
			.query(Long.class)
			.single();
	}

	private List<Item> items(List<Row> rows) {
		Map<Long, String> categoryLabels = new HashMap<>();
		this.categories.all().forEach((c) -> categoryLabels.put(c.id(), this.categories.label(c)));
		Map<String, String> owners = this.users.displayNames();
		Map<Long, String> customerNames = new HashMap<>();
		List<Item> items = new ArrayList<>(rows.size());
		for (Row r : rows) {
			String customer = customerNames.computeIfAbsent(r.customerId(),
					(id) -> this.customers.find(id).map(CustomerSummary::name).orElse("#" + id));
			items.add(new Item(r.id(), r.subject(), r.kind(), r.channel(), categoryLabels.get(r.categoryId()),
					r.priority(), r.status(), r.owner(),
					(r.owner() != null) ? owners.getOrDefault(r.owner(), r.owner()) : null, r.customerId(), customer,
					r.createdAt(), r.nextDue(), r.breached(), r.warning(),
					r.status() == TicketStatus.WAITING_CUSTOMER));
		}
		return items;
	}

	private static String upper(String value) {
		return (value != null) ? value.trim().toUpperCase(Locale.ROOT).replace('-', '_') : null;
	}

}

package io.loopcrm.commerce.internal;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import io.loopcrm.customer.TimelineEntry;
import io.loopcrm.customer.TimelineSource;
import io.loopcrm.platform.Formats;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/** A customer's orders on their timeline, one entry per order with its lines. */
@Component
class OrderTimelineSource implements TimelineSource {

	private final Orders orders;

	private final Formats formats;

	private final MessageSource messages;

	OrderTimelineSource(Orders orders, Formats formats, MessageSource messages) {
		this.orders = orders;
		this.formats = formats;
		this.messages = messages;
	}

	@Override
	public List<TimelineEntry> entries(long customerId, Instant before, int limit) {
		return this.orders.ofCustomer(customerId, before, limit).stream().map(this::entry).toList();
	}

	private TimelineEntry entry(Orders.Order order) {
		String lines = order.lines()
			.stream()
			.map((l) -> l.productName() + " × " + l.quantity().stripTrailingZeros().toPlainString() + " = "
					+ this.formats.money(l.amount()))
			.collect(Collectors.joining(" · "));
		String detail = ((order.store() != null) ? order.store() + " — " : "") + lines;
		return new TimelineEntry(order.orderedAt(), "order", "commerce.timeline.order",
				List.of(order.orderId(), this.formats.money(order.total()), text("commerce.status." + order.status()),
						text("commerce.channel." + order.channel())),
				detail, "/transactions/orders/" + order.id());
	}

	private String text(String key) {
		return this.messages.getMessage(key, null, key, LocaleContextHolder.getLocale());
	}

}

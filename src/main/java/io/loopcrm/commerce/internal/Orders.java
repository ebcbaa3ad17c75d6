package io.loopcrm.commerce.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.loopcrm.customer.CustomerQueries;
import io.loopcrm.customer.CustomerSummary;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Reading orders with their lines. */
@Component
class Orders {

	private final JdbcClient jdbc;

	private final CustomerQueries customers;

	Orders(JdbcClient jdbc, CustomerQueries customers) {
		this.jdbc = jdbc;
		this.customers = customers;
	}

	/** One line of an order. */
	public record Line(int lineNo, String sku, String productName, BigDecimal quantity, BigDecimal unitPrice,
			BigDecimal amount, BigDecimal listPrice) {
	}

	/** An order with its lines. */
	public record Order(long id, String orderId, long customerId, String customerExternalId, Instant orderedAt,
			String channel, String status, String store, BigDecimal total, List<Line> lines) {

		public boolean counts() {
			return OrderStatus.valueOf(this.status).counts();
		}

	}

	@Transactional(readOnly = true)
	Optional<Order> byNumber(String orderNumber) {
		return this.jdbc.sql("select id from customer_order where source = ? and order_number = ?")
			.params(TransactionImporter.DEFAULT_SOURCE, orderNumber)
			.query(Long.class)
			.optional()
			.flatMap(this::byId);
	}

	@Transactional(readOnly = true)
	Optional<Order> byId(long id) {
		List<Order> orders = load("o.id = ?", List.of(id), 1);
		return orders.isEmpty() ? Optional.empty() : Optional.of(orders.get(0));
	}

	/**
	 * Up to {@code limit} orders of the customer placed before {@code before}, newest
	 * first.
	 */
	@Transactional(readOnly = true)
	List<Order> ofCustomer(long customerId, Instant before, int limit) {
		return load("o.customer_id = ? and o.ordered_at < ?", List.of(customerId, java.sql.Timestamp.from(before)),
				limit);
	}

	private List<Order> load(String where, List<Object> params, int limit) {
		Map<Long, Order> orders = new LinkedHashMap<>();
		Map<Long, Optional<String>> externalIds = new java.util.HashMap<>();
		this.jdbc.sql("""
				select o.id, o.order_number, o.customer_id, o.ordered_at, o.channel, o.status, o.store, o.total
				from customer_order o
				where %s
				order by o.ordered_at desc, o.id desc
				limit %d
				""".formatted(where, limit)).params(params).query((rs) -> {
			long id = rs.getLong(1);
			long customerId = rs.getLong(3);
			String externalId = externalIds
				.computeIfAbsent(customerId, (c) -> this.customers.find(c).map(CustomerSummary::externalId))
				.orElse(null);
			orders.put(id, new Order(id, rs.getString(2), customerId, externalId, rs.getTimestamp(4).toInstant(),
					rs.getString(5), rs.getString(6), rs.getString(7), rs.getBigDecimal(8), new ArrayList<>()));
		});
		if (orders.isEmpty()) {
			return List.of();
		}
		this.jdbc.sql("""
				select l.order_id, l.line_no, p.sku, p.name, l.quantity, l.unit_price, l.amount, p.list_price
				from order_line l join product p on p.id = l.product_id
				where l.order_id = any (?)
				order by l.order_id, l.line_no
				""").param(orders.keySet().toArray(new Long[0])).query((rs) -> {
			orders.get(rs.getLong(1))
				.lines()
				.add(new Line(rs.getInt(2), rs.getString(3), rs.getString(4), rs.getBigDecimal(5), rs.getBigDecimal(6),
						rs.getBigDecimal(7), rs.getBigDecimal(8)));
		});
		return List.copyOf(orders.values());
	}

}

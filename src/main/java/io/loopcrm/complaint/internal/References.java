package io.loopcrm.complaint.internal;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Looks up what a complaint refers to through the views the commerce module publishes: an
 * order by its number ({@code commerce_order_reference}), a product by its SKU
 * ({@code commerce_product_reference}).
 */
@Component
class References {

	private final JdbcClient jdbc;

	References(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * An order.
	 *
	 * @param orderId its id
	 * @param orderNumber its number
	 * @param customerId whose it is
	 * @param store its store, may be {@code null}
	 */
	record OrderRef(long orderId, String orderNumber, long customerId, String store) {
	}

	/**
	 * A product.
	 *
	 * @param sku its SKU as on file
	 * @param name its name
	 */
	record ProductRef(String sku, String name) {
	}

	/**
	 * The order with this number; orders of the point-of-sale API and imports (source
	 * {@code default}) come before those of other sources with the same number.
	 */
	Optional<OrderRef> order(String orderNumber) {
		return this.jdbc.sql("""
				select order_id, order_number, customer_id, store from commerce_order_reference
				where order_number = ? order by (source = 'default') desc, order_id limit 1
				""")
			.param(orderNumber)
			.query((rs, n) -> new OrderRef(rs.getLong(1), rs.getString(2), rs.getLong(3), emptyToNull(rs.getString(4))))
			.optional();
	}

	Optional<OrderRef> orderById(long orderId) {
		return this.jdbc.sql("""
				select order_id, order_number, customer_id, store from commerce_order_reference where order_id = ?
				""")
			.param(orderId)
			.query((rs, n) -> new OrderRef(rs.getLong(1), rs.getString(2), rs.getLong(3), emptyToNull(rs.getString(4))))
			.optional();
	}

	/** The product with this SKU, exactly or else ignoring case. */
	Optional<ProductRef> product(String sku) {
		return this.jdbc.sql("""
				select sku, name from commerce_product_reference where sku = :sku or lower(sku) = lower(:sku)
				order by (sku = :sku) desc limit 1
				""").param("sku", sku).query((rs, n) -> new ProductRef(rs.getString(1), rs.getString(2))).optional();
	}

	private static String emptyToNull(String text) {
		return (text == null || text.isBlank()) ? null : text;
	}

}

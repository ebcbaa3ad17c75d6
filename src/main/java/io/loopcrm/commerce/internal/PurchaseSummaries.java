package io.loopcrm.commerce.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A customer's buying in figures, from their counting orders only (cancelled and refunded
 * ones never count). Two indexed queries: the customer's orders, and their lines with
 * products and categories.
 */
@Component
class PurchaseSummaries {

	/** Days in an average month, for "orders per month". */
	static final double DAYS_PER_MONTH = 365.25 / 12;

	private final JdbcClient jdbc;

	PurchaseSummaries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Share of spend in one top-level category. */
	public record CategoryShare(String category, BigDecimal spend, double share) {
	}

	/**
	 * The summary.
	 *
	 * @param orders number of counting orders
	 * @param first first purchase
	 * @param last last purchase
	 * @param total total spend
	 * @param average average order value
	 * @param ordersPerMonth orders per month over the active span (first to last
	 * purchase, at least one month)
	 * @param typicalDaysBetween median days between consecutive purchases, {@code null}
	 * with fewer than two orders
	 * @param categories share of spend per top-level category, largest first
	 * @param pricedLines lines whose product has a list price
	 * @param discountedLines of those, lines bought below the list price
	 * @param excludedOrders cancelled or refunded orders, shown but not counted
	 */
	public record Summary(long orders, Instant first, Instant last, BigDecimal total, BigDecimal average,
			double ordersPerMonth, Double typicalDaysBetween, List<CategoryShare> categories, long pricedLines,
			long discountedLines, long excludedOrders) {

		/**
		 * Share of discounted lines among priced ones, {@code null} when no line has a
		 * list price.
		 */
		public Double discountShare() {
			return (this.pricedLines > 0) ? (double) this.discountedLines / this.pricedLines : null;
		}

	}

	@Transactional(readOnly = true)
	Summary of(long customerId) {
		var head = this.jdbc.sql("""
				with o as (
				  select ordered_at, total,
				    extract(epoch from ordered_at - lag(ordered_at) over (order by ordered_at)) / 86400 as gap
				  from customer_order where customer_id = ? and counts
				)
				select count(*), min(ordered_at), max(ordered_at), coalesce(sum(total), 0), avg(total),
				  percentile_cont(0.5) within group (order by gap),
				  (select count(*) from customer_order where customer_id = ? and not counts)
				from o
				""")
			.params(customerId, customerId)
			.query((rs,
					i) -> new Object[] { rs.getLong(1), rs.getTimestamp(2), rs.getTimestamp(3), rs.getBigDecimal(4),
							rs.getBigDecimal(5), rs.getObject(6), rs.getLong(7) })
			.single();
		long orders = (long) head[0];
		long excluded = (long) head[6];
		if (orders == 0) {
			return new Summary(0, null, null, BigDecimal.ZERO, null, 0, null, List.of(), 0, 0, excluded);
		}
		Instant first = ((java.sql.Timestamp) head[1]).toInstant();
		Instant last = ((java.sql.Timestamp) head[2]).toInstant();
		BigDecimal total = (BigDecimal) head[3];
		BigDecimal average = ((BigDecimal) head[4]).setScale(2, RoundingMode.HALF_UP);
		double spanMonths = Math.max(1.0, Duration.between(first, last).toSeconds() / 86400.0 / DAYS_PER_MONTH);
		Double typicalGap = (head[5] != null) ? ((Number) head[5]).doubleValue() : null;
		long[] priced = new long[2];
		List<CategoryShare> categories = new java.util.ArrayList<>();
		this.jdbc.sql("""
				select coalesce(top.name, cat.name) as category, sum(l.amount) as spend,
				  count(*) filter (where p.list_price is not null) as priced,
				  count(*) filter (where l.unit_price < p.list_price) as discounted
				from customer_order o
				join order_line l on l.order_id = o.id
				join product p on p.id = l.product_id
				left join product_category cat on cat.id = p.category_id
				left join product_category top on top.id = cat.parent_id
				where o.customer_id = ? and o.counts
				group by 1
				order by 2 desc, 1
				""").param(customerId).query((rs) -> {
			priced[0] += rs.getLong(3);
			priced[1] += rs.getLong(4);
			String category = rs.getString(1);
			BigDecimal spend = rs.getBigDecimal(2);
			if (category != null) {
				double share = (total.signum() > 0) ? spend.doubleValue() / total.doubleValue() : 0;
				categories.add(new CategoryShare(category, spend, share));
			}
		});
		return new Summary(orders, first, last, total, average, orders / spanMonths, typicalGap,
				List.copyOf(categories), priced[0], priced[1], excluded);
	}

}

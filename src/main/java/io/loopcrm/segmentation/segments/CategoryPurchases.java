package io.loopcrm.segmentation.segments;

import java.sql.Date;
import java.time.Clock;
import java.time.YearMonth;
import java.util.Set;

import io.loopcrm.commerce.OrdersChanged;
import io.loopcrm.customer.CustomersMerged;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps {@code segment_category_purchase}: per customer and product category the first
 * and last counting purchase, from the commerce module's
 * {@code commerce_purchase_category} view. After a file import the customers with
 * purchases in its months (and those whose first or last purchase in a category fell in
 * them, for orders that stopped counting) are recomputed from all their purchases; a
 * merge moves the merged customer's rows to the survivor; every night the whole table is
 * rebuilt. Single orders from the point-of-sale API reach it with the nightly rebuild,
 * like the commerce module's own monthly figures.
 */
@Component
class CategoryPurchases {

	private final JdbcClient jdbc;

	private final Clock clock;

	private final TransactionTemplate transactions;

	CategoryPurchases(JdbcClient jdbc, Clock clock, TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.transactions = transactions;
	}

	/** Recomputes everything (in one transaction: counts meanwhile see the old rows). */
	public long rebuild() {
		return this.transactions.execute((status) -> {
			this.jdbc.sql("delete from segment_category_purchase").update();
			return (long) this.jdbc.sql("""
					insert into segment_category_purchase (customer_id, category_id, first_at, last_at)
					select customer_id, category_id, min(ordered_at), max(ordered_at)
					from commerce_purchase_category
					group by customer_id, category_id
					""").update();
		});
	}

	/** Recomputes the customers who bought, or last or first bought, in these months. */
	public void refreshMonths(Set<YearMonth> months) {
		if (!months.isEmpty()) {
			this.transactions.executeWithoutResult((status) -> refresh(months));
		}
	}

	private void refresh(Set<YearMonth> months) {
		Date[] starts = months.stream().map((m) -> Date.valueOf(m.atDay(1))).toArray(Date[]::new);
		String zone = this.clock.getZone().getId();
		this.jdbc
			.sql("""
					create temporary table segment_category_refresh on commit drop as
					select distinct customer_id from (
					  select p.customer_id from commerce_purchase p
					  where p.ordered_at >= (select min(m) from unnest(cast(:months as date[])) m)::timestamp at time zone :zone
					    and p.ordered_at < ((select max(m) from unnest(cast(:months as date[])) m) + interval '1 month')
					                       ::timestamp at time zone :zone
					    and date_trunc('month', p.ordered_at at time zone :zone)::date = any(cast(:months as date[]))
					  union all
					  select s.customer_id from segment_category_purchase s
					  where date_trunc('month', s.first_at at time zone :zone)::date = any(cast(:months as date[]))
					     or date_trunc('month', s.last_at at time zone :zone)::date = any(cast(:months as date[]))
					) affected
					""")
			.param("months", starts)
			.param("zone", zone)
			.update();
		this.jdbc.sql("""
				delete from segment_category_purchase
				where customer_id in (select customer_id from segment_category_refresh)
				""").update();
		this.jdbc.sql("""
				insert into segment_category_purchase (customer_id, category_id, first_at, last_at)
				select customer_id, category_id, min(ordered_at), max(ordered_at)
				from commerce_purchase_category
				where customer_id in (select customer_id from segment_category_refresh)
				group by customer_id, category_id
				""").update();
	}

	@EventListener
	void on(OrdersChanged changed) {
		if (changed.bulk()) {
			refreshMonths(changed.months());
		}
	}

	/**
	 * Moves the merged customer's categories to the survivor once the merge committed.
	 */
	@TransactionalEventListener(fallbackExecution = true)
	@Transactional(propagation = org.springframework.transaction.annotation.Propagation.REQUIRES_NEW)
	void on(CustomersMerged merged) {
		this.jdbc
			.sql("""
					insert into segment_category_purchase (customer_id, category_id, first_at, last_at)
					select :survivor, category_id, first_at, last_at from segment_category_purchase where customer_id = :merged
					on conflict (category_id, customer_id) do update
					  set first_at = least(segment_category_purchase.first_at, excluded.first_at),
					      last_at = greatest(segment_category_purchase.last_at, excluded.last_at)
					""")
			.param("survivor", merged.survivorId())
			.param("merged", merged.mergedId())
			.update();
		this.jdbc.sql("delete from segment_category_purchase where customer_id = ?").param(merged.mergedId()).update();
	}

}

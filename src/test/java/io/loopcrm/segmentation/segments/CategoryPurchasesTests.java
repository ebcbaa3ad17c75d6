package io.loopcrm.segmentation.segments;

import java.time.YearMonth;
import java.util.Set;
import java.util.UUID;

import io.loopcrm.IntegrationTest;
import io.loopcrm.commerce.OrdersChanged;
import io.loopcrm.customer.CustomersMerged;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Bought in category" follows file imports, cancellations and merges. Two customers of
 * this test's own, with purchases in 1996 (no other test buys then).
 */
@IntegrationTest
class CategoryPurchasesTests {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Segments segments;

	@Autowired
	CategoryPurchases categories;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	JsonMapper json;

	@Test
	void categoriesFollowImportsCancellationsAndMerges() {
		String p = "CP" + UUID.randomUUID().toString().substring(0, 6);
		long x = customer(p + "X", p);
		long y = customer(p + "Y", p);
		this.jdbc.sql("insert into product_category (name) values (?)").param(p + "食品").update();
		this.jdbc
			.sql("insert into product_category (parent_id, name) select id, ? from product_category where name = ?")
			.params(p + "零食", p + "食品")
			.update();
		this.jdbc.sql("""
				insert into product (sku, name, category_id, created_at, updated_at)
				values (?, 'snack', (select id from product_category where name = ?), now(), now())
				""").params(p + "SNACK", p + "零食").update();
		String bought = """
				{"conditions":[{"field":"tag","op":"eq","value":"%s"},{"field":"boughtCategory","op":"eq","value":"%s"}]}
				"""
			.formatted(p, p + "食品");

		long order = order(x, p + "-1", "1996-05-10 10:00+08", p + "SNACK");
		assertThat(count(bought)).isZero();
		// an import of May 1996 brings X in
		this.events.publishEvent(new OrdersChanged(Set.of(YearMonth.of(1996, 5)), true));
		assertThat(members(bought)).containsExactly(x);
		// a single point-of-sale order waits for the nightly rebuild
		order(y, p + "-2", "1996-06-01 10:00+08", p + "SNACK");
		this.events.publishEvent(new OrdersChanged(Set.of(YearMonth.of(1996, 6)), false));
		assertThat(members(bought)).containsExactly(x);
		this.categories.rebuild();
		assertThat(members(bought)).containsExactly(x, y);
		// X's only order is cancelled by a later import of May
		this.jdbc.sql("update customer_order set status = 'CANCELLED' where id = ?").param(order).update();
		this.events.publishEvent(new OrdersChanged(Set.of(YearMonth.of(1996, 5)), true));
		assertThat(members(bought)).containsExactly(y);
		// Y merged into X: X has bought what Y bought
		this.events.publishEvent(new CustomersMerged(x, y));
		assertThat(members(bought)).containsExactly(x);
	}

	long count(String definition) {
		return this.segments.count(SegmentDefinitions.parse(this.json.readTree(definition)));
	}

	java.util.List<Long> members(String definition) {
		return this.segments.members(SegmentDefinitions.parse(this.json.readTree(definition)), 0, 10)
			.items()
			.stream()
			.map(Segments.Member::id)
			.toList();
	}

	long customer(String name, String tag) {
		return this.jdbc.sql("""
				insert into customer (name, tags, created_at, updated_at, updated_by)
				values (?, ?, now(), now(), 'test') returning id
				""").params(name, new String[] { tag }).query(Long.class).single();
	}

	long order(long customer, String number, String at, String sku) {
		long order = this.jdbc.sql("""
				insert into customer_order (order_number, customer_id, ordered_at, channel, status, total, line_count,
				  created_at, updated_at, updated_by)
				values (?, ?, cast(? as timestamptz), 'STORE', 'COMPLETED', 10, 1, now(), now(), 'test') returning id
				""").params(number, customer, at).query(Long.class).single();
		this.jdbc.sql("""
				insert into order_line (order_id, line_no, product_id, quantity, unit_price, amount)
				values (?, 1, (select id from product where sku = ?), 1, 10, 10)
				""").params(order, sku).update();
		return order;
	}

}

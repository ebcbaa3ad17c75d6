package io.loopcrm.commerce;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Hand-made orders for the buying-behaviour tests, all in 2018-12 to 2019-03 (a window no
 * other test and no demo data uses), with region and category names of their own. Times
 * are Asia/Shanghai (+08).
 *
 * <pre>
 * customer  region / city        orders (counting)
 * BB-A      BB华东               2019-01-05 10:00 STORE 100 (零食 60, 饮料 40)
 *                                2019-01-20 20:00 WEB   300 (家居 300)
 *                                2019-02-14 12:00 STORE 150 (零食 100, 家居 50)
 *                                + 2019-01-25 CANCELLED 99,999
 * BB-B      -, city BB杭州       2019-01-10 12:00 APP   200 (no category 200)
 *                                2019-03-04 07:30 WEB   600 (家居 600) = 2019-03-03T23:30Z, a Monday in Shanghai
 *                                + 2019-03-04 07:45 REFUNDED 88,888
 * BB-C      -, -  (unknown)      2019-01-31 23:30 STORE 400 (零食 400)
 * BB-D      =BB华南              2019-02-01 01:00 PHONE  50 (饮料 50)    = 2019-01-31T17:00Z
 * BB-E      -, city BB杭州       2018-12-15 09:00 STORE  80 (家居 80)
 *                                2019-02-20 15:00 APP    70 (no category 70)
 *                                2019-03-10 14:00 STORE  30 (饮料 30)    a Sunday
 * BB-F      BB华北               only 2019-01-12 CANCELLED 77,777
 * </pre> Categories: BB食品 (top) with BB零食 and BB饮料; BB家居 (top, products directly in it);
 * one product without a category.
 */
public final class BuyingBehaviourFixture {

	private BuyingBehaviourFixture() {
	}

	public static void ensure(JdbcClient jdbc) {
		boolean present = jdbc.sql("select count(*) from customer where external_id = 'BB-A'")
			.query(Long.class)
			.single() > 0;
		if (present) {
			return;
		}
		jdbc.sql("""
				insert into customer (external_id, name, region, city, created_at, updated_at, updated_by) values
				  ('BB-A', '购买甲', 'BB华东', 'BB上海', now(), now(), 'test'),
				  ('BB-B', '购买乙', null, 'BB杭州', now(), now(), 'test'),
				  ('BB-C', '购买丙', ' ', null, now(), now(), 'test'),
				  ('BB-D', '购买丁', '=BB华南', 'BB广州', now(), now(), 'test'),
				  ('BB-E', '购买戊', '', 'BB杭州', now(), now(), 'test'),
				  ('BB-F', '购买己', 'BB华北', 'BB北京', now(), now(), 'test')
				""").update();
		jdbc.sql("insert into product_category (name) values ('BB食品'), ('BB家居')").update();
		jdbc.sql("""
				insert into product_category (parent_id, name)
				select id, sub from product_category, (values ('BB零食'), ('BB饮料')) s(sub) where name = 'BB食品'
				""").update();
		jdbc.sql("""
				insert into product (sku, name, category_id, created_at, updated_at) values
				  ('BB-P1', '薯片', (select id from product_category where name = 'BB零食'), now(), now()),
				  ('BB-P2', '绿茶', (select id from product_category where name = 'BB饮料'), now(), now()),
				  ('BB-P3', '台灯', (select id from product_category where name = 'BB家居'), now(), now()),
				  ('BB-P4', '礼品卡', null, now(), now())
				""").update();
		order(jdbc, "BB-A", "BB-O1", "2019-01-05 10:00+08", "STORE", "COMPLETED", "BB-P1:60", "BB-P2:40");
		order(jdbc, "BB-A", "BB-O2", "2019-01-20 20:00+08", "WEB", "SHIPPED", "BB-P3:300");
		order(jdbc, "BB-A", "BB-O3", "2019-02-14 12:00+08", "STORE", "PAID", "BB-P1:100", "BB-P3:50");
		order(jdbc, "BB-A", "BB-X1", "2019-01-25 11:00+08", "STORE", "CANCELLED", "BB-P1:99999");
		order(jdbc, "BB-B", "BB-O4", "2019-01-10 12:00+08", "APP", "COMPLETED", "BB-P4:200");
		order(jdbc, "BB-B", "BB-O5", "2019-03-03 23:30Z", "WEB", "COMPLETED", "BB-P3:600");
		order(jdbc, "BB-B", "BB-X2", "2019-03-04 07:45+08", "WEB", "REFUNDED", "BB-P3:88888");
		order(jdbc, "BB-C", "BB-O6", "2019-01-31 23:30+08", "STORE", "PENDING", "BB-P1:400");
		order(jdbc, "BB-D", "BB-O7", "2019-01-31 17:00Z", "PHONE", "COMPLETED", "BB-P2:50");
		order(jdbc, "BB-E", "BB-O8", "2018-12-15 09:00+08", "STORE", "COMPLETED", "BB-P3:80");
		order(jdbc, "BB-E", "BB-O9", "2019-02-20 15:00+08", "APP", "COMPLETED", "BB-P4:70");
		order(jdbc, "BB-E", "BB-O10", "2019-03-10 14:00+08", "STORE", "COMPLETED", "BB-P2:30");
		order(jdbc, "BB-F", "BB-X3", "2019-01-12 10:00+08", "STORE", "CANCELLED", "BB-P1:77777");
	}

	/**
	 * One order with lines "sku:amount" (quantity 1); its total is the sum of the lines.
	 */
	static long order(JdbcClient jdbc, String customer, String number, String at, String channel, String status,
			String... lines) {
		java.math.BigDecimal total = java.math.BigDecimal.ZERO;
		for (String line : lines) {
			total = total.add(new java.math.BigDecimal(line.split(":")[1]));
		}
		long id = jdbc.sql("""
				insert into customer_order (source, order_number, customer_id, ordered_at, channel, status, total,
				  line_count, created_at, updated_at, updated_by)
				values ('test', :number, (select id from customer where external_id = :customer),
				  cast(:at as timestamptz), :channel, :status, :total, :count, now(), now(), 'test')
				returning id
				""")
			.param("number", number)
			.param("customer", customer)
			.param("at", at)
			.param("channel", channel)
			.param("status", status)
			.param("total", total)
			.param("count", lines.length)
			.query(Long.class)
			.single();
		for (int i = 0; i < lines.length; i++) {
			String[] parts = lines[i].split(":");
			jdbc.sql("""
					insert into order_line (order_id, line_no, product_id, quantity, unit_price, amount)
					values (:order, :no, (select id from product where sku = :sku), 1, :amount, :amount)
					""")
				.param("order", id)
				.param("no", i + 1)
				.param("sku", parts[0])
				.param("amount", new java.math.BigDecimal(parts[1]))
				.update();
		}
		return id;
	}

}

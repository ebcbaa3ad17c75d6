package io.loopcrm.segmentation.segments;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Customers of the segment tests, with names, cities, tags and categories of their own (a
 * random prefix) and purchases only in 1998–1999 (no other test and no demo data buys in
 * those years). Times are Asia/Shanghai (+08); "today" is 1999-12-31.
 *
 * <pre>
 * customer  profile                                          counting orders
 * A         P上海 (region P华东, like B), FEMALE, 25-34, OFFICE, STORE_VISIT,        1999-06-01 300 (P茶饮 &gt; P茶叶)
 *           prefers EMAIL, owner manager, tags T + Pvip,      1999-11-01 500 (P服饰)
 *           e-mail consent, created 1996-03-01                1999-12-01 800 (P服饰)
 * B         P杭州, MALE, born 1980, PROFESSIONAL, WEB_FORM,   1999-12-30 1200 (P茶饮)
 *           owner staff, tag T, SMS consent, created 1997-05-01
 * C         P上海, tags T + Pvip, created 1998-01-01          1998-02-01 50 (P服饰)
 *                                                             + 1999-12-30 CANCELLED 99,999 (P茶饮)
 * D         no city, tag T, created 1999-12-31                none
 * E         city "' or 1=1 --", tag T, created 1998-06-15     none
 * </pre> Segmented as of 1999-12-31 (window 1998-01-01 to 1999-12-31, three buyers, so
 * scores 1, 2, 4 by rank): A R2 F4 At risk, active, high (recency 30, 3 orders, 1,600); B
 * R4 F1 Promising, new, mid (1 day, 1 order, 1,200); C R1 F1 Lost, churned, low (698
 * days, 1 order, 50); D and E no segment, potential, low.
 */
final class SegmentFixture {

	final String prefix = "SG" + UUID.randomUUID().toString().substring(0, 6);

	/** The tag every fixture customer has. */
	final String tag = this.prefix + "-all";

	final String vip = this.prefix + "vip";

	final String shanghai = this.prefix + "上海";

	final String hangzhou = this.prefix + "杭州";

	final String east = this.prefix + "华东";

	final String tea = this.prefix + "茶饮";

	final String leaf = this.prefix + "茶叶";

	final String clothes = this.prefix + "服饰";

	static final String INJECTION = "' or 1=1 --";

	/** Customer ids by letter. */
	final Map<String, Long> ids = new LinkedHashMap<>();

	SegmentFixture(JdbcClient jdbc) {
		this.ids.put("A", customer(jdbc, "A", this.shanghai, "FEMALE", null, "25-34", "OFFICE", "STORE_VISIT", "EMAIL",
				"manager", new String[] { this.tag, this.vip }, true, false, "1996-03-01 09:00+08"));
		this.ids.put("B", customer(jdbc, "B", this.hangzhou, "MALE", "1980-01-01", null, "PROFESSIONAL", "WEB_FORM",
				null, "staff", new String[] { this.tag }, false, true, "1997-05-01 09:00+08"));
		this.ids.put("C", customer(jdbc, "C", this.shanghai, null, null, null, null, null, null, null,
				new String[] { this.tag, this.vip }, false, false, "1998-01-01 09:00+08"));
		this.ids.put("D", customer(jdbc, "D", null, null, null, null, null, null, null, null, new String[] { this.tag },
				false, false, "1999-12-31 10:00+08"));
		this.ids.put("E", customer(jdbc, "E", INJECTION, null, null, null, null, null, null, null,
				new String[] { this.tag }, false, false, "1998-06-15 09:00+08"));
		jdbc.sql("insert into product_category (name) values (?), (?)").params(this.tea, this.clothes).update();
		jdbc.sql("insert into product_category (parent_id, name) select id, ? from product_category where name = ?")
			.params(this.leaf, this.tea)
			.update();
		product(jdbc, "TEA", this.tea);
		product(jdbc, "LEAF", this.leaf);
		product(jdbc, "COAT", this.clothes);
		order(jdbc, "A", "1999-06-01 10:00+08", "COMPLETED", "LEAF", 300);
		order(jdbc, "A", "1999-11-01 10:00+08", "COMPLETED", "COAT", 500);
		order(jdbc, "A", "1999-12-01 10:00+08", "COMPLETED", "COAT", 800);
		order(jdbc, "B", "1999-12-30 10:00+08", "COMPLETED", "TEA", 1200);
		order(jdbc, "C", "1998-02-01 10:00+08", "COMPLETED", "COAT", 50);
		order(jdbc, "C", "1999-12-30 11:00+08", "CANCELLED", "TEA", 99999);
	}

	String letter(long id) {
		return this.ids.entrySet()
			.stream()
			.filter((e) -> e.getValue() == id)
			.map(Map.Entry::getKey)
			.findFirst()
			.orElse("?" + id);
	}

	private long customer(JdbcClient jdbc, String letter, String city, String gender, String birthday, String ageBand,
			String occupation, String source, String preferred, String owner, String[] tags, boolean email, boolean sms,
			String created) {
		return jdbc
			.sql("""
					insert into customer (external_id, name, city, gender, birthday, age_band, occupation, source_channel,
					  preferred_channel, owner_id, tags, consent_email, consent_sms, created_at, updated_at, updated_by, region)
					values (?, ?, ?, ?, cast(? as date), ?, ?, ?, ?, (select id from app_user where username = ?), ?, ?, ?,
					  cast(? as timestamptz), now(), 'test', ?)
					returning id
					""")
			.params(this.prefix + "-" + letter, "Segment " + letter + " " + this.prefix, city, gender, birthday,
					ageBand, occupation, source, preferred, owner, tags, email, sms, created,
					(letter.equals("A") || letter.equals("B")) ? this.east : null)
			.query(Long.class)
			.single();
	}

	private void product(JdbcClient jdbc, String sku, String category) {
		jdbc.sql("""
				insert into product (sku, name, category_id, created_at, updated_at)
				values (?, ?, (select id from product_category where name = ?), now(), now())
				""").params(this.prefix + sku, sku, category).update();
	}

	private int orders;

	private void order(JdbcClient jdbc, String letter, String at, String status, String sku, int amount) {
		long order = jdbc.sql("""
				insert into customer_order (order_number, customer_id, ordered_at, channel, status, total, line_count,
				  created_at, updated_at, updated_by)
				values (?, ?, cast(? as timestamptz), 'STORE', ?, ?, 1, now(), now(), 'test') returning id
				""")
			.params(this.prefix + "-O" + (++this.orders), this.ids.get(letter), at, status, amount)
			.query(Long.class)
			.single();
		jdbc.sql("""
				insert into order_line (order_id, line_no, product_id, quantity, unit_price, amount)
				values (?, 1, (select id from product where sku = ?), 1, ?, ?)
				""").params(order, this.prefix + sku, amount, amount).update();
	}

}

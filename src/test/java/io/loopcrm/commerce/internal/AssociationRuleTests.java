package io.loopcrm.commerce.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import io.loopcrm.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * Association rules over the shared database. Rules are global over all baskets, so each
 * test plants products of its own with overwhelming co-occurrence and reads the number of
 * baskets from the database at that moment: the planted rule's support, confidence and
 * lift are then exact fractions of it.
 */
@IntegrationTest
class AssociationRuleTests {

	static final int TOGETHER = 60;

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AssociationRuleService service;

	@Test
	void apiListsThePlantedRuleWithExactMetricsAndIgnoresCancelledAndRefundedOrders() throws Exception {
		Planted p = plant();
		int n = baskets("product");
		MvcTestResult result = this.mvc.get()
			.uri("/api/v1/analytics/association-rules")
			.param("level", "product")
			.param("minSupport", minSupportFor(TOGETHER, n))
			.param("minConfidence", "0.99")
			.param("maxLength", "2")
			.param("limit", "10000")
			.with(httpBasic("manager", "demo"))
			.exchange();
		assertThat(result).hasStatusOk();
		String body = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat((Integer) JsonPath.read(body, "$.transactions")).isEqualTo(n);
		List<Object> listed = JsonPath.read(body, "$.rules");
		assertThat((Integer) JsonPath.read(body, "$.count")).isEqualTo(listed.size());
		// A is in 60 baskets that count, always with B; the 80 cancelled and refunded
		// orders of A with C would lower the confidence to 60/140 if they counted
		Map<String, Object> rule = rule(body, p.a, p.b);
		assertThat(rule.get("antecedent")).isEqualTo(List.of(p.nameA));
		assertThat(rule.get("consequent")).isEqualTo(List.of(p.nameB));
		assertThat(((Number) rule.get("support")).doubleValue()).isEqualTo(60.0 / n);
		assertThat(((Number) rule.get("confidence")).doubleValue()).isEqualTo(1.0);
		assertThat(((Number) rule.get("lift")).doubleValue()).isEqualTo((60.0 * n) / (60.0 * 60.0));
		assertThat(rule.get("baskets")).isEqualTo(60);
		assertThat(((Number) rule(body, p.b, p.a).get("confidence")).doubleValue()).isEqualTo(1.0);
		List<List<Number>> antecedents = JsonPath.read(body, "$.rules[*].antecedentIds");
		List<List<Number>> consequents = JsonPath.read(body, "$.rules[*].consequentIds");
		assertThat(longs(antecedents)).doesNotContain(p.c);
		assertThat(longs(consequents)).doesNotContain(p.c);
		// rules sorted by lift
		List<Double> lifts = JsonPath.read(body, "$.rules[*].lift");
		assertThat(lifts).isSortedAccordingTo(java.util.Comparator.reverseOrder());
	}

	@Test
	void categoryLevelCountsCategoriesOnceAndSkipsProductsWithoutCategory() throws Exception {
		Planted p = plant();
		int n = baskets("category");
		String body = this.mvc.get()
			.uri("/api/v1/analytics/association-rules")
			.param("level", "category")
			.param("minSupport", minSupportFor(TOGETHER, n))
			.param("minConfidence", "0.5")
			.param("limit", "10000")
			.with(httpBasic("admin", "demo"))
			.exchange()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat((Integer) JsonPath.read(body, "$.transactions")).isEqualTo(n);
		Map<String, Object> rule = rule(body, p.categoryX, p.categoryY);
		// sub-category Y is shown with its parent
		assertThat(rule.get("consequent")).isEqualTo(List.of(p.categoryXName + " / " + p.categoryYName));
		assertThat(rule.get("baskets")).isEqualTo(60);
		assertThat(((Number) rule.get("confidence")).doubleValue()).isEqualTo(1.0);
	}

	@Test
	void invalidParametersAreA400WithEveryFieldInTheCallersLanguage() {
		var result = this.mvc.get()
			.uri("/api/v1/analytics/association-rules?level=brand&minSupport=0&minConfidence=1.5&maxLength=3&maxConsequent=3&limit=20000")
			.header("Accept-Language", "zh-CN")
			.with(httpBasic("manager", "demo"))
			.exchange();
		assertThat(result).hasStatus(400);
		assertThat(result).bodyJson()
			.extractingPath("$.errors[*].field")
			.asArray()
			.containsExactly("level", "minSupport", "minConfidence", "maxConsequent", "limit");
		assertThat(result).bodyJson()
			.extractingPath("$.errors[?(@.field == 'maxConsequent')].message")
			.asArray()
			.containsExactly("右侧最多商品数必须是 1 到 2 之间的整数。");
		assertThat(this.mvc.get()
			.uri("/api/v1/analytics/association-rules?minSupport=abc")
			.header("Accept-Language", "zh-TW")
			.with(httpBasic("manager", "demo"))).bodyJson()
			.extractingPath("$.errors[0].message")
			.isEqualTo("最小支持度必須是大於 0 且不超過 1 的數字。");
	}

	@Test
	void onlyManagersAndAdministratorsSeeTheRules() throws Exception {
		assertThat(this.mvc.get().uri("/api/v1/analytics/association-rules").with(httpBasic("agent", "demo")))
			.hasStatus(403);
		assertThat(this.mvc.get().uri("/analytics/association-rules").with(user("agent").roles("STAFF", "AGENT")))
			.hasStatus(403);
		assertThat(this.mvc.get().uri("/analytics/association-rules.csv").with(user("staff").roles("STAFF")))
			.hasStatus(403);
		assertThat(this.mvc.get().uri("/analytics/association-rules").with(user("boss").roles("MANAGER")))
			.hasStatusOk();
	}

	@Test
	void pageShowsBasketsAndRulesAndTheCsvHasEveryRuleWithFormulasNeutralised() throws Exception {
		Planted p = plant();
		int n = baskets("product");
		String support = minSupportFor(TOGETHER, n);
		var page = this.mvc.get()
			.uri("/analytics/association-rules")
			.param("minSupport", support)
			.param("minConfidence", "0.99")
			.param("maxLength", "2")
			.header("Accept-Language", "en")
			.with(user("boss").roles("MANAGER"))
			.exchange();
		assertThat(page).hasStatusOk();
		String html = page.getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(html).contains("Baskets: " + String.format(java.util.Locale.ENGLISH, "%,d", n) + ".");
		assertThat(html).contains(p.nameA.replace("&", "&amp;")).contains(p.nameB);
		assertThat(html).contains("Download all rules (CSV)");
		var csv = this.mvc.get()
			.uri("/analytics/association-rules.csv")
			.param("minSupport", support)
			.param("minConfidence", "0.99")
			.param("maxLength", "2")
			.with(user("boss").roles("MANAGER"))
			.exchange();
		assertThat(csv).hasStatusOk();
		assertThat(csv.getResponse().getHeader("Content-Disposition")).startsWith("attachment")
			.contains("filename=\"association-rules-product.csv\"");
		String text = csv.getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(text).startsWith("\uFEFFantecedent,consequent,baskets,transactions,support,confidence,lift\r\n");
		// product A's name starts with "=": a spreadsheet must not run it
		assertThat(text).contains("'" + p.nameA + "," + p.nameB + ",60," + n + ",");
		assertThat(text).doesNotContain("\r\n" + p.nameA);
	}

	@Test
	void pageShowsValidationMessagesAndAnEmptyState() throws Exception {
		var invalid = this.mvc.get()
			.uri("/analytics/association-rules?minSupport=2&maxLength=11")
			.header("Accept-Language", "zh-TW")
			.with(user("boss").roles("MANAGER"))
			.exchange();
		assertThat(invalid).hasStatusOk();
		assertThat(invalid.getResponse().getContentAsString(StandardCharsets.UTF_8))
			.contains("最小支持度必須是大於 0 且不超過 1 的數字。")
			.contains("每條規則最多商品數必須是 2 到 10 之間的整數。")
			.contains("value=\"2\"");
		// no item set is in every basket: the planted ones are not in the extra basket
		Planted p = plant();
		orders(customer(p.tag + "-c"), p.tag + "-c", 1, "COMPLETED", p.c);
		var none = this.mvc.get()
			.uri("/analytics/association-rules?minSupport=1&minConfidence=1")
			.header("Accept-Language", "en")
			.with(user("boss").roles("MANAGER"))
			.exchange();
		assertThat(none.getResponse().getContentAsString(StandardCharsets.UTF_8))
			.contains("No rule reaches these thresholds");
		assertThat(this.mvc.get()
			.uri("/analytics/association-rules.csv?minSupport=-1")
			.with(user("boss").roles("MANAGER"))).hasStatus(303);
	}

	@Test
	void recommendationsComeFromStoredRulesWhoseWholeAntecedentTheCustomerBought() throws Exception {
		Planted p = plant();
		String tag = p.tag;
		// E is bought with A in 20 orders and with F in 20 more
		long e = product(tag, "E", "Rule E " + tag, null);
		long f = product(tag, "F", "Rule F " + tag, null);
		long planter = customer(tag + "-planter");
		orders(planter, tag + "-AE", 20, "COMPLETED", p.a, e);
		orders(planter, tag + "-EF", 20, "COMPLETED", e, f);
		long onlyA = customer(tag + "-x");
		orders(onlyA, tag + "-x", 1, "PAID", p.a);
		long aAndB = customer(tag + "-y");
		orders(aAndB, tag + "-y", 1, "SHIPPED", p.a, p.b);
		long cancelled = customer(tag + "-z");
		orders(cancelled, tag + "-z", 1, "CANCELLED", p.a);
		assertThat(this.service.refreshStoredRules()).isPositive();

		// A in 60 + 20 + 1 + 1 baskets: A => B (61 of 82) before A => E (20 of 82) by
		// lift
		List<Recommendation> forX = this.service.recommendationsFor(onlyA, 10);
		assertThat(forX).extracting(Recommendation::productId).containsExactly(p.b, e);
		assertThat(forX.get(0).because()).containsExactly(p.nameA);
		assertThat(forX.get(0).becauseIds()).containsExactly(p.a);
		assertThat(forX.get(0).name()).isEqualTo(p.nameB);
		assertThat(forX.get(0).confidence()).isEqualTo(61.0 / 82);
		assertThat(forX.get(0).lift()).isGreaterThan(forX.get(1).lift());
		assertThat(this.service.recommendationsFor(onlyA, 1)).extracting(Recommendation::productId)
			.containsExactly(p.b);
		// bought B already: E only, from its best rule ({A, B} => E does not exist, so A
		// => E)
		assertThat(this.service.recommendationsFor(aAndB, 10)).extracting(Recommendation::productId).containsExactly(e);
		// a cancelled order is no purchase
		assertThat(this.service.recommendationsFor(cancelled, 10)).isEmpty();
		assertThat(this.jdbc.sql(
				"select baskets from commerce_association_rule where antecedent = array[:a]::bigint[] and consequent_product_id = :b")
			.param("a", p.a)
			.param("b", p.b)
			.query(Integer.class)
			.single()).isEqualTo(61);
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> rule(String body, long antecedent, long consequent) {
		List<Map<String, Object>> rules = JsonPath.read(body, "$.rules");
		List<Map<String, Object>> found = rules.stream()
			.filter((r) -> longs(List.of((List<Number>) r.get("antecedentIds"))).equals(List.of(antecedent))
					&& longs(List.of((List<Number>) r.get("consequentIds"))).equals(List.of(consequent)))
			.toList();
		assertThat(found).as("rule %s => %s", antecedent, consequent).hasSize(1);
		return found.get(0);
	}

	private static List<Long> longs(List<List<Number>> lists) {
		return lists.stream().flatMap(List::stream).map(Number::longValue).toList();
	}

	/** A minimum support whose minimum count over {@code n} baskets is {@code count}. */
	private static String minSupportFor(int count, int n) {
		return BigDecimal.valueOf(count).divide(BigDecimal.valueOf(n), 12, RoundingMode.DOWN).toPlainString();
	}

	/**
	 * Orders that count with at least one item at the level, read from the database now.
	 */
	private int baskets(String level) {
		String join = level.equals("category")
				? " join product p on p.id = l.product_id where o.counts and p.category_id is not null"
				: " where o.counts";
		return this.jdbc
			.sql("select count(distinct o.id) from customer_order o join order_line l on l.order_id = o.id" + join)
			.query(Integer.class)
			.single();
	}

	/**
	 * Products A (category X, a name starting with "="), B (sub-category Y of X), C (no
	 * category); 60 completed orders of A and B, and 40 cancelled and 40 refunded orders
	 * of A with C.
	 */
	private Planted plant() {
		String tag = "R" + UUID.randomUUID().toString().substring(0, 8);
		long x = this.jdbc.sql("insert into product_category (name) values (:n) returning id")
			.param("n", "Cat X " + tag)
			.query(Long.class)
			.single();
		long y = this.jdbc.sql("insert into product_category (parent_id, name) values (:p, :n) returning id")
			.param("p", x)
			.param("n", "Cat Y " + tag)
			.query(Long.class)
			.single();
		String nameA = "=Rule A " + tag;
		String nameB = "Rule B " + tag;
		long a = product(tag, "A", nameA, x);
		long b = product(tag, "B", nameB, y);
		long c = product(tag, "C", "Rule C " + tag, null);
		long customer = customer(tag);
		orders(customer, tag + "-ab", 60, "COMPLETED", a, b);
		orders(customer, tag + "-ac", 40, "CANCELLED", a, c);
		orders(customer, tag + "-ar", 40, "REFUNDED", a, c, a);
		return new Planted(tag, a, b, c, nameA, nameB, x, y, "Cat X " + tag, "Cat Y " + tag);
	}

	private long product(String tag, String letter, String name, Long category) {
		return this.jdbc.sql("""
				insert into product (sku, name, category_id, list_price, created_at, updated_at)
				values (:sku, :name, :category, 10, now(), now()) returning id""")
			.param("sku", tag + "-" + letter)
			.param("name", name)
			.param("category", category)
			.query(Long.class)
			.single();
	}

	private long customer(String externalId) {
		return this.jdbc.sql("""
				insert into customer (external_id, name, created_at, updated_at, updated_by)
				values (:id, :name, now(), now(), 'test') returning id""")
			.param("id", externalId)
			.param("name", "Basket " + externalId)
			.query(Long.class)
			.single();
	}

	/**
	 * {@code count} orders with one line per product (a product named twice: two lines).
	 */
	private void orders(long customer, String prefix, int count, String status, long... products) {
		this.jdbc.sql("""
				insert into customer_order (source, order_number, customer_id, ordered_at, channel, status, total,
				  line_count, created_at, updated_at, updated_by)
				select 'rules-test', :prefix || '-' || g, :customer, now(), 'STORE', :status, 10, :lines, now(), now(),
				  'test'
				from generate_series(1, :count) g""")
			.param("prefix", prefix)
			.param("customer", customer)
			.param("status", status)
			.param("lines", products.length)
			.param("count", count)
			.update();
		for (int i = 0; i < products.length; i++) {
			this.jdbc.sql("""
					insert into order_line (order_id, line_no, product_id, quantity, unit_price, amount)
					select id, :line, :product, 1, 5, 5 from customer_order
					where source = 'rules-test' and order_number like :prefix || '-%'""")
				.param("line", i + 1)
				.param("product", products[i])
				.param("prefix", prefix)
				.update();
		}
	}

	record Planted(String tag, long a, long b, long c, String nameA, String nameB, long categoryX, long categoryY,
			String categoryXName, String categoryYName) {
	}

}

package io.loopcrm.segmentation.segments;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import java.util.TreeSet;

import io.loopcrm.IntegrationTest;
import io.loopcrm.MutableClock;
import io.loopcrm.platform.ValidationException;
import io.loopcrm.segmentation.internal.Segmentation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every field and operator against real PostgreSQL, on the customers of
 * {@link SegmentFixture} only: each definition is "has the fixture's tag AND the
 * condition under test", so what other tests put in the database never matters. Today is
 * 1999-12-31 (Asia/Shanghai) for the "last N days" conditions.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SegmentConditionTests {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Segments segments;

	@Autowired
	Segmentation segmentation;

	@Autowired
	MutableClock clock;

	@Autowired
	JsonMapper json;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	CategoryPurchases categories;

	SegmentFixture f;

	Instant realNow;

	@BeforeAll
	void fixture() {
		this.f = new SegmentFixture(this.jdbc);
		// the fixture's orders were written with SQL, not imported: no OrdersChanged
		this.categories.rebuild();
		this.segmentation.recompute(LocalDate.of(1999, 12, 31));
	}

	@BeforeEach
	void lastDayOf1999() {
		this.realNow = this.clock.instant();
		this.clock.set(Instant.parse("1999-12-31T04:00:00Z"));
	}

	@AfterEach
	void backToNow() {
		this.clock.set(this.realNow);
	}

	@Test
	void textFields() {
		assertThat(who(c("city", "eq", q(this.f.shanghai)))).containsExactly("A", "C");
		// ne and notIn also match customers without a value (D has no city)
		assertThat(who(c("city", "ne", q(this.f.shanghai)))).containsExactly("B", "D", "E");
		assertThat(who(c("city", "in", list(this.f.shanghai, this.f.hangzhou)))).containsExactly("A", "B", "C");
		assertThat(who(c("city", "notIn", list(this.f.shanghai, this.f.hangzhou)))).containsExactly("D", "E");
		assertThat(who(c("city", "contains", q("杭州")))).containsExactly("B");
		// contains and prefix ignore case; % and _ are letters, not wildcards
		assertThat(who(c("city", "prefix", q(this.f.prefix.toLowerCase())))).containsExactly("A", "B", "C");
		assertThat(who(c("city", "contains", q("%")))).isEmpty();
		assertThat(who(c("city", "prefix", q("_")))).isEmpty();
		assertThat(who(c("region", "eq", q(this.f.east)))).containsExactly("A", "B");
		assertThat(who(c("region", "notIn", list(this.f.east)))).containsExactly("C", "D", "E");
		assertThat(who(c("region", "contains", q("华东")))).containsExactly("A", "B");
	}

	@Test
	void choiceFields() {
		assertThat(who(c("gender", "eq", q("FEMALE")))).containsExactly("A");
		assertThat(who(c("gender", "eq", q("female")))).containsExactly("A");
		assertThat(who(c("gender", "ne", q("FEMALE")))).containsExactly("B", "C", "D", "E");
		assertThat(who(c("gender", "in", list("FEMALE", "MALE")))).containsExactly("A", "B");
		assertThat(who(c("gender", "notIn", list("FEMALE", "MALE")))).containsExactly("C", "D", "E");
		// the band A gave, and the band of B's birthday (1980) today
		assertThat(who(c("ageBand", "eq", q("25-34")))).containsExactly("A");
		assertThat(who(c("ageBand", "in", list("25-34", "45-54")))).containsExactly("A", "B");
		assertThat(who(c("occupation", "eq", q("PROFESSIONAL")))).containsExactly("B");
		assertThat(who(c("occupation", "ne", q("PROFESSIONAL")))).containsExactly("A", "C", "D", "E");
		assertThat(who(c("source", "eq", q("STORE_VISIT")))).containsExactly("A");
		assertThat(who(c("source", "notIn", list("STORE_VISIT")))).containsExactly("B", "C", "D", "E");
		assertThat(who(c("preferredChannel", "eq", q("EMAIL")))).containsExactly("A");
		assertThat(who(c("preferredChannel", "in", list("SMS", "EMAIL")))).containsExactly("A");
		assertThat(who(c("owner", "eq", q("Manager")))).containsExactly("A");
		assertThat(who(c("owner", "in", list("manager", "staff")))).containsExactly("A", "B");
		assertThat(who(c("owner", "ne", q("manager")))).containsExactly("B", "C", "D", "E");
		assertThat(who(c("owner", "notIn", list("manager", "staff")))).containsExactly("C", "D", "E");
	}

	@Test
	void createdAtInDaysOfTheZone() {
		assertThat(who(c("createdAt", "eq", q("1999-12-31")))).containsExactly("D");
		assertThat(who(c("createdAt", "gt", q("1998-01-01")))).containsExactly("D", "E");
		assertThat(who(c("createdAt", "gte", q("1998-01-01")))).containsExactly("C", "D", "E");
		assertThat(who(c("createdAt", "lt", q("1997-05-01")))).containsExactly("A");
		assertThat(who(c("createdAt", "lte", q("1997-05-01")))).containsExactly("A", "B");
		assertThat(who(c("createdAt", "between", list("1996-03-01", "1997-05-01")))).containsExactly("A", "B");
		assertThat(who(c("createdAt", "between", list("1996-03-02", "1997-04-30")))).isEmpty();
	}

	@Test
	void tagsAndConsents() {
		assertThat(who(c("tag", "eq", q(this.f.vip)))).containsExactly("A", "C");
		assertThat(who(c("tag", "ne", q(this.f.vip)))).containsExactly("B", "D", "E");
		assertThat(who(c("tag", "in", list(this.f.vip, this.f.prefix + "none")))).containsExactly("A", "C");
		assertThat(who(c("tag", "notIn", list(this.f.vip)))).containsExactly("B", "D", "E");
		// tags match exactly as written
		assertThat(who(c("tag", "eq", q(this.f.vip.toUpperCase())))).isEmpty();
		assertThat(who(c("consent", "eq", q("EMAIL")))).containsExactly("A");
		assertThat(who(c("consent", "eq", q("sms")))).containsExactly("B");
		assertThat(who(c("consent", "ne", q("EMAIL")))).containsExactly("B", "C", "D", "E");
		assertThat(who(c("consent", "in", list("EMAIL", "SMS")))).containsExactly("A", "B");
		assertThat(who(c("consent", "notIn", list("EMAIL", "SMS", "PHONE")))).containsExactly("C", "D", "E");
	}

	@Test
	void segmentationFiguresOfTheLatestRun() {
		assertThat(who(c("rfmSegment", "eq", q("At risk")))).containsExactly("A");
		assertThat(who(c("rfmSegment", "in", list("Promising", "LOST")))).containsExactly("B", "C");
		assertThat(who(c("rfmSegment", "ne", q("lost")))).containsExactly("A", "B", "D", "E");
		assertThat(who(c("rfmSegment", "notIn", list("At risk", "Promising")))).containsExactly("C", "D", "E");
		assertThat(who(c("lifecycle", "eq", q("NEW")))).containsExactly("B");
		assertThat(who(c("lifecycle", "in", list("ACTIVE", "CHURNED")))).containsExactly("A", "C");
		assertThat(who(c("lifecycle", "ne", q("POTENTIAL")))).containsExactly("A", "B", "C");
		assertThat(who(c("lifecycle", "notIn", list("POTENTIAL", "NEW")))).containsExactly("A", "C");
		assertThat(who(c("valueTier", "eq", q("HIGH")))).containsExactly("A");
		assertThat(who(c("valueTier", "eq", q("LOW")))).containsExactly("C", "D", "E");
		assertThat(who(c("valueTier", "in", list("HIGH", "MID")))).containsExactly("A", "B");
		// recency 30 / 1 / 698 days, frequency 3 / 1 / 1, monetary 1,600 / 1,200 / 50
		assertThat(who(c("recencyDays", "eq", "30"))).containsExactly("A");
		assertThat(who(c("recencyDays", "ne", "30"))).containsExactly("B", "C", "D", "E");
		assertThat(who(c("recencyDays", "gt", "30"))).containsExactly("C");
		assertThat(who(c("recencyDays", "gte", "30"))).containsExactly("A", "C");
		assertThat(who(c("recencyDays", "lt", "30"))).containsExactly("B");
		assertThat(who(c("recencyDays", "lte", "30"))).containsExactly("A", "B");
		assertThat(who(c("recencyDays", "between", "[1, 30]"))).containsExactly("A", "B");
		assertThat(who(c("frequency", "gte", "2"))).containsExactly("A");
		assertThat(who(c("frequency", "eq", "1"))).containsExactly("B", "C");
		assertThat(who(c("monetary", "between", "[1000, 2000]"))).containsExactly("A", "B");
		assertThat(who(c("monetary", "lt", "1200"))).containsExactly("C");
		assertThat(who(c("monetary", "lte", "1200.00"))).containsExactly("B", "C");
		assertThat(who(c("monetary", "gt", "49.99"))).containsExactly("A", "B", "C");
	}

	@Test
	void purchasesInTheLastDays() {
		// last 90 days = 1999-10-03 to 1999-12-31: A 500 + 800, B 1,200, C nothing
		assertThat(who(c("spentLastDays", 90, "gte", "1000"))).containsExactly("A", "B");
		assertThat(who(c("spentLastDays", 90, "gt", "1200"))).containsExactly("A");
		assertThat(who(c("spentLastDays", 90, "eq", "1300"))).containsExactly("A");
		// customers without purchases count as 0 spent
		assertThat(who(c("spentLastDays", 90, "lt", "100"))).containsExactly("C", "D", "E");
		assertThat(who(c("spentLastDays", 90, "lte", "1200"))).containsExactly("B", "C", "D", "E");
		assertThat(who(c("spentLastDays", 90, "eq", "0"))).containsExactly("C", "D", "E");
		assertThat(who(c("spentLastDays", 90, "ne", "0"))).containsExactly("A", "B");
		assertThat(who(c("spentLastDays", 90, "ne", "1200"))).containsExactly("A", "C", "D", "E");
		assertThat(who(c("spentLastDays", 90, "between", "[500, 1250]"))).containsExactly("B");
		assertThat(who(c("spentLastDays", 90, "between", "[0, 1250]"))).containsExactly("B", "C", "D", "E");
		// the last 30 days begin on 1999-12-02, the last 31 on 1999-12-01 (A's order)
		assertThat(who(c("ordersLastDays", 30, "gte", "1"))).containsExactly("B");
		assertThat(who(c("ordersLastDays", 31, "gte", "1"))).containsExactly("A", "B");
		assertThat(who(c("ordersLastDays", 365, "eq", "3"))).containsExactly("A");
		assertThat(who(c("ordersLastDays", 3650, "eq", "1"))).containsExactly("B", "C");
		// C's cancelled order of 99,999 never counts
		assertThat(who(c("spentLastDays", 3650, "gte", "99999"))).isEmpty();
		assertThat(who(c("ordersLastDays", 3650, "lt", "1"))).containsExactly("D", "E");
	}

	@Test
	void boughtCategories() {
		// a top category includes its sub-categories; names ignore case and spaces around
		// >
		assertThat(who(c("boughtCategory", "eq", q(this.f.tea)))).containsExactly("A", "B");
		assertThat(who(c("boughtCategory", "eq", q(this.f.tea.toLowerCase())))).containsExactly("A", "B");
		assertThat(who(c("boughtCategory", "eq", q(this.f.tea + ">" + this.f.leaf)))).containsExactly("A");
		assertThat(who(c("boughtCategory", "eq", q(this.f.leaf)))).containsExactly("A");
		assertThat(who(c("boughtCategory", 30, "eq", q(this.f.tea)))).containsExactly("B");
		assertThat(who(c("boughtCategory", "ne", q(this.f.tea)))).containsExactly("C", "D", "E");
		assertThat(who(c("boughtCategory", "in", list(this.f.leaf, this.f.clothes)))).containsExactly("A", "C");
		assertThat(who(c("boughtCategory", "notIn", list(this.f.leaf, this.f.clothes)))).containsExactly("B", "D", "E");
		assertThat(who(c("boughtCategory", 365, "in", list(this.f.clothes)))).containsExactly("A");
		assertThatThrownBy(() -> who(c("boughtCategory", "in", list(this.f.tea, this.f.prefix + "无此品类"))))
			.isInstanceOfSatisfying(ValidationException.class,
					(ex) -> assertThat(ex.problems()).singleElement()
						.satisfies((p) -> assertThat(p.field()).isEqualTo("conditions[1].value[1]"))
						.satisfies((p) -> assertThat(p.messageKey()).isEqualTo("segments.error.category.unknown")));
	}

	@Test
	void allAnyAndNestedGroups() {
		assertThat(who(c("tag", "eq", q(this.f.vip)), c("city", "eq", q(this.f.shanghai)))).containsExactly("A", "C");
		assertThat(who(c("tag", "eq", q(this.f.vip)), c("consent", "eq", q("EMAIL")))).containsExactly("A");
		assertThat(who(group("ANY", c("consent", "eq", q("EMAIL")), c("consent", "eq", q("SMS"))))).containsExactly("A",
				"B");
		// Hangzhou, or (VIP and spent under 100 in the last 90 days)
		assertThat(who(group("ANY", c("city", "eq", q(this.f.hangzhou)),
				group("ALL", c("tag", "eq", q(this.f.vip)), c("spentLastDays", 90, "lt", "100")))))
			.containsExactly("B", "C");
		// at the top, ANY of conditions on different sources; tag restricts to the
		// fixture
		assertThat(members(top("ALL", c("tag", "eq", q(this.f.tag)), group("ANY", c("rfmSegment", "eq", q("Lost")),
				c("boughtCategory", 30, "eq", q(this.f.tea)), c("createdAt", "eq", q("1998-06-15"))))))
			.containsExactly("B", "C", "E");
		// ANY on top: everybody with the fixture's tag, or nobody else
		assertThat(members(top("ANY", c("tag", "eq", q(this.f.vip)), c("city", "eq", q(this.f.hangzhou)))))
			.containsExactly("A", "B", "C");
		// ne inside ANY keeps null-safe meaning
		assertThat(who(group("ANY", c("city", "ne", q(this.f.shanghai)), c("gender", "eq", q("FEMALE")))))
			.containsExactly("A", "B", "D", "E");
	}

	@Test
	void valuesThatLookLikeSqlAreData() {
		assertThat(who(c("city", "eq", q(SegmentFixture.INJECTION)))).containsExactly("E");
		assertThat(who(c("city", "eq", q("x' or '1'='1")))).isEmpty();
		assertThat(who(c("city", "in", list("') or true --", "x")))).isEmpty();
		assertThat(who(c("tag", "eq", q("a'); delete from customer; --")))).isEmpty();
		assertThat(who(c("city", "contains", q("' or 1=1")))).containsExactly("E");
		assertThat(who(c("boughtCategory", "ne", q(this.f.tea)), c("owner", "ne", q("' or ''='")))).containsExactly("C",
				"D", "E");
		assertThat(this.jdbc.sql("select count(*) from customer where tags @> array[cast(? as text)]")
			.param(this.f.tag)
			.query(Long.class)
			.single()).isEqualTo(5);
	}

	@Test
	void clusterNeedsTheClusteringTablesAndReadsTheLatestRun() {
		boolean tablesExist = this.segments.clusterAvailable();
		if (!tablesExist) {
			assertThatThrownBy(() -> who(c("cluster", "eq", "1"))).isInstanceOfSatisfying(ValidationException.class,
					(ex) -> assertThat(ex.problems()).singleElement()
						.satisfies((p) -> assertThat(p.field()).isEqualTo("conditions[1].field"))
						.satisfies((p) -> assertThat(p.messageKey()).isEqualTo("segments.error.field.unavailable")));
		}
		// the clustering tables, as temporary tables of this transaction's session (they
		// hide real ones of the same name): run 2 is the latest
		this.transactions.executeWithoutResult((status) -> {
			this.jdbc.sql("create temporary table cluster_run (id bigint primary key) on commit drop").update();
			this.jdbc.sql("""
					create temporary table customer_cluster (run_id bigint, customer_id bigint, cluster smallint,
					  primary key (run_id, customer_id)) on commit drop
					""").update();
			this.jdbc.sql("insert into cluster_run values (1), (2)").update();
			this.jdbc.sql("""
					insert into customer_cluster values (1, ?, 3), (2, ?, 0), (2, ?, 1), (2, ?, 1), (1, ?, 1)
					""").params(id("A"), id("A"), id("B"), id("C"), id("D")).update();
			assertThat(this.segments.clusterAvailable()).isTrue();
			assertThat(who(c("cluster", "eq", "1"))).containsExactly("B", "C");
			assertThat(who(c("cluster", "ne", "1"))).containsExactly("A", "D", "E");
			assertThat(who(c("cluster", "in", "[0, 3]"))).containsExactly("A");
			assertThat(who(c("cluster", "notIn", "[0]"))).containsExactly("B", "C", "D", "E");
			status.setRollbackOnly();
		});
		assertThat(this.segments.clusterAvailable()).isEqualTo(tablesExist);
	}

	// --- helpers

	long id(String letter) {
		return this.f.ids.get(letter);
	}

	/** The fixture's customers with its tag and all the conditions. */
	Set<String> who(String... conditions) {
		String[] all = new String[conditions.length + 1];
		all[0] = c("tag", "eq", q(this.f.tag));
		System.arraycopy(conditions, 0, all, 1, conditions.length);
		return members(top("ALL", all));
	}

	Set<String> members(String definition) {
		var page = this.segments.members(SegmentDefinitions.parse(this.json.readTree(definition)), 0, 100);
		Set<String> letters = new TreeSet<>();
		page.items().forEach((m) -> letters.add(this.f.letter(m.id())));
		assertThat(page.total()).isEqualTo(page.items().size());
		return letters;
	}

	static String top(String match, String... conditions) {
		return "{\"match\":\"" + match + "\",\"conditions\":[" + String.join(",", conditions) + "]}";
	}

	static String group(String match, String... conditions) {
		return "{\"group\":" + top(match, conditions) + "}";
	}

	static String c(String field, String op, String value) {
		return "{\"field\":\"" + field + "\",\"op\":\"" + op + "\",\"value\":" + value + "}";
	}

	static String c(String field, int days, String op, String value) {
		return "{\"field\":\"" + field + "\",\"days\":" + days + ",\"op\":\"" + op + "\",\"value\":" + value + "}";
	}

	String q(String text) {
		return this.json.writeValueAsString(text);
	}

	String list(String... texts) {
		return this.json.writeValueAsString(texts);
	}

}

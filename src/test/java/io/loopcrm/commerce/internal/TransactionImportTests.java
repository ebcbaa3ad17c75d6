package io.loopcrm.commerce.internal;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.loopcrm.IntegrationTest;
import io.loopcrm.TableDefinitions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

@IntegrationTest
class TransactionImportTests {

	static final String HEADER = "customer_external_id,order_id,ordered_at,sku,product_name,category,quantity,unit_price,amount,channel,status\n";

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionImporter importer;

	@AfterEach
	void noFailure() {
		this.importer.beforeWrite = () -> {
		};
		this.importer.afterInsert = () -> {
		};
		this.importer.bulkAlways = false;
	}

	@Test
	void aBulkImportRebuildsTheOrderIndexesAndEveryRuleStillHolds() {
		List<String> before = TableDefinitions.indexesAndKeys(this.jdbc, "customer_order", "order_line");
		this.importer.bulkAlways = true;
		String p = prefix();
		customer(p + "C1");
		customer(p + "C2");
		String csv = HEADER + """
				%1$sC1,%1$sO1,2025-03-01 10:00,%1$sTEA,Green tea,Drinks > Tea,2,12.50,,store,completed
				%1$sC1,%1$sO1,2025-03-01 10:00,%1$sCUP,Cup,Kitchen,1,30,,store,completed
				%1$sC2,%1$sO2,2025-03-02 09:15,%1$sTEA,Green tea,Drinks > Tea,1,12.5,,web,refunded
				""".formatted(p);
		assertThat(importFile(csv, false)).bodyJson().extractingPath("$.inserted").isEqualTo(3);
		assertThat(TableDefinitions.indexesAndKeys(this.jdbc, "customer_order", "order_line")).isEqualTo(before);
		assertThat(this.jdbc.sql("""
				select string_agg(o.order_number || ' ' || o.total || ' ' || o.line_count || ' ' || o.counts, ', '
				  order by o.order_number)
				from customer_order o join customer c on c.id = o.customer_id where c.external_id like ?
				""").param(p + "%").query(String.class).single())
			.isEqualTo(p + "O1 55.00 2 true, " + p + "O2 12.50 1 false");
		// the rebuilt unique order numbers still make the same file a no-op
		assertThat(importFile(csv, false)).bodyJson().extractingPath("$.unchanged").isEqualTo(3);
	}

	@Test
	void aFailureAfterABulkInsertLeavesNeitherOrdersNorMissingIndexes() {
		List<String> before = TableDefinitions.indexesAndKeys(this.jdbc, "customer_order", "order_line");
		this.importer.bulkAlways = true;
		this.importer.afterInsert = () -> {
			throw new IllegalStateException("server gone");
		};
		String p = prefix();
		customer(p + "C1");
		String csv = HEADER + "%1$sC1,%1$sO1,2025-03-01,%1$sA,A,,1,10,,store,completed\n".formatted(p);
		assertThat(importFile(csv, false)).hasStatus(500);
		assertThat(this.jdbc.sql("select count(*) from customer_order where order_number like ?")
			.param(p + "%")
			.query(Long.class)
			.single()).isZero();
		assertThat(TableDefinitions.indexesAndKeys(this.jdbc, "customer_order", "order_line")).isEqualTo(before);
	}

	@Test
	void ordersAreImportedWithProductsCategoriesAndTotals() {
		String p = prefix();
		customer(p + "C1");
		customer(p + "C2");
		String csv = HEADER + """
				%1$sC1,%1$sO1,2025-03-01T14:30:00+08:00,%1$sTEA,Green tea,Drinks > Tea,2,12.50,,store,completed
				%1$sC1,%1$sO1,2025-03-01T14:30:00+08:00,%1$sCUP,Cup,Kitchen,1,30,28.00,store,completed
				%1$sC2,%1$sO2,2025-03-02 09:15,%1$sTEA,Green tea,Drinks > Tea,1,12.5,12.50,web,已退款
				""".formatted(p);
		MvcTestResult result = importFile(csv, false);
		assertThat(result).hasStatusOk();
		assertThat(result).bodyJson().extractingPath("$.inserted").isEqualTo(3);
		assertThat(result).bodyJson().extractingPath("$.updated").isEqualTo(0);
		assertThat(result).bodyJson().extractingPath("$.unchanged").isEqualTo(0);
		assertThat(result).bodyJson().extractingPath("$.rejected").isEqualTo(0);

		Map<String, Object> o1 = this.jdbc.sql("""
				select o.total::text total, o.line_count, o.channel, o.status, o.counts, c.external_id,
				  to_char(o.ordered_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI') at_utc
				from customer_order o join customer c on c.id = o.customer_id where o.order_number = ?
				""").param(p + "O1").query().singleRow();
		assertThat(o1).containsEntry("total", "53.00")
			.containsEntry("line_count", 2)
			.containsEntry("channel", "STORE")
			.containsEntry("status", "COMPLETED")
			.containsEntry("counts", true)
			.containsEntry("external_id", p + "C1")
			.containsEntry("at_utc", "2025-03-01 06:30");
		List<String> lines = this.jdbc.sql("""
				select l.line_no || ' ' || p.sku || ' ' || l.quantity || ' ' || l.unit_price || ' ' || l.amount
				from order_line l join product p on p.id = l.product_id
				join customer_order o on o.id = l.order_id where o.order_number = ? order by l.line_no
				""").param(p + "O1").query(String.class).list();
		assertThat(lines).containsExactly("1 " + p + "TEA 2.000 12.5000 25.00", "2 " + p + "CUP 1.000 30.0000 28.00");
		Map<String, Object> o2 = this.jdbc
			.sql("select status, counts, to_char(ordered_at at time zone 'Asia/Shanghai', 'HH24:MI') local_time"
					+ " from customer_order where order_number = ?")
			.param(p + "O2")
			.query()
			.singleRow();
		assertThat(o2).containsEntry("status", "REFUNDED")
			.containsEntry("counts", false)
			.containsEntry("local_time", "09:15");
		String category = this.jdbc.sql("""
				select top.name || ' > ' || sub.name from product p join product_category sub on sub.id = p.category_id
				join product_category top on top.id = sub.parent_id where p.sku = ?
				""").param(p + "TEA").query(String.class).single();
		assertThat(category).isEqualTo("Drinks > Tea");

		// the same file again changes nothing
		MvcTestResult again = importFile(csv, false);
		assertThat(again).bodyJson().extractingPath("$.inserted").isEqualTo(0);
		assertThat(again).bodyJson().extractingPath("$.unchanged").isEqualTo(3);
		assertThat(this.jdbc.sql("select count(*) from customer_order where order_number like ?")
			.param(p + "%")
			.query(Long.class)
			.single()).isEqualTo(2);

		// the same header, total and number of lines, but another product on line 2
		String otherProduct = HEADER + """
				%1$sC1,%1$sO1,2025-03-01T14:30:00+08:00,%1$sTEA,Green tea,Drinks > Tea,2,12.50,,store,completed
				%1$sC1,%1$sO1,2025-03-01T14:30:00+08:00,%1$sMUG,Mug,Kitchen,1,30,28.00,store,completed
				""".formatted(p);
		assertThat(importFile(otherProduct, false)).bodyJson().extractingPath("$.updated").isEqualTo(2);
		assertThat(this.jdbc.sql("""
				select p.sku from order_line l join product p on p.id = l.product_id
				join customer_order o on o.id = l.order_id where o.order_number = ? and l.line_no = 2
				""").param(p + "O1").query(String.class).single()).isEqualTo(p + "MUG");

		// a later version of an order replaces it: O1 refunded and with one line less
		String changed = HEADER + """
				%1$sC1,%1$sO1,2025-03-01T14:30:00+08:00,%1$sTEA,Green tea,Drinks > Tea,2,12.50,,store,refunded
				""".formatted(p);
		MvcTestResult update = importFile(changed, false);
		assertThat(update).bodyJson().extractingPath("$.updated").isEqualTo(1);
		Map<String, Object> replaced = this.jdbc
			.sql("select status, total::text total, line_count, version from customer_order where order_number = ?")
			.param(p + "O1")
			.query()
			.singleRow();
		assertThat(replaced).containsEntry("status", "REFUNDED")
			.containsEntry("total", "25.00")
			.containsEntry("line_count", 1)
			.containsEntry("version", 2L);
	}

	@Test
	void linesOfAnOrderSpreadOverTheFileAreNumberedAndComparedAsIfTogether() {
		String p = prefix();
		customer(p + "C1");
		String csv = HEADER + """
				%1$sC1,%1$sO1,2025-03-01 10:00,%1$sA,A,,1,10,,store,completed
				%1$sC1,%1$sO2,2025-03-01 11:00,%1$sA,A,,1,10,,web,completed
				%1$sC1,%1$sO1,2025-03-01 10:00,%1$sB,B,,2,5,,store,completed
				%1$sC1,%1$sO3,2025-03-01 12:00,%1$sA,A,,1,10,,store,completed
				%1$sC1,%1$sO2,2025-03-01 11:00,%1$sB,B,,1,5,,app,completed
				""".formatted(p);
		MvcTestResult result = importFile(csv, false);
		assertThat(result).bodyJson().extractingPath("$.inserted").isEqualTo(3);
		assertThat(result).bodyJson().extractingPath("$.rejected").isEqualTo(2);
		assertThat(result).bodyJson()
			.extractingPath("$.errors[0].message")
			.isEqualTo(
					"Order " + p + "O2 was not imported: its lines disagree on channel (line 6 differs from line 3).");
		assertThat(this.jdbc
			.sql("""
					select string_agg(o.order_number || '/' || l.line_no || ' ' || p.sku, ', ' order by o.order_number, l.line_no)
					from customer_order o join order_line l on l.order_id = o.id join product p on p.id = l.product_id
					where o.order_number like ?
					""")
			.param(p + "%")
			.query(String.class)
			.single()).isEqualTo(p + "O1/1 " + p + "A, " + p + "O1/2 " + p + "B, " + p + "O3/1 " + p + "A");
	}

	@Test
	void badLinesAreRejectedWithLineColumnAndReasonAndTheRestIsImported() throws Exception {
		String p = prefix();
		customer(p + "C1");
		String csv = HEADER + """
				%1$sC1,%1$sO1,2025-03-01 10:00,%1$sA,A,,1,10,,store,completed
				%1$sC1,%1$sO2,yesterday,%1$sA,A,,1,10,,store,completed
				%1$sC1,%1$sO3,2025-03-01 10:00,%1$sA,A,,0,10,,store,completed
				%1$sC1,%1$sO4,2025-03-01 10:00,,A,,1,10,,drone,completed
				%1$sC1,%1$sO5,2025-03-01 10:00,%1$sA,A,,1,10.123456,,store,completed
				%1$sC9,%1$sO6,2025-03-01 10:00,%1$sA,A,,1,10,,store,completed
				%1$sC1,%1$sO7,2025-03-01 10:00,%1$sA,A,,1,10,,store,completed
				%1$sC1,%1$sO7,2025-03-02 10:00,%1$sB,B,,1,10,,store,completed
				""".formatted(p);
		MvcTestResult result = importFile(csv, false);
		assertThat(result).hasStatusOk();
		assertThat(result).bodyJson().extractingPath("$.inserted").isEqualTo(1);
		assertThat(result).bodyJson().extractingPath("$.rejected").isEqualTo(7);
		assertThat(result).bodyJson()
			.extractingPath("$.errors[*].line")
			.asArray()
			.containsExactly(3, 4, 5, 5, 6, 7, 8, 9);
		assertThat(result).bodyJson()
			.extractingPath("$.errors[*].column")
			.asArray()
			.containsExactly("ordered_at", "quantity", "sku", "channel", "unit_price", "customer_external_id",
					"ordered_at", "ordered_at");
		assertThat(result).bodyJson()
			.extractingPath("$.errors[0].message")
			.isEqualTo("yesterday is not a date and time (use 2025-03-01T14:30:00+08:00 or 2025-03-01 14:30).");
		assertThat(result).bodyJson()
			.extractingPath("$.errors[5].message")
			.isEqualTo("No customer has the external ID " + p
					+ "C9. Import the customer first, or tick \"create customers that are not on file\".");
		assertThat(result).bodyJson()
			.extractingPath("$.errors[7].message")
			.isEqualTo("Order " + p
					+ "O7 was not imported: its lines disagree on ordered_at (line 9 differs from line 8).");
		assertThat(this.jdbc.sql("select order_number from customer_order where order_number like ?")
			.param(p + "%")
			.query(String.class)
			.list()).containsExactly(p + "O1");
	}

	@Test
	void unknownCustomersBecomeMinimalProfilesWhenAsked() {
		String p = prefix();
		String csv = HEADER + "%1$sNEW,%1$sO1,2025-03-01,%1$sA,A,,1,10,,store,completed\n".formatted(p);
		MvcTestResult result = importFile(csv, true);
		assertThat(result).bodyJson().extractingPath("$.inserted").isEqualTo(1);
		Map<String, Object> created = this.jdbc
			.sql("select c.name, c.source_channel, (select count(*) from customer_history h where h.customer_id = c.id"
					+ " and h.action = 'CREATED') history from customer c where c.external_id = ?")
			.param(p + "NEW")
			.query()
			.singleRow();
		assertThat(created).containsEntry("name", p + "NEW")
			.containsEntry("source_channel", "IMPORT")
			.containsEntry("history", 1L);
	}

	@Test
	void aFailureWhileWritingLeavesNothingBehind() {
		String p = prefix();
		customer(p + "C1");
		this.importer.beforeWrite = () -> {
			throw new IllegalStateException("disk full");
		};
		String csv = HEADER + "%1$sC1,%1$sO1,2025-03-01,%1$sNEWSKU,A,%1$sCat,1,10,,store,completed\n".formatted(p);
		MvcTestResult result = importFile(csv, false);
		assertThat(result).hasStatus(500);
		assertThat(this.jdbc.sql("select count(*) from customer_order where order_number like ?")
			.param(p + "%")
			.query(Long.class)
			.single()).isZero();
		assertThat(this.jdbc.sql("select count(*) from product where sku like ?")
			.param(p + "%")
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void chineseHeadersSemicolonsBomCrlfAndGb18030AreUnderstood() {
		String p = prefix();
		customer(p + "C1");
		String csv = "客户编号;订单号;下单时间;商品编码;商品名称;品类;数量;单价;金额;渠道;状态;会员卡\r\n"
				+ "%1$sC1;%1$sO1;2025/3/1 8:05;%1$sA;\"乌龙茶; 特级\";茶叶;1;88;;门店;已完成;X\r\n".formatted(p);
		byte[] bytes = csv.getBytes(Charset.forName("GB18030"));
		MvcTestResult result = this.mvc.post()
			.uri("/api/v1/transactions/import")
			.with(httpBasic("staff", "demo"))
			.multipart()
			.file(new MockMultipartFile("file", "zh.csv", "text/csv", bytes))
			.param("encoding", "GB18030")
			.exchange();
		assertThat(result).hasStatusOk();
		assertThat(result).bodyJson().extractingPath("$.inserted").isEqualTo(1);
		assertThat(result).bodyJson().extractingPath("$.warnings[0].column").isEqualTo("会员卡");
		assertThat(this.jdbc.sql("select name from product where sku = ?").param(p + "A").query(String.class).single())
			.isEqualTo("乌龙茶; 特级");

		String p2 = prefix();
		customer(p2 + "C1");
		byte[] bom = ("\uFEFF" + HEADER.replace("\n", "\r\n")
				+ "%1$sC1,%1$sO1,2025-03-01,%1$sA,A,,1,10,,web,paid\r\n".formatted(p2))
			.getBytes(StandardCharsets.UTF_8);
		MvcTestResult withBom = this.mvc.post()
			.uri("/api/v1/transactions/import")
			.with(httpBasic("staff", "demo"))
			.multipart()
			.file(new MockMultipartFile("file", "bom.csv", "text/csv", bom))
			.exchange();
		assertThat(withBom).bodyJson().extractingPath("$.inserted").isEqualTo(1);
	}

	@Test
	void aFileImportRefreshesTheBuyingFiguresOfItsMonths() {
		String p = prefix();
		customer(p + "C1");
		String csv = HEADER + """
				%1$sC1,%1$sO1,2015-07-03 10:00,%1$sA,A,,1,100,,store,completed
				%1$sC1,%1$sO2,2015-07-20 18:00,%1$sA,A,,1,50,,web,completed
				%1$sC1,%1$sO3,2015-07-21 18:00,%1$sA,A,,1,999,,web,refunded
				""".formatted(p);
		assertThat(importFile(csv, false)).bodyJson().extractingPath("$.inserted").isEqualTo(3);
		// in the background, once the orders are committed
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(this.jdbc
				.sql("select orders || ' ' || revenue || ' ' || customers from buying_month"
						+ " where month = date '2015-07-01'")
				.query(String.class)
				.optional()).contains("2 150.00 1"));
	}

	@Test
	void aFileWithoutARequiredColumnIsRefusedAsAWhole() {
		String csv = "customer_external_id,order_id,sku,quantity,unit_price\nX,Y,Z,1,1\n";
		MvcTestResult result = importFile(csv, false);
		assertThat(result).hasStatus(400);
		assertThat(result).bodyJson()
			.extractingPath("$.errors[0].message")
			.isEqualTo("The file has no ordered_at column, so no order line can be imported.");
	}

	@Test
	void thePageShowsProgressTheSummaryAndTheRejectedLines() throws Exception {
		String p = prefix();
		customer(p + "C1");
		String csv = HEADER + """
				%1$sC1,%1$sO1,2025-03-01,%1$sA,A,,1,10,,store,completed
				%1$sC9,%1$sO2,2025-03-01,%1$sA,A,,1,10,,store,completed
				%1$sC1,%1$sO3,2025-03-01,%1$sA,A,,-1,10,,store,completed
				""".formatted(p);
		assertThat(this.mvc.get().uri("/transactions/import").with(user("staff").roles("STAFF"))).bodyText()
			.contains("Order number (required)")
			.contains("订单号")
			.contains("GB18030");
		assertThat(this.mvc.get().uri("/customers/import").with(user("staff").roles("STAFF"))).bodyText()
			.contains("E-mail consent")
			.contains("GB18030");
		MvcTestResult started = this.mvc.post()
			.uri("/transactions/import")
			.with(user("staff").roles("STAFF"))
			.with(csrf())
			.multipart()
			.file(new MockMultipartFile("file", "page.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)))
			.exchange();
		assertThat(started).hasStatus3xxRedirection();
		String location = started.getResponse().getRedirectedUrl();
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			MvcTestResult progress = this.mvc.get()
				.uri(location + "/progress")
				.with(user("staff").roles("STAFF"))
				.exchange();
			assertThat(progress).bodyText().contains("100%");
		});
		MvcTestResult page = this.mvc.get().uri(location).with(user("staff").roles("STAFF")).exchange();
		assertThat(page).bodyText().contains("Download rejected rows").contains("is negative");
		MvcTestResult rejected = this.mvc.get()
			.uri(location + "/rejected.csv")
			.with(user("staff").roles("STAFF"))
			.exchange();
		String body = rejected.getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(body).contains(p + "O2").contains(p + "O3").doesNotContain(p + "O1,").contains("No customer has");
		// another user cannot see the job
		assertThat(this.mvc.get().uri(location).with(user("staff2").roles("STAFF"))).hasStatus(404);
	}

	MvcTestResult importFile(String csv, boolean createMissing) {
		return this.mvc.post()
			.uri("/api/v1/transactions/import")
			.with(httpBasic("staff", "demo"))
			.multipart()
			.file(new MockMultipartFile("file", "orders.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)))
			.param("createMissingCustomers", String.valueOf(createMissing))
			.exchange();
	}

	void customer(String externalId) {
		this.jdbc
			.sql("insert into customer (external_id, name, created_at, updated_at, updated_by)"
					+ " values (?, ?, now(), now(), 'test')")
			.params(externalId, "Test " + externalId)
			.update();
	}

	static String prefix() {
		return "T" + UUID.randomUUID().toString().substring(0, 8).toUpperCase() + "-";
	}

}

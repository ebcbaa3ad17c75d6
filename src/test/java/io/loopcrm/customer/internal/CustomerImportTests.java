package io.loopcrm.customer.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.loopcrm.IntegrationTest;
import io.loopcrm.TableDefinitions;
import io.loopcrm.platform.imports.DeferredIndexes;
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
class CustomerImportTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	CustomerImporter importer;

	@Autowired
	DeferredIndexes deferredIndexes;

	@AfterEach
	void noFailure() {
		this.importer.beforeWrite = () -> {
		};
		this.importer.afterInsert = () -> {
		};
		this.importer.bulkAlways = false;
	}

	@Test
	void searchColumnsWorkedOutWhileReadingEqualWhatTheDatabaseComputes() {
		String p = "SC" + System.nanoTime();
		String csv = """
				external_id,name,phone,email,wechat,tags
				%1$s-1,张伟,13822239534,Zhang.Wei@Example.CN,WX_Zhang,
				%1$s-2,欧阳 娜娜,+86 139 1111 2222|13900001111,,,
				%1$s-3,李　明,,,,
				%1$s-4,"O'Brien & <Co> =SUM(A1) ""quoted"" back\\slash",,,,"say ""hi""| a\\b |,c|{d}"
				%1$s-5,José García,,jose@example.es,
				%1$s-6,哈哈哈哈,,,
				%1$s-7,A,,,
				%1$s-8,玛丽·居里,,,
				%1$s-9,ALL CAPS NAME,,UPPER@EXAMPLE.COM,WeChat-ID
				%1$s-10,Łukasz Ωmega,,,
				%1$s-11,金　城　武 Kaneshiro,,kaneshiro@example.jp,
				""".formatted(p);
		assertThat(importFile("search.csv", csv.getBytes(StandardCharsets.UTF_8), null)).bodyJson()
			.extractingPath("$.inserted")
			.isEqualTo(11);
		String differing = """
				select external_id from customer where external_id like ?
				  and (search_text is distinct from customer_search_text(name, external_id, phones, emails, wechat_id)
				       or name_grams is distinct from customer_bigrams(name))
				""";
		assertThat(this.jdbc.sql(differing).param(p + "-%").query(String.class).list()).isEmpty();
		assertThat(this.jdbc.sql("select search_text from customer where external_id = ?")
			.param(p + "-1")
			.query(String.class)
			.single())
			.isEqualTo("张伟 " + p.toLowerCase(java.util.Locale.ROOT) + "-1 8613822239534 zhang.wei@example.cn wx_zhang");
		// quotes, backslashes, commas and braces of list values arrive as typed
		assertThat(this.jdbc.sql("select tags from customer where external_id = ?")
			.param(p + "-4")
			.query((rs, i) -> List.of((String[]) rs.getArray(1).getArray()))
			.single()).containsExactly("say \"hi\"", "a\\b", ",c", "{d}");
		// a later change of the name is searched by the new name
		this.jdbc.sql("update customer set name = '新名字' where external_id = ?").param(p + "-1").update();
		assertThat(this.jdbc.sql(differing).param(p + "-%").query(String.class).list()).isEmpty();
		assertThat(this.jdbc.sql("select name_grams from customer where external_id = ?")
			.param(p + "-1")
			.query(String.class)
			.single()).isEqualTo("{新,新名,名,名字,字}");
	}

	@Test
	void searchColumnsAreWorkedOutInJavaExactlyAsTheDatabaseFunctionsOrLeftToThem() {
		List<String> names = List.of("张伟", "欧阳 娜娜", "李　明", "哈哈哈哈", "A", "玛丽·居里", "ALL CAPS", "Tab\tName",
				"O'Brien & <Co> \"q\" b\\s", "金　城　武 Kaneshiro", "ひらがな カタカナ", "김민준");
		for (String name : names) {
			List<String> phones = List.of("+8613822239534", "+85291234567");
			List<String> emails = List.of("a.b@example.cn");
			String text = SearchColumns.searchText(name, "EXT-1", phones, emails, "WX_1");
			List<String> grams = SearchColumns.nameGrams(name);
			assertThat(text).as(name).isNotNull();
			assertThat(grams).as(name).isNotNull();
			assertThat(text).as(name)
				.isEqualTo(this.jdbc.sql("select customer_search_text(?, ?, ?::text[], ?::text[], ?)")
					.params(name, "EXT-1", "{+8613822239534,+85291234567}", "{a.b@example.cn}", "WX_1")
					.query(String.class)
					.single());
			assertThat(grams).as(name)
				.isEqualTo(this.jdbc.sql("select unnest(customer_bigrams(?))").param(name).query(String.class).list());
		}
		// letters whose lower case may depend on the database's locale are left to it
		assertThat(SearchColumns.nameGrams("José")).isNull();
		assertThat(SearchColumns.searchText("Łukasz", null, List.of(), List.of(), null)).isNull();
		assertThat(SearchColumns.searchText("Li", null, List.of(), List.of("josé@example.es"), null)).isNull();
	}

	@Test
	void rowsCheckedInBatchesOnSeveralThreadsKeepTheirOrderLinesAndRepeats() {
		String p = "BT" + System.nanoTime();
		StringBuilder csv = new StringBuilder("external_id,name,email\n");
		for (int i = 1; i <= 5000; i++) {
			String id = (i == 4500) ? p + "-10" : p + "-" + i;
			String email = (i == 2500) ? "bad@" : "c" + i + "@example.cn";
			csv.append(id).append(",客户").append(i).append(',').append(email).append('\n');
		}
		MvcTestResult result = importFile("batches.csv", csv.toString().getBytes(StandardCharsets.UTF_8), null);
		assertThat(result).bodyJson().extractingPath("$.inserted").isEqualTo(4998);
		assertThat(result).bodyJson().extractingPath("$.rejected").isEqualTo(2);
		assertThat(result).bodyJson().extractingPath("$.errors[*].line").asArray().containsExactly(2501, 4501);
		assertThat(result).bodyJson()
			.extractingPath("$.errors[1].message")
			.asString()
			.contains(p + "-10")
			.contains("11");
		// staged in file order: the first row got the lowest id
		assertThat(this.jdbc.sql("select name from customer where external_id like ? order by id limit 3")
			.param(p + "-%")
			.query(String.class)
			.list()).containsExactly("客户1", "客户2", "客户3");
	}

	@Test
	void aBulkImportRebuildsTheCustomerIndexesAndSearchAndKeysStillWork() {
		List<String> before = TableDefinitions.indexesAndKeys(this.jdbc, "customer", "customer_history");
		this.importer.bulkAlways = true;
		String p = "BULK-" + System.nanoTime();
		byte[] file = ("external_id,name,city,phone\n%1$s-1,欧阳娜娜%1$s,上海,13911112222\n%1$s-2,Bulk Person,北京,\n"
			.formatted(p)).getBytes(StandardCharsets.UTF_8);
		assertThat(importFile("bulk.csv", file, null)).bodyJson().extractingPath("$.inserted").isEqualTo(2);
		// keys and unique indexes were built before the commit, search and sort
		// indexes right after it
		this.deferredIndexes.awaitBuilt(60);
		assertThat(TableDefinitions.indexesAndKeys(this.jdbc, "customer", "customer_history")).isEqualTo(before);
		assertThat(this.jdbc.sql("select count(*) from platform_deferred_index").query(Long.class).single()).isZero();
		// found by part of the Chinese name and by the phone's digits
		assertThat(this.mvc.get().uri("/api/v1/customers?q=阳娜娜" + p).with(httpBasic("staff", "demo"))).bodyJson()
			.extractingPath("$.items[0].externalId")
			.isEqualTo(p + "-1");
		assertThat(this.jdbc
			.sql("select count(*) from customer_history h join customer c on c.id = h.customer_id"
					+ " where c.external_id like ? and h.action = 'CREATED'")
			.param(p + "%")
			.query(Long.class)
			.single()).isEqualTo(2);
		// the rebuilt unique external ID still makes the same file a no-op
		assertThat(importFile("bulk.csv", file, null)).bodyJson().extractingPath("$.unchanged").isEqualTo(2);
	}

	@Test
	void theListSaysSoWhileSearchIndexesLeftByALargeImportAreStillBeingBuilt() throws Exception {
		String name = "customer_pending_test_idx";
		this.jdbc.sql("insert into platform_deferred_index (name, table_name, definition) values (?, 'customer', ?)")
			.params(name, "CREATE INDEX " + name + " ON public.customer USING btree (updated_by, id)")
			.update();
		try {
			assertThat(this.mvc.get()
				.uri("/customers")
				.with(user("staff").roles("STAFF"))
				.header("Accept-Language", "zh-CN")).bodyText().contains("正在建立搜索索引");
			// what runs once the import has committed
			this.deferredIndexes.buildSoon().get();
			assertThat(this.jdbc.sql("select to_regclass(?) is not null").param(name).query(Boolean.class).single())
				.isTrue();
			assertThat(this.mvc.get()
				.uri("/customers")
				.with(user("staff").roles("STAFF"))
				.header("Accept-Language", "zh-CN")).bodyText().doesNotContain("正在建立搜索索引");
		}
		finally {
			this.jdbc.sql("delete from platform_deferred_index where name = ?").param(name).update();
			this.jdbc.sql("drop index if exists " + name).update();
		}
	}

	@Test
	void aFailureAfterABulkInsertLeavesNeitherCustomersNorMissingIndexes() {
		List<String> before = TableDefinitions.indexesAndKeys(this.jdbc, "customer", "customer_history");
		this.importer.bulkAlways = true;
		this.importer.afterInsert = () -> {
			throw new IllegalStateException("app killed");
		};
		String p = "BULKFAIL-" + System.nanoTime();
		byte[] file = "external_id,name\n%1$s-1,One\n%1$s-2,Two\n".formatted(p).getBytes(StandardCharsets.UTF_8);
		assertThat(importFile("bulk.csv", file, null)).hasStatus(500);
		assertThat(this.jdbc.sql("select count(*) from customer where external_id like ?")
			.param(p + "%")
			.query(Long.class)
			.single()).isZero();
		assertThat(TableDefinitions.indexesAndKeys(this.jdbc, "customer", "customer_history")).isEqualTo(before);
	}

	@Test
	void messyFileIsImportedWithExactCountsAndRowErrors() throws Exception {
		MvcTestResult result = importFile("messy.csv", resource("messy.csv"), null);
		assertThat(result).hasStatusOk();
		assertThat(result).bodyJson().extractingPath("$.inserted").isEqualTo(5);
		assertThat(result).bodyJson().extractingPath("$.updated").isEqualTo(0);
		assertThat(result).bodyJson().extractingPath("$.unchanged").isEqualTo(0);
		assertThat(result).bodyJson().extractingPath("$.rejected").isEqualTo(6);
		assertThat(result).bodyJson().extractingPath("$.errors[*].line").asArray().containsExactly(4, 5, 6, 8, 9, 12);
		assertThat(result).bodyJson()
			.extractingPath("$.errors[*].column")
			.asArray()
			.containsExactly("邮箱", "姓名", "外部编号", "邮件同意", "生日", "生日");
		assertThat(result).bodyJson()
			.extractingPath("$.errors[2].message")
			.isEqualTo("External ID M-001 already appears on line 2 of this file.");
		assertThat(result).bodyJson()
			.extractingPath("$.errors[0].message")
			.isEqualTo("not-an-email is not a valid e-mail address.");
		assertThat(result).bodyJson().extractingPath("$.warnings[0].column").isEqualTo("会员等级");

		Map<String, Object> zhang = this.jdbc
			.sql("select name, gender, birthday::text, phone, email, city, array_to_string(tags, '|') tags, consent_email,"
					+ " consent_email_source, consent_sms, source_channel from customer where external_id = 'M-001'")
			.query()
			.singleRow();
		assertThat(zhang).containsEntry("name", "张伟")
			.containsEntry("gender", "MALE")
			.containsEntry("birthday", "1985-03-02")
			.containsEntry("phone", "+8613800138000")
			.containsEntry("email", "zhang.wei@example.com")
			.containsEntry("tags", "VIP|会员")
			.containsEntry("consent_email", true)
			.containsEntry("consent_email_source", "import:messy.csv")
			.containsEntry("consent_sms", false)
			.containsEntry("source_channel", "IMPORT");
		assertThat(name("M-002")).isEqualTo("Lee, Grace");
		assertThat(name("M-005")).isEqualTo("=SUM(A1)");
		assertThat(this.jdbc
			.sql("select count(*) from customer where external_id in ('M-003','M-004','M-006','M-007','M-009')")
			.query(Long.class)
			.single()).isZero();
		assertThat(this.jdbc.sql("select count(*) from customer where name = 'No External'").query(Long.class).single())
			.isEqualTo(1);
	}

	@Test
	void reimportingTheSameFileChangesNothing() throws Exception {
		byte[] file = resource("clean-semicolon.csv");
		MvcTestResult first = importFile("clean.csv", file, null);
		assertThat(first).bodyJson().extractingPath("$.inserted").isEqualTo(3);
		List<String> before = snapshot();
		long history = historyCount();

		MvcTestResult second = importFile("clean.csv", file, null);
		assertThat(second).bodyJson().extractingPath("$.inserted").isEqualTo(0);
		assertThat(second).bodyJson().extractingPath("$.updated").isEqualTo(0);
		assertThat(second).bodyJson().extractingPath("$.unchanged").isEqualTo(3);
		assertThat(second).bodyJson().extractingPath("$.rejected").isEqualTo(0);
		assertThat(snapshot()).isEqualTo(before);
		assertThat(historyCount()).isEqualTo(history);
		assertThat(name("C-101")).isEqualTo("Walker; Ella");
	}

	@Test
	void changedRowsUpdateOnlyTheColumnsTheFileHasAndAreInTheHistory() throws Exception {
		importFile("v1.csv", "external_id,name,city,phone\nU-1,周子涵,上海,13800000001\n".getBytes(StandardCharsets.UTF_8),
				null);
		MvcTestResult result = importFile("v2.csv",
				"external_id,name,city\nU-1,周子涵,杭州\n".getBytes(StandardCharsets.UTF_8), null);
		assertThat(result).bodyJson().extractingPath("$.updated").isEqualTo(1);
		Map<String, Object> row = this.jdbc
			.sql("select id, city, phone, version from customer where external_id = 'U-1'")
			.query()
			.singleRow();
		assertThat(row).containsEntry("city", "杭州")
			.containsEntry("phone", "+8613800000001")
			.containsEntry("version", 1L);
		assertThat(this.jdbc.sql(
				"select field || ':' || old_value || '>' || new_value from customer_history where customer_id = ? and action = 'IMPORTED'")
			.param(row.get("id"))
			.query(String.class)
			.list()).containsExactly("city:上海>杭州");
	}

	@Test
	void aFailureInTheMiddleLeavesNothingAndRunningAgainWorks() throws Exception {
		importFile("base.csv", "external_id,name,city\nF-1,Before,上海\n".getBytes(StandardCharsets.UTF_8), null);
		byte[] file = "external_id,name,city\nF-1,After,北京\nF-2,New One,深圳\nF-3,New Two,深圳\n"
			.getBytes(StandardCharsets.UTF_8);
		this.importer.beforeWrite = () -> {
			throw new IllegalStateException("database gone");
		};
		assertThat(importFile("half.csv", file, null)).hasStatus(500);
		assertThat(this.jdbc.sql("select count(*) from customer where external_id in ('F-2', 'F-3')")
			.query(Long.class)
			.single()).isZero();
		assertThat(name("F-1")).isEqualTo("Before");

		this.importer.beforeWrite = () -> {
		};
		MvcTestResult again = importFile("half.csv", file, null);
		assertThat(again).bodyJson().extractingPath("$.inserted").isEqualTo(2);
		assertThat(again).bodyJson().extractingPath("$.updated").isEqualTo(1);
		assertThat(name("F-1")).isEqualTo("After");
	}

	@Test
	void gb18030FilesAreReadWhenDeclared() throws Exception {
		MvcTestResult undeclared = importFile("gb.csv", resource("gb18030.csv"), null);
		assertThat(undeclared).hasStatus(400);
		assertThat(undeclared).bodyJson().extractingPath("$.errors[0].field").isEqualTo("file");
		assertThat(undeclared).bodyJson().extractingPath("$.errors[0].message").asString().contains("GB18030");

		MvcTestResult declared = importFile("gb.csv", resource("gb18030.csv"), "GB18030");
		assertThat(declared).hasStatusOk().bodyJson().extractingPath("$.inserted").isEqualTo(2);
		assertThat(name("GB-1")).isEqualTo("黄晓东");
		assertThat(this.jdbc.sql("select phone from customer where external_id = 'GB-2'").query(String.class).single())
			.isEqualTo("+8613912340002");
	}

	@Test
	void aFileWithoutANameColumnIsRefusedAsAWhole() throws Exception {
		MvcTestResult result = importFile("noname.csv", "external_id,city\nX-1,上海\n".getBytes(StandardCharsets.UTF_8),
				null);
		assertThat(result).hasStatus(400);
		assertThat(result).bodyJson().extractingPath("$.errors[0].message").asString().contains("no name column");
		assertThat(this.jdbc.sql("select count(*) from customer where external_id = 'X-1'").query(Long.class).single())
			.isZero();
	}

	@Test
	void anExternalIdOfAMergedCustomerUpdatesTheSurvivor() throws Exception {
		importFile("s.csv", "external_id,name\nSURV-1,Survivor\n".getBytes(StandardCharsets.UTF_8), null);
		long survivor = this.jdbc.sql("select id from customer where external_id = 'SURV-1'")
			.query(Long.class)
			.single();
		this.jdbc
			.sql("insert into customer_alias (old_customer_id, customer_id, old_external_id, merged_at)"
					+ " values (987000100, ?, 'GONE-1', now())")
			.param(survivor)
			.update();
		MvcTestResult result = importFile("gone.csv",
				"external_id,name,city\nGONE-1,Survivor,南京\n".getBytes(StandardCharsets.UTF_8), null);
		assertThat(result).bodyJson().extractingPath("$.updated").isEqualTo(1);
		assertThat(this.jdbc.sql("select city from customer where id = ?").param(survivor).query(String.class).single())
			.isEqualTo("南京");
	}

	@Test
	void thePageShowsProgressThenTheSummaryAndOffersTheRejectedRows() throws Exception {
		MvcTestResult started = this.mvc.post()
			.uri("/customers/import")
			.multipart()
			.file(new MockMultipartFile("file", "messy-ui.csv", "text/csv",
					new String(resource("messy.csv"), StandardCharsets.UTF_8).replace("M-0", "UI-0")
						.replace("No External", "No External UI")
						.getBytes(StandardCharsets.UTF_8)))
			.param("encoding", "UTF-8")
			.with(user("agent").roles("AGENT", "STAFF"))
			.with(csrf())
			.exchange();
		assertThat(started).hasStatus3xxRedirection();
		String jobUrl = started.getResponse().getRedirectedUrl();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.mvc.get()
				.uri(jobUrl + "/progress")
				.with(user("agent").roles("AGENT", "STAFF"))
				.exchange()
				.getResponse()
				.getContentAsString(StandardCharsets.UTF_8)
				.contains("Finished."));
		assertThat(this.mvc.get().uri(jobUrl).with(user("agent").roles("AGENT", "STAFF"))).bodyText()
			.contains("Download rejected rows")
			.contains("External ID UI-001 already appears on line 2 of this file.");
		MvcTestResult rejected = this.mvc.get()
			.uri(jobUrl + "/rejected.csv")
			.with(user("agent").roles("AGENT", "STAFF"))
			.exchange();
		byte[] csv = rejected.getResponse().getContentAsByteArray();
		assertThat(csv).startsWith(0xEF, 0xBB, 0xBF);
		String text = new String(csv, StandardCharsets.UTF_8);
		assertThat(text.lines().count()).isEqualTo(7);
		assertThat(text).contains("line,errors").contains("not-an-email").contains(",4,");
		// somebody else cannot see it
		assertThat(this.mvc.get().uri(jobUrl).with(user("staff").roles("STAFF"))).hasStatus(404);
	}

	@Test
	void aFileMixingNewChangedAndUnchangedCustomersIsCountedAndWrittenRowByRow() {
		String p = "MIX-" + System.nanoTime();
		byte[] first = "external_id,name,city\n%1$s-1,One,上海\n%1$s-2,Two,北京\n".formatted(p)
			.getBytes(StandardCharsets.UTF_8);
		assertThat(importFile("mix.csv", first, null)).bodyJson().extractingPath("$.inserted").isEqualTo(2);
		byte[] second = "external_id,name,city\n%1$s-3,Three,广州\n%1$s-1,One,上海\n%1$s-2,Two,深圳\n%1$s-4,Four,\n"
			.formatted(p)
			.getBytes(StandardCharsets.UTF_8);
		MvcTestResult result = importFile("mix.csv", second, null);
		assertThat(result).bodyJson().extractingPath("$.inserted").isEqualTo(2);
		assertThat(result).bodyJson().extractingPath("$.updated").isEqualTo(1);
		assertThat(result).bodyJson().extractingPath("$.unchanged").isEqualTo(1);
		assertThat(this.jdbc
			.sql("select external_id || ':' || coalesce(city, '') from customer"
					+ " where external_id like ? order by id")
			.param(p + "-%")
			.query(String.class)
			.list()).containsExactly(p + "-1:上海", p + "-2:深圳", p + "-3:广州", p + "-4:");
		assertThat(this.jdbc
			.sql("select h.field || ':' || h.old_value || '>' || h.new_value from customer_history h"
					+ " join customer c on c.id = h.customer_id where c.external_id = ? and h.action = 'IMPORTED'")
			.param(p + "-2")
			.query(String.class)
			.list()).containsExactly("city:北京>深圳");
	}

	private MvcTestResult importFile(String name, byte[] content, String encoding) {
		var request = this.mvc.post()
			.uri("/api/v1/customers/import")
			.multipart()
			.file(new MockMultipartFile("file", name, "text/csv", content))
			.with(httpBasic("staff", "demo"));
		if (encoding != null) {
			request.param("encoding", encoding);
		}
		return request.exchange();
	}

	private String name(String externalId) {
		return this.jdbc.sql("select name from customer where external_id = ?")
			.param(externalId)
			.query(String.class)
			.single();
	}

	private List<String> snapshot() {
		return this.jdbc.sql(
				"select concat_ws('|', id, name, phone, email, city, tags, consent_sms, consent_sms_at, version, updated_at)"
						+ " from customer where external_id like 'C-1%' order by id")
			.query(String.class)
			.list();
	}

	private long historyCount() {
		return this.jdbc.sql(
				"select count(*) from customer_history h join customer c on c.id = h.customer_id where c.external_id like 'C-1%'")
			.query(Long.class)
			.single();
	}

	private static byte[] resource(String name) throws IOException {
		try (InputStream in = CustomerImportTests.class.getResourceAsStream("/customer-import/" + name)) {
			return in.readAllBytes();
		}
	}

}

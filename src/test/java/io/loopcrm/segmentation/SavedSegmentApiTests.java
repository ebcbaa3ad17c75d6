package io.loopcrm.segmentation;

import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.loopcrm.IntegrationTest;
import io.loopcrm.MutableClock;
import io.loopcrm.segmentation.segments.Segments;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * The saved-segment API, exports, sizes and the published {@link SegmentAudience}, on
 * customers of each test's own (a random tag; no purchases, so nothing here touches the
 * purchase years of other tests).
 */
@IntegrationTest
class SavedSegmentApiTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Segments segments;

	@Autowired
	SegmentAudience audience;

	@Autowired
	MutableClock clock;

	String prefix;

	String tag;

	List<Long> customers = new ArrayList<>();

	@BeforeEach
	void customers() {
		this.prefix = "SA" + UUID.randomUUID().toString().substring(0, 6);
		this.tag = this.prefix + "-tag";
		customer("=HYPERLINK(\"http://x\",\"y\")", "+1", "Emma Lee");
		customer(this.prefix + " 乙", this.prefix + "上海", "@SUM(A1)");
		customer(this.prefix + " 丙", this.prefix + "上海", null);
		customer(this.prefix + " 丁", null, null);
		customer(this.prefix + " 戊", this.prefix + "北京", null);
	}

	long customer(String name, String city, String notes) {
		long id = this.jdbc.sql("""
				insert into customer (name, city, notes, tags, created_at, updated_at, updated_by)
				values (?, ?, ?, ?, now(), now(), 'test') returning id
				""").params(name, city, notes, new String[] { this.tag }).query(Long.class).single();
		this.customers.add(id);
		return id;
	}

	String definition(String name, String extra) {
		return """
				{"name":"%s","match":"ALL","conditions":[{"field":"tag","op":"eq","value":"%s"}%s]}""".formatted(name,
				this.tag, extra);
	}

	MvcTestResult post(String body) {
		return this.mvc.post()
			.uri("/api/v1/segments")
			.with(httpBasic("manager", "demo"))
			.contentType(MediaType.APPLICATION_JSON)
			.content(body)
			.exchange();
	}

	long create(String name, String extra) throws Exception {
		MvcTestResult created = post(definition(name, extra));
		assertThat(created).hasStatus(201);
		return ((Number) com.jayway.jsonpath.JsonPath
			.read(created.getResponse().getContentAsString(StandardCharsets.UTF_8), "$.id")).longValue();
	}

	@Test
	void createReadChangeAndDelete() throws Exception {
		MvcTestResult created = post(definition(this.prefix + " 上海客户",
				",{\"field\":\"city\",\"op\":\"in\",\"value\":[\"" + this.prefix + "上海\",\"" + this.prefix
						+ "北京\"]},{\"field\":\"rfmSegment\",\"op\":\"ne\",\"value\":\"champions\"}"));
		assertThat(created).hasStatus(201);
		long id = ((Number) com.jayway.jsonpath.JsonPath.read(created.getResponse().getContentAsString(), "$.id"))
			.longValue();
		assertThat(created.getResponse().getHeader("Location")).isEqualTo("/api/v1/segments/" + id);
		assertThat(created).bodyJson().extractingPath("$.owner").isEqualTo("manager");
		assertThat(created).bodyJson().extractingPath("$.count").isEqualTo(3);
		assertThat(created).bodyJson().extractingPath("$.version").isEqualTo(0);
		// the stored definition is canonical: values as the API names them
		assertThat(created).bodyJson().extractingPath("$.conditions[2].value").isEqualTo("Champions");

		MvcTestResult read = this.mvc.get()
			.uri("/api/v1/segments/{id}", id)
			.with(httpBasic("manager", "demo"))
			.exchange();
		assertThat(read).hasStatusOk();
		assertThat(read).bodyJson().extractingPath("$.match").isEqualTo("ALL");
		assertThat(read).bodyJson().extractingPath("$.conditions[1].field").isEqualTo("city");
		assertThat(read).bodyJson().extractingPath("$.count").isEqualTo(3);
		// the count is live
		customer(this.prefix + " 己", this.prefix + "北京", null);
		assertThat(this.mvc.get().uri("/api/v1/segments/{id}", id).with(httpBasic("manager", "demo"))).bodyJson()
			.extractingPath("$.count")
			.isEqualTo(4);

		MvcTestResult changed = this.mvc.put()
			.uri("/api/v1/segments/{id}", id)
			.with(httpBasic("manager", "demo"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"version\":0," + definition(this.prefix + " 北京客户",
					",{\"field\":\"city\",\"op\":\"eq\",\"value\":\"" + this.prefix + "北京\"}")
				.substring(1))
			.exchange();
		assertThat(changed).hasStatusOk();
		assertThat(changed).bodyJson().extractingPath("$.version").isEqualTo(1);
		assertThat(changed).bodyJson().extractingPath("$.count").isEqualTo(2);
		// a second change based on version 0 would overwrite the first: refused
		MvcTestResult stale = this.mvc.put()
			.uri("/api/v1/segments/{id}", id)
			.with(httpBasic("manager", "demo"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"version\":0," + definition(this.prefix + " 其他", "").substring(1))
			.exchange();
		assertThat(stale).hasStatus(409);
		assertThat(this.segments.get(id).name()).isEqualTo(this.prefix + " 北京客户");
		// names are unique regardless of case
		assertThat(post(definition(this.prefix.toLowerCase() + " 北京客户", ""))).hasStatus(409);

		assertThat(this.mvc.delete().uri("/api/v1/segments/{id}", id).with(httpBasic("manager", "demo")))
			.hasStatus(204);
		MvcTestResult gone = this.mvc.get()
			.uri("/api/v1/segments/{id}", id)
			.with(httpBasic("manager", "demo"))
			.exchange();
		assertThat(gone).hasStatus(404);
		assertThat(gone.getResponse().getContentType()).startsWith("application/problem+json");
		assertThat(this.jdbc.sql("select count(*) from audit_event where action = 'segment.deleted' and subject_id = ?")
			.param(String.valueOf(id))
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void badDefinitionsAreA400NamingEveryProblemAndSaveNothing() {
		MvcTestResult bad = post("""
				{"name":"%s","match":"ALL","conditions":[{"field":"tag","op":"eq","value":"x"},
				 {"field":"colour","op":"eq","value":"red"},
				 {"group":{"match":"ANY","conditions":[{"field":"city","op":"near","value":"x"}]}},
				 {"field":"spentLastDays","op":"gte","value":"a lot"}]}""".formatted(this.prefix + " bad"));
		assertThat(bad).hasStatus(400);
		assertThat(bad.getResponse().getContentType()).startsWith("application/problem+json");
		assertThat(bad).bodyJson().extractingPath("$.errors[0].field").isEqualTo("conditions[1].field");
		assertThat(bad).bodyJson()
			.extractingPath("$.errors[0].message")
			.asString()
			.startsWith("Unknown field 'colour'. Fields: city, region,")
			.contains("spentLastDays");
		assertThat(bad).bodyJson()
			.extractingPath("$.errors[1].field")
			.isEqualTo("conditions[2].group.conditions[0].op");
		assertThat(bad).bodyJson()
			.extractingPath("$.errors[1].message")
			.isEqualTo("Unknown operator 'near'. Operators for city: eq, ne, in, notIn, contains, prefix.");
		assertThat(bad).bodyJson().extractingPath("$.errors[2].field").isEqualTo("conditions[3].days");
		assertThat(bad).bodyJson().extractingPath("$.errors[3].field").isEqualTo("conditions[3].value");
		assertThat(bad).bodyJson().extractingPath("$.errors[3].message").isEqualTo("a lot is not a number.");
		assertThat(this.jdbc.sql("select count(*) from segment where name = ?")
			.param(this.prefix + " bad")
			.query(Long.class)
			.single()).isZero();

		// in the caller's language
		MvcTestResult chinese = this.mvc.post()
			.uri("/api/v1/segments")
			.with(httpBasic("manager", "demo"))
			.header("Accept-Language", "zh-CN")
			.contentType(MediaType.APPLICATION_JSON)
			.content(
					"{\"match\":\"ALL\",\"conditions\":[{\"field\":\"rfmSegment\",\"op\":\"contains\",\"value\":\"C\"}]}")
			.exchange();
		assertThat(chinese).hasStatus(400);
		assertThat(chinese).bodyJson().extractingPath("$.errors[0].field").isEqualTo("name");
		assertThat(chinese).bodyJson().extractingPath("$.errors[0].message").isEqualTo("请为分群命名。");
		assertThat(chinese).bodyJson().extractingPath("$.errors[1].field").isEqualTo("conditions[0].op");
		assertThat(chinese).bodyJson()
			.extractingPath("$.errors[1].message")
			.isEqualTo("运算符“contains”不适用于 rfmSegment。请使用：eq, ne, in, notIn。");
		// an unknown product category
		MvcTestResult category = post(definition(this.prefix + " cat",
				",{\"field\":\"boughtCategory\",\"op\":\"eq\",\"value\":\"" + this.prefix + "无\"}"));
		assertThat(category).hasStatus(400);
		assertThat(category).bodyJson().extractingPath("$.errors[0].field").isEqualTo("conditions[1].value");
		assertThat(category).bodyJson()
			.extractingPath("$.errors[0].message")
			.isEqualTo("There is no product category '" + this.prefix + "无'.");
		assertThat(this.mvc.post()
			.uri("/api/v1/segments")
			.with(httpBasic("manager", "demo"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{not json")).hasStatus(400);
	}

	@Test
	void onlyManagersWorkWithSegments() throws Exception {
		String body = definition(this.prefix + " roles", "");
		for (String user : List.of("staff", "agent")) {
			assertThat(this.mvc.post()
				.uri("/api/v1/segments")
				.with(httpBasic(user, "demo"))
				.contentType(MediaType.APPLICATION_JSON)
				.content(body)).hasStatus(403);
			assertThat(this.mvc.get().uri("/api/v1/segments").with(httpBasic(user, "demo"))).hasStatus(403);
		}
		long id = create(this.prefix + " roles", "");
		assertThat(this.mvc.get().uri("/api/v1/segments/{id}/members", id).with(httpBasic("agent", "demo")))
			.hasStatus(403);
		assertThat(this.mvc.get().uri("/api/v1/segments/{id}/export", id).with(httpBasic("staff", "demo")))
			.hasStatus(403);
		assertThat(this.mvc.delete().uri("/api/v1/segments/{id}", id).with(httpBasic("staff", "demo"))).hasStatus(403);
		assertThat(this.mvc.get().uri("/api/v1/segments/{id}", id).with(httpBasic("admin", "demo"))).hasStatusOk();
		assertThat(this.segments.find(id)).isPresent();
	}

	@Test
	void membersArePagedInIdOrder() throws Exception {
		long id = create(this.prefix + " paged", "");
		MvcTestResult first = this.mvc.get()
			.uri("/api/v1/segments/{id}/members?page=0&size=2", id)
			.with(httpBasic("manager", "demo"))
			.exchange();
		assertThat(first).hasStatusOk();
		assertThat(first).bodyJson().extractingPath("$.count").isEqualTo(5);
		assertThat(first).bodyJson().extractingPath("$.size").isEqualTo(2);
		assertThat(first).bodyJson()
			.extractingPath("$.items[*].id")
			.asArray()
			.containsExactly(this.customers.get(0).intValue(), this.customers.get(1).intValue());
		assertThat(first).bodyJson().extractingPath("$.items[1].city").isEqualTo(this.prefix + "上海");
		assertThat(first).bodyJson().extractingPath("$.items[1].rfmSegment").isNull();
		assertThat(first).bodyJson().extractingPath("$.items[1].lastPurchase").isNull();
		assertThat(this.mvc.get()
			.uri("/api/v1/segments/{id}/members?page=2&size=2", id)
			.with(httpBasic("manager", "demo"))).bodyJson()
			.extractingPath("$.items[*].id")
			.asArray()
			.containsExactly(this.customers.get(4).intValue());
		assertThat(this.mvc.get()
			.uri("/api/v1/segments/{id}/members?page=3&size=2", id)
			.with(httpBasic("manager", "demo"))).bodyJson().extractingPath("$.items").asArray().isEmpty();
		assertThat(this.mvc.get().uri("/api/v1/segments/{id}/members", id).with(httpBasic("manager", "demo")))
			.bodyJson()
			.extractingPath("$.size")
			.isEqualTo(25);
		MvcTestResult badSize = this.mvc.get()
			.uri("/api/v1/segments/{id}/members?page=-1&size=501", id)
			.with(httpBasic("manager", "demo"))
			.exchange();
		assertThat(badSize).hasStatus(400);
		assertThat(badSize).bodyJson().extractingPath("$.errors[*].field").asArray().containsExactly("page", "size");
		assertThat(badSize).bodyJson()
			.extractingPath("$.errors[1].message")
			.isEqualTo("501 is not allowed here: use a whole number from 1 to 500.");
		assertThat(this.mvc.get().uri("/api/v1/segments/999999999/members").with(httpBasic("manager", "demo")))
			.hasStatus(404);
	}

	@Test
	void conditionsCanBeCountedBeforeSaving() {
		MvcTestResult count = this.mvc.post()
			.uri("/api/v1/segments/count")
			.with(httpBasic("manager", "demo"))
			.contentType(MediaType.APPLICATION_JSON)
			.content(definition("ignored", ",{\"field\":\"city\",\"op\":\"prefix\",\"value\":\"" + this.prefix + "\"}"))
			.exchange();
		assertThat(count).hasStatusOk();
		assertThat(count).bodyJson().extractingPath("$.count").isEqualTo(3);
		MvcTestResult fields = this.mvc.get()
			.uri("/api/v1/segments/fields")
			.with(httpBasic("manager", "demo"))
			.exchange();
		assertThat(fields).bodyJson()
			.extractingPath("$[?(@.field == 'spentLastDays')].days")
			.asArray()
			.containsExactly("required");
		assertThat(fields).bodyJson()
			.extractingPath("$[?(@.field == 'rfmSegment')].values[0]")
			.asArray()
			.containsExactly("Champions");
		assertThat(fields).bodyJson()
			.extractingPath("$[?(@.field == 'city')].ops[*]")
			.asArray()
			.containsExactly("eq", "ne", "in", "notIn", "contains", "prefix");
	}

	@Test
	void exportsAreNeutralisedAndRecorded() throws Exception {
		long id = create(this.prefix + " export", "");
		long audits = exports(id);
		MvcTestResult csv = this.mvc.get()
			.uri("/api/v1/segments/{id}/export?format=csv", id)
			.with(httpBasic("manager", "demo"))
			.exchange();
		assertThat(csv).hasStatusOk();
		assertThat(csv.getResponse().getContentType()).startsWith("text/csv");
		assertThat(csv.getResponse().getHeader("Content-Disposition")).contains("segment-" + id + "-").contains(".csv");
		byte[] body = csv.getResponse().getContentAsByteArray();
		assertThat(body).startsWith(0xEF, 0xBB, 0xBF);
		List<CSVRecord> records = CSVFormat.DEFAULT.builder()
			.setHeader()
			.setSkipHeaderRecord(true)
			.get()
			.parse(new InputStreamReader(new ByteArrayInputStream(body, 3, body.length - 3), StandardCharsets.UTF_8))
			.getRecords();
		assertThat(records).extracting((r) -> Long.valueOf(r.get("id"))).containsExactlyElementsOf(this.customers);
		assertThat(records.get(0).get("name")).isEqualTo("'=HYPERLINK(\"http://x\",\"y\")");
		assertThat(records.get(0).get("city")).isEqualTo("'+1");
		assertThat(records.get(0).get("tags")).isEqualTo(this.tag);
		assertThat(records.get(1).get("city")).isEqualTo(this.prefix + "上海");
		assertThat(records.get(1).get("lifecycle")).isIn("POTENTIAL", "");
		assertThat(exports(id)).isEqualTo(audits + 1);
		assertThat(this.jdbc.sql("""
				select detail from audit_event where action = 'segment.exported' and subject_id = ?
				order by id desc limit 1""").param(String.valueOf(id)).query(String.class).single())
			.isEqualTo("csv, 5 customers, segment: " + this.prefix + " export");

		MvcTestResult xlsx = this.mvc.get()
			.uri("/segments/{id}/export?format=xlsx", id)
			.with(user("manager").roles("MANAGER", "AGENT", "STAFF"))
			.exchange();
		assertThat(xlsx).hasStatusOk();
		assertThat(xlsx.getResponse().getContentType())
			.isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
		try (XSSFWorkbook workbook = new XSSFWorkbook(
				new ByteArrayInputStream(xlsx.getResponse().getContentAsByteArray()))) {
			XSSFSheet sheet = workbook.getSheetAt(0);
			assertThat(sheet.getRow(0).getCell(2).getStringCellValue()).isEqualTo("name");
			assertThat(sheet.getLastRowNum()).isEqualTo(5);
			assertThat(sheet.getRow(1).getCell(2).getStringCellValue()).isEqualTo("'=HYPERLINK(\"http://x\",\"y\")");
			for (int r = 1; r <= 5; r++) {
				sheet.getRow(r).forEach((cell) -> assertThat(cell.getCellType()).isEqualTo(CellType.STRING));
			}
		}
		assertThat(exports(id)).isEqualTo(audits + 2);
	}

	long exports(long id) {
		return this.jdbc.sql("select count(*) from audit_event where action = 'segment.exported' and subject_id = ?")
			.param(String.valueOf(id))
			.query(Long.class)
			.single();
	}

	@Test
	void sizesAreRecordedOnSaveAndDaily() throws Exception {
		Instant now = this.clock.instant();
		try {
			long id = create(this.prefix + " sizes", "");
			assertThat(this.segments.sizes(id)).singleElement().satisfies((s) -> assertThat(s.members()).isEqualTo(5));
			// the next day one more customer has the tag; the daily job records 6
			this.clock.advance(Duration.ofDays(1));
			customer(this.prefix + " 新", null, null);
			assertThat(this.segments.recordAllSizes()).isGreaterThanOrEqualTo(1);
			MvcTestResult sizes = this.mvc.get()
				.uri("/api/v1/segments/{id}/sizes", id)
				.with(httpBasic("manager", "demo"))
				.exchange();
			assertThat(sizes).bodyJson().extractingPath("$[*].members").asArray().containsExactly(5, 6);
			// counting again the same day replaces that day's figure
			customer(this.prefix + " 又新", null, null);
			this.segments.recordAllSizes();
			assertThat(this.segments.sizes(id)).extracting(Segments.Size::members).containsExactly(5L, 7L);
			assertThat(this.audience.find(id)).hasValueSatisfying((s) -> assertThat(s.lastSize()).isEqualTo(7));
		}
		finally {
			this.clock.set(now);
		}
	}

	@Test
	void otherModulesReadMembersThroughTheAudience() throws Exception {
		long id = create(this.prefix + " audience",
				",{\"field\":\"city\",\"op\":\"ne\",\"value\":\"" + this.prefix + "北京\"}");
		List<Long> expected = List.of(this.customers.get(0), this.customers.get(1), this.customers.get(2),
				this.customers.get(3));
		assertThat(this.audience.count(id)).isEqualTo(4);
		List<Long> streamed = new ArrayList<>();
		assertThat(this.audience.members(id, streamed::add)).isEqualTo(4);
		assertThat(streamed).containsExactlyElementsOf(expected);
		assertThat(this.audience.members(id, 0, 3)).containsExactlyElementsOf(expected.subList(0, 3));
		assertThat(this.audience.members(id, expected.get(2), 3)).containsExactly(expected.get(3));
		assertThat(this.audience.contains(id, this.customers.get(0))).isTrue();
		assertThat(this.audience.contains(id, this.customers.get(4))).isFalse();
		assertThat(this.audience.segments()).anySatisfy((s) -> assertThat(s.id()).isEqualTo(id));
		assertThatThrownBy(() -> this.audience.count(999_999_999L)).isInstanceOf(SegmentNotFoundException.class);
	}

	@Test
	void theDemoStartSavedAFewSegments() {
		assertThat(this.mvc.get().uri("/api/v1/segments").with(httpBasic("manager", "demo"))).bodyJson()
			.extractingPath("$[*].name")
			.asArray()
			.contains("VIP 冠军与忠诚客户", "近 90 天消费满 1000", "流失风险·可邮件联系", "沪杭茶饮客户", "高价值沉默或流失");
	}

}

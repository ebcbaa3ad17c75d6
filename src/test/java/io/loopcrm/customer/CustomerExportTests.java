package io.loopcrm.customer;

import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.loopcrm.IntegrationTest;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

@IntegrationTest
class CustomerExportTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JdbcClient jdbc;

	@BeforeEach
	void dangerousCustomers() {
		this.jdbc
			.sql("""
					insert into customer (external_id, name, city, notes, phone, phones, tags, created_at, updated_at, updated_by)
					values ('EXP-1', '=HYPERLINK("http://x","y")', '+1', '@SUM(A1)', '+8613800138000', '{+8613800138000}',
					        '{export-test}', now(), now(), 'test'),
					       ('EXP-2', '-2', '上海', 'plain, with comma', null, '{}', '{export-test}', now(), now(), 'test'),
					       ('EXP-3', '王小美', '北京', null, null, '{}', '{export-test}', now(), now(), 'test')
					on conflict do nothing
					""")
			.update();
	}

	@Test
	void csvNeutralisesFormulasAndCanBeReadBack() throws Exception {
		MvcTestResult result = this.mvc.get()
			.uri("/api/v1/customers/export?format=csv&tag=export-test&sort=name&dir=asc")
			.with(httpBasic("manager", "demo"))
			.exchange();
		assertThat(result).hasStatusOk();
		assertThat(result.getResponse().getContentType()).startsWith("text/csv");
		assertThat(result.getResponse().getHeader("Content-Disposition")).contains("customers-").contains(".csv");
		byte[] body = result.getResponse().getContentAsByteArray();
		assertThat(body).startsWith(0xEF, 0xBB, 0xBF);
		List<CSVRecord> records = CSVFormat.DEFAULT.builder()
			.setHeader()
			.setSkipHeaderRecord(true)
			.get()
			.parse(new InputStreamReader(new ByteArrayInputStream(body, 3, body.length - 3), StandardCharsets.UTF_8))
			.getRecords();
		assertThat(records).hasSize(3);
		CSVRecord formula = records.stream()
			.filter((r) -> r.get("external_id").equals("EXP-1"))
			.findFirst()
			.orElseThrow();
		assertThat(formula.get("name")).isEqualTo("'=HYPERLINK(\"http://x\",\"y\")");
		assertThat(formula.get("city")).isEqualTo("'+1");
		assertThat(formula.get("notes")).isEqualTo("'@SUM(A1)");
		assertThat(formula.get("phone")).isEqualTo("'+8613800138000");
		CSVRecord minus = records.stream()
			.filter((r) -> r.get("external_id").equals("EXP-2"))
			.findFirst()
			.orElseThrow();
		assertThat(minus.get("name")).isEqualTo("'-2");
		assertThat(minus.get("notes")).isEqualTo("plain, with comma");
		// the database keeps what was typed
		assertThat(this.jdbc.sql("select name from customer where external_id = 'EXP-1'").query(String.class).single())
			.isEqualTo("=HYPERLINK(\"http://x\",\"y\")");
	}

	@Test
	void xlsxHasOnlyTextCellsAndNeutralisedFormulas() throws Exception {
		MvcTestResult result = this.mvc.get()
			.uri("/customers/export?format=xlsx&tag=export-test")
			.with(user("manager").roles("MANAGER", "AGENT", "STAFF"))
			.exchange();
		assertThat(result).hasStatusOk();
		assertThat(result.getResponse().getContentType())
			.isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
		try (XSSFWorkbook workbook = new XSSFWorkbook(
				new ByteArrayInputStream(result.getResponse().getContentAsByteArray()))) {
			XSSFSheet sheet = workbook.getSheetAt(0);
			assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("external_id");
			assertThat(sheet.getLastRowNum()).isEqualTo(3);
			for (int r = 1; r <= 3; r++) {
				XSSFRow row = sheet.getRow(r);
				row.forEach((cell) -> assertThat(cell.getCellType()).isEqualTo(CellType.STRING));
				if (row.getCell(0).getStringCellValue().equals("EXP-1")) {
					assertThat(row.getCell(1).getStringCellValue()).startsWith("'=HYPERLINK");
					assertThat(row.getCell(9).getStringCellValue()).isEqualTo("'+1");
				}
			}
		}
	}

	@Test
	void exportsAreForManagersAndRecorded() {
		assertThat(this.mvc.get().uri("/api/v1/customers/export?tag=export-test").with(httpBasic("staff", "demo")))
			.hasStatus(403);
		assertThat(this.mvc.get().uri("/customers/export?tag=export-test").with(user("agent").roles("AGENT", "STAFF")))
			.hasStatus(403);
		long historyBefore = exportedHistory();
		long auditBefore = this.jdbc.sql("select count(*) from audit_event where action = 'customer.exported'")
			.query(Long.class)
			.single();
		assertThat(this.mvc.get().uri("/api/v1/customers/export?tag=export-test").with(httpBasic("manager", "demo")))
			.hasStatusOk();
		assertThat(exportedHistory() - historyBefore).isEqualTo(3);
		assertThat(this.jdbc
			.sql("select detail from audit_event where action = 'customer.exported' order by id desc limit 1")
			.query(String.class)
			.single()).contains("3 customers").contains("tag=export-test");
		assertThat(this.jdbc.sql("select count(*) from audit_event where action = 'customer.exported'")
			.query(Long.class)
			.single()).isEqualTo(auditBefore + 1);
		assertThat(
				this.jdbc.sql("select actor from customer_history where action = 'EXPORTED' order by id desc limit 1")
					.query(String.class)
					.single())
			.isEqualTo("manager");
	}

	@Test
	void listShowsExportButtonsOnlyToManagers() {
		assertThat(this.mvc.get().uri("/customers?tag=export-test").with(user("staff").roles("STAFF"))).bodyText()
			.doesNotContain("/customers/export");
		assertThat(this.mvc.get()
			.uri("/customers?tag=export-test")
			.with(user("manager").roles("MANAGER", "AGENT", "STAFF"))).bodyText()
			.contains("/customers/export?format=xlsx&amp;tag=export-test");
	}

	private long exportedHistory() {
		return this.jdbc
			.sql("select count(*) from customer_history h join customer c on c.id = h.customer_id"
					+ " where h.action = 'EXPORTED' and 'export-test' = any(c.tags)")
			.query(Long.class)
			.single();
	}

}

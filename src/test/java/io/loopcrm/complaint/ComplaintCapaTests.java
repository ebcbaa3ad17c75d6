package io.loopcrm.complaint;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;

import io.loopcrm.IntegrationTest;
import io.loopcrm.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static io.loopcrm.complaint.ComplaintWebTests.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * Corrective and preventive actions: linked to cases, with owner, due date, status and
 * the effect check rules; overdue ones marked; edits against the version seen.
 */
@IntegrationTest
class ComplaintCapaTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MutableClock clock;

	ComplaintFixture fx;

	String p;

	@BeforeEach
	void setUp() {
		this.fx = new ComplaintFixture(this.mvc, this.jdbc);
		this.p = ComplaintFixture.prefix();
		this.fx.customer(this.p + "C");
	}

	@Test
	void aCorrectiveActionLinksCasesAndItsEffectIsChecked() throws Exception {
		long first = this.fx.caseIn("CLOSED", this.p + "C");
		long second = this.fx.caseIn("ROOT_CAUSE_FOUND", this.p + "C");
		String title = this.p + " Change the zip supplier";
		String form = html(this.mvc.get().uri("/complaints/capa/new?case={id}", first).with(as("agent")).exchange(),
				200);
		assertThat(form).contains("name=\"cases\" value=\"" + first + "\"");

		MvcTestResult invalid = this.mvc.post()
			.uri("/complaints/capa")
			.with(as("agent"))
			.with(csrf())
			.param("kind", "CORRECTIVE")
			.param("title", "")
			.param("owner", "staff")
			.param("dueDate", "soon")
			.param("status", "VERIFIED")
			.param("cases", first + ", 987654321, abc")
			.exchange();
		String errors = html(invalid, 400);
		assertThat(errors).contains("Fill this in.")
			.contains("staff is not a user who works complaints")
			.contains("Enter a date as YYYY-MM-DD.")
			.contains("Not case numbers: abc.")
			.contains("Only an action whose effect check found it effective can be verified.");

		LocalDate yesterday = LocalDate.now(this.clock.withZone(ZoneId.of("Asia/Shanghai"))).minusDays(1);
		MvcTestResult created = this.mvc.post()
			.uri("/complaints/capa")
			.with(as("agent"))
			.with(csrf())
			.param("kind", "CORRECTIVE")
			.param("title", title)
			.param("description", "Two cases of broken zips from one batch")
			.param("owner", "agent2")
			.param("dueDate", yesterday.toString())
			.param("status", "OPEN")
			.param("cases", "#" + first + " " + second)
			.exchange();
		assertThat(created).hasStatus3xxRedirection();
		long id = this.jdbc.sql("select id from complaint_capa where title = ?")
			.param(title)
			.query(Long.class)
			.single();
		assertThat(this.jdbc.sql("select case_id from complaint_capa_case where capa_id = ? order by case_id")
			.param(id)
			.query(Long.class)
			.list()).containsExactly(first, second);

		// due yesterday and not done: overdue, in the list and its filter
		String overdue = html(this.mvc.get().uri("/complaints/capa?overdue=true").with(as("agent")).exchange(), 200);
		assertThat(overdue).contains("data-capa=\"" + id + "\"").contains(">overdue</span>");
		String casePage = html(this.mvc.get().uri("/complaints/{id}", second).with(as("agent")).exchange(), 200);
		assertThat(casePage).contains("href=\"/complaints/capa/" + id + "\"");
		assertThat(this.fx.get(second, "staff")).bodyJson().extractingPath("$.capa[0]").isEqualTo((int) id);

		// an effective result needs the action done; then it can be verified
		MvcTestResult early = save(id, 0, "IN_PROGRESS", "EFFECTIVE", "Fewer zips broke");
		assertThat(html(early, 400)).contains("An effective result needs the action done or verified.");
		MvcTestResult noNote = save(id, 0, "DONE", "NOT_EFFECTIVE", "");
		assertThat(html(noNote, 400)).contains("Write down what the effect check found.");
		assertThat(save(id, 0, "DONE", "", "")).hasStatus3xxRedirection();
		assertThat(save(id, 1, "VERIFIED", "EFFECTIVE", "No zip complaints for two months")).hasStatus3xxRedirection();
		assertThat(this.jdbc
			.sql("select status || ' ' || effect_result || ' ' || effect_checked_by"
					+ " from complaint_capa where id = ?")
			.param(id)
			.query(String.class)
			.single()).isEqualTo("VERIFIED EFFECTIVE manager");
		// a form opened before that save is a conflict, and nothing changes
		MvcTestResult stale = save(id, 1, "IN_PROGRESS", "NOT_EFFECTIVE", "Worse");
		assertThat(html(stale, 409)).contains("The case was changed by someone else in the meantime.");
		String list = html(this.mvc.get().uri("/complaints/capa?status=VERIFIED").with(as("agent")).exchange(), 200);
		assertThat(list).contains("data-capa=\"" + id + "\"").contains(">Effective</td>");
		assertThat(html(this.mvc.get().uri("/complaints/capa?overdue=true").with(as("agent")).exchange(), 200))
			.doesNotContain("data-capa=\"" + id + "\"");
	}

	@Test
	void staffCannotOpenCorrectiveActions() {
		assertThat(this.mvc.get().uri("/complaints/capa").with(as("staff"))).hasStatus(403);
		assertThat(this.mvc.post().uri("/complaints/capa").with(as("staff")).with(csrf())).hasStatus(403);
	}

	private MvcTestResult save(long id, long version, String status, String effect, String note) {
		return this.mvc.post()
			.uri("/complaints/capa/{id}", id)
			.with(as("manager"))
			.with(csrf())
			.param("version", String.valueOf(version))
			.param("kind", "CORRECTIVE")
			.param("title", this.p + " Change the zip supplier")
			.param("owner", "agent2")
			.param("dueDate", "2030-01-01")
			.param("status", status)
			.param("cases",
					this.jdbc.sql("select string_agg(case_id::text, ',') from complaint_capa_case where capa_id = ?")
						.param(id)
						.query(String.class)
						.single())
			.param("effectResult", effect)
			.param("effectNote", note)
			.exchange();
	}

	private static String html(MvcTestResult result, int status) throws Exception {
		assertThat(result).hasStatus(status);
		return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
	}

}

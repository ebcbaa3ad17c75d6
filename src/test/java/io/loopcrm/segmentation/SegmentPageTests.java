package io.loopcrm.segmentation;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import io.loopcrm.IntegrationTest;
import io.loopcrm.segmentation.segments.Segments;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * The segment pages: the builder with its live count and problems beside the rows,
 * saving, the segment's page with its words, sizes and members, editing and deleting.
 * Customers of each test's own (a random tag, no purchases).
 */
@IntegrationTest
class SegmentPageTests {

	static final RequestPostProcessor MANAGER = user("manager").roles("MANAGER", "AGENT", "STAFF");

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Segments segments;

	String prefix;

	String tag;

	@BeforeEach
	void customers() {
		this.prefix = "SP" + UUID.randomUUID().toString().substring(0, 6);
		this.tag = this.prefix + "-tag";
		for (String city : new String[] { "上海", "上海", "杭州" }) {
			this.jdbc.sql("""
					insert into customer (name, city, tags, consent_email, created_at, updated_at, updated_by)
					values (?, ?, ?, true, now(), now(), 'test')
					""").params(this.prefix + " " + city, this.prefix + city, new String[] { this.tag }).update();
		}
	}

	@Test
	void theBuilderCountsAsConditionsChange() {
		MvcTestResult empty = this.mvc.get().uri("/segments/new").with(MANAGER).exchange();
		assertThat(empty).hasStatusOk();
		assertThat(empty).bodyText()
			.contains("Complete the conditions to see how many customers match.")
			.contains("Spent in the last N days")
			.contains("RFM segment");

		// a field is chosen: its first operator, no value yet, no complaint
		MvcTestResult chosen = builder("node", "r-0", "field.r-0", "tag", "prev.r-0", "", "match.r", "ALL");
		assertThat(chosen).bodyText()
			.contains("Complete the conditions")
			.doesNotContain("Give a value")
			.contains("include any of");
		// the value typed: the live count (htmx gets the form only)
		MvcTestResult counted = this.mvc.post()
			.uri("/segments/builder")
			.with(MANAGER)
			.with(csrf())
			.header("HX-Request", "true")
			.param("node", "r-0", "r-1")
			.param("match.r", "ALL")
			.param("field.r-0", "tag")
			.param("prev.r-0", "tag")
			.param("op.r-0", "eq")
			.param("value.r-0", this.tag)
			.param("field.r-1", "city")
			.param("prev.r-1", "city")
			.param("op.r-1", "in")
			.param("value.r-1", this.prefix + "上海, " + this.prefix + "杭州，nowhere")
			.exchange();
		assertThat(counted).hasStatusOk();
		assertThat(counted).bodyText().contains("Matching customers now: 3").doesNotContain("<html");
		// a wrong value is explained beside its row
		MvcTestResult wrong = builder("node", "r-0", "field.r-0", "spentLastDays", "prev.r-0", "spentLastDays",
				"op.r-0", "gte", "value.r-0", "lots", "days.r-0", "90");
		assertThat(wrong).bodyText().contains("lots is not a number.").contains("Complete the conditions");
	}

	@Test
	void buttonsAddAndRemoveConditionsAndGroups() {
		MvcTestResult added = builder("node", "r-0", "field.r-0", "tag", "prev.r-0", "tag", "op.r-0", "eq", "value.r-0",
				this.tag, "action", "group.r");
		assertThat(added).bodyText()
			.contains("name=\"node\" value=\"r-1\"")
			.contains("name=\"kind.r-1\" value=\"group\"")
			.contains("name=\"node\" value=\"r-1-0\"")
			.contains("Matching customers now: 3");
		MvcTestResult removed = builder("node", "r-0", "node", "r-1", "kind.r-1", "group", "match.r-1", "ANY", "node",
				"r-1-0", "field.r-0", "tag", "prev.r-0", "tag", "op.r-0", "eq", "value.r-0", this.tag, "action",
				"remove.r-0");
		assertThat(removed).bodyText()
			.doesNotContain("value=\"r-1\"")
			.contains("name=\"node\" value=\"r-0\"")
			.contains("name=\"node\" value=\"r-0-0\"");
		// without JavaScript the buttons post the whole page
		MvcTestResult page = this.mvc.post()
			.uri("/segments/builder")
			.with(MANAGER)
			.with(csrf())
			.param("node", "r-0")
			.param("action", "add.r")
			.exchange();
		assertThat(page).bodyText().contains("<html").contains("value=\"r-1\"");
	}

	@Test
	void savingShowsTheSegmentInWordsWithItsMembers() throws Exception {
		MvcTestResult missing = this.mvc.post()
			.uri("/segments")
			.with(MANAGER)
			.with(csrf())
			.param("name", "")
			.param("node", "r-0")
			.param("field.r-0", "boughtCategory")
			.param("prev.r-0", "boughtCategory")
			.param("op.r-0", "eq")
			.param("value.r-0", this.prefix + "无此品类")
			.exchange();
		assertThat(missing).hasStatusOk();
		assertThat(missing).bodyText()
			.contains("Give the segment a name.")
			.contains("There is no product category &#39;" + this.prefix + "无此品类&#39;.");
		assertThat(this.segments.segments()).noneMatch((s) -> s.name().isEmpty());

		MvcTestResult saved = this.mvc.post()
			.uri("/segments")
			.with(MANAGER)
			.with(csrf())
			.param("name", this.prefix + " 沪杭")
			.param("node", "r-0", "r-1", "r-1-0", "r-1-1")
			.param("match.r", "ALL")
			.param("field.r-0", "tag")
			.param("prev.r-0", "tag")
			.param("op.r-0", "eq")
			.param("value.r-0", this.tag)
			.param("kind.r-1", "group")
			.param("match.r-1", "ANY")
			.param("field.r-1-0", "city")
			.param("prev.r-1-0", "city")
			.param("op.r-1-0", "eq")
			.param("value.r-1-0", this.prefix + "杭州")
			.param("field.r-1-1", "consent")
			.param("prev.r-1-1", "consent")
			.param("op.r-1-1", "in")
			.param("value.r-1-1", "EMAIL", "SMS")
			.exchange();
		assertThat(saved).hasStatus3xxRedirection();
		String location = saved.getResponse().getRedirectedUrl();
		assertThat(location).matches("/segments/\\d+");
		long id = Long.parseLong(location.substring("/segments/".length()));

		MvcTestResult page = this.mvc.get().uri(location).with(MANAGER).exchange();
		assertThat(page).hasStatusOk();
		assertThat(page).bodyText()
			.contains("Customers who match all of these:")
			.contains("Tags include “" + this.tag + "”")
			.contains("Any of:")
			.contains("City is “" + this.prefix + "杭州”")
			.contains("Marketing consents include any of E-mail, SMS")
			.contains("3 customers in this segment now.")
			.contains(this.prefix + " 上海")
			.contains("data-chart=")
			.contains("/segments/" + id + "/export?format=xlsx");
		MvcTestResult chinese = this.mvc.get().uri(location + "?lang=zh-CN").with(MANAGER).exchange();
		assertThat(chinese).bodyText()
			.contains("满足以下全部条件的客户：")
			.contains("标签 包含 “" + this.tag + "”")
			.contains("营销许可 包含以下任一 邮件、短信");
		// members page by page, htmx asking for the list only
		MvcTestResult second = this.mvc.get()
			.uri(location + "?page=1")
			.with(MANAGER)
			.header("HX-Request", "true")
			.header("HX-Target", "results")
			.exchange();
		assertThat(second).bodyText().doesNotContain("<html").contains("3 customers in this segment now.");
		MvcTestResult csv = this.mvc.get().uri(location + "/sizes.csv").with(MANAGER).exchange();
		assertThat(csv.getResponse().getContentAsString(StandardCharsets.UTF_8)).startsWith("day,members\r\n")
			.endsWith(",3\r\n");
		assertThat(this.mvc.get().uri("/segments").with(MANAGER)).bodyText().contains(this.prefix + " 沪杭");
	}

	@Test
	void editingKeepsTheConditionsAndRefusesAStaleVersion() throws Exception {
		MvcTestResult created = this.mvc.post()
			.uri("/api/v1/segments")
			.with(httpBasic("manager", "demo"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"" + this.prefix + " edit\",\"conditions\":[{\"field\":\"tag\",\"op\":\"eq\","
					+ "\"value\":\"" + this.tag + "\"}]}")
			.exchange();
		assertThat(created).hasStatus(201);
		String location = created.getResponse().getHeader("Location");
		long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
		MvcTestResult edit = this.mvc.get().uri("/segments/{id}/edit", id).with(MANAGER).exchange();
		assertThat(edit).hasStatusOk();
		assertThat(edit).bodyText()
			.contains("value=\"" + this.tag + "\"")
			.contains("name=\"version\" value=\"0\"")
			.contains("Matching customers now: 3");
		MvcTestResult changed = this.mvc.post()
			.uri("/segments/{id}", id)
			.with(MANAGER)
			.with(csrf())
			.param("name", this.prefix + " edited")
			.param("version", "0")
			.param("node", "r-0", "r-1")
			.param("field.r-0", "tag")
			.param("prev.r-0", "tag")
			.param("op.r-0", "eq")
			.param("value.r-0", this.tag)
			.param("field.r-1", "city")
			.param("prev.r-1", "city")
			.param("op.r-1", "eq")
			.param("value.r-1", this.prefix + "杭州")
			.exchange();
		assertThat(changed).hasStatus3xxRedirection();
		assertThat(this.segments.get(id).name()).isEqualTo(this.prefix + " edited");
		assertThat(this.segments.count(id)).isEqualTo(1);
		MvcTestResult stale = this.mvc.post()
			.uri("/segments/{id}", id)
			.with(MANAGER)
			.with(csrf())
			.param("name", this.prefix + " stale")
			.param("version", "0")
			.param("node", "r-0")
			.param("field.r-0", "tag")
			.param("prev.r-0", "tag")
			.param("op.r-0", "eq")
			.param("value.r-0", this.tag)
			.exchange();
		assertThat(stale).hasStatusOk();
		assertThat(stale).bodyText()
			.contains("manager saved this segment (“" + this.prefix + " edited”) in the meantime.")
			.contains("name=\"version\" value=\"1\"");
		assertThat(this.segments.get(id).name()).isEqualTo(this.prefix + " edited");

		MvcTestResult deleted = this.mvc.post().uri("/segments/{id}/delete", id).with(MANAGER).with(csrf()).exchange();
		assertThat(deleted).hasStatus3xxRedirection();
		assertThat(this.mvc.get().uri("/segments/{id}", id).with(MANAGER)).hasStatus(404);
	}

	@Test
	void segmentPagesAreForManagers() {
		assertThat(this.mvc.get().uri("/segments").with(user("staff").roles("STAFF"))).hasStatus(403);
		assertThat(this.mvc.get().uri("/segments/new").with(user("agent").roles("AGENT", "STAFF"))).hasStatus(403);
		assertThat(this.mvc.get().uri("/segments").with(MANAGER)).hasStatusOk().bodyText().contains("VIP 冠军与忠诚客户");
		assertThat(this.mvc.get().uri("/").with(MANAGER)).bodyText().contains("Saved segments");
		assertThat(this.mvc.get().uri("/").with(user("staff").roles("STAFF"))).bodyText()
			.doesNotContain("Saved segments");
	}

	MvcTestResult builder(String... params) {
		var request = this.mvc.post().uri("/segments/builder").with(MANAGER).with(csrf()).header("HX-Request", "true");
		for (int i = 0; i < params.length; i += 2) {
			request = request.param(params[i], params[i + 1]);
		}
		return request.exchange();
	}

}

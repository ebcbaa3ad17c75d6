package io.loopcrm.customer;

import java.nio.charset.StandardCharsets;

import io.loopcrm.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

@IntegrationTest
class CustomerEditingTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JdbcClient jdbc;

	@Test
	void secondEditorIsToldWhoChangedItWhenAndLosesNothing() throws Exception {
		long id = create("EDIT-1", "陈静");
		// both open the edit form at version 0; staff saves first
		assertThat(this.mvc.post()
			.uri("/customers/{id}", id)
			.with(user("staff").roles("STAFF"))
			.with(csrf())
			.param("version", "0")
			.param("externalId", "EDIT-1")
			.param("name", "陈静")
			.param("city", "上海")).hasStatus3xxRedirection();
		var second = this.mvc.post()
			.uri("/customers/{id}", id)
			.with(user("agent").roles("AGENT", "STAFF"))
			.with(csrf())
			.param("version", "0")
			.param("externalId", "EDIT-1")
			.param("name", "陈静")
			.param("city", "杭州")
			.param("notes", "typed by the second editor")
			.exchange();
		String page = second.getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(second).hasStatusOk();
		assertThat(page).contains("This customer was changed by staff at")
			// the second editor's input is still in the form
			.contains("typed by the second editor")
			.contains("value=\"杭州\"")
			// and the version to save against is now the current one
			.contains("name=\"version\" value=\"1\"");
		assertThat(this.jdbc.sql("select city from customer where id = ?").param(id).query(String.class).single())
			.isEqualTo("上海");
		// saving again is a deliberate overwrite and works
		assertThat(this.mvc.post()
			.uri("/customers/{id}", id)
			.with(user("agent").roles("AGENT", "STAFF"))
			.with(csrf())
			.param("version", "1")
			.param("externalId", "EDIT-1")
			.param("name", "陈静")
			.param("city", "杭州")).hasStatus3xxRedirection();
		assertThat(this.jdbc.sql("select city from customer where id = ?").param(id).query(String.class).single())
			.isEqualTo("杭州");
	}

	@Test
	void everyChangeIsInTheHistoryWithOldAndNewValue() {
		long id = create("HIST-1", "Grace Lee");
		this.mvc.post()
			.uri("/customers/{id}", id)
			.with(user("staff").roles("STAFF"))
			.with(csrf())
			.param("version", "0")
			.param("externalId", "HIST-1")
			.param("name", "Grace Lee-Wong")
			.param("phones", "+852 6123 4567")
			.param("consentSms", "true")
			.exchange();
		var history = this.jdbc.sql(
				"select action, field, old_value, new_value, actor from customer_history where customer_id = ? order by id")
			.param(id)
			.query((rs, n) -> rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getString(4)
					+ "|" + rs.getString(5))
			.list();
		assertThat(history).containsExactly("CREATED|null|null|null|staff",
				"UPDATED|name|Grace Lee|Grace Lee-Wong|staff", "UPDATED|phones||+85261234567|staff",
				"UPDATED|consentSms|false|true|staff");
		assertThat(this.mvc.get().uri("/customers/{id}", id).with(user("staff").roles("STAFF"))).bodyText()
			.contains("Grace Lee-Wong")
			.contains("SMS consent")
			.contains("+85261234567");
		// consent keeps when and where it was given
		assertThat(this.jdbc.sql("select consent_sms_source from customer where id = ?")
			.param(id)
			.query(String.class)
			.single()).isEqualTo("form:staff");
	}

	@Test
	void tagsAreAddedAndRemovedInline() {
		long id = create("TAG-1", "林小美");
		var added = this.mvc.post()
			.uri("/customers/{id}/tags", id)
			.with(user("staff").roles("STAFF"))
			.with(csrf())
			.header("HX-Request", "true")
			.param("tag", "  周末客户 ")
			.exchange();
		assertThat(added).hasStatusOk().bodyText().contains("周末客户").doesNotContain("<html");
		assertThat(this.mvc.post()
			.uri("/customers/{id}/tags/remove", id)
			.with(user("staff").roles("STAFF"))
			.with(csrf())
			.param("tag", "周末客户")).hasStatusOk();
		assertThat(this.jdbc.sql("select cardinality(tags) from customer where id = ?")
			.param(id)
			.query(Integer.class)
			.single()).isZero();
		assertThat(this.mvc.post()
			.uri("/customers/{id}/tags", id)
			.with(user("staff").roles("STAFF"))
			.with(csrf())
			.param("tag", "x".repeat(41))).bodyText().contains("A tag has at most 40 characters.");
	}

	@Test
	void ownerIsAssignedAndShown() {
		long id = create("OWN-1", "Henry Chan");
		long staff2 = this.jdbc.sql("select id from app_user where username = 'staff2'").query(Long.class).single();
		assertThat(this.mvc.post()
			.uri("/customers/{id}/owner", id)
			.with(user("staff").roles("STAFF"))
			.with(csrf())
			.param("ownerId", String.valueOf(staff2))).hasRedirectedUrl("/customers/" + id);
		assertThat(this.jdbc.sql("select owner_id from customer where id = ?").param(id).query(Long.class).single())
			.isEqualTo(staff2);
	}

	@Test
	void onlyManagersDeleteAndTheHistoryRemains() {
		long id = create("DEL-1", "To Be Deleted");
		assertThat(this.mvc.post().uri("/customers/{id}/delete", id).with(user("staff").roles("STAFF")).with(csrf()))
			.hasStatus(403);
		assertThat(this.mvc.post()
			.uri("/customers/{id}/delete", id)
			.with(user("manager").roles("MANAGER", "AGENT", "STAFF"))
			.with(csrf())).hasRedirectedUrl("/customers");
		assertThat(this.mvc.get().uri("/customers/{id}", id).with(user("staff").roles("STAFF"))).hasStatus(404);
		assertThat(this.jdbc.sql("select count(*) from customer_history where customer_id = ? and action = 'DELETED'")
			.param(id)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void theProfileShowsTheTimelineDetailsAndHistory() {
		long id = create("TL-1", "周子涵");
		assertThat(this.mvc.get().uri("/customers/{id}", id).with(user("staff").roles("STAFF"))).hasStatusOk()
			.bodyText()
			.contains("Customer file created by staff")
			.contains("timeline-pane")
			.contains("details-pane")
			.contains("history-pane");
	}

	@Test
	void aMergedAwayIdRedirectsToTheSurvivor() {
		long survivor = create("ALIAS-1", "Survivor");
		this.jdbc.sql("insert into customer_alias (old_customer_id, customer_id, merged_at) values (?, ?, now())")
			.params(987_000_001L, survivor)
			.update();
		assertThat(this.mvc.get().uri("/customers/987000001").with(user("staff").roles("STAFF")))
			.hasRedirectedUrl("/customers/" + survivor);
	}

	private long create(String externalId, String name) {
		this.mvc.post()
			.uri("/customers")
			.with(user("staff").roles("STAFF"))
			.with(csrf())
			.param("name", name)
			.param("externalId", externalId)
			.exchange();
		return this.jdbc.sql("select id from customer where external_id = ?")
			.param(externalId)
			.query(Long.class)
			.single();
	}

}

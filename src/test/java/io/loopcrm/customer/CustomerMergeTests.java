package io.loopcrm.customer;

import java.util.concurrent.atomic.AtomicBoolean;

import io.loopcrm.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * Merging two customer files: records of other modules follow through the
 * {@link CustomersMerged} event (here a test table stands for an orders or tickets
 * table), history moves, the old id and external ID keep resolving, and a failure
 * anywhere leaves both files as they were.
 */
@IntegrationTest
@Import(CustomerMergeTests.LinkedRecords.class)
class CustomerMergeTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	CustomerQueries queries;

	@Autowired
	LinkedRecords linked;

	long a;

	long b;

	@TestConfiguration(proxyBeanMethods = false)
	static class LinkedRecords {

		final AtomicBoolean fail = new AtomicBoolean();

		private final JdbcClient jdbc;

		LinkedRecords(JdbcClient jdbc) {
			this.jdbc = jdbc;
		}

		@EventListener
		void on(CustomersMerged merged) {
			this.jdbc.sql("update test_linked_record set customer_id = ? where customer_id = ?")
				.params(merged.survivorId(), merged.mergedId())
				.update();
			if (this.fail.get()) {
				throw new IllegalStateException("a module could not re-point its records");
			}
		}

	}

	@BeforeEach
	void twoFilesOfOnePerson() {
		this.jdbc.sql(
				"create table if not exists test_linked_record (id bigserial primary key, customer_id bigint not null)")
			.update();
		this.a = insert("MRG-A", "张伟", "上海", "{+8613800001111}", "{}", false, "2026-01-01");
		this.b = insert("MRG-B", "张 伟", null, "{+8613800001111}", "{zhang.wei@example.cn}", true, "2026-02-01");
		this.jdbc.sql("insert into test_linked_record (customer_id) values (?), (?), (?)")
			.params(this.b, this.b, this.a)
			.update();
		this.jdbc.sql(
				"insert into customer_history (customer_id, occurred_at, actor, action, detail) values (?, now(), 'test', 'CREATED', 'b')")
			.param(this.b)
			.update();
	}

	@AfterEach
	void cleanUp() {
		this.linked.fail.set(false);
		this.jdbc.sql("delete from test_linked_record").update();
		this.jdbc.sql(
				"delete from customer_alias where customer_id in (select id from customer where external_id like 'MRG-%')")
			.update();
		this.jdbc.sql("delete from customer where external_id like 'MRG-%'").update();
	}

	@Test
	void duplicatesPageRanksThePairWithItsReasons() {
		assertThat(this.mvc.get().uri("/customers/duplicates").with(user("manager").roles("MANAGER", "AGENT", "STAFF")))
			.hasStatusOk()
			.bodyText()
			.contains("/customers/merge?a=" + this.a + "&amp;b=" + this.b)
			.contains("same phone");
		assertThat(this.mvc.get().uri("/customers/duplicates").with(user("staff").roles("STAFF"))).hasStatus(403);
	}

	@Test
	void mergeRepointsLinkedRecordsMovesHistoryAndKeepsOldIdsResolving() {
		assertThat(this.mvc.get()
			.uri("/customers/merge?a={a}&b={b}", this.a, this.b)
			.with(user("manager").roles("MANAGER", "AGENT", "STAFF"))).hasStatusOk().bodyText().contains("张 伟");
		assertThat(merge(0, "pick.name", "a", "pick.city", "a")).hasRedirectedUrl("/customers/" + this.a);

		assertThat(this.jdbc.sql("select count(*) from customer where id = ?").param(this.b).query(Long.class).single())
			.isZero();
		assertThat(this.jdbc.sql("select customer_id from test_linked_record").query(Long.class).list())
			.containsOnly(this.a)
			.hasSize(3);
		var survivor = this.jdbc.sql(
				"select name, city, array_to_string(emails, ',') emails, consent_email, consent_email_source from customer where id = ?")
			.param(this.a)
			.query()
			.singleRow();
		assertThat(survivor).containsEntry("name", "张伟")
			.containsEntry("city", "上海")
			.containsEntry("emails", "zhang.wei@example.cn")
			.containsEntry("consent_email", true)
			.containsEntry("consent_email_source", "test:b");
		assertThat(this.jdbc.sql("select count(*) from customer_history where customer_id = ? and detail = 'b'")
			.param(this.a)
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(this.jdbc
			.sql("select count(*) from customer_history where customer_id = ? and action = 'MERGED' and field is null")
			.param(this.a)
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(this.mvc.get().uri("/customers/{b}", this.b).with(user("staff").roles("STAFF")))
			.hasRedirectedUrl("/customers/" + this.a);
		assertThat(this.queries.findByExternalId("MRG-B")).map(CustomerSummary::id).contains(this.a);
		assertThat(this.queries.find(this.b)).map(CustomerSummary::id).contains(this.a);
		assertThat(this.jdbc.sql("select count(*) from audit_event where action = 'customer.merged' and subject_id = ?")
			.param(String.valueOf(this.a))
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void theChosenExternalIdMovesToTheSurvivor() {
		merge(0, "pick.externalId", "b").exchange();
		assertThat(this.jdbc.sql("select external_id from customer where id = ?")
			.param(this.a)
			.query(String.class)
			.single()).isEqualTo("MRG-B");
	}

	@Test
	void aFailingListenerRollsTheWholeMergeBack() {
		this.linked.fail.set(true);
		assertThat(merge(0)).hasFailed().failure().hasMessageContaining("could not re-point");
		assertThat(this.jdbc.sql("select count(*) from customer where id in (?, ?)")
			.params(this.a, this.b)
			.query(Long.class)
			.single()).isEqualTo(2);
		assertThat(this.jdbc.sql("select count(*) from test_linked_record where customer_id = ?")
			.param(this.b)
			.query(Long.class)
			.single()).isEqualTo(2);
		assertThat(this.jdbc.sql("select external_id from customer where id = ?")
			.param(this.b)
			.query(String.class)
			.single()).isEqualTo("MRG-B");
		assertThat(this.jdbc.sql("select count(*) from customer_alias where old_customer_id = ?")
			.param(this.b)
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void aStaleVersionIsRefusedWithAClearMessage() {
		assertThat(merge(7)).hasStatusOk().bodyText().contains("One of the files was changed in the meantime.");
		assertThat(this.jdbc.sql("select count(*) from customer where id = ?").param(this.b).query(Long.class).single())
			.isEqualTo(1);
	}

	/**
	 * The merge form posted by a manager: b into a, a at {@code versionA}, then field
	 * picks.
	 */
	private MockMvcTester.MockMvcRequestBuilder merge(long versionA, String... picks) {
		MockMvcTester.MockMvcRequestBuilder request = this.mvc.post()
			.uri("/customers/merge")
			.with(user("manager").roles("MANAGER", "AGENT", "STAFF"))
			.with(csrf())
			.param("a", String.valueOf(this.a))
			.param("b", String.valueOf(this.b))
			.param("versionA", String.valueOf(versionA))
			.param("versionB", "0");
		for (int i = 0; i + 1 < picks.length; i += 2) {
			request.param(picks[i], picks[i + 1]);
		}
		return request;
	}

	private long insert(String externalId, String name, String city, String phones, String emails, boolean consent,
			String created) {
		return this.jdbc.sql("""
				insert into customer (external_id, name, city, phone, phones, email, emails, consent_email,
				  consent_email_at, consent_email_source, created_at, updated_at, updated_by)
				values (:ext, :name, :city, (cast(:phones as text[]))[1], cast(:phones as text[]),
				        (cast(:emails as text[]))[1], cast(:emails as text[]), :consent,
				        case when :consent then now() end, case when :consent then 'test:b' end,
				        cast(:created as timestamptz), cast(:created as timestamptz), 'test')
				returning id
				""")
			.param("ext", externalId)
			.param("name", name)
			.param("city", city)
			.param("phones", phones)
			.param("emails", emails)
			.param("consent", consent)
			.param("created", created)
			.query(Long.class)
			.single();
	}

}

package io.loopcrm.platform.imports;

import java.sql.Connection;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import io.loopcrm.IntegrationTest;
import io.loopcrm.TableDefinitions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The bulk path of large imports on tables of its own: indexes, unique and foreign keys
 * come back exactly as they were, they still check every row, a failure rolls everything
 * back, and a busy table keeps its indexes.
 */
@IntegrationTest
class BulkIndexesTests {

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	DataSource dataSource;

	@Autowired
	TransactionTemplate transactions;

	@BeforeEach
	void tables() {
		dropTables();
		this.jdbc.execute("""
				create table bulk_test_parent (id bigint primary key);
				insert into bulk_test_parent select generate_series(1, 10);
				create table bulk_test (
				  id bigint primary key, code text not null, parent_id bigint references bulk_test_parent (id),
				  amount numeric, constraint bulk_test_code_key unique (code));
				create index bulk_test_amount_idx on bulk_test (amount desc) where amount > 0;
				create unique index bulk_test_code_lower_uk on bulk_test (lower(code));
				create table bulk_test_line (
				  test_id bigint not null, line_no int not null, primary key (test_id, line_no));
				create index bulk_test_line_no_idx on bulk_test_line (line_no);
				create table bulk_test_child (id bigint primary key, test_id bigint references bulk_test (id));
				""");
	}

	@AfterEach
	void dropTables() {
		this.jdbc.execute("drop table if exists bulk_test_child, bulk_test_line, bulk_test, bulk_test_parent");
		this.jdbc.update("delete from platform_deferred_index where table_name like 'bulk_test%'");
	}

	@Autowired
	DeferredIndexes deferred;

	@Test
	void keysAndUniqueIndexesComeBackBeforeTheCommitAndPlainIndexesRightAfterIt() {
		List<String> before = definitions();
		this.transactions.executeWithoutResult((status) -> {
			BulkIndexes bulk = suspend().orElseThrow();
			this.jdbc
				.update("insert into bulk_test select n, 'C' || n, 1 + n % 10, n % 7 from generate_series(1, 5000) n");
			bulk.restore(this.deferred);
			assertThat(definitions()).containsExactlyInAnyOrderElementsOf(before.stream()
				.filter((d) -> !d.contains("bulk_test_amount_idx") && !d.contains("bulk_test_line_no_idx"))
				.toList());
			assertThat(pending()).containsExactlyInAnyOrder("bulk_test_amount_idx", "bulk_test_line_no_idx");
			// the unique index is enforced inside the transaction already
			assertThatThrownBy(() -> this.jdbc.update("insert into bulk_test values (9999, 'c1', 1, 1)"))
				.isInstanceOf(DataIntegrityViolationException.class);
		});
		this.deferred.awaitBuilt(60);
		assertThat(definitions()).isEqualTo(before);
		assertThat(pending()).isEmpty();
		assertThat(this.jdbc.queryForObject(
				"select bool_and(indisvalid) from pg_index where indrelid in ('bulk_test'::regclass, 'bulk_test_line'::regclass)",
				Boolean.class))
			.isTrue();
	}

	@Test
	void aRolledBackLoadLeavesNoIndexToBuild() {
		List<String> before = definitions();
		assertThatThrownBy(() -> this.transactions.executeWithoutResult((status) -> {
			BulkIndexes bulk = suspend().orElseThrow();
			this.jdbc.update("insert into bulk_test values (1, 'A', 1, 1)");
			bulk.restore(this.deferred);
			throw new IllegalStateException("app killed");
		})).isInstanceOf(IllegalStateException.class);
		assertThat(pending()).isEmpty();
		assertThat(definitions()).isEqualTo(before);
	}

	@Test
	void anIndexLeftToBuildIsBuiltOnTheNextStartAlsoWhenAnInterruptedBuildLeftItInvalid() throws Exception {
		List<String> before = definitions();
		String definition = this.jdbc.queryForObject("select pg_get_indexdef('bulk_test_amount_idx'::regclass)",
				String.class);
		this.jdbc.update("insert into bulk_test values (1, 'A', 1, 5), (2, 'B', 1, 6)");
		this.jdbc.execute("drop index bulk_test_amount_idx");
		// a concurrent build that fails half-way leaves an invalid index of that name
		assertThatThrownBy(() -> this.jdbc
			.execute("create unique index concurrently bulk_test_amount_idx on bulk_test (parent_id)"))
			.isInstanceOf(DataIntegrityViolationException.class);
		assertThat(this.jdbc.queryForObject(
				"select indisvalid from pg_index where indexrelid = 'bulk_test_amount_idx'::regclass", Boolean.class))
			.isFalse();
		this.jdbc.update("insert into platform_deferred_index (name, table_name, definition) values (?, ?, ?)",
				"bulk_test_amount_idx", "bulk_test", definition);

		// what the application does when it starts
		this.deferred.buildSoon().get();

		assertThat(definitions()).isEqualTo(before);
		assertThat(this.jdbc.queryForObject(
				"select indisvalid from pg_index where indexrelid = 'bulk_test_amount_idx'::regclass", Boolean.class))
			.isTrue();
		assertThat(pending()).isEmpty();
	}

	private List<String> pending() {
		return this.jdbc.queryForList(
				"select name from platform_deferred_index where table_name like 'bulk_test%' order by name",
				String.class);
	}

	@Test
	void indexesAndKeysComeBackAsTheyWereAroundTheBulkInsert() {
		List<String> before = definitions();
		this.transactions.executeWithoutResult((status) -> {
			BulkIndexes bulk = suspend().orElseThrow();
			// only the primary key another table's foreign key needs is left
			assertThat(definitions()).containsExactlyInAnyOrder(
					"bulk_test: CREATE UNIQUE INDEX bulk_test_pkey ON public.bulk_test USING btree (id)",
					"bulk_test: bulk_test_pkey PRIMARY KEY (id)");
			this.jdbc.update("""
					insert into bulk_test select n, 'C' || n, 1 + n % 10, n % 7 from generate_series(1, 5000) n;
					insert into bulk_test_line select n, l from generate_series(1, 5000) n, generate_series(1, 3) l
					""");
			bulk.restore();
		});
		assertThat(definitions()).isEqualTo(before);
		assertThat(this.jdbc.queryForObject("select count(*) from bulk_test where amount > 0", Long.class))
			.isEqualTo(4286);
		// the rebuilt keys still hold
		assertThatThrownBy(() -> this.jdbc.update("insert into bulk_test values (9999, 'C1', 1, 1)"))
			.isInstanceOf(DataIntegrityViolationException.class);
		assertThatThrownBy(() -> this.jdbc.update("insert into bulk_test values (9999, 'X', 42, 1)"))
			.isInstanceOf(DataIntegrityViolationException.class);
	}

	@Test
	void aRowBreakingAKeyFailsTheRebuildAndNothingIsLeftBehind() {
		List<String> before = definitions();
		assertThatThrownBy(() -> this.transactions.executeWithoutResult((status) -> {
			BulkIndexes bulk = suspend().orElseThrow();
			this.jdbc.update("insert into bulk_test values (1, 'SAME', 1, 1), (2, 'SAME', 2, 2)");
			bulk.restore();
		})).isInstanceOf(DataIntegrityViolationException.class);
		assertThat(definitions()).isEqualTo(before);
		assertThat(this.jdbc.queryForObject("select count(*) from bulk_test", Long.class)).isZero();

		assertThatThrownBy(() -> this.transactions.executeWithoutResult((status) -> {
			BulkIndexes bulk = suspend().orElseThrow();
			this.jdbc.update("insert into bulk_test values (1, 'A', 77, 1)");
			bulk.restore();
		})).isInstanceOf(DataIntegrityViolationException.class);
		assertThat(definitions()).isEqualTo(before);
	}

	@Test
	void aTableAnotherSessionIsReadingKeepsItsIndexes() throws Exception {
		List<String> before = definitions();
		try (Connection reader = this.dataSource.getConnection()) {
			reader.setAutoCommit(false);
			reader.createStatement().execute("select count(*) from bulk_test");
			long start = System.nanoTime();
			Optional<BulkIndexes> bulk = this.transactions.execute((status) -> {
				Optional<BulkIndexes> result = suspend();
				// the transaction goes on normally after giving up
				this.jdbc.update("insert into bulk_test values (1, 'A', 1, 1)");
				return result;
			});
			assertThat(bulk).isEmpty();
			assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(1_900_000_000L);
			reader.rollback();
		}
		assertThat(definitions()).isEqualTo(before);
		assertThat(this.jdbc.queryForObject("select count(*) from bulk_test", Long.class)).isOne();
		assertThat(this.jdbc.queryForObject("select current_setting('lock_timeout')", String.class)).isEqualTo("0");
	}

	@Test
	void onlyImportsAtLeastAsLargeAsTheTableAreWorthIt() {
		this.jdbc.update("insert into bulk_test select n, 'C' || n, 1, 1 from generate_series(1, 60000) n");
		this.jdbc.execute("analyze bulk_test");
		assertThat(BulkIndexes.worthIt(this.jdbc, "bulk_test", 40_000)).isFalse();
		assertThat(BulkIndexes.worthIt(this.jdbc, "bulk_test", 59_000)).isFalse();
		assertThat(BulkIndexes.worthIt(this.jdbc, "bulk_test", 60_000)).isTrue();
		assertThat(BulkIndexes.worthIt(this.jdbc, "bulk_test_line", 50_000)).isTrue();
		assertThat(BulkIndexes.worthIt(this.jdbc, "bulk_test_line", 49_999)).isFalse();
	}

	private Optional<BulkIndexes> suspend() {
		return BulkIndexes.suspend(this.jdbc, DataSourceUtils.getConnection(this.dataSource), "bulk_test",
				"bulk_test_line");
	}

	/** Every index and key of the two tables, by table. */
	private List<String> definitions() {
		return TableDefinitions.indexesAndKeys(JdbcClient.create(this.jdbc), "bulk_test", "bulk_test_line");
	}

}

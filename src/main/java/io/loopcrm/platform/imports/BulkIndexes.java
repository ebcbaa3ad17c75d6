package io.loopcrm.platform.imports;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Bulk loading into indexed tables inside the caller's transaction. Updating an index row
 * by row costs three to four times as much as building it sorted, so an import that adds
 * at least as many rows as a table holds (typically the first data migration) drops the
 * table's secondary indexes, unique constraints and foreign keys, inserts, and builds
 * them again before it commits. Everything happens in the import's transaction: a failure
 * anywhere rolls the indexes back with the rows, and building a unique index or a foreign
 * key checks every row again.
 * <p>
 * The price is an exclusive lock on the tables until the import commits: other sessions
 * reading them wait for those seconds. When another session holds one of the tables for
 * longer than {@link #LOCK_WAIT}, the import gives up the bulk path and updates the
 * indexes row by row instead. Indexes that a foreign key of another table relies on
 * (usually the primary key) are kept.
 * <p>
 * {@link #restore(DeferredIndexes)} builds only the keys and unique indexes before the
 * commit and leaves the plain indexes to {@link DeferredIndexes}, which builds them
 * concurrently once the load has committed.
 */
public final class BulkIndexes {

	private static final Logger log = LoggerFactory.getLogger(BulkIndexes.class);

	/** How long the import waits for the exclusive lock before it takes the slow path. */
	public static final String LOCK_WAIT = "2s";

	/** Below this many new rows the row-by-row path is cheap enough. */
	public static final long MIN_ROWS = 50_000;

	private final JdbcTemplate jdbc;

	private final List<String> restore;

	/** Plain (not unique) indexes among {@link #restore}: what may be deferred. */
	private final List<PlainIndex> plain;

	private record PlainIndex(String table, String name, String definition) {
	}

	private BulkIndexes(JdbcTemplate jdbc, List<String> restore, List<PlainIndex> plain) {
		this.jdbc = jdbc;
		this.restore = restore;
		this.plain = plain;
	}

	/**
	 * Whether adding this many rows to a table is worth rebuilding its indexes: at least
	 * {@link #MIN_ROWS} and at least as many as the table holds by its statistics.
	 * @param jdbc the import's connection
	 * @param table the table
	 * @param newRows rows the import adds
	 * @return whether to take the bulk path
	 */
	public static boolean worthIt(JdbcTemplate jdbc, String table, long newRows) {
		if (newRows < MIN_ROWS) {
			return false;
		}
		Long rows = jdbc.queryForObject("select greatest(reltuples, 0)::bigint from pg_class where oid = ?::regclass",
				Long.class, table);
		return rows != null && newRows >= rows;
	}

	/**
	 * Locks the tables and drops their secondary indexes, unique constraints and foreign
	 * keys, remembering how to build them again.
	 * @param jdbc the import's connection (inside its transaction)
	 * @param connection the same connection, for a savepoint around the lock
	 * @param tables the tables
	 * @return what to build again, or empty when the lock was not granted in time
	 * (nothing changed then)
	 */
	public static Optional<BulkIndexes> suspend(JdbcTemplate jdbc, Connection connection, String... tables) {
		String previousWait = jdbc.queryForObject("select current_setting('lock_timeout')", String.class);
		try {
			Savepoint savepoint = connection.setSavepoint();
			try {
				jdbc.execute("set local lock_timeout = '" + LOCK_WAIT + "'");
				jdbc.execute("lock table " + String.join(", ", tables) + " in access exclusive mode");
				connection.releaseSavepoint(savepoint);
			}
			catch (DataAccessException ex) {
				connection.rollback(savepoint);
				log.info("Bulk load of {} skipped: the tables are busy ({})", String.join(", ", tables),
						ex.getMostSpecificCause().getMessage());
				return Optional.empty();
			}
			jdbc.queryForObject("select set_config('lock_timeout', ?, true)", String.class, previousWait);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not set a savepoint for the bulk load", ex);
		}
		List<String> drop = new ArrayList<>();
		List<String> keys = new ArrayList<>();
		List<String> indexes = new ArrayList<>();
		List<String> foreignKeys = new ArrayList<>();
		List<PlainIndex> plain = new ArrayList<>();
		for (String table : tables) {
			// unique and primary-key constraints no other table's foreign key relies on
			jdbc.query("""
					select c.conname, pg_get_constraintdef(c.oid)
					from pg_constraint c
					where c.conrelid = ?::regclass and c.contype in ('p', 'u')
					  and not exists (select 1 from pg_constraint f where f.contype = 'f' and f.conindid = c.conindid
					                  and f.conrelid <> c.conrelid)
					""", (rs) -> {
				String name = quote(rs.getString(1));
				drop.add("alter table " + table + " drop constraint " + name);
				keys.add("alter table " + table + " add constraint " + name + " " + rs.getString(2));
			}, table);
			jdbc.query("""
					select c.conname, pg_get_constraintdef(c.oid)
					from pg_constraint c where c.conrelid = ?::regclass and c.contype = 'f'
					""", (rs) -> {
				String name = quote(rs.getString(1));
				drop.add(0, "alter table " + table + " drop constraint " + name);
				foreignKeys.add("alter table " + table + " add constraint " + name + " " + rs.getString(2));
			}, table);
			// indexes that back no constraint
			jdbc.query("""
					select i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid), i.indisunique
					from pg_index i
					where i.indrelid = ?::regclass
					  and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)
					""", (rs) -> {
				drop.add("drop index " + rs.getString(1));
				indexes.add(rs.getString(2));
				if (!rs.getBoolean(3)) {
					plain.add(new PlainIndex(table, rs.getString(1), rs.getString(2)));
				}
			}, table);
		}
		drop.forEach(jdbc::execute);
		log.info("Bulk load of {}: {} indexes and keys dropped until the rows are in", String.join(", ", tables),
				drop.size());
		List<String> restore = new ArrayList<>(keys);
		restore.addAll(indexes);
		restore.addAll(foreignKeys);
		return Optional.of(new BulkIndexes(jdbc, restore, plain));
	}

	/**
	 * Builds the indexes, constraints and foreign keys again, in the same transaction.
	 */
	public void restore() {
		long start = System.nanoTime();
		this.jdbc.execute("set local maintenance_work_mem = '256MB'");
		this.restore.forEach(this.jdbc::execute);
		log.info("Bulk load: {} indexes and keys built in {} ms", this.restore.size(),
				(System.nanoTime() - start) / 1_000_000);
	}

	/**
	 * Builds the keys, unique indexes and foreign keys again in the same transaction and
	 * leaves the plain indexes (search, sorting, filters) to be built concurrently once
	 * the transaction has committed. The table is complete and its keys enforced at
	 * commit; queries run without those indexes until they are built.
	 * @param deferred builds them after the commit
	 */
	public void restore(DeferredIndexes deferred) {
		long start = System.nanoTime();
		this.jdbc.execute("set local maintenance_work_mem = '256MB'");
		List<String> now = new ArrayList<>(this.restore);
		for (PlainIndex index : this.plain) {
			now.remove(index.definition());
			deferred.defer(this.jdbc, index.table(), index.name(), index.definition());
		}
		now.forEach(this.jdbc::execute);
		log.info("Bulk load: {} keys and unique indexes built in {} ms, {} indexes to build after the commit",
				now.size(), (System.nanoTime() - start) / 1_000_000, this.plain.size());
	}

	private static String quote(String identifier) {
		return "\"" + identifier.replace("\"", "\"\"") + "\"";
	}

}

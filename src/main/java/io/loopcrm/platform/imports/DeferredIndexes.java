package io.loopcrm.platform.imports;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Builds, after a bulk load has committed, the indexes it dropped that only speed up
 * reading (search, sorting, filters). The load records them in
 * {@code platform_deferred_index} inside its transaction; once it has committed, one
 * background thread builds them with {@code CREATE INDEX CONCURRENTLY}, so that the table
 * stays readable and writable meanwhile, and deletes each record when its index is there.
 * Queries are answered all along, only without those indexes for the seconds the build
 * takes.
 * <p>
 * Whatever is left over (the application stopped during a build, a build failed) is built
 * on the next start and retried every few minutes; an index an interrupted build left
 * invalid is dropped and built again. Several instances share the work through an
 * advisory lock per index.
 */
@Component
public class DeferredIndexes {

	private static final Logger log = LoggerFactory.getLogger(DeferredIndexes.class);

	private final DataSource dataSource;

	private final JdbcTemplate jdbc;

	private final ExecutorService builder = Executors.newSingleThreadExecutor((task) -> {
		Thread thread = new Thread(task, "deferred-indexes");
		thread.setDaemon(true);
		return thread;
	});

	private volatile Future<?> last = CompletableFuture.completedFuture(null);

	DeferredIndexes(DataSource dataSource, JdbcTemplate jdbc) {
		this.dataSource = dataSource;
		this.jdbc = jdbc;
	}

	/**
	 * Records an index to build once the caller's transaction has committed (nothing is
	 * built when it rolls back).
	 * @param jdbc the caller's connection, inside its transaction
	 * @param table the index's table
	 * @param name the index's name
	 * @param definition its {@code CREATE INDEX} statement
	 */
	void defer(JdbcTemplate jdbc, String table, String name, String definition) {
		jdbc.update("""
				insert into platform_deferred_index (name, table_name, definition) values (?, ?, ?)
				on conflict (name) do update set table_name = excluded.table_name, definition = excluded.definition,
				  requested_at = now()
				""", name, table, definition);
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			// no transaction: the record is already committed
			buildSoon();
		}
		else if (!TransactionSynchronizationManager.hasResource(this)) {
			TransactionSynchronizationManager.bindResource(this, Boolean.TRUE);
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					buildSoon();
				}

				@Override
				public void afterCompletion(int status) {
					TransactionSynchronizationManager.unbindResourceIfPossible(DeferredIndexes.this);
				}
			});
		}
	}

	/**
	 * Starts building whatever is recorded, after any build already under way.
	 * @return when it is done
	 */
	public synchronized Future<?> buildSoon() {
		this.last = this.builder.submit(this::buildPending);
		return this.last;
	}

	/**
	 * Waits for the builds started so far; for tests and benchmarks.
	 * @param seconds how long at most
	 */
	public void awaitBuilt(long seconds) {
		try {
			this.last.get(seconds, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Deferred indexes not built", ex);
		}
	}

	/**
	 * Whether indexes of a table are still to be built.
	 * @param table the table
	 * @return whether any is recorded
	 */
	public boolean pending(String table) {
		return Boolean.TRUE.equals(this.jdbc.queryForObject(
				"select exists (select 1 from platform_deferred_index where table_name = ?)", Boolean.class, table));
	}

	@EventListener(ApplicationReadyEvent.class)
	void afterStart() {
		buildSoon();
	}

	@Scheduled(fixedDelayString = "${loopcrm.imports.deferred-index-retry:PT10M}", initialDelayString = "PT10M")
	void retry() {
		if (Boolean.TRUE
			.equals(this.jdbc.queryForObject("select exists (select 1 from platform_deferred_index)", Boolean.class))) {
			buildSoon();
		}
	}

	@PreDestroy
	void stop() {
		this.builder.shutdownNow();
	}

	private void buildPending() {
		List<String> names;
		try {
			names = this.jdbc.queryForList("select name from platform_deferred_index order by requested_at",
					String.class);
		}
		catch (RuntimeException ex) {
			log.warn("Deferred indexes not looked up (retried later): {}", ex.getMessage());
			return;
		}
		for (String name : names) {
			try {
				build(name);
			}
			catch (SQLException | RuntimeException ex) {
				log.warn("Deferred index {} not built (retried later): {}", name, ex.getMessage());
			}
		}
	}

	/**
	 * Builds one index on a connection of its own outside any transaction, as
	 * {@code CREATE INDEX CONCURRENTLY} requires, holding an advisory lock on its name.
	 */
	private void build(String name) throws SQLException {
		try (Connection connection = this.dataSource.getConnection()) {
			connection.setAutoCommit(true);
			JdbcTemplate session = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
			String lock = "deferred-index:" + name;
			if (!Boolean.TRUE
				.equals(session.queryForObject("select pg_try_advisory_lock(hashtext(?))", Boolean.class, lock))) {
				return;
			}
			try {
				List<String[]> rows = session.query(
						"select table_name, definition from platform_deferred_index where name = ?",
						(rs, i) -> new String[] { rs.getString(1), rs.getString(2) }, name);
				if (rows.isEmpty()) {
					return;
				}
				String table = rows.get(0)[0];
				String definition = rows.get(0)[1];
				if (session.queryForObject("select to_regclass(?)", String.class, table) == null) {
					session.update("delete from platform_deferred_index where name = ?", name);
					return;
				}
				Boolean valid = session.query("select i.indisvalid from pg_index i where i.indexrelid = to_regclass(?)",
						(rs) -> rs.next() ? rs.getBoolean(1) : null, name);
				if (Boolean.FALSE.equals(valid)) {
					// left behind by an interrupted concurrent build
					session.execute("drop index concurrently if exists " + name);
				}
				if (!Boolean.TRUE.equals(valid)) {
					long start = System.nanoTime();
					session.execute("set maintenance_work_mem = '256MB'");
					session.execute(concurrently(definition));
					session.execute("reset maintenance_work_mem");
					log.info("Deferred index {} built in {} ms", name, (System.nanoTime() - start) / 1_000_000);
				}
				session.update("delete from platform_deferred_index where name = ? and definition = ?", name,
						definition);
			}
			finally {
				session.queryForObject("select pg_advisory_unlock(hashtext(?))", Boolean.class, lock);
			}
		}
	}

	/** {@code CREATE INDEX x ON ...} as {@code CREATE INDEX CONCURRENTLY x ON ...}. */
	static String concurrently(String definition) {
		String plain = "CREATE INDEX ";
		if (!definition.regionMatches(true, 0, plain, 0, plain.length())) {
			throw new IllegalArgumentException("Not a plain CREATE INDEX: " + definition);
		}
		return "CREATE INDEX CONCURRENTLY " + definition.substring(plain.length());
	}

}

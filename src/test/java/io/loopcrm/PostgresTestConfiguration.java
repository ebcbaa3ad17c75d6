package io.loopcrm;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The one PostgreSQL of the tests: Testcontainers' PostgreSQL 18 when a Docker engine
 * answers, otherwise nothing here, and the application's own embedded PostgreSQL starts
 * in a throw-away directory. Set {@code LOOPCRM_TEST_DB=embedded} to skip Docker.
 */
@TestConfiguration(proxyBeanMethods = false)
public class PostgresTestConfiguration {

	@Bean
	@ServiceConnection
	@Conditional(DockerAvailable.class)
	PostgreSQLContainer postgresContainer() {
		return new PostgreSQLContainer(DockerImageName.parse("postgres:18-alpine"));
	}

	static class DockerAvailable implements Condition {

		private static Boolean available;

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return isAvailable();
		}

		static synchronized boolean isAvailable() {
			if (available == null) {
				if ("embedded".equalsIgnoreCase(System.getenv("LOOPCRM_TEST_DB"))) {
					available = false;
				}
				else {
					try {
						available = DockerClientFactory.instance().isDockerAvailable();
					}
					catch (RuntimeException | LinkageError ex) {
						available = false;
					}
				}
			}
			return available;
		}

	}

}

package io.loopcrm.platform;

import java.nio.file.Path;
import java.util.EnumSet;

import io.loopcrm.LoopCrmApplication;
import io.loopcrm.platform.db.EmbeddedDatabase;
import io.loopcrm.platform.users.UserService;
import io.loopcrm.platform.users.UserView;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How LoopCRM finds its database: the embedded PostgreSQL keeps its data across restarts;
 * an external PostgreSQL starts nothing embedded and gets no demo data, only a first
 * admin.
 */
class DatabaseModeTests {

	@TempDir
	Path dataDir;

	@Test
	void embeddedDataSurvivesARestartOnTheSameDataDirectory() {
		try (ConfigurableApplicationContext first = start("--loopcrm.embedded-db.data-dir=" + this.dataDir)) {
			assertThat(first.getBean(EmbeddedDatabase.class).dataDir()).isEqualTo(this.dataDir.toAbsolutePath());
			UserService users = first.getBean(UserService.class);
			assertThat(users.exists("manager")).as("demo data seeded on first start").isTrue();
			users.create(new UserService.NewUser("survivor", "Still-Here-2026", "李四", EnumSet.of(Role.AGENT)));
		}
		try (ConfigurableApplicationContext second = start("--loopcrm.embedded-db.data-dir=" + this.dataDir)) {
			UserService users = second.getBean(UserService.class);
			assertThat(users.list()).extracting(UserView::username).contains("survivor");
			assertThat(users.list()
				.stream()
				.filter((u) -> u.username().equals("survivor"))
				.findFirst()
				.orElseThrow()
				.displayName()).isEqualTo("李四");
			// seeded once, not again
			assertThat(users.list()).filteredOn((u) -> u.username().equals("manager")).hasSize(1);
			assertThat(authenticates(second, "survivor", "Still-Here-2026")).isTrue();
		}
	}

	@Test
	void externalDatabaseStartsNothingEmbeddedAndGetsOnlyTheFirstAdmin() throws Exception {
		try (EmbeddedPostgres external = EmbeddedPostgres.builder().start();
				ConfigurableApplicationContext app = start(
						"--spring.datasource.url=" + external.getJdbcUrl("postgres", "postgres"),
						"--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
						"--loopcrm.admin.password=First-Admin-Pass-1")) {
			assertThat(app.getBeanProvider(EmbeddedDatabase.class).getIfAvailable()).isNull();
			UserService users = app.getBean(UserService.class);
			assertThat(users.list()).extracting(UserView::username).containsExactly("admin");
			assertThat(users.list().get(0).roles()).containsExactly(Role.ADMIN);
			assertThat(authenticates(app, "admin", "First-Admin-Pass-1")).isTrue();
		}
	}

	private static boolean authenticates(ConfigurableApplicationContext app, String username, String password) {
		return app.getBean(AuthenticationManager.class)
			.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(username, password))
			.isAuthenticated();
	}

	private static ConfigurableApplicationContext start(String... args) {
		return new SpringApplicationBuilder(LoopCrmApplication.class)
			.run(concat(args, "--server.port=0", "--spring.docker.compose.enabled=false"));
	}

	private static String[] concat(String[] args, String... more) {
		String[] all = new String[args.length + more.length];
		System.arraycopy(args, 0, all, 0, args.length);
		System.arraycopy(more, 0, all, args.length, more.length);
		return all;
	}

}

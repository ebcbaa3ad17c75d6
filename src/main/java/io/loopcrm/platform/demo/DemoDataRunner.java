package io.loopcrm.platform.demo;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

import io.loopcrm.platform.DemoData;
import io.loopcrm.platform.LoopCrmProperties;
import io.loopcrm.platform.Role;
import io.loopcrm.platform.db.EmbeddedDatabase;
import io.loopcrm.platform.users.UserService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * First start: seeds the demo data set (on the embedded database, or wherever
 * {@code loopcrm.demo.enabled=true}), or, without demo data, creates the first
 * {@code admin} from {@code LOOPCRM_ADMIN_PASSWORD} or a random password printed once.
 * When the application is up it says in one line where and how to sign in.
 */
@Component
class DemoDataRunner implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoDataRunner.class);

	private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

	private final List<DemoData> parts;

	private final UserService users;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final LoopCrmProperties properties;

	private final boolean embedded;

	private final Clock clock;

	private final Environment environment;

	DemoDataRunner(List<DemoData> parts, UserService users, JdbcClient jdbc, TransactionTemplate transactions,
			LoopCrmProperties properties, ObjectProvider<EmbeddedDatabase> embeddedDatabase, Clock clock,
			Environment environment) {
		this.parts = parts.stream().sorted(Comparator.comparingInt(DemoData::order)).toList();
		this.users = users;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.properties = properties;
		this.embedded = embeddedDatabase.getIfAvailable() != null;
		this.clock = clock;
		this.environment = environment;
	}

	/** Demo data is on where asked for, else only on the embedded database. */
	boolean demoEnabled() {
		Boolean enabled = this.properties.demo().enabled();
		return (enabled != null) ? enabled : this.embedded;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (demoEnabled()) {
			for (DemoData part : this.parts) {
				seed(part);
			}
		}
		else if (this.users.count() == 0) {
			createFirstAdmin();
		}
	}

	private void seed(DemoData part) {
		String marker = "demo.seeded." + part.name();
		this.transactions.executeWithoutResult((status) -> {
			// taking the marker row first means two instances starting together seed once
			int inserted = this.jdbc.sql("""
					insert into app_setting (key, value, updated_at) values (?, 'true', ?)
					on conflict (key) do nothing
					""").params(marker, Timestamp.from(this.clock.instant())).update();
			if (inserted == 1) {
				part.seed();
				log.info("Seeded demo data: {}", part.name());
			}
		});
	}

	private void createFirstAdmin() {
		String configured = this.properties.admin().password();
		boolean generated = configured == null || configured.isBlank();
		String password = generated ? randomPassword() : configured;
		this.transactions.executeWithoutResult(
				(status) -> this.users.createTrusted("admin", password, "Administrator", EnumSet.of(Role.ADMIN)));
		if (generated) {
			log.warn("Created the first administrator 'admin' with password {} (shown only this once; change it)",
					password);
		}
		else {
			log.info("Created the first administrator 'admin' with the password from LOOPCRM_ADMIN_PASSWORD");
		}
	}

	@EventListener(ApplicationReadyEvent.class)
	void announce() {
		String port = Optional.ofNullable(this.environment.getProperty("local.server.port")).orElse("8080");
		String url = "http://localhost:" + port;
		if (demoEnabled()) {
			log.info("LoopCRM is ready at {} - demo sign-in: admin, manager, agent or staff with password '{}'", url,
					this.properties.demo().password());
		}
		else {
			log.info("LoopCRM is ready at {}", url);
		}
	}

	private static String randomPassword() {
		SecureRandom random = new SecureRandom();
		StringBuilder password = new StringBuilder();
		for (int i = 0; i < 20; i++) {
			password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
		}
		return password.toString();
	}

}

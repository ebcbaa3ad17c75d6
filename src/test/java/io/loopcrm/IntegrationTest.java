package io.loopcrm;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Instant;
import java.time.ZoneId;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

/**
 * A full application on real PostgreSQL with the demo data set, MockMvc and a clock the
 * test can move. All classes with this annotation share one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(properties = { "loopcrm.embedded-db.data-dir=", "loopcrm.demo.enabled=true" })
@AutoConfigureMockMvc
@Import({ PostgresTestConfiguration.class, IntegrationTest.ClockConfiguration.class })
public @interface IntegrationTest {

	@TestConfiguration(proxyBeanMethods = false)
	class ClockConfiguration {

		@Bean
		@Primary
		MutableClock testClock() {
			return new MutableClock(Instant.now(), ZoneId.of("Asia/Shanghai"));
		}

	}

}

package io.loopcrm;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * LoopCRM: customer files, purchases, segments, closed-loop feedback, satisfaction
 * surveys and loyalty in one Spring Boot application on PostgreSQL.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class LoopCrmApplication {

	public static void main(String[] args) {
		SpringApplication.run(LoopCrmApplication.class, args);
	}

}

package io.loopcrm.survey.internal;

import io.loopcrm.platform.AccessRules;
import io.loopcrm.platform.MenuItem;
import io.loopcrm.platform.Role;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/**
 * Menu entry and access rules of the satisfaction dashboard, verbatims and summary API.
 */
@Configuration(proxyBeanMethods = false)
class SatisfactionSetup {

	@Bean
	MenuItem satisfactionMenuItem() {
		return new MenuItem("survey.nav.satisfaction", "/surveys/dashboard", Role.MANAGER, MenuItem.MAIN, 45);
	}

	/**
	 * Managers read the dashboard, the verbatims and the summary API. Ordered before the
	 * survey module's general rules so these paths are not opened to lower roles.
	 */
	@Component
	@Order(34)
	static class SatisfactionAccessRules implements AccessRules {

		@Override
		public void configure(
				AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {
			String manager = Role.MANAGER.name();
			rules.requestMatchers("/surveys/dashboard", "/surveys/dashboard/**").hasRole(manager);
			rules.requestMatchers("/surveys/verbatims", "/surveys/verbatims/**").hasRole(manager);
			rules.requestMatchers("/api/v1/satisfaction/**").hasRole(manager);
		}

	}

}

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

/** Menu entry and access rules of the improvement plans: managers only. */
@Configuration(proxyBeanMethods = false)
class ImprovementPlanSetup {

	@Bean
	MenuItem improvementPlansMenuItem() {
		return new MenuItem("survey.nav.plans", "/surveys/plans", Role.MANAGER, MenuItem.MAIN, 53);
	}

	/**
	 * Plans and their API are for managers. Ordered before the module's other rules so
	 * that a broader {@code /surveys/**} rule cannot shadow them.
	 */
	@Component
	@Order(25)
	static class ImprovementPlanAccessRules implements AccessRules {

		@Override
		public void configure(
				AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {
			String manager = Role.MANAGER.name();
			rules.requestMatchers("/surveys/plans", "/surveys/plans/**").hasRole(manager);
			rules.requestMatchers("/api/v1/improvement-plans", "/api/v1/improvement-plans/**").hasRole(manager);
		}

	}

}

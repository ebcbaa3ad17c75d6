package io.loopcrm.feedback.internal;

import io.loopcrm.platform.AccessRules;
import io.loopcrm.platform.MenuItem;
import io.loopcrm.platform.Role;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/** Menu entries and access rules of the feedback module. */
@Configuration(proxyBeanMethods = false)
class FeedbackSetup {

	@Bean
	MenuItem ticketsMenuItem() {
		return new MenuItem("nav.tickets", "/tickets", Role.STAFF, MenuItem.MAIN, 30);
	}

	@Bean
	MenuItem ticketPerformanceMenuItem() {
		return new MenuItem("nav.ticketPerformance", "/tickets/performance", Role.MANAGER, MenuItem.MAIN, 31);
	}

	@Bean
	MenuItem slaPoliciesMenuItem() {
		return new MenuItem("nav.slaPolicies", "/tickets/settings/policies", Role.MANAGER, MenuItem.ADMIN, 30);
	}

	@Bean
	MenuItem ticketCategoriesMenuItem() {
		return new MenuItem("nav.ticketCategories", "/tickets/settings/categories", Role.ADMIN, MenuItem.ADMIN, 31);
	}

	@Bean
	MenuItem holidaysMenuItem() {
		return new MenuItem("nav.holidays", "/tickets/settings/holidays", Role.ADMIN, MenuItem.ADMIN, 32);
	}

	/**
	 * Staff register tickets and read them; agents handle them (the actions, bulk
	 * assignment); managers see performance and set SLA policies; administrators keep
	 * categories and holidays.
	 */
	@Component
	@Order(30)
	static class FeedbackAccessRules implements AccessRules {

		@Override
		public void configure(
				AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {
			String staff = Role.STAFF.name();
			String agent = Role.AGENT.name();
			String manager = Role.MANAGER.name();
			rules.requestMatchers("/tickets/performance", "/tickets/performance/**").hasRole(manager);
			rules.requestMatchers("/tickets/settings/policies", "/tickets/settings/policies/**").hasRole(manager);
			rules.requestMatchers("/tickets/settings/**").hasRole(Role.ADMIN.name());
			rules.requestMatchers(HttpMethod.POST, "/tickets/*/actions/*", "/tickets/assign").hasRole(agent);
			rules.requestMatchers("/tickets", "/tickets/**").hasRole(staff);
			rules.requestMatchers("/api/v1/tickets/performance").hasRole(manager);
			rules.requestMatchers(HttpMethod.POST, "/api/v1/tickets/*/actions/*").hasRole(agent);
			rules.requestMatchers("/api/v1/tickets", "/api/v1/tickets/**").hasRole(staff);
		}

	}

}

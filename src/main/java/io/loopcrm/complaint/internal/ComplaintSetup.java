package io.loopcrm.complaint.internal;

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

/** Menu entries and access rules of the complaint pages and API. */
@Configuration(proxyBeanMethods = false)
class ComplaintSetup {

	@Bean
	MenuItem complaintsMenuItem() {
		return new MenuItem("nav.complaints", "/complaints", Role.STAFF, MenuItem.MAIN, 40);
	}

	@Bean
	MenuItem capaMenuItem() {
		return new MenuItem("nav.capa", "/complaints/capa", Role.AGENT, MenuItem.MAIN, 41);
	}

	@Bean
	MenuItem complaintDashboardMenuItem() {
		return new MenuItem("nav.complaintDashboard", "/complaints/dashboard", Role.MANAGER, MenuItem.MAIN, 42);
	}

	/**
	 * Everybody registers and reads cases; working them (every step) needs an agent, the
	 * service checks the rest (approval, four-eyes, the compensation limit). CAPA is for
	 * agents, the dashboard for managers.
	 */
	@Component
	@Order(30)
	static class ComplaintAccessRules implements AccessRules {

		@Override
		public void configure(
				AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {
			String staff = Role.STAFF.name();
			String agent = Role.AGENT.name();
			String manager = Role.MANAGER.name();
			rules.requestMatchers("/complaints/dashboard", "/complaints/dashboard/**").hasRole(manager);
			rules.requestMatchers("/api/v1/complaints/dashboard").hasRole(manager);
			rules.requestMatchers("/complaints/capa", "/complaints/capa/**").hasRole(agent);
			rules.requestMatchers(HttpMethod.POST, "/complaints/*/actions/*").hasRole(agent);
			rules.requestMatchers(HttpMethod.POST, "/api/v1/complaints/*/actions/*").hasRole(agent);
			rules.requestMatchers(HttpMethod.GET, "/complaints", "/complaints/new", "/complaints/*").hasRole(staff);
			rules.requestMatchers(HttpMethod.POST, "/complaints").hasRole(staff);
			rules.requestMatchers(HttpMethod.POST, "/api/v1/complaints").hasRole(staff);
			rules.requestMatchers(HttpMethod.GET, "/api/v1/complaints/*").hasRole(staff);
		}

	}

}

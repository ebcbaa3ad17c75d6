package io.loopcrm.customer.internal;

import io.loopcrm.platform.AccessRules;
import io.loopcrm.platform.Role;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/**
 * Who may reach the customer pages and API: everybody signed in may view, edit and
 * import; exports, duplicates and merges need a MANAGER; deletion too.
 */
@Component
@Order(10)
class CustomerAccessRules implements AccessRules {

	@Override
	public void configure(
			AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {
		String manager = Role.MANAGER.name();
		String staff = Role.STAFF.name();
		rules
			.requestMatchers("/customers/export", "/customers/export/**", "/customers/duplicates",
					"/customers/duplicates/**", "/customers/merge", "/customers/merge/**")
			.hasRole(manager);
		rules.requestMatchers(HttpMethod.POST, "/customers/*/delete").hasRole(manager);
		rules.requestMatchers("/customers", "/customers/**").hasRole(staff);
		rules.requestMatchers("/api/v1/customers/export").hasRole(manager);
		rules.requestMatchers(HttpMethod.DELETE, "/api/v1/customers/*").hasRole(manager);
		rules.requestMatchers("/api/v1/customers", "/api/v1/customers/**").hasRole(staff);
	}

}

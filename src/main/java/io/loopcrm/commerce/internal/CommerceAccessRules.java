package io.loopcrm.commerce.internal;

import io.loopcrm.platform.AccessRules;
import io.loopcrm.platform.Role;

import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/**
 * Everybody signed in may import transactions, record orders and look at products (staff
 * import, as they import customers); managers edit products; the figures across customers
 * are for managers (their own rules).
 */
@Component
@Order(15)
class CommerceAccessRules implements AccessRules {

	@Override
	public void configure(
			AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {
		String staff = Role.STAFF.name();
		rules.requestMatchers("/transactions/products/*/edit").hasRole(Role.MANAGER.name());
		rules.requestMatchers("/transactions", "/transactions/**").hasRole(staff);
		rules.requestMatchers("/api/v1/transactions", "/api/v1/transactions/**").hasRole(staff);
	}

}

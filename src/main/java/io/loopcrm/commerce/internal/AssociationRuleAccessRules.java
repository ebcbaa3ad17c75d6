package io.loopcrm.commerce.internal;

import io.loopcrm.platform.AccessRules;
import io.loopcrm.platform.Role;

import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/** Association rules (page, CSV and API) are analytics: MANAGER and up. */
@Component
@Order(20)
class AssociationRuleAccessRules implements AccessRules {

	@Override
	public void configure(
			AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {
		rules
			.requestMatchers("/analytics/association-rules", "/analytics/association-rules.csv",
					"/api/v1/analytics/association-rules")
			.hasRole(Role.MANAGER.name());
	}

}

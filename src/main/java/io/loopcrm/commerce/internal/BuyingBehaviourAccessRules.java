package io.loopcrm.commerce.internal;

import io.loopcrm.platform.AccessRules;
import io.loopcrm.platform.Role;

import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/** The buying-behaviour page, its CSV downloads and "refresh now" are for managers. */
@Component
@Order(21)
class BuyingBehaviourAccessRules implements AccessRules {

	@Override
	public void configure(
			AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {
		rules.requestMatchers("/analytics/buying", "/analytics/buying/**").hasRole(Role.MANAGER.name());
	}

}

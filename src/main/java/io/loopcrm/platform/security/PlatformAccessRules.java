package io.loopcrm.platform.security;

import io.loopcrm.platform.AccessRules;
import io.loopcrm.platform.Role;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/** Who may reach the platform's own URLs. */
@Component
@Order(0)
class PlatformAccessRules implements AccessRules {

	@Override
	public void configure(
			AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {
		// public: sign-in, static files, error pages, liveness
		rules.requestMatchers("/login", "/error", "/error/**").permitAll();
		rules.requestMatchers(HttpMethod.GET, "/webjars/**", "/css/**", "/js/**", "/img/**", "/favicon.ico")
			.permitAll();
		rules.requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**").permitAll();
		rules.requestMatchers("/actuator/**").hasRole(Role.ADMIN.name());
		// signed-in pages for everybody
		rules.requestMatchers(HttpMethod.GET, "/").hasRole(Role.STAFF.name());
		rules.requestMatchers(HttpMethod.POST, "/logout").authenticated();
		// notifications of the signed-in user; teams for managers
		rules.requestMatchers("/notifications", "/notifications/**").hasRole(Role.STAFF.name());
		rules.requestMatchers("/teams", "/teams/**").hasRole(Role.MANAGER.name());
		// administration
		rules.requestMatchers("/admin/**").hasRole(Role.ADMIN.name());
		rules.requestMatchers("/api/v1/users", "/api/v1/users/**").hasRole(Role.ADMIN.name());
	}

}

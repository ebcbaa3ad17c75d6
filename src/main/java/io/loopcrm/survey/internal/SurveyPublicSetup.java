package io.loopcrm.survey.internal;

import io.loopcrm.platform.AccessRules;
import io.loopcrm.platform.Role;

import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/**
 * Who may reach the invitations and the public response page: the page {@code /s/**}
 * answers everybody without signing in (the token is the key; CSRF stays on for its
 * form), a survey's invitations are for managers.
 */
@Component
@Order(39)
class SurveyPublicSetup implements AccessRules {

	@Override
	public void configure(
			AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {
		rules.requestMatchers("/s/**").permitAll();
		rules.requestMatchers("/surveys/*/invitations", "/surveys/*/invitations/**").hasRole(Role.MANAGER.name());
	}

}

package io.loopcrm.survey.internal;

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

/** Menu entries and access rules of survey definitions and responses. */
@Configuration(proxyBeanMethods = false)
class SurveySetup {

	@Bean
	MenuItem surveysMenuItem() {
		return new MenuItem("nav.surveys", "/surveys", Role.STAFF, MenuItem.MAIN, 40);
	}

	/**
	 * Staff read surveys, enter interview answers and import responses (and send them
	 * through the API); managers make and change surveys.
	 */
	@Component
	@Order(40)
	static class SurveyAccessRules implements AccessRules {

		@Override
		public void configure(
				AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {
			String staff = Role.STAFF.name();
			String manager = Role.MANAGER.name();
			rules
				.requestMatchers(HttpMethod.POST, "/api/v1/surveys/{id:[0-9]+}/responses",
						"/api/v1/surveys/{id:[0-9]+}/responses/import")
				.hasRole(staff);
			rules.requestMatchers(HttpMethod.GET, "/api/v1/surveys", "/api/v1/surveys/{id:[0-9]+}").hasRole(staff);
			rules.requestMatchers("/api/v1/surveys", "/api/v1/surveys/{id:[0-9]+}").hasRole(manager);
			rules.requestMatchers("/surveys/new", "/surveys/{id:[0-9]+}/edit").hasRole(manager);
			rules
				.requestMatchers("/surveys", "/surveys/{id:[0-9]+}", "/surveys/{id:[0-9]+}/responses",
						"/surveys/{id:[0-9]+}/responses/**")
				.hasRole(staff);
		}

	}

}

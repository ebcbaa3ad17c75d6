package io.loopcrm.platform.security;

import java.util.List;

import io.loopcrm.platform.AccessRules;
import io.loopcrm.platform.LoopCrmProperties;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.web.servlet.LocaleResolver;

/**
 * Two filter chains. {@code /api/**} and {@code /actuator/**}: stateless HTTP Basic, no
 * CSRF (no cookies are honoured), errors as problem+json. Everything else: form login
 * with CSRF on every form, sessions, friendly error pages. Both are deny-by-default: the
 * rules come from every module's {@link AccessRules}, then {@code denyAll()}.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
			+ "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
			+ "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	AuthenticationManager authenticationManager(UserDetailsService userDetailsService, PasswordEncoder passwordEncoder,
			LoginThrottle throttle) {
		DaoAuthenticationProvider dao = new DaoAuthenticationProvider(userDetailsService);
		dao.setPasswordEncoder(passwordEncoder);
		return new ProviderManager(new LockoutAuthenticationProvider(dao, throttle));
	}

	@Bean
	ProblemResponses problemResponses(MessageSource messages, LocaleResolver localeResolver, JsonMapper json) {
		return new ProblemResponses(messages, localeResolver, json);
	}

	@Bean
	@Order(1)
	SecurityFilterChain apiFilterChain(HttpSecurity http, List<AccessRules> rules, ProblemResponses problems,
			AuthenticationManager authenticationManager) throws Exception {
		http.securityMatcher("/api/**", "/actuator/**")
			.authorizeHttpRequests((registry) -> applyRules(registry, rules))
			.authenticationManager(authenticationManager)
			.httpBasic((basic) -> basic.authenticationEntryPoint(problems.entryPoint()))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(problems.entryPoint())
				.accessDeniedHandler(problems.accessDeniedHandler()))
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf((csrf) -> csrf.disable())
			.requestCache((cache) -> cache.disable())
			.headers(SecurityConfiguration::headers);
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain webFilterChain(HttpSecurity http, List<AccessRules> rules,
			AuthenticationManager authenticationManager, UserDetailsService userDetailsService,
			LoopCrmProperties properties) throws Exception {
		http.authorizeHttpRequests((registry) -> applyRules(registry, rules))
			.authenticationManager(authenticationManager)
			.formLogin(
					(form) -> form.loginPage("/login").failureHandler(failureHandler()).defaultSuccessUrl("/", false))
			.logout((logout) -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
			.csrf(Customizer.withDefaults())
			.headers(SecurityConfiguration::headers);
		LoopCrmProperties.Security security = properties.security();
		if (security.rememberMe()) {
			if (security.rememberMeKey() == null || security.rememberMeKey().length() < 32) {
				throw new IllegalStateException(
						"loopcrm.security.remember-me=true needs LOOPCRM_SECURITY_REMEMBERMEKEY of at least 32 characters");
			}
			http.rememberMe((remember) -> remember.key(security.rememberMeKey())
				.userDetailsService(userDetailsService)
				.tokenValiditySeconds(14 * 24 * 3600));
		}
		return http.build();
	}

	private static void applyRules(
			AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry registry,
			List<AccessRules> rules) {
		rules.forEach((rule) -> rule.configure(registry));
		registry.anyRequest().denyAll();
	}

	private static AuthenticationFailureHandler failureHandler() {
		return (request, response, ex) -> response.sendRedirect(
				request.getContextPath() + ((ex instanceof LockedException) ? "/login?locked" : "/login?error"));
	}

	private static void headers(
			org.springframework.security.config.annotation.web.configurers.HeadersConfigurer<HttpSecurity> headers) {
		headers.contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
			.frameOptions((frames) -> frames.deny())
			.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
			.contentTypeOptions(Customizer.withDefaults());
	}

}

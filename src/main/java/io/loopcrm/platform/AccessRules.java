package io.loopcrm.platform;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * How a module says who may reach its URLs. Security is deny-by-default: a URL no module
 * names here is refused to everybody (403 when signed in). Modules implement this as a
 * bean; the platform applies all of them, web pages and {@code /api/**} alike, before its
 * final {@code denyAll()}.
 */
public interface AccessRules {

	/** Adds this module's request matchers and the roles they need. */
	void configure(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules);

}

package io.loopcrm.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.loopcrm.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

@IntegrationTest
class AccessControlTests {

	/**
	 * URLs anybody may reach without signing in (the public survey page: the token is the
	 * key).
	 */
	static final Set<String> PUBLIC = Set.of("/login", "/error", "/s/{token}", "/s/{token}/thanks");

	@Autowired
	MockMvcTester mvc;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	/**
	 * Walks every mapped endpoint: without a sign-in each must be refused (unless it is
	 * one of the few public pages), and a user holding every role must get past security,
	 * which only happens when some module wrote an explicit rule for it (the fallback is
	 * denyAll).
	 */
	@Test
	void everyMappedEndpointHasAnExplicitRule() throws Exception {
		List<String> withoutRule = new ArrayList<>();
		List<String> openToAnonymous = new ArrayList<>();
		for (RequestMappingInfo info : this.mappings.getHandlerMethods().keySet()) {
			Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
			for (String pattern : info.getPatternValues()) {
				String path = pattern.replaceAll("\\{[^}]+}", "999999999");
				for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
					String endpoint = method + " " + pattern;
					MvcResult anonymous = this.mvc.perform(request(method, path).with(csrf())).getMvcResult();
					int status = anonymous.getResponse().getStatus();
					boolean refused = status == 401 || (status == 302
							&& String.valueOf(anonymous.getResponse().getRedirectedUrl()).endsWith("/login"));
					if (!refused && !PUBLIC.contains(pattern)) {
						openToAnonymous.add(endpoint + " -> " + status);
					}
					MvcResult everything = this.mvc
						.perform(request(method, path).with(csrf())
							.with(user("walker").roles("STAFF", "AGENT", "MANAGER", "ADMIN")))
						.getMvcResult();
					if (everything.getResponse().getStatus() == 403) {
						withoutRule.add(endpoint);
					}
				}
			}
		}
		assertThat(openToAnonymous).as("endpoints reachable without signing in").isEmpty();
		assertThat(withoutRule).as("endpoints without an access rule (denied to every role)").isEmpty();
	}

	@Test
	void anUnknownAddressIsDeniedEvenToAnAdministrator() {
		assertThat(this.mvc.get().uri("/no-such-page").with(user("admin").roles("ADMIN"))).hasStatus(403);
	}

	@Test
	void staffCannotOpenAdministrationPages() {
		assertThat(this.mvc.get().uri("/admin/users").with(user("staff").roles("STAFF"))).hasStatus(403);
		assertThat(this.mvc.get().uri("/admin/audit").with(user("staff").roles("STAFF", "AGENT", "MANAGER")))
			.hasStatus(403);
	}

	@Test
	void anonymousVisitorsAreSentToTheSignInPage() {
		assertThat(this.mvc.get().uri("/admin/users")).hasStatus3xxRedirection().redirectedUrl().endsWith("/login");
		assertThat(this.mvc.get().uri("/")).hasStatus3xxRedirection().redirectedUrl().endsWith("/login");
	}

	@Test
	void formPostWithoutCsrfTokenIsRefused() {
		assertThat(this.mvc.post()
			.uri("/admin/users")
			.with(user("admin").roles("ADMIN"))
			.param("username", "nocsrf")
			.param("displayName", "No CSRF")
			.param("password", "Good-Password-1")
			.param("roles", "STAFF")).hasStatus(403);
		assertThat(this.mvc.get().uri("/api/v1/users").with(httpBasic("admin", "demo"))).bodyJson()
			.extractingPath("$[*].username")
			.asArray()
			.doesNotContain("nocsrf");
	}

	@Test
	void pagesCarryTheSecurityHeaders() {
		var result = this.mvc.get().uri("/login").exchange();
		assertThat(result).hasStatusOk();
		assertThat(result).headers()
			.hasValue("X-Content-Type-Options", "nosniff")
			.hasValue("X-Frame-Options", "DENY")
			.hasValue("Referrer-Policy", "strict-origin-when-cross-origin");
		String csp = result.getResponse().getHeader("Content-Security-Policy");
		assertThat(csp).contains("frame-ancestors 'none'").contains("script-src 'self'").doesNotContain("unsafe-eval");
		assertThat(csp.replaceAll("style-src[^;]*;", "")).doesNotContain("unsafe-inline");
	}

	@Test
	void pagesContainNoInlineScript() throws Exception {
		String login = this.mvc.get()
			.uri("/login")
			.exchange()
			.getResponse()
			.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
		assertThat(login).doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>").doesNotContain("onclick=");
	}

	@Test
	void healthIsPublicAndMetricsNeedAnAdministrator() {
		assertThat(this.mvc.get().uri("/actuator/health")).hasStatusOk()
			.bodyJson()
			.extractingPath("$.components.db.status")
			.isEqualTo("UP");
		assertThat(this.mvc.get().uri("/actuator/prometheus")).hasStatus(401);
		assertThat(this.mvc.get().uri("/actuator/prometheus").with(httpBasic("manager", "demo"))).hasStatus(403);
		assertThat(this.mvc.get().uri("/actuator/prometheus").with(httpBasic("admin", "demo"))).hasStatusOk()
			.bodyText()
			.contains("jvm_memory_used_bytes");
	}

	private static MockHttpServletRequestBuilder request(RequestMethod method, String path) {
		return MockMvcRequestBuilders.request(HttpMethod.valueOf(method.name()), path);
	}

}

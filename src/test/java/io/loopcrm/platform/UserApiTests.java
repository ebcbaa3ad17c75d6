package io.loopcrm.platform;

import io.loopcrm.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

@IntegrationTest
class UserApiTests {

	@Autowired
	MockMvcTester mvc;

	@Test
	void adminCreatesAUserThatCanThenUseTheApi() {
		var created = this.mvc.post()
			.uri("/api/v1/users")
			.with(httpBasic("admin", "demo"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"username":"Api.Agent","password":"Queue-Worker-77","displayName":"张伟","roles":["AGENT"]}""")
			.exchange();
		assertThat(created).hasStatus(201).headers().containsHeader("Location");
		assertThat(created).bodyJson().extractingPath("$.username").isEqualTo("api.agent");
		assertThat(created).bodyJson().extractingPath("$.roles").asArray().containsExactly("AGENT");
		assertThat(created).bodyJson().doesNotHavePath("$.passwordHash");

		assertThat(this.mvc.get().uri("/api/v1/users").with(httpBasic("admin", "demo"))).hasStatusOk()
			.bodyJson()
			.extractingPath("$[?(@.username == 'api.agent')].displayName")
			.asArray()
			.containsExactly("张伟");
		// an agent is not an administrator
		assertThat(this.mvc.get().uri("/api/v1/users").with(httpBasic("api.agent", "Queue-Worker-77"))).hasStatus(403);
	}

	@Test
	void weakPasswordIsRefusedWithAProblemNamingTheField() {
		var result = this.mvc.post()
			.uri("/api/v1/users")
			.with(httpBasic("admin", "demo"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"username":"weakling","password":"password","displayName":"Weak","roles":["STAFF"]}""")
			.exchange();
		assertThat(result).hasStatus(400).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).bodyJson().extractingPath("$.title").isEqualTo("Invalid input");
		assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo("password");
		assertThat(result).bodyJson()
			.extractingPath("$.errors[0].message")
			.asString()
			.contains("at least 10 characters");
		assertThat(this.mvc.get().uri("/api/v1/users").with(httpBasic("admin", "demo"))).bodyJson()
			.extractingPath("$[*].username")
			.asArray()
			.doesNotContain("weakling");
	}

	@Test
	void problemsAreInTheCallersLanguageAndListEveryField() {
		var result = this.mvc.post()
			.uri("/api/v1/users")
			.with(httpBasic("admin", "demo"))
			.header("Accept-Language", "zh-TW")
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"username":"","password":"aaaaaaaaaaaa","displayName":" ","roles":["BOSS"]}""")
			.exchange();
		assertThat(result).hasStatus(400);
		assertThat(result).bodyJson().extractingPath("$.title").isEqualTo("輸入無效");
		assertThat(result).bodyJson()
			.extractingPath("$.errors[*].field")
			.asArray()
			.containsExactlyInAnyOrder("username", "displayName", "password", "roles");
		assertThat(result).bodyJson()
			.extractingPath("$.errors[?(@.field == 'roles')].message")
			.asArray()
			.singleElement()
			.asString()
			.contains("BOSS");
	}

	@Test
	void takenUsernameIsAConflict() {
		var result = this.mvc.post()
			.uri("/api/v1/users")
			.with(httpBasic("admin", "demo"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"username":"MANAGER","password":"Another-Boss-9","displayName":"Dup","roles":["MANAGER"]}""")
			.exchange();
		assertThat(result).hasStatus(409).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("manager");
	}

	@Test
	void missingOrWrongCredentialsAre401ProblemsWithABasicChallenge() {
		var anonymous = this.mvc.get().uri("/api/v1/users").exchange();
		assertThat(anonymous).hasStatus(401).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(anonymous).headers()
			.hasHeaderSatisfying("WWW-Authenticate", (values) -> assertThat(values.get(0)).startsWith("Basic"));
		assertThat(this.mvc.get().uri("/api/v1/users").with(httpBasic("admin", "not-the-password"))).hasStatus(401);
	}

	@Test
	void roleDenialIsA403Problem() {
		var result = this.mvc.get().uri("/api/v1/users").with(httpBasic("staff", "demo")).exchange();
		assertThat(result).hasStatus(403).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).bodyJson().extractingPath("$.status").isEqualTo(403);
	}

	@Test
	void malformedJsonIsA400ProblemWithoutInternals() {
		var result = this.mvc.post()
			.uri("/api/v1/users")
			.with(httpBasic("admin", "demo"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"username\": ")
			.exchange();
		assertThat(result).hasStatus(400).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).bodyText().doesNotContain("Exception").doesNotContain("at io.loopcrm");
	}

	@Test
	void theApiIsStatelessAndIgnoresSessions() {
		var result = this.mvc.get().uri("/api/v1/users").with(httpBasic("admin", "demo")).exchange();
		assertThat(result.getResponse().getHeader("Set-Cookie")).isNull();
		assertThat(result.getRequest().getSession(false)).isNull();
	}

}

package io.loopcrm.platform;

import io.loopcrm.IntegrationTest;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

@IntegrationTest
class LanguageTests {

	@Autowired
	MockMvcTester mvc;

	@Test
	void browserLanguagePicksTheDefault() {
		assertThat(this.mvc.get().uri("/login").header("Accept-Language", "zh-CN,zh;q=0.9")).bodyText()
			.contains("登录 LoopCRM");
		assertThat(this.mvc.get().uri("/login").header("Accept-Language", "zh-TW")).bodyText().contains("登入 LoopCRM");
		assertThat(this.mvc.get().uri("/login").header("Accept-Language", "zh-HK")).bodyText().contains("登入 LoopCRM");
		assertThat(this.mvc.get().uri("/login").header("Accept-Language", "fr-FR,en;q=0.5")).bodyText()
			.contains("Sign in to LoopCRM");
		assertThat(this.mvc.get().uri("/login").header("Accept-Language", "de-DE")).bodyText()
			.contains("Sign in to LoopCRM");
	}

	@Test
	void switcherOverridesTheBrowserAndIsRemembered() {
		var switched = this.mvc.get().uri("/login?lang=zh-TW").header("Accept-Language", "en").exchange();
		assertThat(switched).bodyText().contains("登入 LoopCRM");
		Cookie cookie = switched.getResponse().getCookie("LOOPCRM_LANG");
		assertThat(cookie).isNotNull();
		assertThat(this.mvc.get().uri("/login").header("Accept-Language", "en").cookie(cookie)).bodyText()
			.contains("登入 LoopCRM");
	}

	@Test
	void switcherLinksKeepThePageAndItsParameters() {
		assertThat(this.mvc.get().uri("/admin/audit?q=user&page=0").with(user("admin").roles("ADMIN"))).bodyText()
			.contains("/admin/audit?q=user&amp;page=0&amp;lang=zh-CN")
			.contains("繁體中文");
	}

	@Test
	void navigationShowsOnlyWhatTheRoleMayUse() {
		assertThat(this.mvc.get().uri("/").with(user("admin").roles("ADMIN", "MANAGER", "AGENT", "STAFF"))).bodyText()
			.contains("href=\"/admin/users\"");
		assertThat(this.mvc.get().uri("/").with(user("staff").roles("STAFF"))).bodyText()
			.doesNotContain("/admin/users")
			.doesNotContain("/admin/audit");
	}

	@Test
	void errorPagesAreTranslated() {
		assertThat(this.mvc.get()
			.uri("/admin/users/424242")
			.header("Accept-Language", "zh-CN")
			.with(user("admin").roles("ADMIN"))).hasStatus(404).bodyText().contains("不存在 ID 为 424242 的用户");
	}

}

package io.loopcrm.platform;

import java.util.EnumSet;

import io.loopcrm.IntegrationTest;
import io.loopcrm.platform.users.UserService;
import io.loopcrm.platform.users.UserView;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

@IntegrationTest
class UserAdministrationTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	UserService users;

	@Test
	void adminCreatesAUserWhoCanSignIn() {
		assertThat(this.mvc.post()
			.uri("/admin/users")
			.with(user("admin").roles("ADMIN"))
			.with(csrf())
			.param("username", "new.staff")
			.param("displayName", "New <Staff> & Co")
			.param("password", "Fresh-Start-2026")
			.param("roles", "STAFF")).hasRedirectedUrl("/admin/users").flash().containsKey("flash");
		assertThat(this.mvc.get().uri("/admin/users").with(user("admin").roles("ADMIN"))).bodyText()
			.contains("new.staff")
			// shown escaped, as typed
			.contains("New &lt;Staff&gt; &amp; Co");
		assertThat(this.mvc.perform(formLogin("/login").user("new.staff").password("Fresh-Start-2026")))
			.hasRedirectedUrl("/");
	}

	@Test
	void invalidFormShowsMessagesBesideTheFieldsInTheUsersLanguage() {
		var result = this.mvc.post()
			.uri("/admin/users")
			.with(user("admin").roles("ADMIN"))
			.with(csrf())
			.header("Accept-Language", "zh-CN")
			.param("username", "Bad Name!")
			.param("displayName", "")
			.param("password", "12345")
			.param("roles", "AGENT")
			.exchange();
		assertThat(result).hasStatusOk()
			.bodyText()
			.contains("请输入显示名称。")
			.contains("密码太短：至少需要 10 个字符。")
			.contains("请使用 2 到 64 个小写字母")
			.contains("is-invalid");
	}

	@Test
	void secondEditorOfTheSameUserGetsAConflictInsteadOfOverwriting() {
		UserView user = this.users
			.create(new UserService.NewUser("edited.twice", "Edit-Me-Twice-1", "Before", EnumSet.of(Role.STAFF)));
		// first editor saves
		assertThat(this.mvc.post()
			.uri("/admin/users/{id}", user.id())
			.with(user("admin").roles("ADMIN"))
			.with(csrf())
			.param("version", String.valueOf(user.version()))
			.param("displayName", "First editor")
			.param("roles", "AGENT")
			.param("enabled", "true")).hasRedirectedUrl("/admin/users");
		// second editor still holds the old version
		assertThat(this.mvc.post()
			.uri("/admin/users/{id}", user.id())
			.with(user("admin").roles("ADMIN"))
			.with(csrf())
			.param("version", String.valueOf(user.version()))
			.param("displayName", "Second editor")
			.param("roles", "MANAGER")
			.param("enabled", "true")).hasStatusOk().bodyText().contains("was changed by someone else");
		UserView now = this.users.get(user.id());
		assertThat(now.displayName()).isEqualTo("First editor");
		assertThat(now.roles()).containsExactly(Role.AGENT);
	}

	@Test
	void adminCannotDisableThemselves() {
		UserView admin = this.users.list()
			.stream()
			.filter((u) -> u.username().equals("admin"))
			.findFirst()
			.orElseThrow();
		assertThat(this.mvc.post()
			.uri("/admin/users/{id}", admin.id())
			.with(user("admin").roles("ADMIN"))
			.with(csrf())
			.param("version", String.valueOf(admin.version()))
			.param("displayName", admin.displayName())
			.param("roles", "ADMIN")).hasStatusOk().bodyText().contains("You cannot disable your own account.");
		assertThat(this.users.get(admin.id()).enabled()).isTrue();
	}

	@Test
	void resettingAPasswordLiftsTheLockAndIsAudited() {
		UserView user = this.users
			.create(new UserService.NewUser("forgetful", "Old-Password-11", "Forgetful", EnumSet.of(Role.STAFF)));
		for (int i = 0; i < 5; i++) {
			this.mvc.perform(formLogin("/login").user("forgetful").password("guess-" + i)).assertThat();
		}
		assertThat(this.mvc.perform(formLogin("/login").user("forgetful").password("Old-Password-11")))
			.hasRedirectedUrl("/login?locked");
		assertThat(this.mvc.post()
			.uri("/admin/users/{id}/password", user.id())
			.with(user("admin").roles("ADMIN"))
			.with(csrf())
			.param("password", "New-Password-22")).hasRedirectedUrl("/admin/users/" + user.id());
		assertThat(this.mvc.perform(formLogin("/login").user("forgetful").password("New-Password-22")))
			.hasRedirectedUrl("/");
		assertThat(this.mvc.get().uri("/admin/audit?q=passwordReset").with(user("admin").roles("ADMIN"))).bodyText()
			.contains("user.passwordReset")
			.contains("forgetful");
	}

	@Test
	void unknownUserIsAFriendly404Page() {
		var result = this.mvc.get().uri("/admin/users/987654321").with(user("admin").roles("ADMIN")).exchange();
		assertThat(result).hasStatus(404).bodyText().contains("There is no user with id 987654321");
		assertThat(result).bodyText().doesNotContain("Exception");
	}

}

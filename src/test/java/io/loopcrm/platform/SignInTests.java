package io.loopcrm.platform;

import java.time.Duration;
import java.util.EnumSet;
import java.util.UUID;

import io.loopcrm.IntegrationTest;
import io.loopcrm.MutableClock;
import io.loopcrm.platform.users.UserService;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;

@IntegrationTest
class SignInTests {

	static final String GOOD_PASSWORD = "Correct-Horse-42";

	@Autowired
	MockMvcTester mvc;

	@Autowired
	UserService users;

	@Autowired
	MutableClock clock;

	@Test
	void demoUserSignsInAndLandsOnTheStartPage() {
		assertThat(this.mvc.perform(formLogin("/login").user("manager").password("demo"))).hasStatus3xxRedirection()
			.hasRedirectedUrl("/");
	}

	@Test
	void wrongPasswordShowsTheGenericMessage() {
		String username = newUser();
		assertThat(this.mvc.perform(formLogin("/login").user(username).password("wrong-password")))
			.hasRedirectedUrl("/login?error");
		assertThat(this.mvc.get().uri("/login?error")).bodyText().contains("Invalid username or password.");
	}

	@Test
	void fiveFailuresLockTheAccountForFifteenMinutesEvenForTheRightPassword() {
		String username = newUser();
		for (int i = 1; i <= 4; i++) {
			assertThat(this.mvc.perform(formLogin("/login").user(username).password("wrong-" + i)))
				.hasRedirectedUrl("/login?error");
		}
		assertThat(this.mvc.perform(formLogin("/login").user(username).password("wrong-5")))
			.hasRedirectedUrl("/login?locked");
		assertThat(this.mvc.get().uri("/login?locked")).bodyText().contains("locked for 15 minutes");

		// the right password does not open a locked account early
		assertThat(this.mvc.perform(formLogin("/login").user(username).password(GOOD_PASSWORD)))
			.hasRedirectedUrl("/login?locked");
		this.clock.advance(Duration.ofMinutes(14));
		assertThat(this.mvc.perform(formLogin("/login").user(username).password(GOOD_PASSWORD)))
			.hasRedirectedUrl("/login?locked");

		this.clock.advance(Duration.ofMinutes(2));
		assertThat(this.mvc.perform(formLogin("/login").user(username).password(GOOD_PASSWORD))).hasRedirectedUrl("/");
	}

	@Test
	void unknownUsernamesLockExactlyLikeRealOnesSoNothingRevealsWhichExist() {
		String ghost = "ghost-" + UUID.randomUUID().toString().substring(0, 8);
		for (int i = 1; i <= 4; i++) {
			assertThat(this.mvc.perform(formLogin("/login").user(ghost).password("x" + i)))
				.hasRedirectedUrl("/login?error");
		}
		assertThat(this.mvc.perform(formLogin("/login").user(ghost).password("x5"))).hasRedirectedUrl("/login?locked");
	}

	@Test
	void successResetsTheFailureCount() {
		String username = newUser();
		for (int i = 1; i <= 4; i++) {
			this.mvc.perform(formLogin("/login").user(username).password("wrong-" + i)).assertThat();
		}
		assertThat(this.mvc.perform(formLogin("/login").user(username).password(GOOD_PASSWORD))).hasRedirectedUrl("/");
		for (int i = 1; i <= 4; i++) {
			assertThat(this.mvc.perform(formLogin("/login").user(username).password("again-" + i)))
				.hasRedirectedUrl("/login?error");
		}
	}

	@Test
	void disabledAccountAnswersLikeAWrongPassword() {
		String username = newUser();
		long id = this.users.list()
			.stream()
			.filter((u) -> u.username().equals(username))
			.findFirst()
			.orElseThrow()
			.id();
		var user = this.users.get(id);
		this.users.update(id, new UserService.UserChange(user.version(), user.displayName(), user.roles(), false));
		assertThat(this.mvc.perform(formLogin("/login").user(username).password(GOOD_PASSWORD)))
			.hasRedirectedUrl("/login?error");
	}

	@Test
	void signOutNeedsAPostWithCsrfToken() {
		assertThat(this.mvc.post().uri("/logout")).hasStatus(403);
	}

	String newUser() {
		String username = "u" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
		this.users.create(new UserService.NewUser(username, GOOD_PASSWORD, "Test " + username, EnumSet.of(Role.STAFF)));
		return username;
	}

}

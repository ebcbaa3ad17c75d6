package io.loopcrm.browser;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.loopcrm.survey.internal.Invitation;
import io.loopcrm.survey.internal.Invitations;
import io.loopcrm.survey.internal.SurveyCommand;
import io.loopcrm.survey.internal.SurveyDefinitions;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A customer answers the public survey page on a phone: in the invitation's language, the
 * 0–10 scale worked with the keyboard, sent after the time a person needs, thanked; the
 * same link then says the answers were received. No script errors under the CSP, no
 * sideways scrolling.
 */
@BrowserTest
class SurveyPublicPageBrowserTests extends BrowserSession {

	@LocalServerPort
	int port;

	@Autowired
	SurveyDefinitions surveys;

	@Autowired
	Invitations invitations;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aCustomerAnswersOnAPhoneWithTheKeyboard() {
		String name = "Browser " + UUID.randomUUID();
		long survey = this.surveys.create(
				new SurveyCommand(name, null, null, null, null, List.of("zh-CN", "en"), null, false, null, null,
						List.of(new SurveyCommand.QuestionCommand("nps", "NPS", null, null, null, true, null),
								new SurveyCommand.QuestionCommand("comment", "TEXT", null, null, null, false, null))),
				"manager")
			.id();
		long customer = this.jdbc
			.sql("insert into customer (external_id, name, created_at, updated_at, updated_by)"
					+ " values (?, '浏览器顾客', now(), now(), 'test') returning id")
			.param("BR-" + UUID.randomUUID())
			.query(Long.class)
			.single();
		Invitation invitation = this.invitations.invite(survey, customer,
				new Invitations.Occasion("browser:1", "LINK", Locale.SIMPLIFIED_CHINESE, null, null));
		try (BrowserContext context = browser
			.newContext(new Browser.NewContextOptions().setViewportSize(390, 844).setLocale("en-US"))) {
			Page page = context.newPage();
			List<String> consoleErrors = new ArrayList<>();
			page.onConsoleMessage((message) -> {
				if ("error".equals(message.type())) {
					consoleErrors.add(message.text());
				}
			});
			page.onPageError((error) -> consoleErrors.add(error));
			String link = "http://localhost:" + this.port + "/s/" + invitation.token();
			page.navigate(link);
			// the invitation's language, whatever the browser asks for
			assertThat(page.locator("h1")).hasText("我们做得怎么样？");
			assertThat(page.evaluate("document.documentElement.scrollWidth > window.innerWidth")).isEqualTo(false);
			// the customer may switch to another of the survey's languages, and back
			page.locator("a[lang=en]").click();
			assertThat(page.locator("h1")).hasText("How did we do?");
			page.locator("a[lang=zh-CN]").click();
			assertThat(page.locator("h1")).hasText("我们做得怎么样？");
			// keyboard: focus the scale's first point, arrow over to 9
			page.locator("input[name='answers.nps']").first().focus();
			page.keyboard().press("Space");
			for (int i = 0; i < 9; i++) {
				page.keyboard().press("ArrowRight");
			}
			assertThat(page.locator("input[name='answers.nps']:checked")).hasAttribute("value", "9");
			page.locator("textarea[name='answers.comment']").fill("店员很热情 <b>好</b>");
			page.waitForTimeout(2200);
			page.locator("button.survey-submit").click();
			assertThat(page.locator("h1")).hasText("谢谢！");
			page.navigate(link);
			assertThat(page.locator("h1")).not().hasText("我们做得怎么样？");
			assertThat(consoleErrors).as("console errors (CSP violations, failed scripts)").isEmpty();
		}
		assertThat(this.jdbc
			.sql("select nps || ' ' || channel || ' ' || verbatim from survey_response where survey_id = ?")
			.param(survey)
			.query(String.class)
			.single()).isEqualTo("9 WEB 店员很热情 <b>好</b>");
	}

}

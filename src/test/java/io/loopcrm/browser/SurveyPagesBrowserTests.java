package io.loopcrm.browser;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The survey pages on a phone-sized screen in simplified Chinese: a manager makes a
 * survey (adding question rows on the way), a staff member enters an interview, and no
 * page is wider than the screen. Screenshots go to {@code target/screenshots}.
 */
@BrowserTest
class SurveyPagesBrowserTests extends BrowserSession {

	@LocalServerPort
	int port;

	@Test
	void aSurveyIsMadeAndAnsweredOnAPhone() {
		String name = "b" + UUID.randomUUID().toString().substring(0, 8) + " 门店回访";
		try (BrowserContext context = browser.newContext(
				new Browser.NewContextOptions().setLocale("zh-CN").setViewportSize(390, 844).setIsMobile(true))) {
			Page page = context.newPage();
			List<String> consoleErrors = new ArrayList<>();
			page.onConsoleMessage((message) -> {
				if ("error".equals(message.type())) {
					consoleErrors.add(message.text());
				}
			});
			page.navigate(url("/login"));
			page.locator("#username").fill("manager");
			page.locator("#password").fill("demo");
			page.locator("form button[type=submit]").click();
			page.waitForURL(url("/"));

			page.navigate(url("/surveys/new"));
			page.locator("#name").fill(name);
			page.locator("[id='questions0.key']").fill("nps");
			page.locator("[id='questions0.type']").selectOption("NPS");
			page.locator("[id='questions0.textZhCn']").fill("您会推荐我们吗？");
			int rows = page.locator("[id^=question-]").count();
			page.locator("button[name=addRows]").click();
			assertThat(page.locator("[id^=question-]")).hasCount(rows + 3);
			assertThat(page.locator("[id='questions0.textZhCn']")).hasValue("您会推荐我们吗？");
			page.locator("[id='questions1.key']").fill("comment");
			page.locator("[id='questions1.type']").selectOption("TEXT");
			fitsTheScreen(page);
			page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/survey-form.png"))
				.setFullPage(true));
			page.locator("form button.btn-primary[type=submit]").click();
			page.waitForURL(Pattern.compile(".*/surveys/\\d+$"));
			assertThat(page.locator("h1")).containsText(name);
			// worded in simplified Chinese, so the survey speaks it besides the default
			// English
			assertThat(page.locator("dl")).containsText("English, 简体中文");
			fitsTheScreen(page);

			page.locator("a[href$='/responses/new']").click();
			page.locator("label[for=answer-nps-9]").click();
			page.locator("#answer-comment").fill("店员很耐心");
			fitsTheScreen(page);
			page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/survey-interview.png"))
				.setFullPage(true));
			page.locator("form button.btn-primary[type=submit]").click();
			page.waitForURL(Pattern.compile(".*/surveys/\\d+$"));
			assertThat(page.locator("table")).containsText("店员很耐心");
			assertThat(page.locator("table")).containsText("NPS 9");
			fitsTheScreen(page);
			page.screenshot(
					new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/survey.png")).setFullPage(true));

			page.navigate(url("/surveys"));
			fitsTheScreen(page);
			page.locator("a", new Page.LocatorOptions().setHasText(name)).click();
			page.locator("a[href$='/responses/import']").click();
			fitsTheScreen(page);
			assertThat(consoleErrors).isEmpty();
		}
	}

	private static void fitsTheScreen(Page page) {
		Object overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth");
		assertThat(((Number) overflow).intValue()).as("horizontal overflow of %s", page.url()).isLessThanOrEqualTo(0);
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

}

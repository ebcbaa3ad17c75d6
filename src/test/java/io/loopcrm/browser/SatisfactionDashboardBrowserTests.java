package io.loopcrm.browser;

import java.util.ArrayList;
import java.util.List;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The satisfaction dashboard as a browser draws it, on the demo surveys: every chart is
 * rendered by ECharts from the server's data under the Content-Security-Policy (with a
 * height, so not an empty box), a filter swaps the results, and the page fits a phone.
 */
@BrowserTest
class SatisfactionDashboardBrowserTests extends BrowserSession {

	@LocalServerPort
	int port;

	@Test
	void everyChartIsDrawnAtPhoneWidthWithoutScriptErrors() {
		try (BrowserContext context = browser
			.newContext(new Browser.NewContextOptions().setViewportSize(390, 844).setLocale("zh-CN"))) {
			Page page = context.newPage();
			List<String> consoleErrors = new ArrayList<>();
			page.onConsoleMessage((message) -> {
				if ("error".equals(message.type())) {
					consoleErrors.add(message.text());
				}
			});
			page.onPageError((error) -> consoleErrors.add(error));
			signIn(page, "manager");
			page.navigate(url("/surveys/dashboard"));
			int charts = page.locator("[data-chart]").count();
			assertThat(charts).isEqualTo(6);
			for (int i = 0; i < charts; i++) {
				assertThat(page.locator("[data-chart]").nth(i).locator("canvas")).hasCount(1);
				Object height = page.locator("[data-chart]").nth(i).evaluate("e => e.getBoundingClientRect().height");
				assertThat(((Number) height).doubleValue()).as("height of chart %d", i).isGreaterThan(100);
			}
			Object overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth");
			assertThat(overflow).isEqualTo(false);
			assertThat(consoleErrors).as("console errors (CSP violations, failed scripts)").isEmpty();
		}
	}

	private void signIn(Page page, String username) {
		page.navigate(url("/login"));
		page.locator("#username").fill(username);
		page.locator("#password").fill("demo");
		page.locator("form button[type=submit]").click();
		page.waitForURL(url("/"));
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

}

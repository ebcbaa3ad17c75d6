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
 * The clusters page as a browser draws it after the demo start's cluster run: both charts
 * rendered by ECharts under the Content-Security-Policy, at phone width, and a run with a
 * chosen k from the form.
 */
@BrowserTest
class ClustersBrowserTests extends BrowserSession {

	@LocalServerPort
	int port;

	@Test
	void chartsAreDrawnAtPhoneWidthAndTheFormRunsAChosenK() {
		try (BrowserContext context = browser
			.newContext(new Browser.NewContextOptions().setViewportSize(390, 844).setLocale("zh-TW"))) {
			Page page = context.newPage();
			List<String> consoleErrors = new ArrayList<>();
			page.onConsoleMessage((message) -> {
				if ("error".equals(message.type())) {
					consoleErrors.add(message.text());
				}
			});
			page.onPageError((error) -> consoleErrors.add(error));
			signIn(page, "manager");
			page.navigate(url("/segmentation/clusters"));
			assertThat(page.locator("h1")).hasText("顧客聚類");
			assertThat(page.locator("[data-chart]")).hasCount(2);
			for (int i = 0; i < 2; i++) {
				assertThat(page.locator("[data-chart]").nth(i).locator("canvas")).hasCount(1);
			}
			Object overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth");
			assertThat(overflow).isEqualTo(false);

			page.locator("#k").selectOption("4");
			page.locator("#run-clusters button[type=submit]").click();
			page.waitForURL(url("/segmentation/clusters"));
			assertThat(page.locator("#chosen-k")).containsText("k = 4");
			assertThat(page.locator("#clusters tbody tr")).hasCount(4);
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

package io.loopcrm.browser;

import java.util.ArrayList;
import java.util.List;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.loopcrm.commerce.BuyingBehaviourFixture;
import io.loopcrm.commerce.internal.BuyingBehaviourRollup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The buying-behaviour charts as a browser draws them: every chart is rendered by ECharts
 * from the server's data under the Content-Security-Policy, at phone width too.
 */
@BrowserTest
class BuyingBehaviourBrowserTests extends BrowserSession {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	BuyingBehaviourRollup rollup;

	@BeforeEach
	void orders() {
		BuyingBehaviourFixture.ensure(this.jdbc);
		this.rollup.refreshAll();
	}

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
			page.navigate(url("/analytics/buying?from=2019-01&to=2019-03"));
			assertThat(page.locator("h1")).hasText("购买行为");
			int charts = page.locator("[data-chart]").count();
			assertThat(charts).isEqualTo(6);
			for (int i = 0; i < charts; i++) {
				assertThat(page.locator("[data-chart]").nth(i).locator("canvas")).hasCount(1);
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

package io.loopcrm.browser;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ticket queue in a browser: the tabs and filters update the list with htmx and keep
 * the address bar in step, a ticket opens with its SLA and the customer beside it, and
 * nothing is blocked by the Content-Security-Policy. Screenshots go to
 * {@code target/screenshots}.
 */
@BrowserTest
class TicketQueueBrowserTests extends BrowserSession {

	@LocalServerPort
	int port;

	@Test
	void tabsAndFiltersUpdateTheListAndTheAddressAndATicketOpens() {
		try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setLocale("en-US"))) {
			Page page = context.newPage();
			List<String> consoleErrors = new ArrayList<>();
			page.onConsoleMessage((message) -> {
				if ("error".equals(message.type())) {
					consoleErrors.add(message.text());
				}
			});
			page.navigate(url("/login"));
			page.locator("#username").fill("agent");
			page.locator("#password").fill("demo");
			page.locator("form button[type=submit]").click();
			page.waitForURL(url("/"));
			page.navigate(url("/tickets?queue=all"));
			assertThat(page.locator("#results .ticket-row").first()).isVisible();

			page.locator("#results .nav-link", new Page.LocatorOptions().setHasText("Unassigned")).click();
			page.waitForURL(Pattern.compile(".*queue=unassigned.*"));
			assertThat(page.locator("#results .nav-link.active")).hasText("Unassigned");

			page.locator("#priority").selectOption("HIGH");
			page.waitForURL(Pattern.compile(".*priority=HIGH.*"));
			assertThat(page.locator("#results")).not().containsText("Urgent ·");
			page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/ticket-queue.png"))
				.setFullPage(true));

			page.navigate(url("/tickets?queue=all"));
			page.locator("#results .ticket-row a").first().click();
			page.waitForURL(Pattern.compile(".*/tickets/\\d+$"));
			assertThat(page.locator("h2", new Page.LocatorOptions().setHasText("Service level"))).isVisible();
			assertThat(page.locator("aside")).isVisible();
			page.screenshot(
					new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/ticket.png")).setFullPage(true));
			assertThat(consoleErrors).isEmpty();
		}
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

}

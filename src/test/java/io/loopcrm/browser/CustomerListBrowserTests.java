package io.loopcrm.browser;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What only a browser shows: search-as-you-type with htmx, the filter in the address bar,
 * the back button, the language switcher, a phone-width layout, and no script blocked by
 * the Content-Security-Policy.
 */
@BrowserTest
class CustomerListBrowserTests extends BrowserSession {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@BeforeEach
	void customer() {
		this.jdbc.sql("""
				insert into customer (external_id, name, city, created_at, updated_at, updated_by)
				values ('BROWSER-1', '欧阳娜娜', '深圳', now(), now(), 'test') on conflict do nothing
				""").update();
	}

	@Test
	void searchUpdatesResultsAndAddressAsYouTypeAndBackRestoresIt() {
		try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setLocale("en-US"))) {
			Page page = context.newPage();
			List<String> consoleErrors = new ArrayList<>();
			page.onConsoleMessage((message) -> {
				if ("error".equals(message.type())) {
					consoleErrors.add(message.text());
				}
			});
			signIn(page, "staff");
			page.navigate(url("/customers"));
			assertThat(page.locator("#results")).containsText("customers");

			page.locator("#q").pressSequentially("阳娜");
			assertThat(page.locator("#results")).containsText("欧阳娜娜");
			assertThat(page).hasURL(Pattern.compile(".*q=%E9%98%B3%E5%A8%9C.*"));
			assertThat(page.locator("#results tbody tr")).hasCount(1);

			page.locator("#results th a").first().click();
			assertThat(page).hasURL(Pattern.compile(".*sort=name.*"));
			page.goBack();
			assertThat(page).hasURL(Pattern.compile(".*q=%E9%98%B3%E5%A8%9C(&.*)?$"));
			assertThat(page.locator("#q")).hasValue("阳娜");

			assertThat(consoleErrors).as("console errors (CSP violations, failed scripts)").isEmpty();
		}
	}

	@Test
	void languageSwitcherKeepsThePageAndTheFilter() {
		try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setLocale("en-US"))) {
			Page page = context.newPage();
			signIn(page, "staff");
			page.navigate(url("/customers?city=深圳"));
			page.locator("nav .dropdown-toggle").last().click();
			page.locator("a[lang='zh-TW']").click();
			assertThat(page.locator("h1")).hasText("顧客");
			assertThat(page).hasURL(Pattern.compile(".*city=.*lang=zh-TW.*"));
			assertThat(page.locator("#city")).hasValue("深圳");
		}
	}

	@Test
	void profileWorksAtPhoneWidth() {
		try (BrowserContext context = browser
			.newContext(new Browser.NewContextOptions().setViewportSize(390, 844).setLocale("zh-CN"))) {
			Page page = context.newPage();
			signIn(page, "staff");
			long id = this.jdbc.sql("select id from customer where external_id = 'BROWSER-1'")
				.query(Long.class)
				.single();
			page.navigate(url("/customers/" + id));
			assertThat(page.locator("h1")).hasText("欧阳娜娜");
			// nothing wider than the screen
			Object overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth");
			assertThat(overflow).isEqualTo(false);
			page.locator("#newTag").fill("手机测试");
			page.locator("#tags form").last().locator("button").click();
			assertThat(page.locator("#tags")).containsText("手机测试");
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

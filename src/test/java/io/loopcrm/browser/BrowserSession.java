package io.loopcrm.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Playwright;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * One system Chromium per browser test class, started before its tests and closed after.
 */
abstract class BrowserSession {

	static Playwright playwright;

	static Browser browser;

	@BeforeAll
	static void startBrowser() {
		Chromium.executable();
		playwright = Chromium.playwright();
		browser = Chromium.launch(playwright);
	}

	@AfterAll
	static void stopBrowser() {
		if (browser != null) {
			browser.close();
		}
		if (playwright != null) {
			playwright.close();
		}
	}

}

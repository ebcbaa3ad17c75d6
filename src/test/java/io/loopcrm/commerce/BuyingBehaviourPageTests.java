package io.loopcrm.commerce;

import java.nio.charset.StandardCharsets;

import io.loopcrm.IntegrationTest;
import io.loopcrm.commerce.internal.BuyingBehaviourRollup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/** The buying-behaviour page, its downloads and "refresh now", as a manager sees them. */
@IntegrationTest
class BuyingBehaviourPageTests {

	@Autowired
	MockMvcTester mvc;

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
	void managerSeesTheFiguresOfThePeriodWithChartsAndTables() throws Exception {
		String html = page("/analytics/buying?from=2019-01&to=2019-03&lang=en");
		assertThat(html).contains("Buying behaviour")
			.contains("1,900.00")
			.contains("BB杭州")
			.contains("BB零食")
			.contains("Figures as of")
			.contains("data-chart=")
			.contains("/js/buying-behaviour.js")
			.contains("/analytics/buying/monthly.csv?from=2019-01&amp;to=2019-03")
			// the cancelled order's customer and region appear nowhere
			.doesNotContain("BB华北")
			.doesNotContain("99,999")
			.doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>");
		// 3 of 5 customers bought twice or more
		assertThat(html).contains("60.0%").contains("3 of 5 customers");
		// weekday and month names in the user's language
		assertThat(page("/analytics/buying?from=2019-01&to=2019-03&lang=zh-CN")).contains("周一").contains("一月");
		assertThat(page("/analytics/buying?from=2019-01&to=2019-03&lang=zh-TW")).contains("週一");
	}

	@Test
	void staffAndAgentsMayNotOpenIt() {
		assertThat(this.mvc.get().uri("/analytics/buying").with(user("staff").roles("STAFF"))).hasStatus(403);
		assertThat(this.mvc.get().uri("/analytics/buying/monthly.csv").with(user("agent").roles("STAFF", "AGENT")))
			.hasStatus(403);
		assertThat(this.mvc.post().uri("/analytics/buying/refresh").with(csrf()).with(user("staff").roles("STAFF")))
			.hasStatus(403);
	}

	@Test
	void aManagerSeesTheEntryInTheMenuAndStaffDoNot() throws Exception {
		assertThat(page("/?lang=en")).contains("href=\"/analytics/buying\"");
		String staff = this.mvc.get()
			.uri("/?lang=en")
			.with(user("staff").roles("STAFF"))
			.exchange()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(staff).doesNotContain("/analytics/buying");
	}

	@Test
	void csvDownloadsCarryTheSameFiguresAndNeutraliseFormulas() throws Exception {
		String monthly = csv("/analytics/buying/monthly.csv?from=2019-01&to=2019-03&lang=en");
		assertThat(monthly).startsWith("\uFEFFMonth,Revenue,Orders,Customers,Average order value,SD,")
			.contains("2019-01,1000.00,4,3,250.00,129.10,100.00,130.00,175.00,250.00,325.00,370.00,400.00")
			.contains("2019-03,630.00,2,2,315.00,403.05,");
		String regions = csv("/analytics/buying/region.csv?from=2019-01&to=2019-03&lang=en");
		assertThat(regions).contains("BB杭州,4,900.00,47.37").contains("'=BB华南,1,50.00").contains("Unknown,1,400.00");
		String heatmap = csv("/analytics/buying/heatmap.csv?from=2019-03&to=2019-03&lang=en");
		assertThat(heatmap.lines().filter((l) -> l.startsWith("Mon,")).findFirst().orElseThrow())
			.isEqualTo("Mon,0,0,0,0,0,0,0,1,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0");
		String cohort = csv("/analytics/buying/cohort.csv?from=2019-01&to=2019-03&lang=en");
		assertThat(cohort).contains("2019-01,3,100.00,33.33,33.33,,");
		assertThat(this.mvc.get().uri("/analytics/buying/nothing.csv").with(user("manager").roles("MANAGER")))
			.hasStatus(404);
	}

	@Test
	void refreshNowRecomputesAndComesBackToThePeriod() {
		MvcTestResult result = this.mvc.post()
			.uri("/analytics/buying/refresh")
			.param("from", "2019-01")
			.param("to", "2019-03")
			.with(csrf())
			.with(user("manager").roles("STAFF", "AGENT", "MANAGER"))
			.exchange();
		assertThat(result).hasStatus3xxRedirection()
			.redirectedUrl()
			.isEqualTo("/analytics/buying?from=2019-01&to=2019-03");
		assertThat(result).flash().containsEntry("flash", "buying.refreshed");
	}

	private String page(String uri) throws Exception {
		MvcTestResult result = this.mvc.get()
			.uri(uri)
			.with(user("manager").roles("STAFF", "AGENT", "MANAGER"))
			.exchange();
		assertThat(result).hasStatusOk();
		return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
	}

	private String csv(String uri) throws Exception {
		MvcTestResult result = this.mvc.get()
			.uri(uri)
			.with(user("manager").roles("STAFF", "AGENT", "MANAGER"))
			.exchange();
		assertThat(result).hasStatusOk();
		assertThat(result.getResponse().getContentType()).startsWith("text/csv");
		return result.getResponse().getContentAsString(StandardCharsets.UTF_8).replace("\r\n", "\n");
	}

}

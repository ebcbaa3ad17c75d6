package io.loopcrm.segmentation.segments;

import io.loopcrm.platform.AccessRules;
import io.loopcrm.platform.DemoData;
import io.loopcrm.platform.MenuItem;
import io.loopcrm.platform.Role;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/** Menu, access rules, the daily size count and the demo segments. */
@Configuration(proxyBeanMethods = false)
class SegmentSetup {

	@Bean
	MenuItem segmentsMenuItem() {
		return new MenuItem("nav.segments", "/segments", Role.MANAGER, MenuItem.MAIN, 26);
	}

	/**
	 * Segments are for managers (DESIGN.md: "dashboards, segments, campaigns"): their
	 * member lists and exports are personal data in bulk.
	 */
	@Component
	@Order(23)
	static class SegmentAccessRules implements AccessRules {

		@Override
		public void configure(
				AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {
			String manager = Role.MANAGER.name();
			rules.requestMatchers("/segments", "/segments/**").hasRole(manager);
			rules.requestMatchers("/api/v1/segments", "/api/v1/segments/**").hasRole(manager);
		}

	}

	/**
	 * Once a day ({@code loopcrm.segments.size-cron}, default 03:30, after the nightly
	 * segmentation run): rebuilds who bought in which category, then records every
	 * segment's size.
	 */
	@Component
	static class DailySizes {

		private final Segments segments;

		private final CategoryPurchases categories;

		DailySizes(Segments segments, CategoryPurchases categories) {
			this.segments = segments;
			this.categories = categories;
		}

		@Scheduled(cron = "${loopcrm.segments.size-cron:0 30 3 * * *}", zone = "${loopcrm.zone:Asia/Shanghai}")
		void run() {
			this.categories.rebuild();
			this.segments.recordAllSizes();
		}

	}

	/** A few saved segments of the manager, after the demo start's segmentation run. */
	@Component
	static class SegmentDemoData implements DemoData {

		/** Name and conditions (the API's JSON). */
		static final String[][] SEGMENTS = { { "VIP 冠军与忠诚客户", """
				{"match":"ALL","conditions":[{"field":"tag","op":"eq","value":"VIP"},
				 {"field":"rfmSegment","op":"in","value":["Champions","Loyal"]}]}""" }, { "近 90 天消费满 1000", """
				{"match":"ALL","conditions":[{"field":"spentLastDays","days":90,"op":"gte","value":1000}]}""" },
				{ "流失风险·可邮件联系",
						"""
								{"match":"ALL","conditions":[{"field":"rfmSegment","op":"in","value":["At risk","Cannot lose them"]},
								 {"field":"consent","op":"eq","value":"EMAIL"}]}""" },
				{ "沪杭茶饮客户", """
						{"match":"ALL","conditions":[{"field":"boughtCategory","op":"eq","value":"茶饮"},
						 {"field":"city","op":"in","value":["上海","杭州"]}]}""" }, { "高价值沉默或流失", """
						{"match":"ALL","conditions":[{"field":"valueTier","op":"eq","value":"HIGH"},
						 {"group":{"match":"ANY","conditions":[{"field":"lifecycle","op":"eq","value":"DORMANT"},
						  {"field":"lifecycle","op":"eq","value":"CHURNED"}]}}]}""" } };

		private final Segments segments;

		private final JsonMapper json;

		SegmentDemoData(Segments segments, JsonMapper json) {
			this.segments = segments;
			this.json = json;
		}

		@Override
		public String name() {
			return "segmentation.saved-segments";
		}

		@Override
		public int order() {
			return 31;
		}

		@Override
		public void seed() {
			for (String[] segment : SEGMENTS) {
				this.segments.createAs("manager", segment[0], SegmentDefinitions.parse(this.json.readTree(segment[1])));
			}
		}

	}

}

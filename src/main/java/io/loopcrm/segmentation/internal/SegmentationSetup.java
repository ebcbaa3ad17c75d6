package io.loopcrm.segmentation.internal;

import java.time.Clock;
import java.time.LocalDate;

import io.loopcrm.platform.AccessRules;
import io.loopcrm.platform.ConflictException;
import io.loopcrm.platform.DemoData;
import io.loopcrm.platform.MenuItem;
import io.loopcrm.platform.Role;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Menu, access rules, the nightly recompute and the demo start's first runs (segments,
 * then clusters).
 */
@Configuration(proxyBeanMethods = false)
class SegmentationSetup {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SegmentationSetup.class);

	@Bean
	MenuItem segmentationMenuItem() {
		return new MenuItem("nav.segmentation", "/segmentation", Role.MANAGER, MenuItem.MAIN, 25);
	}

	/**
	 * The pages (segments, clusters, decision rules) and API are for managers
	 * (dashboards, segments).
	 */
	@Component
	@Order(22)
	static class SegmentationAccessRules implements AccessRules {

		@Override
		public void configure(
				org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer<org.springframework.security.config.annotation.web.builders.HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {
			String manager = Role.MANAGER.name();
			rules.requestMatchers("/segmentation", "/segmentation/**").hasRole(manager);
			rules.requestMatchers(HttpMethod.POST, "/api/v1/segmentation/recompute").hasRole(manager);
			rules.requestMatchers("/api/v1/segmentation/**").hasRole(manager);
		}

	}

	/** Recomputes every night ({@code loopcrm.segmentation.cron}, default 03:00). */
	@Component
	static class NightlyRecompute {

		private final Segmentation segmentation;

		private final Clock clock;

		NightlyRecompute(Segmentation segmentation, Clock clock) {
			this.segmentation = segmentation;
			this.clock = clock;
		}

		@Scheduled(cron = "${loopcrm.segmentation.cron:0 0 3 * * *}", zone = "${loopcrm.zone:Asia/Shanghai}")
		void run() {
			this.segmentation.recompute(LocalDate.now(this.clock));
		}

	}

	/** The demo start runs a recompute after the demo orders. */
	@Component
	static class SegmentationDemoData implements DemoData {

		private final Segmentation segmentation;

		private final Clock clock;

		SegmentationDemoData(Segmentation segmentation, Clock clock) {
			this.segmentation = segmentation;
			this.clock = clock;
		}

		@Override
		public String name() {
			return "segmentation.first-run";
		}

		@Override
		public int order() {
			return 30;
		}

		@Override
		public void seed() {
			this.segmentation.recompute(LocalDate.now(this.clock));
		}

	}

	/**
	 * The demo start clusters the customers after the first segmentation run, with the k
	 * the silhouette suggests. Demo data too thin to cluster leaves the page empty rather
	 * than stopping the start.
	 */
	@Component
	static class ClustersDemoData implements DemoData {

		private final CustomerClusters clusters;

		ClustersDemoData(CustomerClusters clusters) {
			this.clusters = clusters;
		}

		@Override
		public String name() {
			return "segmentation.clusters.first-run";
		}

		@Override
		public int order() {
			return 31;
		}

		@Override
		public void seed() {
			try {
				this.clusters.run(null);
			}
			catch (ConflictException ex) {
				log.warn("Demo customers not clustered: {}", ex.messageKey());
			}
		}

	}

}

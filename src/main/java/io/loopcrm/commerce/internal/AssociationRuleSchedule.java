package io.loopcrm.commerce.internal;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Recomputes the stored product-level rules behind "customers who bought X also bought"
 * every night ({@code loopcrm.commerce.recommendations.cron}, default 02:30 in
 * {@code loopcrm.zone}); {@link CommerceScheduling} enables scheduling.
 */
@Configuration(proxyBeanMethods = false)
class AssociationRuleSchedule {

	private final AssociationRuleService rules;

	AssociationRuleSchedule(AssociationRuleService rules) {
		this.rules = rules;
	}

	@Scheduled(cron = "${loopcrm.commerce.recommendations.cron:0 30 2 * * *}", zone = "${loopcrm.zone:Asia/Shanghai}")
	void refreshNightly() {
		this.rules.refreshStoredRules();
	}

}

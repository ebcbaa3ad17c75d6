package io.loopcrm.commerce.internal;

import io.loopcrm.commerce.OrdersChanged;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Recomputes the stored product rules (recommendations) after every file import; single
 * orders from the point-of-sale API wait for the nightly run.
 */
@Component
class StoredRulesRefresh {

	private final AssociationRuleService rules;

	StoredRulesRefresh(AssociationRuleService rules) {
		this.rules = rules;
	}

	@EventListener
	void on(OrdersChanged changed) {
		if (changed.bulk()) {
			this.rules.refreshStoredRules();
		}
	}

}

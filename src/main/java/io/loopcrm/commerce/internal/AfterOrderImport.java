package io.loopcrm.commerce.internal;

import io.loopcrm.commerce.OrdersChanged;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * After every file import (once it committed): the buying-behaviour figures of the months
 * it touched and the stored product rules behind the recommendations are recomputed, so
 * the page and the profiles show the imported orders. Single orders from the
 * point-of-sale API wait for the nightly runs.
 */
@Component
class AfterOrderImport {

	private final BuyingBehaviourRollup rollup;

	private final AssociationRuleService rules;

	AfterOrderImport(BuyingBehaviourRollup rollup, AssociationRuleService rules) {
		this.rollup = rollup;
		this.rules = rules;
	}

	@EventListener
	void on(OrdersChanged changed) {
		if (changed.bulk()) {
			this.rollup.refreshMonths(changed.months());
			this.rules.refreshStoredRules();
		}
	}

}

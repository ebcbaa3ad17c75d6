package io.loopcrm.commerce.internal;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Computes the buying-behaviour figures when the application is up (after every
 * {@code ApplicationRunner}, so after all demo data is seeded) if they were never
 * computed or the orders changed since the last refresh (e.g. demo orders seeded on this
 * start).
 */
@Component
class BuyingBehaviourStartup {

	private final BuyingBehaviourRollup rollup;

	BuyingBehaviourStartup(BuyingBehaviourRollup rollup) {
		this.rollup = rollup;
	}

	@EventListener(ApplicationReadyEvent.class)
	@Order(Ordered.LOWEST_PRECEDENCE)
	void refreshWhenStale() {
		if (this.rollup.stale()) {
			this.rollup.refreshAll();
		}
	}

}

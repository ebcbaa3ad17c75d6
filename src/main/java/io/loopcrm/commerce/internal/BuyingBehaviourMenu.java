package io.loopcrm.commerce.internal;

import io.loopcrm.platform.MenuItem;
import io.loopcrm.platform.Role;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class BuyingBehaviourMenu {

	@Bean
	MenuItem buyingBehaviourMenuItem() {
		return new MenuItem("nav.buyingBehaviour", "/analytics/buying", Role.MANAGER, MenuItem.MAIN, 30);
	}

}

package io.loopcrm.commerce.internal;

import io.loopcrm.platform.MenuItem;
import io.loopcrm.platform.Role;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AssociationRuleMenu {

	@Bean
	MenuItem associationRulesMenuItem() {
		return new MenuItem("nav.associationRules", "/analytics/association-rules", Role.MANAGER, MenuItem.MAIN, 32);
	}

}

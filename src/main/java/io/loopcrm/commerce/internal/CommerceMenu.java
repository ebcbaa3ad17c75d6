package io.loopcrm.commerce.internal;

import io.loopcrm.platform.MenuItem;
import io.loopcrm.platform.Role;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CommerceMenu {

	@Bean
	MenuItem transactionsMenuItem() {
		return new MenuItem("nav.transactions", "/transactions/import", Role.STAFF, MenuItem.MAIN, 20);
	}

	@Bean
	MenuItem productsMenuItem() {
		return new MenuItem("nav.products", "/transactions/products", Role.STAFF, MenuItem.MAIN, 21);
	}

}

package io.loopcrm.customer.internal;

import io.loopcrm.platform.MenuItem;
import io.loopcrm.platform.Role;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CustomerMenu {

	@Bean
	MenuItem customersMenuItem() {
		return new MenuItem("nav.customers", "/customers", Role.STAFF, MenuItem.MAIN, 10);
	}

}

package io.loopcrm.platform.web;

import io.loopcrm.platform.MenuItem;
import io.loopcrm.platform.Role;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The platform's own menu entries. */
@Configuration(proxyBeanMethods = false)
class MenuConfiguration {

	@Bean
	MenuItem usersMenuItem() {
		return new MenuItem("nav.users", "/admin/users", Role.ADMIN, MenuItem.ADMIN, 10);
	}

	@Bean
	MenuItem teamsMenuItem() {
		return new MenuItem("nav.teams", "/teams", Role.MANAGER, MenuItem.ADMIN, 15);
	}

	@Bean
	MenuItem auditMenuItem() {
		return new MenuItem("nav.audit", "/admin/audit", Role.ADMIN, MenuItem.ADMIN, 20);
	}

}

package io.loopcrm.platform.demo;

import java.util.EnumSet;

import io.loopcrm.platform.DemoData;
import io.loopcrm.platform.LoopCrmProperties;
import io.loopcrm.platform.Role;
import io.loopcrm.platform.users.UserService;

import org.springframework.stereotype.Component;

/**
 * The platform's demo data: one user per role, all with the demo password, plus two more
 * staff members so that owner and assignment lists have some choice.
 */
@Component
class PlatformDemoData implements DemoData {

	private final UserService users;

	private final LoopCrmProperties properties;

	PlatformDemoData(UserService users, LoopCrmProperties properties) {
		this.users = users;
		this.properties = properties;
	}

	@Override
	public String name() {
		return "platform.users";
	}

	@Override
	public int order() {
		return 0;
	}

	@Override
	public void seed() {
		create("admin", "Alex Admin", Role.ADMIN);
		create("manager", "王经理 (Wang Li)", Role.MANAGER);
		create("agent", "陳小美 (Chen Mei)", Role.AGENT);
		create("staff", "Sam Staff", Role.STAFF);
		create("staff2", "李娜 (Li Na)", Role.STAFF);
		create("agent2", "Jordan Lee", Role.AGENT);
	}

	private void create(String username, String displayName, Role role) {
		// a database that had users before demo data was switched on keeps them as they
		// are
		if (!this.users.exists(username)) {
			this.users.createTrusted(username, this.properties.demo().password(), displayName, EnumSet.of(role));
		}
	}

}

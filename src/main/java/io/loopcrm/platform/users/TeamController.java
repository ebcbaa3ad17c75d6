package io.loopcrm.platform.users;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Set;

import io.loopcrm.platform.AuditLog;
import io.loopcrm.platform.ConflictException;
import io.loopcrm.platform.NotFoundException;
import io.loopcrm.platform.UserDirectory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Teams of users (managers and administrators): create, rename members, delete. Member
 * changes are made against the version the editor saw; all changes go to the audit log.
 */
@Controller
@RequestMapping("/teams")
class TeamController {

	private final JdbcClient jdbc;

	private final UserDirectory directory;

	private final UserService users;

	private final AuditLog auditLog;

	private final Clock clock;

	TeamController(JdbcClient jdbc, UserDirectory directory, UserService users, AuditLog auditLog, Clock clock) {
		this.jdbc = jdbc;
		this.directory = directory;
		this.users = users;
		this.auditLog = auditLog;
		this.clock = clock;
	}

	record TeamRow(long id, String name, List<String> members, long version) {
	}

	@GetMapping
	String list(Model model) {
		java.util.Map<Long, Long> versions = new java.util.HashMap<>();
		this.jdbc.sql("select id, version from app_team").query((rs) -> {
			versions.put(rs.getLong(1), rs.getLong(2));
		});
		model.addAttribute("teams",
				this.directory.teams()
					.stream()
					.map((t) -> new TeamRow(t.id(), t.name(), t.members(), versions.getOrDefault(t.id(), 0L)))
					.toList());
		model.addAttribute("allUsers", this.users.list().stream().filter(UserView::enabled).toList());
		return "admin/teams";
	}

	@PostMapping
	@Transactional
	String create(@RequestParam(required = false) String name, RedirectAttributes redirect) {
		String trimmed = (name != null) ? name.trim() : "";
		if (trimmed.isEmpty() || trimmed.length() > 100) {
			redirect.addFlashAttribute("teamError", "team.name.required");
			return "redirect:/teams";
		}
		try {
			long id = this.jdbc.sql("insert into app_team (name, created_at) values (?, ?) returning id")
				.params(trimmed, Timestamp.from(this.clock.instant()))
				.query(Long.class)
				.single();
			this.auditLog.record("team.created", "team", String.valueOf(id), trimmed);
		}
		catch (DuplicateKeyException ex) {
			throw new ConflictException("team.name.taken", trimmed);
		}
		redirect.addFlashAttribute("flash", "team.flash.created");
		redirect.addFlashAttribute("flashArg", trimmed);
		return "redirect:/teams";
	}

	@PostMapping("/{id}/members")
	@Transactional
	String members(@PathVariable long id, @RequestParam long version,
			@RequestParam(name = "members", required = false) Set<String> members, RedirectAttributes redirect) {
		String name = name(id);
		int changed = this.jdbc.sql("update app_team set version = version + 1 where id = ? and version = ?")
			.params(id, version)
			.update();
		if (changed == 0) {
			throw new ConflictException("team.conflict.changed", name);
		}
		this.jdbc.sql("delete from app_team_member where team_id = ?").param(id).update();
		List<String> usernames = (members != null) ? members.stream().sorted().toList() : List.of();
		for (String username : usernames) {
			this.jdbc.sql("""
					insert into app_team_member (team_id, user_id)
					select ?, id from app_user where username = ? on conflict do nothing
					""").params(id, username).update();
		}
		this.auditLog.record("team.members", "team", String.valueOf(id), name + ": " + String.join(", ", usernames));
		redirect.addFlashAttribute("flash", "team.flash.updated");
		redirect.addFlashAttribute("flashArg", name);
		return "redirect:/teams";
	}

	@PostMapping("/{id}/delete")
	@Transactional
	String delete(@PathVariable long id, RedirectAttributes redirect) {
		String name = name(id);
		this.jdbc.sql("delete from app_team where id = ?").param(id).update();
		this.auditLog.record("team.deleted", "team", String.valueOf(id), name);
		redirect.addFlashAttribute("flash", "team.flash.deleted");
		redirect.addFlashAttribute("flashArg", name);
		return "redirect:/teams";
	}

	private String name(long id) {
		return this.jdbc.sql("select name from app_team where id = ?")
			.param(id)
			.query(String.class)
			.optional()
			.orElseThrow(() -> new NotFoundException("team.notFound", String.valueOf(id)));
	}

}

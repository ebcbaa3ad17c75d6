package io.loopcrm.platform.audit;

import java.util.List;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The audit log page for administrators: newest first, filter by action or user. */
@Controller
@RequestMapping("/admin/audit")
class AuditLogController {

	private final JdbcAuditLog auditLog;

	AuditLogController(JdbcAuditLog auditLog) {
		this.auditLog = auditLog;
	}

	@GetMapping
	String list(@RequestParam(name = "q", required = false) String filter,
			@RequestParam(name = "page", defaultValue = "0") int page, Model model) {
		List<AuditEntry> entries = this.auditLog.page(filter, page);
		boolean hasNext = entries.size() > JdbcAuditLog.PAGE_SIZE;
		model.addAttribute("entries", hasNext ? entries.subList(0, JdbcAuditLog.PAGE_SIZE) : entries);
		model.addAttribute("q", filter);
		model.addAttribute("page", Math.max(page, 0));
		model.addAttribute("hasNext", hasNext);
		return "admin/audit";
	}

}

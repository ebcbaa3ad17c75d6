package io.loopcrm.feedback.internal;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.loopcrm.feedback.TicketPriority;
import io.loopcrm.platform.AuditLog;
import io.loopcrm.platform.Role;
import io.loopcrm.platform.UserDirectory;
import io.loopcrm.platform.ValidationException;

import org.springframework.context.MessageSource;
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
 * Settings of the feedback module: categories with their escalation manager and holidays
 * (administrators), SLA policies (managers), and the working hours in force (read-only,
 * from {@code loopcrm.feedback.calendar.*}).
 */
@Controller
@RequestMapping("/tickets/settings")
class FeedbackSettingsController {

	private final Categories categories;

	private final SlaPolicies policies;

	private final BusinessCalendars calendars;

	private final UserDirectory users;

	private final JdbcClient jdbc;

	private final AuditLog auditLog;

	private final MessageSource messages;

	FeedbackSettingsController(Categories categories, SlaPolicies policies, BusinessCalendars calendars,
			UserDirectory users, JdbcClient jdbc, AuditLog auditLog, MessageSource messages) {
		this.categories = categories;
		this.policies = policies;
		this.calendars = calendars;
		this.users = users;
		this.jdbc = jdbc;
		this.auditLog = auditLog;
		this.messages = messages;
	}

	/** A category with its name in the current language. */
	public record CategoryRow(Categories.Category category, String label) {
	}

	/** A policy with its category's name. */
	public record PolicyRow(SlaPolicies.Policy policy, String category) {
	}

	/** A holiday. */
	public record Holiday(LocalDate day, String name) {
	}

	@GetMapping("/categories")
	String categories(Model model) {
		model.addAttribute("rows",
				this.categories.all().stream().map((c) -> new CategoryRow(c, this.categories.label(c))).toList());
		model.addAttribute("managers", this.users.holding(Role.MANAGER));
		return "feedback/categories";
	}

	@PostMapping("/categories")
	String createCategory(@RequestParam(required = false) String name,
			@RequestParam(required = false) String escalationManager, RedirectAttributes redirect, Locale locale) {
		try {
			Categories.Category created = this.categories.create(name, escalationManager);
			redirect.addFlashAttribute("flash", "feedback.flash.categoryCreated");
			redirect.addFlashAttribute("flashArg", created.name());
		}
		catch (ValidationException ex) {
			redirect.addFlashAttribute("settingsError", message(ex, locale));
		}
		return "redirect:/tickets/settings/categories";
	}

	@PostMapping("/categories/{id}")
	String updateCategory(@PathVariable long id, @RequestParam long version,
			@RequestParam(required = false) String name, @RequestParam(required = false) String escalationManager,
			@RequestParam(defaultValue = "false") boolean active, RedirectAttributes redirect, Locale locale) {
		try {
			this.categories.update(id, version, name, escalationManager, active);
			redirect.addFlashAttribute("flash", "feedback.flash.categorySaved");
			redirect.addFlashAttribute("flashArg", String.valueOf(id));
		}
		catch (ValidationException ex) {
			redirect.addFlashAttribute("settingsError", message(ex, locale));
		}
		return "redirect:/tickets/settings/categories";
	}

	@GetMapping("/policies")
	String policies(Model model) {
		Map<Long, String> labels = new LinkedHashMap<>();
		this.categories.all().forEach((c) -> labels.put(c.id(), this.categories.label(c)));
		model.addAttribute("rows",
				this.policies.all().stream().map((p) -> new PolicyRow(p, labels.get(p.categoryId()))).toList());
		model.addAttribute("calendar", this.calendars.settings());
		model.addAttribute("priorities", TicketPriority.values());
		return "feedback/policies";
	}

	@PostMapping("/policies/{id}")
	String updatePolicy(@PathVariable long id, @RequestParam long version,
			@RequestParam(required = false) Integer firstResponseMinutes,
			@RequestParam(required = false) Integer resolutionMinutes,
			@RequestParam(required = false) Integer warnPercent, RedirectAttributes redirect, Locale locale) {
		try {
			this.policies.update(id, version, firstResponseMinutes, resolutionMinutes, warnPercent);
			redirect.addFlashAttribute("flash", "feedback.flash.policySaved");
			redirect.addFlashAttribute("flashArg", String.valueOf(id));
		}
		catch (ValidationException ex) {
			redirect.addFlashAttribute("settingsError", message(ex, locale));
		}
		return "redirect:/tickets/settings/policies";
	}

	@GetMapping("/holidays")
	String holidays(Model model) {
		List<Holiday> holidays = this.jdbc.sql("select day, name from feedback_holiday order by day desc")
			.query(Holiday.class)
			.list();
		model.addAttribute("holidays", holidays);
		model.addAttribute("calendar", this.calendars.settings());
		return "feedback/holidays";
	}

	@PostMapping("/holidays")
	@Transactional
	String addHoliday(@RequestParam(required = false) LocalDate day, @RequestParam(required = false) String name,
			RedirectAttributes redirect, Locale locale) {
		String value = (name != null) ? name.trim() : "";
		if (day == null) {
			redirect.addFlashAttribute("settingsError",
					this.messages.getMessage("feedback.holiday.dayRequired", null, locale));
		}
		else if (value.isEmpty() || value.length() > 100) {
			redirect.addFlashAttribute("settingsError",
					this.messages.getMessage("feedback.holiday.nameRequired", null, locale));
		}
		else {
			this.jdbc.sql("""
					insert into feedback_holiday (day, name) values (?, ?)
					on conflict (day) do update set name = excluded.name
					""").params(day, value).update();
			this.auditLog.record("feedback.holiday.added", "holiday", day.toString(), value);
			redirect.addFlashAttribute("flash", "feedback.flash.holidayAdded");
			redirect.addFlashAttribute("flashArg", day.toString());
		}
		return "redirect:/tickets/settings/holidays";
	}

	@PostMapping("/holidays/{day}/delete")
	@Transactional
	String deleteHoliday(@PathVariable LocalDate day, RedirectAttributes redirect) {
		this.jdbc.sql("delete from feedback_holiday where day = ?").param(day).update();
		this.auditLog.record("feedback.holiday.removed", "holiday", day.toString(), null);
		redirect.addFlashAttribute("flash", "feedback.flash.holidayRemoved");
		redirect.addFlashAttribute("flashArg", day.toString());
		return "redirect:/tickets/settings/holidays";
	}

	private String message(ValidationException ex, Locale locale) {
		var problem = ex.problems().get(0);
		return this.messages.getMessage(problem.messageKey(), problem.args(), locale);
	}

}

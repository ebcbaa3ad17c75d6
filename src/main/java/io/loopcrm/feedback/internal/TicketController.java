package io.loopcrm.feedback.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.loopcrm.customer.CustomerQueries;
import io.loopcrm.customer.ProfileSection;
import io.loopcrm.feedback.TicketChannel;
import io.loopcrm.feedback.TicketKind;
import io.loopcrm.feedback.TicketPriority;
import io.loopcrm.feedback.TicketStatus;
import io.loopcrm.platform.CurrentUser;
import io.loopcrm.platform.NotFoundException;
import io.loopcrm.platform.Role;
import io.loopcrm.platform.ValidationException;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Ticket pages: the queue (tabs, filters in the URL, htmx, bulk assignment), the "new
 * ticket" form, and the ticket with the customer's 360° summary beside it, its history,
 * notes and replies, pause ledger and the actions the user may take.
 */
@Controller
@RequestMapping("/tickets")
class TicketController {

	private final TicketDesk desk;

	private final TicketQueue queue;

	private final TicketHistory history;

	private final Categories categories;

	private final CustomerQueries customers;

	private final List<ProfileSection> sections;

	private final MessageSource messages;

	TicketController(TicketDesk desk, TicketQueue queue, TicketHistory history, Categories categories,
			CustomerQueries customers, List<ProfileSection> sections, MessageSource messages) {
		this.desk = desk;
		this.queue = queue;
		this.history = history;
		this.categories = categories;
		this.customers = customers;
		this.sections = sections.stream().sorted(java.util.Comparator.comparingInt(ProfileSection::order)).toList();
		this.messages = messages;
	}

	/** A section of the customer profile, ready to render beside the ticket. */
	public record SectionView(String template, String fragment, Object data) {
	}

	/** A category choice. */
	public record CategoryChoice(long id, String key, String label) {
	}

	@ModelAttribute
	void choices(Model model) {
		model.addAttribute("kinds", TicketKind.values());
		model.addAttribute("channels", TicketChannel.values());
		model.addAttribute("priorities", TicketPriority.values());
		model.addAttribute("statuses", TicketStatus.values());
	}

	private List<CategoryChoice> categoryChoices(boolean activeOnly) {
		return this.categories.all()
			.stream()
			.filter((c) -> !activeOnly || c.active())
			.map((c) -> new CategoryChoice(c.id(), c.key(), this.categories.label(c)))
			.toList();
	}

	@GetMapping
	String list(TicketQueue.Filter filter, @RequestHeader(name = "HX-Request", required = false) String htmx,
			@RequestHeader(name = "HX-Target", required = false) String htmxTarget, Model model) {
		String defaultQueue = CurrentUser.hasRole(Role.AGENT) ? "mine" : "all";
		TicketQueue.Page page = this.queue.page(filter, defaultQueue);
		model.addAttribute("filter", filter);
		model.addAttribute("result", page);
		model.addAttribute("queues", TicketQueue.QUEUES);
		model.addAttribute("categoryChoices", categoryChoices(false));
		model.addAttribute("agents", this.desk.agents());
		return (htmx != null && "results".equals(htmxTarget)) ? "feedback/queue :: results" : "feedback/queue";
	}

	@PostMapping("/assign")
	String assign(@RequestParam(name = "ids", required = false) List<Long> ids,
			@RequestParam(required = false) String owner, @RequestParam(required = false) String returnTo,
			RedirectAttributes redirect, Locale locale) {
		String back = (returnTo != null && returnTo.startsWith("/tickets") && !returnTo.startsWith("//")) ? returnTo
				: "/tickets";
		if (ids == null || ids.isEmpty()) {
			redirect.addFlashAttribute("bulkError", this.messages.getMessage("feedback.bulk.none", null, locale));
			return "redirect:" + back;
		}
		try {
			int assigned = this.desk.assignAll(ids, owner);
			redirect.addFlashAttribute("flash", "feedback.flash.assigned");
			redirect.addFlashAttribute("flashArg", String.valueOf(assigned));
		}
		catch (ValidationException ex) {
			var problem = ex.problems().get(0);
			redirect.addFlashAttribute("bulkError",
					this.messages.getMessage(problem.messageKey(), problem.args(), locale));
		}
		return "redirect:" + back;
	}

	@GetMapping("/new")
	String showCreateForm(@RequestParam(name = "customer", required = false) Long customerId, Model model) {
		TicketForm form = new TicketForm();
		if (customerId != null) {
			this.customers.find(customerId).ifPresent((c) -> {
				form.setCustomerId(c.id());
				model.addAttribute("customer", c);
			});
		}
		model.addAttribute("form", form);
		model.addAttribute("categoryChoices", categoryChoices(true));
		return "feedback/form";
	}

	@PostMapping
	String create(@ModelAttribute("form") TicketForm form, BindingResult result, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		try {
			Ticket ticket = this.desk.open(form.toInput(), null);
			redirect.addFlashAttribute("flash", "feedback.flash.created");
			redirect.addFlashAttribute("flashArg", String.valueOf(ticket.getId()));
			return "redirect:/tickets/" + ticket.getId();
		}
		catch (ValidationException ex) {
			ex.problems().forEach((p) -> result.rejectValue(p.field(), p.messageKey(), p.args(), null));
		}
		if (form.getCustomerId() != null) {
			this.customers.find(form.getCustomerId()).ifPresent((c) -> model.addAttribute("customer", c));
		}
		model.addAttribute("categoryChoices", categoryChoices(true));
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		return "feedback/form";
	}

	@GetMapping("/{id}")
	String show(@PathVariable long id, Model model) {
		TicketView ticket = this.desk.view(id);
		model.addAttribute("ticket", ticket);
		model.addAttribute("customer", this.customers.find(ticket.customerId()).orElse(null));
		List<SectionView> views = new ArrayList<>();
		for (ProfileSection section : this.sections) {
			Object data = section.data(ticket.customerId());
			if (data != null) {
				views.add(new SectionView(section.template(), section.fragment(), data));
			}
		}
		model.addAttribute("sections", views);
		model.addAttribute("events", this.history.events(id));
		model.addAttribute("pauses", this.history.pauses(id));
		model.addAttribute("agents", this.desk.agents());
		if (!model.containsAttribute("actionErrors")) {
			model.addAttribute("actionErrors", Map.of());
		}
		return "feedback/ticket";
	}

	@PostMapping("/{id}/actions/{action}")
	String act(@PathVariable long id, @PathVariable String action, @RequestParam(required = false) Long version,
			@RequestParam(required = false) String text, @RequestParam(required = false) String owner,
			@RequestParam(required = false) Boolean customerConfirmed, @RequestParam(required = false) String satisfied,
			@RequestParam(required = false) String comment, Model model, RedirectAttributes redirect,
			HttpServletResponse response, Locale locale) {
		TicketAction step = TicketAction.of(action)
			.orElseThrow(() -> new NotFoundException("feedback.action.unknown", action));
		Boolean satisfiedValue = ("yes".equals(satisfied)) ? Boolean.TRUE
				: ("no".equals(satisfied)) ? Boolean.FALSE : null;
		try {
			this.desk.act(id, step,
					new TicketDesk.ActionInput(version, text, owner, customerConfirmed, satisfiedValue, comment));
			redirect.addFlashAttribute("flash", "feedback.flash." + step.path());
			redirect.addFlashAttribute("flashArg", String.valueOf(id));
			return "redirect:/tickets/" + id;
		}
		catch (ValidationException ex) {
			Map<String, String> errors = new LinkedHashMap<>();
			ex.problems()
				.forEach((p) -> errors.put(step.path(), this.messages.getMessage(p.messageKey(), p.args(), locale)));
			model.addAttribute("actionErrors", errors);
			model.addAttribute("typed", text);
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			return show(id, model);
		}
	}

}

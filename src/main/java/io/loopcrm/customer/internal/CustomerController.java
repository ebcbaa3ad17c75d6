package io.loopcrm.customer.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import io.loopcrm.customer.CustomerNotFoundException;
import io.loopcrm.customer.ProfileSection;
import io.loopcrm.platform.ValidationException;
import io.loopcrm.platform.Formats;
import io.loopcrm.platform.imports.DeferredIndexes;

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
 * Customer pages: the searchable list (htmx updates the results and the URL), the 360°
 * profile with timeline, details and history, the create and edit forms, inline tags and
 * owner assignment.
 */
@Controller
@RequestMapping("/customers")
class CustomerController {

	private static final String FORM = "customer/form";

	private final CustomerService customers;

	private final CustomerSearch search;

	private final CustomerHistory history;

	private final Timeline timeline;

	private final Formats formats;

	private final Clock clock;

	private final CustomerValidator validator;

	private final MessageSource messages;

	private final List<ProfileSection> sections;

	private final DeferredIndexes deferredIndexes;

	CustomerController(CustomerService customers, CustomerSearch search, CustomerHistory history, Timeline timeline,
			Formats formats, Clock clock, CustomerValidator validator, MessageSource messages,
			List<ProfileSection> sections, DeferredIndexes deferredIndexes) {
		this.deferredIndexes = deferredIndexes;
		this.sections = sections.stream().sorted(java.util.Comparator.comparingInt(ProfileSection::order)).toList();
		this.clock = clock;
		this.validator = validator;
		this.messages = messages;
		this.customers = customers;
		this.search = search;
		this.history = history;
		this.timeline = timeline;
		this.formats = formats;
	}

	@ModelAttribute
	void choices(Model model) {
		model.addAttribute("genders", Gender.values());
		model.addAttribute("ageBands", AgeBand.values());
		model.addAttribute("occupations", Occupation.values());
		model.addAttribute("contactChannels", ContactChannel.values());
		model.addAttribute("sourceChannels", SourceChannel.values());
	}

	@GetMapping
	String list(CustomerFilter filter, @RequestHeader(name = "HX-Request", required = false) String htmx,
			@RequestHeader(name = "HX-Target", required = false) String htmxTarget, Model model) {
		model.addAttribute("filter", filter);
		model.addAttribute("links", new CustomerListLinks(filter));
		model.addAttribute("result", this.search.search(filter, false));
		model.addAttribute("owners", this.customers.owners());
		// right after a large import, until its search indexes are built
		model.addAttribute("indexing", this.deferredIndexes.pending("customer"));
		// htmx asks for the results only; the browser's URL is updated by hx-push-url
		return (htmx != null && "results".equals(htmxTarget)) ? "customer/list :: results" : "customer/list";
	}

	/**
	 * The number of matches of a filter, fetched by the list after its results (htmx).
	 */
	@GetMapping("/count")
	String count(CustomerFilter filter, Model model) {
		model.addAttribute("count", this.search.count(filter));
		return "customer/list :: count";
	}

	@GetMapping("/new")
	String showCreateForm(Model model) {
		CustomerForm form = new CustomerForm();
		form.setSourceChannel(SourceChannel.STORE_VISIT.name());
		model.addAttribute("form", form);
		model.addAttribute("owners", this.customers.owners());
		return FORM;
	}

	@PostMapping
	String create(@ModelAttribute("form") CustomerForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		if (result.hasErrors()) {
			rejectRemaining(form, result);
		}
		else {
			try {
				CustomerDetails created = this.customers.create(form.toInput());
				redirect.addFlashAttribute("flash", "customer.flash.created");
				redirect.addFlashAttribute("flashArg", created.name());
				return "redirect:/customers/" + created.id();
			}
			catch (ValidationException ex) {
				reject(result, ex);
			}
		}
		model.addAttribute("owners", this.customers.owners());
		return FORM;
	}

	@GetMapping("/{id}")
	String show(@PathVariable long id, Model model) {
		CustomerDetails customer;
		try {
			customer = this.customers.get(id);
		}
		catch (CustomerNotFoundException ex) {
			// a customer merged into another one lives on under the survivor's id
			return "redirect:/customers/" + this.customers.survivorOf(id).orElseThrow(() -> ex);
		}
		model.addAttribute("customer", customer);
		model.addAttribute("ageBand", (customer.birthday() != null)
				? AgeBand.of(customer.birthday(), LocalDate.now(this.clock)) : customer.ageBand());
		List<SectionView> sections = new java.util.ArrayList<>();
		for (ProfileSection section : this.sections) {
			Object data = section.data(id);
			if (data != null) {
				sections.add(new SectionView(section.template(), section.fragment(), data));
			}
		}
		model.addAttribute("sections", sections);
		model.addAttribute("timeline", this.timeline.page(id, null));
		model.addAttribute("history", this.history.page(id, 0));
		model.addAttribute("historyPage", 0);
		model.addAttribute("owners", this.customers.owners());
		return "customer/profile";
	}

	@GetMapping("/{id}/timeline")
	String timeline(@PathVariable long id, @RequestParam(required = false) Instant before, Model model) {
		model.addAttribute("customer", this.customers.get(id));
		model.addAttribute("timeline", this.timeline.page(id, before));
		return "customer/profile :: timelineEntries";
	}

	@GetMapping("/{id}/history")
	String history(@PathVariable long id, @RequestParam(defaultValue = "0") int page, Model model) {
		model.addAttribute("customer", this.customers.get(id));
		model.addAttribute("history", this.history.page(id, page));
		model.addAttribute("historyPage", Math.max(page, 0));
		return "customer/profile :: historyRows";
	}

	@GetMapping("/{id}/edit")
	String showEditForm(@PathVariable long id, Model model) {
		CustomerDetails customer = this.customers.get(id);
		model.addAttribute("customer", customer);
		model.addAttribute("form", CustomerForm.of(customer));
		model.addAttribute("owners", this.customers.owners());
		return FORM;
	}

	@PostMapping("/{id}")
	String update(@PathVariable long id, @ModelAttribute("form") CustomerForm form, BindingResult result, Model model,
			RedirectAttributes redirect, Locale locale) {
		if (!result.hasErrors()) {
			try {
				CustomerDetails saved = this.customers.update(id, form.getVersion(), form.toInput());
				redirect.addFlashAttribute("flash", "customer.flash.updated");
				redirect.addFlashAttribute("flashArg", saved.name());
				return "redirect:/customers/" + id;
			}
			catch (ValidationException ex) {
				reject(result, ex);
			}
			catch (CustomerChangedException ex) {
				// keep what this editor typed, show who saved in between, and take their
				// version so that saving again is a deliberate decision
				result.reject("customer.conflict.changed",
						new Object[] { ex.changedBy(), this.formats.dateTime(ex.changedAt()) }, null);
				CustomerDetails latest = this.customers.get(id);
				form.setVersion(latest.version());
				model.addAttribute("latest", latest);
			}
		}
		model.addAttribute("customer", this.customers.get(id));
		model.addAttribute("owners", this.customers.owners());
		return FORM;
	}

	@PostMapping("/{id}/tags")
	String addTag(@PathVariable long id, @RequestParam String tag, Model model, Locale locale) {
		return tags(id, tag, true, model, locale);
	}

	@PostMapping("/{id}/tags/remove")
	String removeTag(@PathVariable long id, @RequestParam String tag, Model model, Locale locale) {
		return tags(id, tag, false, model, locale);
	}

	@PostMapping("/{id}/owner")
	String assignOwner(@PathVariable long id, @RequestParam(required = false) Long ownerId,
			RedirectAttributes redirect) {
		this.customers.assignOwner(id, ownerId);
		redirect.addFlashAttribute("flash", "customer.flash.ownerAssigned");
		return "redirect:/customers/" + id;
	}

	@PostMapping("/{id}/delete")
	String delete(@PathVariable long id, RedirectAttributes redirect) {
		CustomerDetails customer = this.customers.get(id);
		this.customers.delete(id);
		redirect.addFlashAttribute("flash", "customer.flash.deleted");
		redirect.addFlashAttribute("flashArg", customer.name());
		return "redirect:/customers";
	}

	private String tags(long id, String tag, boolean add, Model model, Locale locale) {
		try {
			this.customers.changeTag(id, tag, add);
		}
		catch (ValidationException ex) {
			var problem = ex.problems().get(0);
			model.addAttribute("tagError", this.messages.getMessage(problem.messageKey(), problem.args(), locale));
		}
		model.addAttribute("customer", this.customers.get(id));
		return "customer/profile :: tags";
	}

	/**
	 * A value that could not even be bound (a date that is no date) stops the save, but
	 * the other fields are still checked so the user sees every problem at once.
	 */
	private void rejectRemaining(CustomerForm form, BindingResult result) {
		this.validator.validate(form.toInput())
			.problems()
			.stream()
			.filter((p) -> !result.hasFieldErrors(p.field()))
			.forEach((p) -> result.rejectValue(p.field(), p.messageKey(), p.args(), null));
	}

	private static void reject(BindingResult result, ValidationException ex) {
		ex.problems().forEach((p) -> result.rejectValue(p.field(), p.messageKey(), p.args(), null));
	}

	/** A section of another module, ready to render. */
	public record SectionView(String template, String fragment, Object data) {
	}

}

package io.loopcrm.complaint.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.loopcrm.customer.CustomerQueries;
import io.loopcrm.customer.CustomerSummary;
import io.loopcrm.platform.CurrentUser;
import io.loopcrm.platform.Role;
import io.loopcrm.platform.ValidationException;
import io.loopcrm.platform.ValidationException.FieldProblem;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Complaint pages: the filtered list, the registration form and the case page with its
 * seven steps, the forms of the steps the user may take now and the history. A step the
 * case does not allow is answered with the case page, the reason and 409; a step the user
 * may not take with 403; missing input with the errors beside the fields.
 */
@Controller
@RequestMapping("/complaints")
class ComplaintController {

	private static final String DETAIL = "complaint/detail";

	private static final String NEW = "complaint/new";

	private final ComplaintService service;

	private final ComplaintQueries queries;

	private final CustomerQueries customers;

	private final Workers workers;

	private final TicketPrefill ticketPrefill;

	private final MessageSource messages;

	private final ComplaintProperties properties;

	ComplaintController(ComplaintService service, ComplaintQueries queries, CustomerQueries customers, Workers workers,
			TicketPrefill ticketPrefill, MessageSource messages, ComplaintProperties properties) {
		this.properties = properties;
		this.service = service;
		this.queries = queries;
		this.customers = customers;
		this.workers = workers;
		this.ticketPrefill = ticketPrefill;
		this.messages = messages;
	}

	@ModelAttribute
	void choices(Model model) {
		model.addAttribute("statuses", Status.values());
		model.addAttribute("severities", Severity.values());
		model.addAttribute("aboutTypes", AboutType.values());
		model.addAttribute("channels", Channel.values());
		model.addAttribute("causeCategories", CauseCategory.values());
		model.addAttribute("proposalTypes", ProposalType.values());
		model.addAttribute("targets", this.properties.targetHours());
		model.addAttribute("approvalLimit", this.properties.adminApprovalAbove());
	}

	@GetMapping
	String list(@RequestParam(required = false) String status, @RequestParam(required = false) String severity,
			@RequestParam(required = false) String owner, @RequestParam(defaultValue = "false") boolean overdue,
			@RequestParam(required = false) Long customer, @RequestParam(defaultValue = "0") int page, Model model) {
		ComplaintQueries.CaseFilter filter = new ComplaintQueries.CaseFilter(status, severity, owner, overdue, customer,
				page);
		ComplaintQueries.CasePage result = this.queries.list(filter);
		model.addAttribute("filter", filter);
		model.addAttribute("result", result);
		model.addAttribute("workers", this.workers.all());
		model.addAttribute("names", this.service.names());
		if (customer != null) {
			model.addAttribute("customerName",
					this.customers.find(customer).map(CustomerSummary::name).orElse("#" + customer));
		}
		String base = "/complaints?status=" + encode(status) + "&severity=" + encode(severity) + "&owner="
				+ encode(owner) + (overdue ? "&overdue=true" : "")
				+ ((customer != null) ? "&customer=" + customer : "");
		model.addAttribute("previousUrl", base + "&page=" + Math.max(0, filter.page() - 1));
		model.addAttribute("nextUrl", base + "&page=" + (filter.page() + 1));
		return "complaint/list";
	}

	@GetMapping("/new")
	String showCreateForm(@RequestParam(required = false) Long customer, @RequestParam(required = false) Long ticket,
			Model model) {
		RegisterForm form = new RegisterForm();
		form.setSeverity(Severity.MEDIUM.name());
		if (customer != null) {
			this.customers.find(customer)
				.ifPresent((c) -> form.setCustomer((c.externalId() != null) ? c.externalId() : String.valueOf(c.id())));
		}
		if (ticket != null) {
			this.ticketPrefill.prefill(form, ticket);
		}
		model.addAttribute("form", form);
		model.addAttribute("errors", Map.of());
		return NEW;
	}

	@PostMapping
	String create(@ModelAttribute("form") RegisterForm form, BindingResult binding, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		try {
			long id = this.service.register(command(form));
			redirect.addFlashAttribute("flash", "complaint.flash.registered");
			redirect.addFlashAttribute("flashArg", String.valueOf(id));
			return "redirect:/complaints/" + id;
		}
		catch (ValidationException ex) {
			model.addAttribute("errors", errors(ex));
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return NEW;
		}
	}

	@GetMapping("/{id}")
	String show(@PathVariable long id, Model model) {
		page(id, new ActionForm(), null, Map.of(), model);
		return DETAIL;
	}

	@PostMapping("/{id}/actions/{action}")
	String act(@PathVariable long id, @PathVariable String action, @ModelAttribute("actionForm") ActionForm form,
			BindingResult binding, Model model, RedirectAttributes redirect, HttpServletResponse response,
			Locale locale) {
		CaseAction step = CaseAction.ofSlug(action)
			.orElseThrow(() -> new io.loopcrm.platform.NotFoundException("complaint.action.unknown", action));
		try {
			this.service.perform(id, step, form.input());
			redirect.addFlashAttribute("flash", "complaint.flash." + step.slug());
			redirect.addFlashAttribute("flashArg", String.valueOf(id));
			return "redirect:/complaints/" + id;
		}
		catch (ValidationException ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			page(id, form, step, errors(ex), model);
		}
		catch (IllegalStepException ex) {
			response.setStatus(HttpStatus.CONFLICT.value());
			model.addAttribute("refusal", ex.localizedMessage(this.messages, locale));
			page(id, new ActionForm(), null, Map.of(), model);
		}
		catch (StepNotPermittedException ex) {
			response.setStatus(HttpStatus.FORBIDDEN.value());
			model.addAttribute("refusal", ex.localizedMessage(this.messages, locale));
			page(id, new ActionForm(), null, Map.of(), model);
		}
		catch (io.loopcrm.platform.ConflictException ex) {
			response.setStatus(HttpStatus.CONFLICT.value());
			model.addAttribute("refusal", ex.localizedMessage(this.messages, locale));
			page(id, new ActionForm(), null, Map.of(), model);
		}
		return DETAIL;
	}

	private void page(long id, ActionForm form, CaseAction failed, Map<String, FieldProblem> errors, Model model) {
		CaseDetails details = this.queries.details(id);
		if (form.getVersion() == null || failed == null) {
			form.setVersion(details.version());
		}
		String me = CurrentUser.usernameOrSystem();
		if (form.getOwner() == null) {
			form.setOwner(me);
		}
		model.addAttribute("c", details);
		model.addAttribute("actionForm", form);
		model.addAttribute("failed", (failed != null) ? failed.slug() : null);
		model.addAttribute("errors", errors);
		model.addAttribute("steps", Stepper.of(details));
		model.addAttribute("names", this.service.names());
		// agents take cases themselves; managers hand them to anyone who works complaints
		model.addAttribute("owners", CurrentUser.hasRole(Role.MANAGER) ? this.workers.all()
				: this.workers.all().stream().filter((w) -> w.username().equals(me)).toList());
	}

	private ComplaintService.NewCase command(RegisterForm form) {
		String reference = ComplaintService.trim(form.getCustomer());
		String externalId = reference;
		Long customerId = null;
		// the field takes an external ID or, for files without one, the customer number
		if (reference != null && this.customers.findByExternalId(reference).isEmpty()
				&& reference.matches("#?\\d{1,18}")) {
			externalId = null;
			customerId = Long.valueOf(reference.replace("#", ""));
		}
		return new ComplaintService.NewCase(externalId, customerId, form.getAboutType(), form.getAboutReference(),
				form.getDescription(), form.getDemands(), form.getChannel(), form.getSeverity(), form.getTicket());
	}

	private static Map<String, FieldProblem> errors(ValidationException ex) {
		Map<String, FieldProblem> errors = new LinkedHashMap<>();
		ex.problems().forEach((p) -> errors.putIfAbsent(p.field(), p));
		return errors;
	}

	private static String encode(String value) {
		return URLEncoder.encode((value != null) ? value : "", StandardCharsets.UTF_8);
	}

	/**
	 * The seven steps of a case for the stepper.
	 *
	 * @param number 1 to 7
	 * @param key message key suffix
	 * @param state {@code done}, {@code current}, {@code todo} or {@code skipped}
	 */
	record Stepper(int number, String key, String state) {

		/** Bootstrap classes of the step's box. */
		public String css() {
			return switch (this.state) {
				case "current" -> "border-primary bg-primary-subtle fw-semibold";
				case "done" -> "border-success-subtle bg-success-subtle";
				case "skipped" -> "text-body-tertiary text-decoration-line-through";
				default -> "text-body-secondary";
			};
		}

		static final List<String> KEYS = List.of("register", "validate", "assign", "root-cause", "propose", "approve",
				"implement");

		static List<Stepper> of(CaseDetails c) {
			int current = switch (c.status()) {
				case REGISTERED -> 2;
				case VALIDATED -> 3;
				case ASSIGNED, REOPENED -> 4;
				case ROOT_CAUSE_FOUND -> 5;
				case PROPOSED -> 6;
				case APPROVED, IMPLEMENTED, INVALID -> 7;
				case CLOSED -> 8;
			};
			boolean invalid = Boolean.FALSE.equals(c.valid());
			return java.util.stream.IntStream.rangeClosed(1, 7).mapToObj((n) -> {
				String state;
				if (invalid && n >= 3 && n <= 6) {
					state = "skipped";
				}
				else if (n < current) {
					state = "done";
				}
				else if (n == current) {
					state = "current";
				}
				else {
					state = "todo";
				}
				return new Stepper(n, KEYS.get(n - 1), state);
			}).toList();
		}

	}

}

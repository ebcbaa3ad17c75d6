package io.loopcrm.survey.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.loopcrm.platform.ConflictException;
import io.loopcrm.platform.CurrentUser;
import io.loopcrm.platform.Role;
import io.loopcrm.platform.UserDirectory;
import io.loopcrm.platform.ValidationException;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
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
 * Improvement plan pages: the list (status filter, overdue actions flagged), the plan
 * form, and a plan's page with its actions (added and completed inline), its effect and
 * its history.
 */
@Controller
@RequestMapping("/surveys/plans")
class ImprovementPlanController {

	private static final String FORM = "survey/plan/form";

	private static final String SHOW = "survey/plan/show";

	private final ImprovementPlans plans;

	private final PlanEffects effects;

	private final UserDirectory users;

	private final JdbcClient jdbc;

	private final MessageSource messages;

	ImprovementPlanController(ImprovementPlans plans, PlanEffects effects, UserDirectory users, JdbcClient jdbc,
			MessageSource messages) {
		this.plans = plans;
		this.effects = effects;
		this.users = users;
		this.jdbc = jdbc;
		this.messages = messages;
	}

	/** A survey to choose. */
	record SurveyChoice(long id, String name) {
	}

	@ModelAttribute
	void choices(Model model, Locale locale) {
		model.addAttribute("planStatuses", PlanStatus.values());
		model.addAttribute("dimensions", dimensions(locale));
		model.addAttribute("userNames", this.users.displayNames());
	}

	@GetMapping
	String list(@RequestParam(required = false) PlanStatus status, Model model) {
		model.addAttribute("plans", this.plans.list(status));
		model.addAttribute("status", status);
		return "survey/plans";
	}

	@GetMapping("/new")
	String showCreateForm(Model model) {
		PlanForm form = new PlanForm();
		form.setMetric(PlanMetric.NPS.name());
		form.setStatus(PlanStatus.DRAFT.name());
		form.setOwner(CurrentUser.usernameOrSystem());
		form.setStartDate(this.plans.today().toString());
		model.addAttribute("form", form);
		return form(model);
	}

	@PostMapping
	String create(@ModelAttribute("form") PlanForm form, BindingResult result, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		if (!result.hasErrors()) {
			try {
				long id = this.plans.create(form.input());
				redirect.addFlashAttribute("flash", "survey.plan.flash.created");
				redirect.addFlashAttribute("flashArg", String.valueOf(id));
				return "redirect:/surveys/plans/" + id;
			}
			catch (ValidationException ex) {
				reject(result, ex);
			}
		}
		response.setStatus(HttpStatus.BAD_REQUEST.value());
		return form(model);
	}

	@GetMapping("/{id}")
	String show(@PathVariable long id, @RequestParam(required = false) Integer days, Model model, Locale locale) {
		ImprovementPlan plan = this.plans.get(id);
		model.addAttribute("plan", plan);
		model.addAttribute("history", this.plans.history(id));
		model.addAttribute("actionForm", new PlanActionForm());
		model.addAttribute("owners", this.users.holding(Role.STAFF));
		effect(plan, days, model, locale);
		return SHOW;
	}

	@GetMapping("/{id}/effect")
	String effect(@PathVariable long id, @RequestParam(required = false) Integer days, Model model, Locale locale) {
		ImprovementPlan plan = this.plans.get(id);
		model.addAttribute("plan", plan);
		effect(plan, days, model, locale);
		return SHOW + " :: effect";
	}

	@GetMapping("/{id}/edit")
	String showEditForm(@PathVariable long id, Model model) {
		ImprovementPlan plan = this.plans.get(id);
		model.addAttribute("plan", plan);
		model.addAttribute("form", PlanForm.of(plan));
		return form(model);
	}

	@PostMapping("/{id}")
	String update(@PathVariable long id, @ModelAttribute("form") PlanForm form, BindingResult result, Model model,
			RedirectAttributes redirect, HttpServletResponse response, Locale locale) {
		if (!result.hasErrors()) {
			try {
				this.plans.update(id, form.input());
				redirect.addFlashAttribute("flash", "survey.plan.flash.saved");
				redirect.addFlashAttribute("flashArg", String.valueOf(id));
				return "redirect:/surveys/plans/" + id;
			}
			catch (ValidationException ex) {
				reject(result, ex);
				response.setStatus(HttpStatus.BAD_REQUEST.value());
			}
			catch (ConflictException ex) {
				// keep what this editor typed and say who saved in between; saving again
				// after a reload is a deliberate decision
				response.setStatus(HttpStatus.CONFLICT.value());
				model.addAttribute("conflict", ex.localizedMessage(this.messages, locale));
			}
		}
		else {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
		}
		model.addAttribute("plan", this.plans.get(id));
		return form(model);
	}

	@PostMapping("/{id}/actions")
	String addAction(@PathVariable long id, @ModelAttribute("actionForm") PlanActionForm form, BindingResult result,
			@RequestHeader(name = "HX-Request", required = false) String htmx, Model model, RedirectAttributes redirect,
			HttpServletResponse response, Locale locale) {
		boolean added = false;
		try {
			this.plans.addAction(id, form.input());
			added = true;
		}
		catch (ValidationException ex) {
			ex.problems().forEach((p) -> result.rejectValue(p.field(), p.messageKey(), p.args(), null));
		}
		if (htmx == null) {
			if (added) {
				redirect.addFlashAttribute("flash", "survey.plan.flash.actionAdded");
				redirect.addFlashAttribute("flashArg", String.valueOf(id));
				return "redirect:/surveys/plans/" + id;
			}
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			ImprovementPlan plan = this.plans.get(id);
			model.addAttribute("plan", plan);
			model.addAttribute("history", this.plans.history(id));
			model.addAttribute("owners", this.users.holding(Role.STAFF));
			effect(plan, null, model, locale);
			return SHOW;
		}
		// htmx swaps only successful answers: errors come back as 200 with the form
		model.addAttribute("plan", this.plans.get(id));
		model.addAttribute("owners", this.users.holding(Role.STAFF));
		if (added) {
			model.addAttribute("actionForm", new PlanActionForm());
		}
		return SHOW + " :: actions";
	}

	@PostMapping("/{id}/actions/{actionId}/done")
	String completeAction(@PathVariable long id, @PathVariable long actionId,
			@RequestHeader(name = "HX-Request", required = false) String htmx, Model model,
			RedirectAttributes redirect) {
		this.plans.completeAction(id, actionId);
		if (htmx == null) {
			redirect.addFlashAttribute("flash", "survey.plan.flash.actionDone");
			redirect.addFlashAttribute("flashArg", String.valueOf(id));
			return "redirect:/surveys/plans/" + id;
		}
		model.addAttribute("plan", this.plans.get(id));
		model.addAttribute("owners", this.users.holding(Role.STAFF));
		model.addAttribute("actionForm", new PlanActionForm());
		return SHOW + " :: actions";
	}

	private void effect(ImprovementPlan plan, Integer days, Model model, Locale locale) {
		try {
			model.addAttribute("effect", this.effects.evaluate(plan, days));
			model.addAttribute("days", (days != null) ? days : PlanEffects.DEFAULT_DAYS);
		}
		catch (ValidationException ex) {
			var problem = ex.problems().get(0);
			model.addAttribute("daysError", this.messages.getMessage(problem.messageKey(), problem.args(), locale));
			model.addAttribute("effect", this.effects.evaluate(plan, PlanEffects.DEFAULT_DAYS));
			model.addAttribute("days", days);
		}
	}

	private String form(Model model) {
		model.addAttribute("surveys",
				this.jdbc.sql("select id, name from survey order by lower(name), id").query(SurveyChoice.class).list());
		model.addAttribute("owners", this.users.holding(Role.STAFF));
		model.addAttribute("metrics", List.of(PlanMetric.NPS, PlanMetric.CSAT, PlanMetric.CES));
		return FORM;
	}

	/**
	 * Dimension labels by code: the built-in ones translated, the others by their name.
	 */
	private Map<String, String> dimensions(Locale locale) {
		Map<String, String> labels = new LinkedHashMap<>();
		this.jdbc.sql("select code, name from survey_dimension order by position, code")
			.query((rs, n) -> Map.entry(rs.getString("code"), rs.getString("name")))
			.list()
			.forEach((e) -> labels.put(e.getKey(),
					this.messages.getMessage("survey.dimension." + e.getKey(), null, e.getValue(), locale)));
		return labels;
	}

	private static void reject(BindingResult result, ValidationException ex) {
		ex.problems().forEach((p) -> {
			String field = switch (p.field()) {
				case "dimension" -> "metric";
				case "version" -> null;
				default -> p.field();
			};
			if (field == null) {
				result.reject(p.messageKey(), p.args(), null);
			}
			else if (!result.hasFieldErrors(field)) {
				result.rejectValue(field, p.messageKey(), p.args(), null);
			}
		});
	}

}

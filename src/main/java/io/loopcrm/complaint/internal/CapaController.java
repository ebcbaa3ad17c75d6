package io.loopcrm.complaint.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.loopcrm.platform.ConflictException;
import io.loopcrm.platform.CurrentUser;
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

/** Corrective and preventive actions: the list (overdue ones marked) and the form. */
@Controller
@RequestMapping("/complaints/capa")
class CapaController {

	private static final String FORM = "complaint/capa-form";

	private final CapaService capa;

	private final Workers workers;

	private final MessageSource messages;

	private final Clock clock;

	CapaController(CapaService capa, Workers workers, MessageSource messages, Clock clock) {
		this.capa = capa;
		this.workers = workers;
		this.messages = messages;
		this.clock = clock;
	}

	@ModelAttribute
	void choices(Model model) {
		model.addAttribute("kinds", CapaKind.values());
		model.addAttribute("capaStatuses", CapaStatus.values());
		model.addAttribute("effectResults", EffectResult.values());
		model.addAttribute("workers", this.workers.all());
	}

	@GetMapping
	String list(@RequestParam(required = false) String status, @RequestParam(defaultValue = "false") boolean overdue,
			Model model) {
		model.addAttribute("items", this.capa.list(status, overdue));
		model.addAttribute("status", status);
		model.addAttribute("overdue", overdue);
		return "complaint/capa-list";
	}

	@GetMapping("/new")
	String showCreateForm(@RequestParam(name = "case", required = false) Long caseId, Model model) {
		CapaForm form = new CapaForm();
		form.setKind(CapaKind.CORRECTIVE.name());
		form.setStatus(CapaStatus.OPEN.name());
		form.setOwner(CurrentUser.usernameOrSystem());
		form.setDueDate(LocalDate.now(this.clock).plusDays(30).toString());
		if (caseId != null) {
			form.setCases(String.valueOf(caseId));
		}
		model.addAttribute("form", form);
		model.addAttribute("errors", Map.of());
		return FORM;
	}

	@PostMapping
	String create(@ModelAttribute("form") CapaForm form, BindingResult binding, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		try {
			long id = this.capa.create(form.input());
			redirect.addFlashAttribute("flash", "complaint.capa.flash.created");
			redirect.addFlashAttribute("flashArg", String.valueOf(id));
			return "redirect:/complaints/capa";
		}
		catch (ValidationException ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("errors", errors(ex));
			return FORM;
		}
	}

	@GetMapping("/{id}")
	String showEditForm(@PathVariable long id, Model model) {
		CapaService.CapaView item = this.capa.get(id);
		model.addAttribute("item", item);
		model.addAttribute("form", CapaForm.of(item));
		model.addAttribute("errors", Map.of());
		return FORM;
	}

	@PostMapping("/{id}")
	String update(@PathVariable long id, @ModelAttribute("form") CapaForm form, BindingResult binding, Model model,
			RedirectAttributes redirect, HttpServletResponse response, Locale locale) {
		try {
			this.capa.update(id, form.input());
			redirect.addFlashAttribute("flash", "complaint.capa.flash.saved");
			redirect.addFlashAttribute("flashArg", String.valueOf(id));
			return "redirect:/complaints/capa";
		}
		catch (ValidationException ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("errors", errors(ex));
		}
		catch (ConflictException ex) {
			response.setStatus(HttpStatus.CONFLICT.value());
			model.addAttribute("conflict", ex.localizedMessage(this.messages, locale));
			model.addAttribute("errors", Map.of());
		}
		model.addAttribute("item", this.capa.get(id));
		return FORM;
	}

	private static Map<String, FieldProblem> errors(ValidationException ex) {
		Map<String, FieldProblem> errors = new LinkedHashMap<>();
		ex.problems().forEach((p) -> errors.putIfAbsent(p.field(), p));
		return errors;
	}

}

package io.loopcrm.survey.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.loopcrm.feedback.Tickets;
import io.loopcrm.platform.CurrentUser;
import io.loopcrm.platform.ValidationException;
import io.loopcrm.platform.ValidationException.FieldProblem;
import io.loopcrm.segmentation.SegmentAudience;
import io.loopcrm.segmentation.SegmentSummary;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.dao.OptimisticLockingFailureException;
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
 * Survey pages: the list, the survey's page with its figures and latest responses, and
 * the form that makes and changes surveys (MANAGER). The form works without JavaScript:
 * "add rows" sends it back with more empty question rows and everything typed kept.
 * Problems come back beside their fields, a question's beside its row; a survey changed
 * by someone else meanwhile brings the form back with what was typed and a warning.
 */
@Controller
@RequestMapping("/surveys")
class SurveyController {

	private static final String FORM = "survey/form";

	private static final Pattern QUESTION_FIELD = Pattern.compile("questions\\[(\\d+)\\](?:\\.(\\w+))?");

	private final SurveyDefinitions surveys;

	private final SurveyPageQueries queries;

	private final SegmentAudience segments;

	private final Tickets tickets;

	private final Clock clock;

	SurveyController(SurveyDefinitions surveys, SurveyPageQueries queries, SegmentAudience segments, Tickets tickets,
			Clock clock) {
		this.surveys = surveys;
		this.queries = queries;
		this.segments = segments;
		this.tickets = tickets;
		this.clock = clock;
	}

	@GetMapping
	String list(Model model) {
		model.addAttribute("surveys", this.surveys.list());
		model.addAttribute("totals", this.queries.totals());
		return "survey/list";
	}

	@GetMapping("/new")
	String showCreateForm(Model model) {
		return form(SurveyForm.empty(), null, model);
	}

	@PostMapping(path = "/new", params = "addRows")
	String addRowsToNew(@ModelAttribute("form") SurveyForm form, BindingResult binding, Model model) {
		form.addRows(SurveyForm.MORE_ROWS);
		return form(form, null, model);
	}

	@PostMapping("/new")
	String create(@ModelAttribute("form") SurveyForm form, BindingResult binding, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		if (binding.hasErrors()) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return form(form, null, model);
		}
		try {
			SurveyDefinition survey = this.surveys.create(form.command(), CurrentUser.usernameOrSystem());
			redirect.addFlashAttribute("flash", "survey.flash.created");
			redirect.addFlashAttribute("flashArg", survey.name());
			return "redirect:/surveys/" + survey.id();
		}
		catch (ValidationException ex) {
			reject(ex, form, binding);
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return form(form, null, model);
		}
	}

	@GetMapping("/{id}/edit")
	String showEditForm(@PathVariable long id, Model model) {
		SurveyDefinition survey = this.surveys.get(id);
		return form(SurveyForm.of(survey), survey, model);
	}

	@PostMapping(path = "/{id}/edit", params = "addRows")
	String addRowsToEdit(@PathVariable long id, @ModelAttribute("form") SurveyForm form, BindingResult binding,
			Model model) {
		form.addRows(SurveyForm.MORE_ROWS);
		return form(form, this.surveys.get(id), model);
	}

	@PostMapping("/{id}/edit")
	String update(@PathVariable long id, @ModelAttribute("form") SurveyForm form, BindingResult binding, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		SurveyDefinition current = this.surveys.get(id);
		if (binding.hasErrors()) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return form(form, current, model);
		}
		long expected = (form.getVersion() != null) ? form.getVersion() : current.version();
		try {
			SurveyDefinition survey = this.surveys.update(id, expected, form.command(), CurrentUser.usernameOrSystem());
			redirect.addFlashAttribute("flash", (survey.currentVersion() != current.currentVersion())
					? "survey.flash.newVersion" : "survey.flash.updated");
			redirect.addFlashAttribute("flashArg", String.valueOf(survey.currentVersion()));
			return "redirect:/surveys/" + id;
		}
		catch (ValidationException ex) {
			reject(ex, form, binding);
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return form(form, current, model);
		}
		catch (OptimisticLockingFailureException ex) {
			// keep what was typed; the next save goes against what is there now
			SurveyDefinition now = this.surveys.get(id);
			form.setVersion(now.version());
			model.addAttribute("conflict", true);
			response.setStatus(HttpStatus.CONFLICT.value());
			return form(form, now, model);
		}
	}

	@GetMapping("/{id}")
	String show(@PathVariable long id, @RequestParam(defaultValue = "0") int page, Model model) {
		SurveyDefinition survey = this.surveys.get(id);
		model.addAttribute("survey", survey);
		model.addAttribute("counts", this.queries.counts(id, this.clock.instant().minus(Duration.ofDays(30))));
		SurveyPageQueries.ResponsePage responses = this.queries.responses(id, page);
		model.addAttribute("responses", responses);
		model.addAttribute("previousUrl", "/surveys/" + id + "?page=" + Math.max(0, responses.page() - 1));
		model.addAttribute("nextUrl", "/surveys/" + id + "?page=" + (responses.page() + 1));
		model.addAttribute("segmentName", (survey.segmentId() != null)
				? this.segments.find(survey.segmentId()).map(SegmentSummary::name).orElse("#" + survey.segmentId())
				: null);
		return "survey/show";
	}

	private String form(SurveyForm form, SurveyDefinition survey, Model model) {
		model.addAttribute("form", form);
		model.addAttribute("survey", survey);
		model.addAttribute("answered", survey != null && this.queries.answered(survey.id(), survey.currentVersion()));
		model.addAttribute("purposes", SurveyPurpose.values());
		model.addAttribute("triggers", SurveyTrigger.values());
		model.addAttribute("types", QuestionType.values());
		model.addAttribute("languages", SurveyDefinitions.LANGUAGES);
		model.addAttribute("dimensions", this.surveys.dimensions());
		model.addAttribute("segments", this.segments.segments());
		model.addAttribute("categories", this.tickets.activeCategories());
		return FORM;
	}

	/** Puts each problem beside its field; a question's beside the row it came from. */
	private static void reject(ValidationException ex, SurveyForm form, BindingResult binding) {
		List<Integer> rows = form.filledRows();
		for (FieldProblem problem : ex.problems()) {
			String field = formField(problem.field(), rows);
			if (field == null) {
				binding.reject(problem.messageKey(), problem.args(), problem.messageKey());
			}
			else {
				binding.rejectValue(field, problem.messageKey(), problem.args(), problem.messageKey());
			}
		}
	}

	private static final Map<String, String> ROW_FIELDS = Map.of("key", "key", "type", "type", "dimension", "dimension",
			"options", "options");

	static String formField(String field, List<Integer> rows) {
		Matcher question = QUESTION_FIELD.matcher(field);
		if (question.matches()) {
			int index = Integer.parseInt(question.group(1));
			if (index >= rows.size()) {
				return "questions";
			}
			String row = "questions[" + rows.get(index) + "]";
			String part = ROW_FIELDS.get(String.valueOf(question.group(2)));
			return (part != null) ? row + "." + part : row;
		}
		return switch (field) {
			case "name", "purpose", "trigger", "periodicDays", "segmentId", "languages", "expiryDays",
					"followUpCategory", "questions" ->
				field;
			default -> null;
		};
	}

}

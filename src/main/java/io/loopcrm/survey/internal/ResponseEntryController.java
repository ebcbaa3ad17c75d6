package io.loopcrm.survey.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.loopcrm.customer.CustomerQueries;
import io.loopcrm.customer.CustomerSummary;
import io.loopcrm.platform.CurrentUser;
import io.loopcrm.platform.ValidationException;
import io.loopcrm.platform.ValidationException.FieldProblem;
import io.loopcrm.survey.internal.SurveyDefinition.Question;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import lombok.Data;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Staff enter the answers of a phone or store interview (訪談) and import a spreadsheet of
 * responses. Answers go through the same checks as every other source; a problem comes
 * back beside its question with everything typed kept. When the answer opens a follow-up
 * ticket, the survey page says so and links it.
 */
@Controller
@RequestMapping("/surveys/{id}/responses")
class ResponseEntryController {

	/** Channels an interviewer may choose, the default first. */
	static final List<String> CHANNELS = List.of("PHONE", "STORE", "WECHAT", "SMS", "EMAIL", "APP");

	private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

	private static final String ANSWER = "answer.";

	private final SurveyDefinitions surveys;

	private final ResponseRecorder recorder;

	private final ResponseImport responseImport;

	private final SurveyPageQueries queries;

	private final CustomerQueries customers;

	private final Clock clock;

	ResponseEntryController(SurveyDefinitions surveys, ResponseRecorder recorder, ResponseImport responseImport,
			SurveyPageQueries queries, CustomerQueries customers, Clock clock) {
		this.surveys = surveys;
		this.recorder = recorder;
		this.responseImport = responseImport;
		this.queries = queries;
		this.customers = customers;
		this.clock = clock;
	}

	/**
	 * The interview form as typed: answers by question key (several for a MULTI
	 * question).
	 */
	@Data
	static class InterviewForm {

		private String customer;

		private String channel = CHANNELS.get(0);

		private String respondedAt;

		private String store;

		private String category;

		private Map<String, List<String>> answers = new LinkedHashMap<>();

		/** The first answer to the question, {@code ""} when none. */
		public String answer(String key) {
			List<String> values = this.answers.get(key);
			return (values == null || values.isEmpty()) ? "" : values.get(0);
		}

		public boolean chosen(String key, String value) {
			List<String> values = this.answers.get(key);
			return values != null && values.contains(value);
		}

	}

	@GetMapping("/new")
	String showForm(@PathVariable long id, @RequestParam(required = false) Long customer, Model model) {
		SurveyDefinition survey = this.surveys.get(id);
		InterviewForm form = new InterviewForm();
		form.setRespondedAt(LocalDateTime.now(this.clock).truncatedTo(ChronoUnit.MINUTES).format(LOCAL));
		if (customer != null) {
			this.customers.find(customer)
				.ifPresent((c) -> form.setCustomer((c.externalId() != null) ? c.externalId() : "#" + c.id()));
		}
		return form(survey, form, Map.of(), model);
	}

	@PostMapping("/new")
	String record(@PathVariable long id, HttpServletRequest request, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		SurveyDefinition survey = this.surveys.get(id);
		InterviewForm form = read(survey, request);
		Map<String, FieldProblem> errors = new LinkedHashMap<>();
		Long customerId = null;
		if (form.getCustomer() != null) {
			Optional<CustomerSummary> customer = customer(form.getCustomer());
			if (customer.isEmpty()) {
				errors.put("customerExternalId",
						new FieldProblem("customerExternalId", "survey.response.customer.unknown", form.getCustomer()));
			}
			else {
				customerId = customer.get().id();
			}
		}
		Instant respondedAt = null;
		try {
			respondedAt = Timestamps.parse(form.getRespondedAt(), this.clock.getZone());
		}
		catch (DateTimeParseException ex) {
			errors.put("respondedAt",
					new FieldProblem("respondedAt", "survey.response.respondedAt.format", form.getRespondedAt()));
		}
		Map<String, Object> answers = new LinkedHashMap<>();
		for (Question question : survey.questions()) {
			List<String> values = form.getAnswers().get(question.key());
			if (values == null || values.isEmpty()) {
				continue;
			}
			answers.put(question.key(), (question.type() == QuestionType.MULTI) ? values : values.get(0));
		}
		if (errors.isEmpty()) {
			try {
				RecordedResponse recorded = this.recorder
					.record(new NewResponse(id, null, null, customerId, form.getChannel(), respondedAt,
							CurrentUser.usernameOrSystem(), answers, form.getStore(), form.getCategory()));
				redirect.addFlashAttribute("flash", "survey.flash.recorded");
				redirect.addFlashAttribute("flashArg", survey.name());
				this.queries.followUpTicket(recorded.id())
					.ifPresent((ticket) -> redirect.addFlashAttribute("followUpTicket", ticket));
				return "redirect:/surveys/" + id;
			}
			catch (ValidationException ex) {
				ex.problems().forEach((p) -> errors.putIfAbsent(p.field(), p));
			}
		}
		response.setStatus(HttpStatus.BAD_REQUEST.value());
		return form(survey, form, errors, model);
	}

	/**
	 * A column of the import file for the page's explanation.
	 *
	 * @param header the English header
	 * @param aliases other headers accepted
	 */
	public record ColumnHelp(String header, List<String> aliases) {

		public String getHeader() {
			return this.header;
		}

		public List<String> getAliases() {
			return this.aliases;
		}

	}

	static final List<ColumnHelp> COLUMNS = java.util.Arrays.stream(ResponseImport.Column.values())
		.map((c) -> new ColumnHelp(c.header(), c.aliases()))
		.toList();

	@GetMapping("/import")
	String showImport(@PathVariable long id, Model model) {
		model.addAttribute("survey", this.surveys.get(id));
		model.addAttribute("columns", COLUMNS);
		return "survey/response-import";
	}

	@PostMapping("/import")
	String importFile(@PathVariable long id, @RequestParam(required = false) MultipartFile file, Model model,
			HttpServletResponse response) {
		SurveyDefinition survey = this.surveys.get(id);
		model.addAttribute("survey", survey);
		model.addAttribute("columns", COLUMNS);
		if (file == null || file.isEmpty()) {
			model.addAttribute("fileError", new FieldProblem("file", "import.noFile"));
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return "survey/response-import";
		}
		try {
			model.addAttribute("result", this.responseImport.importCsv(id, file, CurrentUser.usernameOrSystem()));
		}
		catch (ValidationException ex) {
			model.addAttribute("fileError", ex.problems().get(0));
			response.setStatus(HttpStatus.BAD_REQUEST.value());
		}
		return "survey/response-import";
	}

	private String form(SurveyDefinition survey, InterviewForm form, Map<String, FieldProblem> errors, Model model) {
		model.addAttribute("survey", survey);
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		model.addAttribute("channels", CHANNELS);
		List<String> placed = new ArrayList<>(List.of("customerExternalId", "channel", "respondedAt"));
		survey.questions().forEach((q) -> placed.add("answers." + q.key()));
		model.addAttribute("otherErrors", errors.values().stream().filter((p) -> !placed.contains(p.field())).toList());
		return "survey/response-form";
	}

	private static InterviewForm read(SurveyDefinition survey, HttpServletRequest request) {
		InterviewForm form = new InterviewForm();
		form.setCustomer(param(request, "customer"));
		String channel = param(request, "channel");
		form.setChannel((channel != null) ? channel : CHANNELS.get(0));
		form.setRespondedAt(param(request, "respondedAt"));
		form.setStore(param(request, "store"));
		form.setCategory(param(request, "category"));
		for (Question question : survey.questions()) {
			String[] values = request.getParameterValues(ANSWER + question.key());
			List<String> kept = new ArrayList<>();
			if (values != null) {
				for (String value : values) {
					if (value != null && !value.isBlank()) {
						kept.add((question.type() == QuestionType.TEXT) ? value : value.strip());
					}
				}
			}
			form.getAnswers().put(question.key(), kept);
		}
		return form;
	}

	private Optional<CustomerSummary> customer(String reference) {
		Optional<CustomerSummary> byExternalId = this.customers.findByExternalId(reference);
		if (byExternalId.isPresent() || !reference.matches("#?\\d{1,18}")) {
			return byExternalId;
		}
		// the field takes an external ID or, for files without one, the customer number
		return this.customers.find(Long.parseLong(reference.replace("#", "")));
	}

	private static String param(HttpServletRequest request, String name) {
		String value = request.getParameter(name);
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}

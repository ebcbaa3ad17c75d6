package io.loopcrm.survey.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.loopcrm.platform.Formats;
import io.loopcrm.platform.ValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.MessageSource;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * The public response page {@code /s/{token}}: no sign-in, the invitation's token is the
 * key. The page speaks the invitation's language (whatever the browser asks for), shows
 * the questions of the survey's current version and takes one response per invitation. An
 * unknown token is a 404 that says nothing more; an expired one is explained; a second
 * response is refused politely. Bots: each IP address may send {@code submits-per-minute}
 * answers (429 beyond), a filled honeypot field or a form sent back too fast or with a
 * forged render stamp is dropped silently behind a normal thank-you.
 */
@Controller
@RequestMapping("/s")
class PublicSurveyController {

	private static final Logger log = LoggerFactory.getLogger(PublicSurveyController.class);

	/** The honeypot field: hidden from people, filled only by bots. */
	static final String HONEYPOT = "website";

	static final String STAMP = "stamp";

	private final Invitations invitations;

	private final PublicSurveys surveys;

	private final FormStamps stamps;

	private final SubmitLimiter limiter;

	private final MessageSource messages;

	private final InvitationProperties properties;

	private final Formats formats;

	private final Clock clock;

	PublicSurveyController(Invitations invitations, PublicSurveys surveys, FormStamps stamps, SubmitLimiter limiter,
			MessageSource messages, InvitationProperties properties, Formats formats, Clock clock) {
		this.invitations = invitations;
		this.surveys = surveys;
		this.stamps = stamps;
		this.limiter = limiter;
		this.messages = messages;
		this.properties = properties;
		this.formats = formats;
		this.clock = clock;
	}

	@GetMapping("/{token}")
	String show(@PathVariable String token, @RequestParam(name = "lang", required = false) String lang,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		Optional<Invitation> found = this.invitations.byToken(token);
		if (found.isEmpty()) {
			return notFound(response, model);
		}
		Invitation invitation = found.get();
		SurveyDefinition survey = this.surveys.definition(invitation.surveyId());
		Locale locale = useLanguage(request, response, invitation, survey, lang, model);
		String closed = closedPage(invitation, survey, response, model, false);
		if (closed != null) {
			return closed;
		}
		this.invitations.opened(invitation.id());
		return form(invitation, survey, locale, Map.of(), MultiValueMap.fromSingleValue(Map.of()), model);
	}

	/** The form field and query parameter carrying the language the customer chose. */
	static final String LANGUAGE = "lang";

	@PostMapping("/{token}")
	String submit(@PathVariable String token, @RequestParam MultiValueMap<String, String> form,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		if (!this.limiter.tryTake(request.getRemoteAddr())) {
			Optional<Invitation> known = this.invitations.byToken(token);
			if (known.isPresent()) {
				useLanguage(request, response, known.get(), this.surveys.definition(known.get().surveyId()),
						form.getFirst(LANGUAGE), model);
			}
			response.setStatus(429);
			response.setHeader("Retry-After", "60");
			return message("tooMany", model);
		}
		Optional<Invitation> found = this.invitations.byToken(token);
		if (found.isEmpty()) {
			return notFound(response, model);
		}
		Invitation invitation = found.get();
		SurveyDefinition survey = this.surveys.definition(invitation.surveyId());
		Locale locale = useLanguage(request, response, invitation, survey, form.getFirst(LANGUAGE), model);
		String closed = closedPage(invitation, survey, response, model, true);
		if (closed != null) {
			return closed;
		}
		String honeypot = form.getFirst(HONEYPOT);
		if ((honeypot != null && !honeypot.isEmpty()) || !this.stamps.accepts(token, form.getFirst(STAMP))) {
			log.info("Survey answers for invitation {} dropped as a bot's ({})", invitation.id(),
					(honeypot != null && !honeypot.isEmpty()) ? "honeypot" : "stamp");
			return "redirect:/s/" + token + "/thanks?lang=" + model.getAttribute("language");
		}
		Map<String, Object> answers = PublicSurveys.answers(survey, form);
		try {
			if (!this.surveys.respond(invitation, answers)) {
				return already(response, model);
			}
		}
		catch (ValidationException ex) {
			Map<String, String> errors = new LinkedHashMap<>();
			for (ValidationException.FieldProblem problem : ex.problems()) {
				String key = problem.field().startsWith("answers.") ? problem.field().substring(8) : "";
				errors.putIfAbsent(key,
						this.messages.getMessage(problem.messageKey(), problem.args(), problem.messageKey(), locale));
			}
			response.setStatus(422);
			return form(invitation, survey, locale, errors, form, model);
		}
		catch (DataIntegrityViolationException ex) {
			// the other of two simultaneous answers got there first
			if (this.surveys.answered(invitation.id())) {
				return already(response, model);
			}
			throw ex;
		}
		return "redirect:/s/" + token + "/thanks?lang=" + model.getAttribute("language");
	}

	@GetMapping("/{token}/thanks")
	String thanks(@PathVariable String token, @RequestParam(name = "lang", required = false) String lang,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		Optional<Invitation> found = this.invitations.byToken(token);
		if (found.isEmpty()) {
			return notFound(response, model);
		}
		useLanguage(request, response, found.get(), this.surveys.definition(found.get().surveyId()), lang, model);
		return message("thanks", model);
	}

	private String form(Invitation invitation, SurveyDefinition survey, Locale locale, Map<String, String> errors,
			MultiValueMap<String, String> given, Model model) {
		List<PublicSurveys.QuestionView> questions = this.surveys.questions(survey,
				(String) model.getAttribute("language"), locale, given, errors);
		model.addAttribute("token", invitation.token());
		model.addAttribute("questions", questions);
		model.addAttribute("errors", questions.stream().filter((q) -> q.error() != null).toList());
		model.addAttribute("otherErrors", errors.containsKey("") ? List.of(errors.get("")) : List.of());
		model.addAttribute("stamp", this.stamps.stamp(invitation.token()));
		model.addAttribute("expires", this.formats.day(invitation.expiresAt()));
		return "survey/public/form";
	}

	/** The page for an invitation that takes no answer now, or {@code null}. */
	private String closedPage(Invitation invitation, SurveyDefinition survey, HttpServletResponse response, Model model,
			boolean submitting) {
		if (invitation.respondedAt() != null || this.surveys.answered(invitation.id())) {
			return submitting ? already(response, model) : message("already", model);
		}
		Instant now = this.clock.instant();
		if (!invitation.expiresAt().isAfter(now)) {
			response.setStatus(HttpServletResponse.SC_GONE);
			model.addAttribute("expiredOn", this.formats.dateTime(invitation.expiresAt()));
			return message("expired", model);
		}
		if (!survey.active()) {
			response.setStatus(HttpServletResponse.SC_GONE);
			return message("closed", model);
		}
		return null;
	}

	private String already(HttpServletResponse response, Model model) {
		response.setStatus(HttpServletResponse.SC_CONFLICT);
		return message("already", model);
	}

	private String notFound(HttpServletResponse response, Model model) {
		response.setStatus(HttpServletResponse.SC_NOT_FOUND);
		return message("notFound", model);
	}

	private String message(String which, Model model) {
		model.addAttribute("which", which);
		model.addAttribute("sender", this.properties.senderName());
		return "survey/public/message";
	}

	/**
	 * Shows this request in the language the customer chose among the survey's languages
	 * (the page's language links, kept through the form), else the invitation's language
	 * — not the browser's, and without touching the language cookie the staff pages keep.
	 */
	private Locale useLanguage(HttpServletRequest request, HttpServletResponse response, Invitation invitation,
			SurveyDefinition survey, String chosen, Model model) {
		List<String> offered = survey.languages();
		String language = offered.stream()
			.filter((l) -> l.equalsIgnoreCase(chosen))
			.findFirst()
			.orElse(invitation.language());
		model.addAttribute("language", language);
		model.addAttribute("languages", offered);
		Locale locale = PageLanguage.of(language);
		LocaleResolver resolver = RequestContextUtils.getLocaleResolver(request);
		if (resolver instanceof CookieLocaleResolver) {
			request.setAttribute(CookieLocaleResolver.LOCALE_REQUEST_ATTRIBUTE_NAME, locale);
		}
		else if (resolver != null) {
			resolver.setLocale(request, response, locale);
		}
		org.springframework.context.i18n.LocaleContextHolder.setLocale(locale);
		model.addAttribute("pageLanguage", locale.toLanguageTag());
		model.addAttribute("sender", this.properties.senderName());
		return locale;
	}

}

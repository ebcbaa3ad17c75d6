package io.loopcrm.survey.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.loopcrm.platform.ValidationException;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The verbatims page ({@code /surveys/verbatims}) for managers: free-text answers
 * searched by text, filtered by NPS group, survey and period (in the URL, htmx swaps the
 * results), paged newest first, beside the most frequent terms of promoters and
 * detractors.
 */
@Controller
class VerbatimController {

	private final Verbatims verbatims;

	private final SatisfactionParameters parameters;

	private final SatisfactionDashboard dashboard;

	private final MessageSource messages;

	VerbatimController(Verbatims verbatims, SatisfactionParameters parameters, SatisfactionDashboard dashboard,
			MessageSource messages) {
		this.verbatims = verbatims;
		this.parameters = parameters;
		this.dashboard = dashboard;
		this.messages = messages;
	}

	@GetMapping("/surveys/verbatims")
	String list(@RequestParam Map<String, String> params,
			@RequestHeader(name = "HX-Request", required = false) String htmx,
			@RequestHeader(name = "HX-Target", required = false) String htmxTarget, Model model, Locale locale) {
		Map<String, String> errors = new LinkedHashMap<>();
		SatisfactionQuery query;
		try {
			query = this.parameters.query(params.get("from"), params.get("to"), params.get("surveyId"), params);
		}
		catch (ValidationException ex) {
			ex.problems()
				.forEach((p) -> errors.put(p.field(), this.messages.getMessage(p.messageKey(), p.args(), locale)));
			query = this.parameters.query(null, null, null, Map.of());
		}
		String group = params.getOrDefault("group", "").trim().toUpperCase(Locale.ROOT);
		if (!List.of("", "PROMOTER", "PASSIVE", "DETRACTOR").contains(group)) {
			errors.put("group",
					this.messages.getMessage("survey.verbatims.error.group", new Object[] { group }, locale));
			group = "";
		}
		int page = 0;
		try {
			page = Math.max(0, Integer.parseInt(params.getOrDefault("page", "0").trim()));
		}
		catch (NumberFormatException ex) {
			errors.put("page", this.messages.getMessage("survey.verbatims.error.page", null, locale));
		}
		String text = params.getOrDefault("q", "").trim();
		if (text.length() > 200) {
			text = text.substring(0, 200);
		}
		model.addAttribute("query", query);
		model.addAttribute("text", text);
		model.addAttribute("group", group);
		model.addAttribute("errors", errors);
		model.addAttribute("surveys", this.dashboard.surveys());
		model.addAttribute("result", this.verbatims.search(query, text, group, page));
		model.addAttribute("promoterTerms", this.verbatims.terms(query, "PROMOTER"));
		model.addAttribute("detractorTerms", this.verbatims.terms(query, "DETRACTOR"));
		model.addAttribute("previousLink", link(query, text, group, page - 1));
		model.addAttribute("nextLink", link(query, text, group, page + 1));
		return (htmx != null && "results".equals(htmxTarget)) ? "survey/verbatims :: results" : "survey/verbatims";
	}

	private static String link(SatisfactionQuery q, String text, String group, int page) {
		UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/surveys/verbatims")
			.queryParam("from", q.from())
			.queryParam("to", q.to());
		if (q.surveyId() != null) {
			uri.queryParam("surveyId", q.surveyId());
		}
		q.filters().forEach((dim, value) -> uri.queryParam(dim.code(), value));
		if (!text.isEmpty()) {
			uri.queryParam("q", text);
		}
		if (!group.isEmpty()) {
			uri.queryParam("group", group);
		}
		uri.queryParam("page", Math.max(0, page));
		return uri.encode().build().toUriString();
	}

}

package io.loopcrm.commerce.internal;

import io.loopcrm.platform.exports.Spreadsheets;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.loopcrm.platform.ValidationException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The association-rules page (MANAGER): a GET filter form (level, minimum support and
 * confidence, maximum length and consequent, how many rules to list), the number of
 * baskets, the rules by lift in pages of {@value #PAGE}, and a CSV of all rules.
 */
@Controller
@RequestMapping("/analytics")
class AssociationRuleController {

	static final int PAGE = 50;

	private final AssociationRuleService service;

	private final MessageSource messages;

	AssociationRuleController(AssociationRuleService service, MessageSource messages) {
		this.service = service;
		this.messages = messages;
	}

	@GetMapping("/association-rules")
	String list(@RequestParam(required = false) String level, @RequestParam(required = false) String minSupport,
			@RequestParam(required = false) String minConfidence, @RequestParam(required = false) String maxLength,
			@RequestParam(required = false) String maxConsequent, @RequestParam(required = false) String limit,
			@RequestParam(defaultValue = "0") int page, Model model, Locale locale) {
		RuleQuery query = new RuleQuery(level, minSupport, minConfidence, maxLength, maxConsequent, limit);
		model.addAttribute("form", form(query));
		try {
			RuleSet set = this.service.rules(query);
			int from = Math.max(0, Math.min(page, (set.rules().size() - 1) / PAGE));
			int to = Math.min(set.rules().size(), (from + 1) * PAGE);
			model.addAttribute("set", set);
			model.addAttribute("rows", set.rules().subList(Math.min(from * PAGE, to), to));
			model.addAttribute("first", from * PAGE);
			model.addAttribute("page", from);
			model.addAttribute("hasNext", to < set.rules().size());
			model.addAttribute("query", query(set.parameters()));
		}
		catch (ValidationException ex) {
			Map<String, String> errors = new LinkedHashMap<>();
			for (ValidationException.FieldProblem problem : ex.problems()) {
				errors.put(problem.field(),
						this.messages.getMessage(problem.messageKey(), problem.args(), problem.messageKey(), locale));
			}
			model.addAttribute("errors", errors);
		}
		return "commerce/association-rules";
	}

	@GetMapping("/association-rules.csv")
	ResponseEntity<StreamingResponseBody> csv(@RequestParam(required = false) String level,
			@RequestParam(required = false) String minSupport, @RequestParam(required = false) String minConfidence,
			@RequestParam(required = false) String maxLength, @RequestParam(required = false) String maxConsequent) {
		RuleQuery query = new RuleQuery(level, minSupport, minConfidence, maxLength, maxConsequent, null);
		RuleQuery.Parameters parameters;
		RuleSet set;
		try {
			parameters = query.validate();
			set = this.service.rules(parameters, Integer.MAX_VALUE);
		}
		catch (ValidationException ex) {
			// the page shows what is wrong
			return ResponseEntity.status(303)
				.header(HttpHeaders.LOCATION, "/analytics/association-rules" + query(query))
				.build();
		}
		StreamingResponseBody body = (out) -> write(set, out);
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment()
						.filename("association-rules-" + parameters.level() + ".csv", StandardCharsets.UTF_8)
						.build()
						.toString())
			.contentType(MediaType.parseMediaType("text/csv;charset=UTF-8"))
			.body(body);
	}

	/** UTF-8 with a byte-order mark (spreadsheets), one rule per row, all rules. */
	static void write(RuleSet set, OutputStream out) throws IOException {
		out.write(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF });
		Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
		CSVPrinter csv = new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setRecordSeparator("\r\n").get());
		csv.printRecord("antecedent", "consequent", "baskets", "transactions", "support", "confidence", "lift");
		for (RuleSet.RuleView rule : set.rules()) {
			csv.printRecord(Spreadsheets.neutralise(String.join(", ", rule.antecedent())),
					Spreadsheets.neutralise(String.join(", ", rule.consequent())), rule.baskets(), set.transactions(),
					String.format(Locale.ROOT, "%.8f", rule.support()),
					String.format(Locale.ROOT, "%.6f", rule.confidence()),
					String.format(Locale.ROOT, "%.6f", rule.lift()));
		}
		csv.flush();
	}

	/** The form's values: what was typed, or the defaults. */
	private static Map<String, String> form(RuleQuery query) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("level", orDefault(query.level(), RuleQuery.DEFAULT_LEVEL));
		form.put("minSupport", orDefault(query.minSupport(), String.valueOf(RuleQuery.DEFAULT_MIN_SUPPORT)));
		form.put("minConfidence", orDefault(query.minConfidence(), String.valueOf(RuleQuery.DEFAULT_MIN_CONFIDENCE)));
		form.put("maxLength", orDefault(query.maxLength(), String.valueOf(RuleQuery.DEFAULT_MAX_LENGTH)));
		form.put("maxConsequent", orDefault(query.maxConsequent(), "1"));
		form.put("limit", orDefault(query.limit(), String.valueOf(RuleQuery.DEFAULT_LIMIT)));
		return form;
	}

	private static String orDefault(String value, String fallback) {
		return (value == null || value.isBlank()) ? fallback : value.trim();
	}

	/** The query string of validated parameters (CSV link, paging). */
	private static String query(RuleQuery.Parameters p) {
		return UriComponentsBuilder.newInstance()
			.queryParam("level", p.level())
			.queryParam("minSupport", p.minSupport())
			.queryParam("minConfidence", p.minConfidence())
			.queryParam("maxLength", p.maxLength())
			.queryParam("maxConsequent", p.maxConsequent())
			.queryParam("limit", p.limit())
			.build()
			.encode()
			.toUriString();
	}

	private static String query(RuleQuery q) {
		UriComponentsBuilder builder = UriComponentsBuilder.newInstance();
		for (Map.Entry<String, String> e : List.of(Map.entry("level", nn(q.level())),
				Map.entry("minSupport", nn(q.minSupport())), Map.entry("minConfidence", nn(q.minConfidence())),
				Map.entry("maxLength", nn(q.maxLength())), Map.entry("maxConsequent", nn(q.maxConsequent())))) {
			builder.queryParam(e.getKey(), e.getValue());
		}
		return builder.build().encode().toUriString();
	}

	private static String nn(String value) {
		return (value != null) ? value : "";
	}

}

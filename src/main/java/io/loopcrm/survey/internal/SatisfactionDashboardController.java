package io.loopcrm.survey.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.loopcrm.platform.NotFoundException;
import io.loopcrm.platform.ValidationException;
import io.loopcrm.platform.exports.ExportFormat;
import io.loopcrm.platform.exports.Spreadsheets;
import io.loopcrm.survey.internal.SatisfactionDashboard.Driver;
import io.loopcrm.survey.internal.SatisfactionDashboard.View;
import io.loopcrm.survey.internal.SatisfactionFigures.Counts;
import io.loopcrm.survey.internal.SatisfactionFigures.Grouping;
import io.loopcrm.survey.internal.SatisfactionFigures.Loyalty;
import io.loopcrm.survey.internal.SatisfactionFigures.Target;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The satisfaction dashboard ({@code /surveys/dashboard}) for managers. Filters (period,
 * survey, channel, store, category, segment, lifecycle stage) and view choices (trend by
 * week or month, driver target NPS or CSAT, breakdown dimension) live in the URL; htmx
 * swaps the results when a filter changes. Charts are drawn from {@code data-chart}
 * attributes by {@code js/survey-dashboard.js}; every chart has a table beside it and a
 * CSV download ({@code /surveys/dashboard/<section>.csv} with the same parameters).
 */
@Controller
@RequestMapping("/surveys/dashboard")
class SatisfactionDashboardController {

	static final List<String> SECTIONS = List.of("trend", "distribution", "months", "drivers", "breakdown", "loyalty");

	private final SatisfactionDashboard dashboard;

	private final SatisfactionFigures figures;

	private final SatisfactionParameters parameters;

	private final MessageSource messages;

	private final JsonMapper json;

	private final FollowUpFigures followUps;

	private final ImprovementPlans plans;

	SatisfactionDashboardController(SatisfactionDashboard dashboard, SatisfactionFigures figures,
			SatisfactionParameters parameters, MessageSource messages, JsonMapper json, FollowUpFigures followUps,
			ImprovementPlans plans) {
		this.followUps = followUps;
		this.plans = plans;
		this.dashboard = dashboard;
		this.figures = figures;
		this.parameters = parameters;
		this.messages = messages;
		this.json = json;
	}

	/**
	 * The choices of the page besides the filters.
	 *
	 * @param trend week or month
	 * @param target nps or csat
	 * @param by the breakdown dimension's code
	 */
	record Choices(String trend, String target, String by) {
	}

	@GetMapping
	String show(@RequestParam Map<String, String> params,
			@RequestHeader(name = "HX-Request", required = false) String htmx,
			@RequestHeader(name = "HX-Target", required = false) String htmxTarget, Model model, Locale locale) {
		SatisfactionQuery query;
		Map<String, String> errors = new LinkedHashMap<>();
		try {
			query = this.parameters.query(params.get("from"), params.get("to"), params.get("surveyId"), params);
		}
		catch (ValidationException ex) {
			ex.problems()
				.forEach((p) -> errors.put(p.field(), this.messages.getMessage(p.messageKey(), p.args(), locale)));
			query = this.parameters.query(null, null, null, Map.of());
		}
		Choices choices = choices(params, query);
		View view = view(query, choices);
		SatisfactionLabels labels = new SatisfactionLabels(this.messages, locale, this.dashboard.dimensionNames());
		model.addAttribute("v", view);
		model.addAttribute("choices", choices);
		model.addAttribute("errors", errors);
		model.addAttribute("params", params);
		model.addAttribute("labels", labels);
		model.addAttribute("settings", this.dashboard.settings());
		model.addAttribute("loyaltyLimit", SatisfactionFigures.LOYALTY_RESPONDENTS);
		model.addAttribute("surveys", this.dashboard.surveys());
		model.addAttribute("dimensions",
				SatisfactionDimension.FILTERS.stream().map(SatisfactionDimension::code).toList());
		Map<String, List<String>> values = new LinkedHashMap<>();
		SatisfactionDimension.FILTERS.forEach((d) -> values.put(d.code(), this.figures.values(d)));
		model.addAttribute("values", values);
		model.addAttribute("queryString", queryString(view.query(), choices));
		model.addAttribute("charts", charts(view, choices, labels));
		model.addAttribute("followUps", this.followUps.between(query.from(), query.to(), query.surveyId()));
		model.addAttribute("activePlans", this.plans.active());
		return (htmx != null && "results".equals(htmxTarget)) ? "survey/dashboard :: results" : "survey/dashboard";
	}

	@GetMapping("/{section}.csv")
	void csv(@PathVariable String section, @RequestParam Map<String, String> params, Locale locale,
			HttpServletResponse response) throws IOException {
		if (!SECTIONS.contains(section)) {
			throw new NotFoundException("survey.dashboard.error.section");
		}
		SatisfactionQuery query = this.parameters.query(params.get("from"), params.get("to"), params.get("surveyId"),
				params);
		Choices choices = choices(params, query);
		View view = view(query, choices);
		SatisfactionLabels labels = new SatisfactionLabels(this.messages, locale, this.dashboard.dimensionNames());
		List<List<String>> rows = rows(section, view, choices, labels);
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader("Content-Disposition",
				"attachment; filename=\"satisfaction-" + section + "-" + query.from() + "-" + query.to() + ".csv\"");
		Spreadsheets.write(ExportFormat.CSV, section, rows.get(0),
				(sink) -> rows.subList(1, rows.size())
					.forEach((row) -> sink.accept(row.stream().map(SatisfactionDashboardController::cell).toList())),
				response.getOutputStream());
	}

	private View view(SatisfactionQuery query, Choices choices) {
		return this.dashboard.view(query, choices.trend().equals("week") ? Grouping.WEEK : Grouping.MONTH,
				choices.target().equals("csat") ? Target.CSAT : Target.NPS,
				SatisfactionDimension.ofCode(choices.by()).orElseThrow());
	}

	private static Choices choices(Map<String, String> params, SatisfactionQuery query) {
		String trend = params.get("trend");
		if (!"week".equals(trend) && !"month".equals(trend)) {
			trend = (query.days() <= 92) ? "week" : "month";
		}
		String target = "csat".equals(params.get("target")) ? "csat" : "nps";
		String by = params.get("by");
		if (by == null || SatisfactionDimension.ofCode(by).filter(SatisfactionDimension.FILTERS::contains).isEmpty()) {
			by = SatisfactionDimension.CHANNEL.code();
		}
		return new Choices(trend, target, by);
	}

	private static String queryString(SatisfactionQuery q, Choices choices) {
		UriComponentsBuilder uri = UriComponentsBuilder.newInstance()
			.queryParam("from", q.from())
			.queryParam("to", q.to());
		if (q.surveyId() != null) {
			uri.queryParam("surveyId", q.surveyId());
		}
		q.filters().forEach((dim, value) -> uri.queryParam(dim.code(), value));
		uri.queryParam("trend", choices.trend()).queryParam("target", choices.target()).queryParam("by", choices.by());
		return uri.encode().build().getQuery();
	}

	// charts

	private Map<String, String> charts(View v, Choices choices, SatisfactionLabels labels) {
		Map<String, String> charts = new LinkedHashMap<>();
		List<String> trendKeys = v.trend().stream().map(Counts::key).toList();
		charts.put("trend",
				write(Map.of("type", "trend", "labels", trendKeys, "series",
						List.of(series(labels.text("survey.dashboard.nps"), "line", 0,
								v.trend().stream().map((c) -> (Object) round1(c.npsScore())).toList()),
								series(labels.text("survey.dashboard.csatPercent"), "line", 0,
										v.trend().stream().map((c) -> (Object) round1(c.csatScore())).toList()),
								series(labels.text("survey.dashboard.ces"), "line", 1,
										v.trend().stream().map((c) -> (Object) round2(c.cesScore())).toList())))));
		List<String> scale = new ArrayList<>();
		List<Object> histogram = new ArrayList<>();
		for (int i = 0; i <= 10; i++) {
			scale.add(String.valueOf(i));
			histogram.add(v.total().nps()[i]);
		}
		charts.put("distribution", write(Map.of("type", "histogram", "labels", scale, "series",
				List.of(series(labels.text("survey.dashboard.answers"), "bar", 0, histogram)))));
		charts.put("months", write(Map.of("type", "stack", "labels", v.months().stream().map(Counts::key).toList(),
				"series",
				List.of(series(labels.text("survey.dashboard.promoters"), "bar", 0,
						v.months().stream().map((c) -> (Object) percent(c.share(c.promoters()))).toList()),
						series(labels.text("survey.dashboard.passives"), "bar", 0,
								v.months().stream().map((c) -> (Object) percent(c.share(c.passives()))).toList()),
						series(labels.text("survey.dashboard.detractors"), "bar", 0,
								v.months().stream().map((c) -> (Object) percent(c.share(c.detractors()))).toList())))));
		List<Driver> drivers = v.drivers();
		charts.put("ratings",
				write(Map.of("type", "bars", "labels",
						drivers.stream().map((d) -> labels.rated(d.rating().dimension())).toList(), "series",
						List.of(series(labels.text("survey.dashboard.meanRating"), "bar", 0,
								drivers.stream().map((d) -> (Object) round2(d.rating().mean())).toList())))));
		List<Map<String, Object>> points = new ArrayList<>();
		for (Driver d : drivers) {
			if (d.rating().importance() != null) {
				Map<String, Object> point = new LinkedHashMap<>();
				point.put("name", labels.rated(d.rating().dimension()));
				point.put("x", round2(d.rating().importance()));
				point.put("y", round2(d.rating().mean()));
				point.put("priority", d.priority());
				points.add(point);
			}
		}
		Map<String, Object> matrix = new HashMap<>();
		matrix.put("type", "matrix");
		matrix.put("labels", points.stream().map((p) -> p.get("name")).toList());
		matrix.put("points", points);
		matrix.put("xLine", round2(v.importanceThreshold()));
		matrix.put("yLine", round2(v.performanceThreshold()));
		matrix.put("xName", labels.text("survey.dashboard.importance"));
		matrix.put("yName", labels.text("survey.dashboard.performance"));
		matrix.put("priorityName", labels.text("survey.dashboard.priorityQuadrant"));
		charts.put("matrix", write(matrix));
		charts.put("breakdown",
				write(Map.of("type", "bars", "labels",
						v.breakdown().stream().map((c) -> labels.value(choices.by(), c.key())).toList(), "series",
						List.of(series(labels.text("survey.dashboard.nps"), "bar", 0,
								v.breakdown().stream().map((c) -> (Object) round1(c.npsScore())).toList())))));
		return charts;
	}

	private static Map<String, Object> series(String name, String type, int axis, List<Object> data) {
		Map<String, Object> series = new LinkedHashMap<>();
		series.put("name", name);
		series.put("type", type);
		series.put("axis", axis);
		series.put("data", data);
		return series;
	}

	// CSV

	private List<List<String>> rows(String section, View v, Choices choices, SatisfactionLabels labels) {
		List<List<String>> rows = new ArrayList<>();
		switch (section) {
			case "trend" -> {
				rows.add(scoreHeader(labels, labels.text("survey.dashboard.period")));
				v.trend().forEach((c) -> rows.add(scoreRow(c.key(), c)));
			}
			case "breakdown" -> {
				rows.add(scoreHeader(labels, labels.text("survey.dashboard.filter." + choices.by())));
				v.breakdown().forEach((c) -> rows.add(scoreRow(labels.value(choices.by(), c.key()), c)));
			}
			case "distribution" -> {
				rows.add(List.of(labels.text("survey.dashboard.answer"), labels.text("survey.dashboard.answers")));
				for (int i = 0; i <= 10; i++) {
					rows.add(List.of(String.valueOf(i), String.valueOf(v.total().nps()[i])));
				}
			}
			case "months" -> {
				rows.add(List.of(labels.text("survey.dashboard.month"), labels.text("survey.dashboard.promoters"),
						labels.text("survey.dashboard.passives"), labels.text("survey.dashboard.detractors"),
						labels.text("survey.dashboard.npsAnswers")));
				v.months()
					.forEach((c) -> rows.add(List.of(c.key(), String.valueOf(c.promoters()),
							String.valueOf(c.passives()), String.valueOf(c.detractors()), String.valueOf(c.npsN()))));
			}
			case "drivers" -> {
				rows.add(List.of(labels.text("survey.dashboard.rank"), labels.text("survey.dashboard.dimension"),
						labels.text("survey.dashboard.ratings"), labels.text("survey.dashboard.performance"),
						labels.text("survey.dashboard.importance"), labels.text("survey.dashboard.pairs"),
						labels.text("survey.dashboard.priority")));
				v.drivers()
					.forEach((d) -> rows.add(List.of(String.valueOf(d.rank()), labels.rated(d.rating().dimension()),
							String.valueOf(d.rating().n()), plain(round2(d.rating().mean())),
							plain(round2(d.rating().importance())), String.valueOf(d.rating().pairs()),
							d.priority() ? labels.text("survey.dashboard.yes") : "")));
			}
			default -> {
				rows.add(List.of(labels.text("survey.dashboard.group"), labels.text("survey.dashboard.repurchaseBase"),
						labels.text("survey.dashboard.repurchased"), labels.text("survey.dashboard.churnBase"),
						labels.text("survey.dashboard.churned")));
				for (int i = 0; i < v.repurchase().size(); i++) {
					Loyalty r = v.repurchase().get(i);
					Loyalty c = v.retained().get(i);
					rows.add(List.of(
							labels.text((r.group() == null) ? "survey.dashboard.allRespondents"
									: "survey.dashboard.group." + r.group()),
							String.valueOf(r.respondents()), String.valueOf(r.ordered()),
							String.valueOf(c.respondents()), String.valueOf(c.respondents() - c.ordered())));
				}
			}
		}
		return rows;
	}

	private static List<String> scoreHeader(SatisfactionLabels labels, String first) {
		return List.of(first, labels.text("survey.dashboard.responses"), labels.text("survey.dashboard.nps"),
				labels.text("survey.dashboard.npsLow"), labels.text("survey.dashboard.npsHigh"),
				labels.text("survey.dashboard.promoters"), labels.text("survey.dashboard.passives"),
				labels.text("survey.dashboard.detractors"), labels.text("survey.dashboard.csatPercent"),
				labels.text("survey.dashboard.csatAnswers"), labels.text("survey.dashboard.ces"),
				labels.text("survey.dashboard.cesAnswers"));
	}

	private static List<String> scoreRow(String key, Counts c) {
		double[] ci = c.npsInterval();
		return List.of(key, String.valueOf(c.responses()), plain(round1(c.npsScore())),
				(ci != null) ? plain(round1(ci[0])) : "", (ci != null) ? plain(round1(ci[1])) : "",
				String.valueOf(c.promoters()), String.valueOf(c.passives()), String.valueOf(c.detractors()),
				plain(round1(c.csatScore())), String.valueOf(c.csatN()), plain(round2(c.cesScore())),
				String.valueOf(c.cesN()));
	}

	/** A cell as written: numbers as they are, text neutralised against formulas. */
	private static String cell(String value) {
		return (value == null || value.matches("-?\\d+(\\.\\d+)?(E-?\\d+)?")) ? value : Spreadsheets.neutralise(value);
	}

	private static String plain(Double value) {
		return (value == null) ? "" : String.valueOf(value);
	}

	static Double round1(Double value) {
		return (value == null) ? null : Math.round(value * 10) / 10.0;
	}

	static Double round2(Double value) {
		return (value == null) ? null : Math.round(value * 100) / 100.0;
	}

	private static Double percent(Double share) {
		return (share == null) ? null : Math.round(share * 1000) / 10.0;
	}

	private String write(Object value) {
		return this.json.writeValueAsString(value);
	}

}

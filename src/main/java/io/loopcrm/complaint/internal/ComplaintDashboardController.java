package io.loopcrm.complaint.internal;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.loopcrm.platform.ValidationException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The complaints dashboard page ({@code /complaints/dashboard}; the same figures as JSON
 * are {@code GET /api/v1/complaints/dashboard}) for a period of months
 * ({@code from}/{@code to} as {@code YYYY-MM}, default the last twelve months). Charts
 * are drawn from {@code data-chart} attributes by {@code complaint-dashboard.js}, each
 * with a table of the same figures beside it.
 */
@Controller
class ComplaintDashboardController {

	/** The longest period one page shows. */
	static final int MAX_MONTHS = 120;

	private final ComplaintDashboard dashboard;

	private final MessageSource messages;

	private final JsonMapper json;

	ComplaintDashboardController(ComplaintDashboard dashboard, MessageSource messages, JsonMapper json) {
		this.dashboard = dashboard;
		this.messages = messages;
		this.json = json;
	}

	@GetMapping("/complaints/dashboard")
	String show(@RequestParam(required = false) String from, @RequestParam(required = false) String to, Model model,
			Locale locale) {
		YearMonth[] period;
		try {
			period = period(this.dashboard, from, to);
		}
		catch (ValidationException ex) {
			model.addAttribute("periodError",
					this.messages.getMessage(ex.problems().get(0).messageKey(), ex.problems().get(0).args(), locale));
			period = this.dashboard.defaultPeriod();
		}
		ComplaintDashboard.Figures figures = this.dashboard.figures(period[0], period[1]);
		model.addAttribute("f", figures);
		model.addAttribute("charts", charts(figures, locale));
		return "complaint/dashboard";
	}

	/**
	 * The period asked for: months {@code YYYY-MM}, each defaulting to the last twelve
	 * months; at most {@link #MAX_MONTHS} months.
	 */
	static YearMonth[] period(ComplaintDashboard dashboard, String from, String to) {
		YearMonth[] period = dashboard.defaultPeriod();
		YearMonth start = month(from, "from", period[0]);
		YearMonth end = month(to, "to", period[1]);
		if (end.isBefore(start)) {
			throw ValidationException.of("to", "complaint.dashboard.toBeforeFrom");
		}
		if (start.plusMonths(MAX_MONTHS).isBefore(end.plusMonths(1))) {
			throw ValidationException.of("to", "complaint.dashboard.tooLong", MAX_MONTHS);
		}
		return new YearMonth[] { start, end };
	}

	private static YearMonth month(String text, String field, YearMonth fallback) {
		if (text == null || text.isBlank()) {
			return fallback;
		}
		try {
			return YearMonth.parse(text.trim());
		}
		catch (DateTimeParseException ex) {
			throw ValidationException.of(field, "complaint.dashboard.badMonth", text);
		}
	}

	private Map<String, String> charts(ComplaintDashboard.Figures f, Locale locale) {
		Map<String, String> charts = new LinkedHashMap<>();
		charts.put("monthly",
				write(Map.of("type", "combo", "labels",
						f.months().stream().map(ComplaintDashboard.MonthRow::month).toList(), "series",
						List.of(series(text("complaint.dash.cases", locale), "bar", 0,
								f.months().stream().map((m) -> (Object) m.cases()).toList()),
								series(text("complaint.dash.rate", locale), "line", 1,
										f.months().stream().map((m) -> (Object) m.rate()).toList())))));
		charts.put("category",
				bars(f.categories().stream().map((g) -> text("complaint.about." + g.key(), locale)).toList(),
						f.categories(), locale));
		List<String> causeLabels = f.causes().stream().map((g) -> text("complaint.cause." + g.key(), locale)).toList();
		List<Object> cumulative = new ArrayList<>();
		f.causes().forEach((g) -> cumulative.add(Math.round(g.cumulativeShare() * 1000) / 10.0));
		charts.put("pareto",
				write(Map.of("type", "pareto", "labels", causeLabels, "series",
						List.of(series(text("complaint.dash.cases", locale), "bar", 0,
								f.causes().stream().map((g) -> (Object) g.cases()).toList()),
								series(text("complaint.dash.cumulative", locale), "line", 1, cumulative)))));
		charts.put("product",
				bars(f.products().stream().map((g) -> (g.name() != null) ? g.key() + " " + g.name() : g.key()).toList(),
						f.products(), locale));
		charts.put("store",
				bars(f.stores().stream().map(ComplaintDashboard.GroupRow::key).toList(), f.stores(), locale));
		charts.put("steps",
				write(Map.of("type", "bars", "labels",
						f.steps().stream().map((s) -> text("complaint.action." + s.action(), locale)).toList(),
						"series", List.of(series(text("complaint.dash.avgHours", locale), "bar", 0,
								f.steps().stream().map((s) -> (Object) s.averageHours()).toList())))));
		return charts;
	}

	private String bars(List<String> labels, List<ComplaintDashboard.GroupRow> rows, Locale locale) {
		return write(
				Map.of("type", "bars", "labels", labels, "series", List.of(series(text("complaint.dash.cases", locale),
						"bar", 0, rows.stream().map((g) -> (Object) g.cases()).toList()))));
	}

	private static Map<String, Object> series(String name, String type, int axis, List<Object> data) {
		Map<String, Object> series = new LinkedHashMap<>();
		series.put("name", name);
		series.put("type", type);
		series.put("axis", axis);
		series.put("data", data);
		return series;
	}

	private String text(String key, Locale locale) {
		return this.messages.getMessage(key, null, key, locale);
	}

	private String write(Object value) {
		return this.json.writeValueAsString(value);
	}

}

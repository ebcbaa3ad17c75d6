package io.loopcrm.commerce.internal;

import io.loopcrm.platform.exports.Spreadsheets;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.loopcrm.commerce.internal.BuyingBehaviour.Cohort;
import io.loopcrm.commerce.internal.BuyingBehaviour.MonthRow;
import io.loopcrm.commerce.internal.BuyingBehaviour.Period;
import io.loopcrm.commerce.internal.BuyingBehaviour.Report;
import io.loopcrm.commerce.internal.BuyingBehaviour.Season;
import io.loopcrm.commerce.internal.BuyingBehaviour.Share;
import io.loopcrm.platform.NotFoundException;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The "Buying behaviour" page for managers: figures for a period of months (in the URL),
 * charts fed from {@code data-chart} attributes (drawn by
 * {@code js/buying-behaviour.js}), a table beside every chart and a CSV download per
 * section, and "refresh now".
 */
@Controller
@RequestMapping("/analytics/buying")
class BuyingBehaviourController {

	static final List<String> SECTIONS = List.of("monthly", "summary", "channel", "category", "region", "heatmap",
			"seasonality", "cohort");

	private final BuyingBehaviour buying;

	private final BuyingBehaviourRollup rollup;

	private final MessageSource messages;

	private final JsonMapper json;

	BuyingBehaviourController(BuyingBehaviour buying, BuyingBehaviourRollup rollup, MessageSource messages,
			JsonMapper json) {
		this.buying = buying;
		this.rollup = rollup;
		this.messages = messages;
		this.json = json;
	}

	@GetMapping
	String show(@RequestParam(required = false) String from, @RequestParam(required = false) String to, Locale locale,
			Model model) {
		Period period = period(from, to);
		Report report = this.buying.report(period);
		model.addAttribute("report", report);
		model.addAttribute("period", period);
		model.addAttribute("view", new BuyingView(locale));
		model.addAttribute("weekdays", weekdays(locale));
		model.addAttribute("monthNames",
				java.util.Arrays.stream(java.time.Month.values())
					.map((m) -> m.getDisplayName(TextStyle.FULL, locale))
					.toList());
		model.addAttribute("completeMonths", report.months().stream().filter((m) -> !m.partial()).count());
		model.addAttribute("zone", zoneName(locale));
		model.addAttribute("charts", charts(report, locale));
		return "commerce/buying";
	}

	@PostMapping("/refresh")
	String refresh(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			RedirectAttributes redirect) {
		this.rollup.refreshAll();
		redirect.addFlashAttribute("flash", "buying.refreshed");
		return "redirect:" + link(from, to);
	}

	@GetMapping("/{section}.csv")
	void csv(@PathVariable String section, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, Locale locale, HttpServletResponse response) throws IOException {
		if (!SECTIONS.contains(section)) {
			throw new NotFoundException("buying.csv.unknown");
		}
		Period period = period(from, to);
		Report report = this.buying.report(period);
		List<List<Object>> rows = rows(section, report, locale);
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader("Content-Disposition",
				"attachment; filename=\"buying-" + section + "-" + period.from() + "-" + period.to() + ".csv\"");
		Writer writer = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
		writer.write('\uFEFF');
		try (CSVPrinter printer = new CSVPrinter(writer, CSVFormat.DEFAULT)) {
			for (List<Object> row : rows) {
				List<Object> cells = new ArrayList<>();
				for (Object cell : row) {
					cells.add((cell instanceof String text) ? Spreadsheets.neutralise(text) : cell);
				}
				printer.printRecord(cells);
			}
		}
	}

	private Period period(String from, String to) {
		return this.buying.period(month(from), month(to));
	}

	private static YearMonth month(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return YearMonth.parse(value.trim());
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private static String link(String from, String to) {
		UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/analytics/buying");
		if (month(from) != null) {
			uri.queryParam("from", month(from));
		}
		if (month(to) != null) {
			uri.queryParam("to", month(to));
		}
		return uri.build().toUriString();
	}

	private String zoneName(Locale locale) {
		return this.buying.zone().getDisplayName(TextStyle.FULL, locale) + " (" + this.buying.zone().getId() + ")";
	}

	static List<String> weekdays(Locale locale) {
		List<String> names = new ArrayList<>();
		for (DayOfWeek day : DayOfWeek.values()) {
			names.add(day.getDisplayName(TextStyle.SHORT, locale));
		}
		return names;
	}

	private String msg(String key, Locale locale, Object... args) {
		return this.messages.getMessage(key, args, locale);
	}

	private String channelName(String channel, Locale locale) {
		return this.messages.getMessage("buying.channel." + channel, null, channel, locale);
	}

	private String categoryName(Share share, Locale locale) {
		return share.key().isEmpty() ? msg("buying.category.none", locale) : share.key();
	}

	private String regionName(Share share, Locale locale) {
		return share.key().isEmpty() ? msg("buying.region.unknown", locale) : share.key();
	}

	/** Chart data as JSON, by chart id, for the page's data-chart attributes. */
	private Map<String, String> charts(Report report, Locale locale) {
		Map<String, String> charts = new LinkedHashMap<>();
		List<String> months = report.months().stream().map((m) -> m.month().toString()).toList();
		charts.put("monthly",
				write(Map.of("type", "combo", "labels", months, "series",
						List.of(series(msg("buying.col.revenue", locale), "bar", 0,
								report.months().stream().map(MonthRow::revenue).toList()),
								series(msg("buying.col.orders", locale), "line", 1,
										report.months().stream().map(MonthRow::orders).toList())))));
		charts.put("channel", bars(report.channels().stream().map((s) -> channelName(s.key(), locale)).toList(),
				report.channels(), locale));
		List<Share> tops = report.categories().stream().filter((s) -> s.parent() == null).toList();
		charts.put("category", bars(tops.stream().map((s) -> categoryName(s, locale)).toList(), tops, locale));
		List<Share> regions = report.regions().stream().limit(15).toList();
		charts.put("region", bars(regions.stream().map((s) -> regionName(s, locale)).toList(), regions, locale));
		List<List<Long>> cells = new ArrayList<>();
		long max = 0;
		for (int day = 0; day < 7; day++) {
			for (int hour = 0; hour < 24; hour++) {
				long orders = report.heatmap()[day][hour];
				cells.add(List.of((long) hour, (long) day, orders));
				max = Math.max(max, orders);
			}
		}
		List<String> hours = new ArrayList<>();
		for (int hour = 0; hour < 24; hour++) {
			hours.add(String.valueOf(hour));
		}
		charts.put("heatmap", write(Map.of("type", "heatmap", "labels", hours, "yLabels", weekdays(locale), "max", max,
				"name", msg("buying.col.orders", locale), "cells", cells)));
		List<Season> seasons = report.seasonality();
		charts.put("seasonality", write(Map.of("type", "combo", "labels",
				seasons.stream().map((s) -> s.month().getDisplayName(TextStyle.SHORT, locale)).toList(), "series",
				List.of(series(msg("buying.season.revenue", locale), "bar", 0,
						seasons.stream().map((s) -> (s.years() > 0) ? s.revenue() : null).toList()),
						series(msg("buying.col.index", locale), "line", 1,
								seasons.stream()
									.map((s) -> Double.isNaN(s.index()) ? null : Math.round(s.index() * 10) / 10.0)
									.toList())))));
		return charts;
	}

	private String bars(List<String> labels, List<Share> shares, Locale locale) {
		return write(Map.of("type", "bars", "labels", labels, "series", List
			.of(series(msg("buying.col.revenue", locale), "bar", 0, shares.stream().map(Share::revenue).toList()))));
	}

	private static Map<String, Object> series(String name, String type, int axis, List<?> data) {
		Map<String, Object> series = new LinkedHashMap<>();
		series.put("name", name);
		series.put("type", type);
		series.put("axis", axis);
		series.put("data", data);
		return series;
	}

	private String write(Object value) {
		return this.json.writeValueAsString(value);
	}

	/** The rows (header first) of one section's CSV. */
	private List<List<Object>> rows(String section, Report report, Locale locale) {
		List<List<Object>> rows = new ArrayList<>();
		switch (section) {
			case "monthly" -> {
				rows.add(headers(locale, "month", "revenue", "orders", "customers", "aov", "sd", "min", "p10", "p25",
						"median", "p75", "p90", "max"));
				for (MonthRow m : report.months()) {
					rows.add(cells(m.month().toString(), m.revenue(), m.orders(), m.customers(), m.aov(), m.sd(),
							m.min(), m.p10(), m.p25(), m.median(), m.p75(), m.p90(), m.max()));
				}
			}
			case "summary" -> {
				rows.add(headers(locale, "measure", "n", "mean", "median", "sd", "p10", "p90"));
				report.summary()
					.forEach((measure, s) -> rows.add(cells(msg("buying.measure." + measure, locale), s.n(),
							number(s.mean()), number(s.median()), number(s.sd()), number(s.p10()), number(s.p90()))));
			}
			case "channel" -> {
				rows.add(headers(locale, "channel", "orders", "revenue", "share"));
				report.channels()
					.forEach((s) -> rows
						.add(cells(channelName(s.key(), locale), s.orders(), s.revenue(), number(s.share() * 100))));
			}
			case "category" -> {
				rows.add(headers(locale, "category", "parent", "orders", "revenue", "share"));
				report.categories()
					.forEach((s) -> rows.add(cells(categoryName(s, locale), (s.parent() != null) ? s.parent() : "",
							s.orders(), s.revenue(), number(s.share() * 100))));
			}
			case "region" -> {
				rows.add(headers(locale, "region", "orders", "revenue", "share"));
				report.regions()
					.forEach((s) -> rows
						.add(cells(regionName(s, locale), s.orders(), s.revenue(), number(s.share() * 100))));
			}
			case "heatmap" -> {
				List<Object> header = new ArrayList<>(headers(locale, "weekday"));
				for (int hour = 0; hour < 24; hour++) {
					header.add(String.valueOf(hour));
				}
				rows.add(header);
				List<String> days = weekdays(locale);
				for (int day = 0; day < 7; day++) {
					List<Object> row = new ArrayList<>();
					row.add(days.get(day));
					for (long orders : report.heatmap()[day]) {
						row.add(orders);
					}
					rows.add(row);
				}
			}
			case "seasonality" -> {
				rows.add(headers(locale, "calendarMonth", "years", "seasonRevenue", "seasonOrders", "index"));
				for (Season s : report.seasonality()) {
					rows.add(cells(s.month().getDisplayName(TextStyle.FULL, locale), s.years(), s.revenue(),
							number(s.orders()), number(s.index())));
				}
			}
			default -> {
				List<Object> header = new ArrayList<>(headers(locale, "cohort", "size"));
				for (int k = 0; k < BuyingBehaviour.COHORT_MONTHS; k++) {
					header.add(msg("buying.col.since", locale, String.valueOf(k)));
				}
				rows.add(header);
				for (Cohort c : report.cohorts()) {
					List<Object> row = new ArrayList<>(cells(c.first().toString(), c.size()));
					c.retention().forEach((r) -> row.add((r != null) ? number(r * 100) : ""));
					rows.add(row);
				}
			}
		}
		return rows;
	}

	private List<Object> headers(Locale locale, String... columns) {
		List<Object> headers = new ArrayList<>();
		for (String column : columns) {
			headers.add(msg("buying.col." + column, locale));
		}
		return headers;
	}

	private static List<Object> cells(Object... values) {
		List<Object> cells = new ArrayList<>();
		for (Object value : values) {
			cells.add((value != null) ? value : "");
		}
		return cells;
	}

	/** Plain number for CSV: 2 decimals, empty when undefined. */
	private static Object number(double value) {
		return Double.isNaN(value) ? "" : BigDecimal.valueOf(value).setScale(2, java.math.RoundingMode.HALF_UP);
	}

}

package io.loopcrm.survey.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.loopcrm.platform.ValidationException;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/satisfaction/summary?from=&to=&surveyId=&groupBy=} for managers:
 * NPS, CSAT and CES with their 95 % intervals per month, week, channel, segment, store,
 * category or lifecycle stage (no {@code groupBy}: one group {@code all}), read from the
 * rollups. Groups without responses are left out; a score is {@code null} where the group
 * has no answer of its kind. Scores and intervals are rounded to two decimals.
 */
@RestController
class SatisfactionApiController {

	private final SatisfactionFigures figures;

	private final SatisfactionParameters parameters;

	SatisfactionApiController(SatisfactionFigures figures, SatisfactionParameters parameters) {
		this.figures = figures;
		this.parameters = parameters;
	}

	@GetMapping("/api/v1/satisfaction/summary")
	Map<String, Object> summary(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(required = false) String surveyId, @RequestParam(required = false) String groupBy,
			@RequestParam Map<String, String> all) {
		SatisfactionQuery query = this.parameters.query(from, to, surveyId, all);
		List<SatisfactionFigures.Counts> rows = groups(query, groupBy);
		List<Map<String, Object>> groups = new ArrayList<>();
		for (SatisfactionFigures.Counts c : rows) {
			if (c.responses() == 0) {
				continue;
			}
			Map<String, Object> g = new LinkedHashMap<>();
			g.put("key", c.key());
			g.put("n", c.responses());
			g.put("nps", round(c.npsScore()));
			g.put("npsCi", round(c.npsInterval()));
			g.put("promoters", c.promoters());
			g.put("passives", c.passives());
			g.put("detractors", c.detractors());
			g.put("csat", round(c.csatScore()));
			g.put("csatCi", round(c.csatInterval()));
			g.put("ces", round(c.cesScore()));
			groups.add(g);
		}
		return Map.of("groups", groups);
	}

	private List<SatisfactionFigures.Counts> groups(SatisfactionQuery query, String groupBy) {
		if (groupBy == null || groupBy.isBlank()) {
			SatisfactionFigures.Counts total = this.figures.total(query);
			return List.of(total);
		}
		return switch (groupBy.trim()) {
			case "month" -> this.figures.counts(query, SatisfactionFigures.Grouping.MONTH);
			case "week" -> this.figures.counts(query, SatisfactionFigures.Grouping.WEEK);
			default -> this.figures.counts(query, SatisfactionDimension.ofCode(groupBy.trim())
				.filter(SatisfactionDimension.FILTERS::contains)
				.orElseThrow(() -> ValidationException.of("groupBy", "survey.dashboard.error.groupBy", groupBy)));
		};
	}

	static Double round(Double value) {
		return (value == null) ? null : BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).doubleValue();
	}

	static List<Double> round(double[] interval) {
		return (interval == null) ? null : List.of(round(interval[0]), round(interval[1]));
	}

}

package io.loopcrm.segmentation.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.loopcrm.platform.LocalizedException;
import io.loopcrm.platform.ValidationException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The clusters page (MANAGER): the latest cluster run (silhouette per k, clusters with
 * size, centroid and description, two charts with tables beside them) and "run" with a k
 * or the suggested one; and the decision-rules page: pick a target, depth and leaf size,
 * read the rules.
 */
@Controller
@RequestMapping("/segmentation")
class ClustersController {

	private final CustomerClusters clusters;

	private final DecisionRules rules;

	private final SegmentationWording wording;

	private final MessageSource messages;

	private final JsonMapper json;

	ClustersController(CustomerClusters clusters, DecisionRules rules, SegmentationWording wording,
			MessageSource messages, JsonMapper json) {
		this.clusters = clusters;
		this.rules = rules;
		this.wording = wording;
		this.messages = messages;
		this.json = json;
	}

	@GetMapping("/clusters")
	String clusters(Model model) {
		CustomerClusters.Run run = this.clusters.latest().orElse(null);
		model.addAttribute("run", run);
		List<Integer> ks = new ArrayList<>();
		for (int k = CustomerClusters.MIN_K; k <= CustomerClusters.MAX_K; k++) {
			ks.add(k);
		}
		model.addAttribute("ks", ks);
		if (run != null) {
			model.addAttribute("silhouetteChart", silhouetteChart(run));
			model.addAttribute("profileChart", profileChart(run));
		}
		return "segmentation/clusters";
	}

	@PostMapping("/clusters")
	String runClusters(@RequestParam(required = false) String k, RedirectAttributes redirect, Locale locale) {
		try {
			Integer chosen = null;
			if (k != null && !k.isBlank() && !k.equals("suggest")) {
				try {
					chosen = Integer.valueOf(k.strip());
				}
				catch (NumberFormatException ex) {
					throw ValidationException.of("k", "segmentation.clusters.badK", CustomerClusters.MIN_K,
							CustomerClusters.MAX_K);
				}
			}
			CustomerClusters.Run run = this.clusters.run(chosen);
			redirect.addFlashAttribute("flash", "segmentation.clusters.done");
			redirect.addFlashAttribute("flashArg", String.valueOf(run.k()));
		}
		catch (ValidationException ex) {
			ValidationException.FieldProblem problem = ex.problems().get(0);
			redirect.addFlashAttribute("clusterError",
					this.messages.getMessage(problem.messageKey(), problem.args(), problem.messageKey(), locale));
		}
		catch (LocalizedException ex) {
			redirect.addFlashAttribute("clusterError", ex.localizedMessage(this.messages, locale));
		}
		return "redirect:/segmentation/clusters";
	}

	@GetMapping("/tree")
	String tree(@RequestParam(required = false) String target, @RequestParam(required = false) String maxDepth,
			@RequestParam(required = false) String minLeaf, Model model, Locale locale) {
		model.addAttribute("targets", DecisionRules.targets());
		List<Integer> depths = new ArrayList<>();
		for (int d = DecisionRules.MIN_DEPTH; d <= DecisionRules.MAX_DEPTH; d++) {
			depths.add(d);
		}
		model.addAttribute("depths", depths);
		Map<String, String> form = new LinkedHashMap<>();
		form.put("target", (target != null) ? target : "CHURNED");
		form.put("maxDepth", (maxDepth != null && !maxDepth.isBlank()) ? maxDepth.strip()
				: String.valueOf(DecisionRules.DEFAULT_DEPTH));
		form.put("minLeaf", (minLeaf != null) ? minLeaf.strip() : "");
		model.addAttribute("form", form);
		if (target == null) {
			return "segmentation/tree";
		}
		try {
			Integer depth = number("maxDepth", form.get("maxDepth"), "segmentation.tree.badDepth",
					DecisionRules.MIN_DEPTH, DecisionRules.MAX_DEPTH);
			Integer leaf = number("minLeaf", form.get("minLeaf"), "segmentation.tree.badMinLeaf");
			model.addAttribute("result", this.rules.explain(target, depth, leaf));
		}
		catch (ValidationException ex) {
			Map<String, String> errors = new LinkedHashMap<>();
			for (ValidationException.FieldProblem problem : ex.problems()) {
				errors.put(problem.field(),
						this.messages.getMessage(problem.messageKey(), problem.args(), problem.messageKey(), locale));
			}
			model.addAttribute("errors", errors);
		}
		catch (LocalizedException ex) {
			model.addAttribute("error", ex.localizedMessage(this.messages, locale));
		}
		return "segmentation/tree";
	}

	private static Integer number(String field, String text, String key, Object... args) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return Integer.valueOf(text);
		}
		catch (NumberFormatException ex) {
			throw ValidationException.of(field, key, args);
		}
	}

	/** Silhouette per k, a line. */
	private String silhouetteChart(CustomerClusters.Run run) {
		Map<String, Object> chart = new LinkedHashMap<>();
		chart.put("type", "line");
		chart.put("labels", run.silhouettes().keySet().stream().map(String::valueOf).toList());
		chart.put("name", this.messages.getMessage("segmentation.clusters.silhouette", null,
				org.springframework.context.i18n.LocaleContextHolder.getLocale()));
		chart.put("data", run.silhouettes().values().stream().map((s) -> Math.round(s * 1000) / 1000.0).toList());
		chart.put("mark", String.valueOf(run.k()));
		return this.json.writeValueAsString(chart);
	}

	/**
	 * The clusters' centroids in standard deviations from the average customer, one bar
	 * series per cluster over the features.
	 */
	private String profileChart(CustomerClusters.Run run) {
		Map<String, Object> chart = new LinkedHashMap<>();
		chart.put("type", "profile");
		chart.put("labels", run.features().stream().map(this.wording::feature).toList());
		List<Map<String, Object>> series = new ArrayList<>();
		for (CustomerClusters.Cluster cluster : run.clusters()) {
			Map<String, Object> one = new LinkedHashMap<>();
			one.put("name", this.messages.getMessage("segmentation.clusters.cluster", new Object[] { cluster.number() },
					org.springframework.context.i18n.LocaleContextHolder.getLocale()));
			one.put("data", cluster.z().stream().map((z) -> Math.round(z * 100) / 100.0).toList());
			series.add(one);
		}
		chart.put("series", series);
		return this.json.writeValueAsString(chart);
	}

}

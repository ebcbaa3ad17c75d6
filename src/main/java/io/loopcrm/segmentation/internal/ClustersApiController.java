package io.loopcrm.segmentation.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.loopcrm.platform.NotFoundException;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/segmentation/clusters} (optional {@code {"k":4}}; without k the
 * silhouette suggests one) answers with the finished run; {@code GET
 * /api/v1/segmentation/clusters} the latest run; {@code POST
 * /api/v1/segmentation/tree} ({@code {"target":"CHURNED","maxDepth":3,"minLeaf":20}}) the
 * decision rules for the target.
 */
@RestController
@RequestMapping("/api/v1/segmentation")
class ClustersApiController {

	private final CustomerClusters clusters;

	private final DecisionRules rules;

	private final SegmentationWording wording;

	ClustersApiController(CustomerClusters clusters, DecisionRules rules, SegmentationWording wording) {
		this.clusters = clusters;
		this.rules = rules;
		this.wording = wording;
	}

	record ClusterRequest(Integer k) {
	}

	record TreeRequest(String target, Integer maxDepth, Integer minLeaf) {
	}

	@PostMapping("/clusters")
	Map<String, Object> run(@RequestBody(required = false) ClusterRequest request) {
		return json(this.clusters.run((request != null) ? request.k() : null));
	}

	@GetMapping("/clusters")
	Map<String, Object> latest() {
		return json(this.clusters.latest().orElseThrow(() -> new NotFoundException("segmentation.clusters.noRun")));
	}

	@PostMapping("/tree")
	Map<String, Object> tree(@RequestBody(required = false) TreeRequest request) {
		TreeRequest r = (request != null) ? request : new TreeRequest(null, null, null);
		return json(this.rules.explain(r.target(), r.maxDepth(), r.minLeaf()));
	}

	Map<String, Object> json(CustomerClusters.Run run) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("id", run.id());
		body.put("asOf", run.asOf().toString());
		body.put("k", run.k());
		body.put("suggested", run.suggested());
		body.put("silhouette", round(run.silhouette(), 4));
		body.put("customers", run.customers());
		Map<String, Object> silhouettes = new LinkedHashMap<>();
		run.silhouettes().forEach((k, s) -> silhouettes.put(String.valueOf(k), round(s, 4)));
		body.put("silhouettes", silhouettes);
		body.put("features", run.features().stream().map(ClustersApiController::featureKey).toList());
		List<Map<String, Object>> clusters = new ArrayList<>();
		for (CustomerClusters.Cluster cluster : run.clusters()) {
			Map<String, Object> one = new LinkedHashMap<>();
			one.put("cluster", cluster.number());
			one.put("size", cluster.size());
			one.put("share", round(cluster.share(), 4));
			Map<String, Object> centroid = new LinkedHashMap<>();
			Map<String, Object> categories = new LinkedHashMap<>();
			for (int f = 0; f < run.features().size(); f++) {
				CustomerClusters.Feature feature = run.features().get(f);
				double value = cluster.value(f);
				if (feature.isCategory()) {
					categories.put(feature.label(), round(value, 4));
				}
				else {
					centroid.put(featureKey(feature), round(value, 2));
				}
			}
			centroid.put("categoryShares", categories);
			one.put("centroid", centroid);
			one.put("description", this.wording.description(cluster));
			clusters.add(one);
		}
		body.put("clusters", clusters);
		body.put("silhouetteSample", run.silhouetteSample());
		body.put("fitted", run.fitted());
		body.put("startedBy", run.startedBy());
		body.put("finishedAt", run.finishedAt().toString());
		body.put("seconds", round(run.seconds(), 3));
		return body;
	}

	/** API names: recencyDays, frequency, monetary, averageOrderValue, tenureDays. */
	static String featureKey(CustomerClusters.Feature feature) {
		if (feature.isCategory()) {
			return "share:" + feature.label();
		}
		return switch (feature.name()) {
			case "recency" -> "recencyDays";
			case "order_value" -> "averageOrderValue";
			case "tenure" -> "tenureDays";
			default -> feature.name();
		};
	}

	Map<String, Object> json(DecisionRules.Result result) {
		Map<String, Object> body = new LinkedHashMap<>();
		DecisionTree.Model model = result.model();
		body.put("target", result.target());
		body.put("targetName", this.wording.target(result.target()));
		body.put("asOf", result.run().asOf().toString());
		body.put("customers", result.rows());
		body.put("targetCustomers", result.targetRows());
		body.put("maxDepth", result.maxDepth());
		body.put("minLeaf", model.minLeaf());
		body.put("trainRows", model.trainRows());
		body.put("heldOutRows", model.heldOutRows());
		body.put("heldOutAccuracy", round(model.heldOutAccuracy(), 4));
		body.put("baselineAccuracy", round(model.baselineAccuracy(), 4));
		body.put("heldOutTargetFound", round(model.targetFound(), 4));
		body.put("features", result.features().stream().map((f) -> apiFeature(f, result)).toList());
		body.put("excludedFeatures", result.excluded().stream().map((f) -> apiFeature(f, result)).toList());
		List<Map<String, Object>> rules = new ArrayList<>();
		for (DecisionTree.Rule rule : model.rules()) {
			Map<String, Object> one = new LinkedHashMap<>();
			List<Map<String, Object>> conditions = new ArrayList<>();
			for (DecisionTree.Clause clause : rule.clauses()) {
				Map<String, Object> condition = new LinkedHashMap<>();
				condition.put("feature", apiFeature(clause.feature(), result));
				if (clause.categorical()) {
					if (clause.equals() != null) {
						condition.put("equals", clause.equals());
					}
					else {
						condition.put("notIn", clause.notEquals());
					}
				}
				else {
					if (clause.atLeast() != null) {
						condition.put("atLeast", clause.atLeast());
					}
					if (clause.below() != null) {
						condition.put("below", clause.below());
					}
				}
				conditions.add(condition);
			}
			one.put("if", conditions);
			one.put("then", rule.predictsTarget() ? result.target() : "NOT_" + result.target());
			one.put("text", this.wording.conditions(rule, result.categoryNames()) + " → "
					+ this.wording.prediction(result.target(), rule.predictsTarget()));
			one.put("support", rule.support());
			one.put("targetShare", round(rule.targetShare(), 4));
			one.put("heldOut", rule.heldOut());
			one.put("accuracy", round(rule.accuracy(), 4));
			rules.add(one);
		}
		body.put("rules", rules);
		return body;
	}

	/** Category shares as {@code share:<category name>}, the rest by their own name. */
	private static String apiFeature(String name, DecisionRules.Result result) {
		if (name.startsWith("category:")) {
			return "share:" + result.categoryNames().get(name);
		}
		return switch (name) {
			case "recency" -> "recencyDays";
			case "order_value" -> "averageOrderValue";
			case "tenure" -> "tenureDays";
			case "age_band" -> "ageBand";
			case "source_channel" -> "sourceChannel";
			default -> name;
		};
	}

	private static Double round(Double value, int decimals) {
		if (value == null) {
			return null;
		}
		double scale = Math.pow(10, decimals);
		return Math.round(value * scale) / scale;
	}

}

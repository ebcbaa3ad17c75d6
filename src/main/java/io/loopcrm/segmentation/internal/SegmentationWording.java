package io.loopcrm.segmentation.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.loopcrm.platform.Formats;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Clusters and decision rules in the user's language: feature names, values in their
 * units, rule conditions and cluster descriptions. Pages call it as
 * {@code ${@segmentationWording.…}}, the API through the same methods.
 */
@Component("segmentationWording")
public class SegmentationWording {

	private final MessageSource messages;

	private final Formats formats;

	SegmentationWording(MessageSource messages, Formats formats) {
		this.messages = messages;
		this.formats = formats;
	}

	/** A cluster's description, e.g. "Buy often, small baskets, mostly 茶饮". */
	public String description(CustomerClusters.Cluster cluster) {
		return ClusterDescription.text(cluster.traits(), this.messages, locale());
	}

	/** A feature's name: "Days since the last purchase", "Share of 茶饮". */
	public String feature(String name, String categoryName) {
		if (categoryName != null || name.startsWith("category")) {
			return text("segmentation.feature.category", categoryName);
		}
		return text("segmentation.feature." + name);
	}

	/** A cluster run's feature name. */
	public String feature(CustomerClusters.Feature feature) {
		return feature(feature.name(), feature.label());
	}

	/** A value of a feature in its unit: days, orders, money or a share. */
	public String value(String name, double value) {
		if (name.startsWith("category")) {
			return this.formats.percent(value);
		}
		return switch (name) {
			case "monetary", "spend", "order_value" ->
				this.formats.money(BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP));
			case "frequency", "orders" -> this.formats.decimal(value, 1);
			default -> this.formats.decimal(value, 0);
		};
	}

	/**
	 * A threshold of a rule: as a value, with a few more decimals where it needs them.
	 */
	public String threshold(String name, double value) {
		if (name.startsWith("category")) {
			return this.formats.decimal(value * 100, 2) + "%";
		}
		return switch (name) {
			case "monetary", "spend", "order_value" ->
				this.formats.money(BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP));
			default -> this.formats.decimal(value, 2);
		};
	}

	/** A value of a customer attribute: a gender, source channel, age band or region. */
	public String attribute(String name, String value) {
		if (value == null) {
			return text("segmentation.tree.unknown");
		}
		return switch (name) {
			case "gender" -> text("customer.gender." + value);
			case "source_channel" -> text("customer.source." + value);
			default -> value;
		};
	}

	/** A target's name: "Churned (against active)", "RFM segment Champions". */
	public String target(String target) {
		if (target.startsWith("RFM_")) {
			return text("segmentation.tree.target.RFM", text("segmentation.rfm." + target.substring(4)));
		}
		return text("segmentation.tree.target." + target);
	}

	/** What a rule predicts: the target, or "not" the target. */
	public String prediction(String target, boolean predictsTarget) {
		String name = targetShort(target);
		return predictsTarget ? name : text("segmentation.tree.not", name);
	}

	private String targetShort(String target) {
		if (target.startsWith("RFM_")) {
			return text("segmentation.rfm." + target.substring(4));
		}
		return text("segmentation.tree.short." + target);
	}

	/** A rule's conditions as one phrase ("orders < 2 and share of 茶饮 ≥ 50%"). */
	public String conditions(DecisionTree.Rule rule, Map<String, String> categoryNames) {
		String text = null;
		for (DecisionTree.Clause clause : rule.clauses()) {
			String part = condition(clause, categoryNames);
			text = (text == null) ? part : text("segmentation.tree.and", text, part);
		}
		return (text != null) ? text : text("segmentation.tree.always");
	}

	/** One condition. */
	public String condition(DecisionTree.Clause clause, Map<String, String> categoryNames) {
		String name = clause.feature();
		String feature = feature(name, categoryNames.get(name));
		if (clause.categorical()) {
			if (clause.equals() != null) {
				return text("segmentation.tree.equals", feature, attribute(name, clause.equals()));
			}
			String values = null;
			for (String value : clause.notEquals()) {
				String part = attribute(name, value);
				values = (values == null) ? part : text("segmentation.clusters.and", values, part);
			}
			return text("segmentation.tree.notEquals", feature, values);
		}
		if (clause.atLeast() != null && clause.below() != null) {
			return text("segmentation.tree.between", feature, threshold(name, clause.atLeast()),
					threshold(name, clause.below()));
		}
		if (clause.atLeast() != null) {
			return text("segmentation.tree.atLeast", feature, threshold(name, clause.atLeast()));
		}
		return text("segmentation.tree.below", feature, threshold(name, clause.below()));
	}

	/** The features left out, as a phrase. */
	public String features(List<String> names, Map<String, String> categoryNames) {
		String text = null;
		for (String name : names) {
			String part = feature(name, categoryNames.get(name));
			text = (text == null) ? part : text("segmentation.clusters.and", text, part);
		}
		return (text != null) ? text : "";
	}

	private String text(String key, Object... args) {
		return this.messages.getMessage(key, args, locale());
	}

	private static Locale locale() {
		return LocaleContextHolder.getLocale();
	}

}

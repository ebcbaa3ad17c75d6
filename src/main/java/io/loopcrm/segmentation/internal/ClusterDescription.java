package io.loopcrm.segmentation.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;

/**
 * A cluster in plain words ("buy often, small baskets, mostly 茶饮"), from its centroid:
 * <ul>
 * <li>a behaviour feature is named when the centroid lies at least {@value #NOTABLE}
 * standard deviations (on the standardised, log scale) above or below the mean of all
 * clustered customers; the {@value #MAX_BEHAVIOUR} farthest are named, farthest
 * first;</li>
 * <li>then the category with the largest share of the centroid: "mostly" from
 * {@value #MOSTLY} of the spend, "often" from {@value #OFTEN};</li>
 * <li>a cluster with none of these is "close to the average customer".</li>
 * </ul>
 */
public final class ClusterDescription {

	static final double NOTABLE = 0.5;

	static final int MAX_BEHAVIOUR = 3;

	static final double MOSTLY = 0.5;

	static final double OFTEN = 0.3;

	private ClusterDescription() {
	}

	/**
	 * A part of a description.
	 *
	 * @param key message key under {@code segmentation.clusters.trait.}
	 * @param argument the category's name, for category traits
	 */
	public record Trait(String key, String argument) {
	}

	static List<Trait> traits(List<CustomerClusters.Feature> features, List<Double> values, List<Double> z) {
		List<Integer> notable = new ArrayList<>();
		int topCategory = -1;
		for (int f = 0; f < features.size(); f++) {
			if (features.get(f).isCategory()) {
				if (topCategory < 0 || values.get(f) > values.get(topCategory)) {
					topCategory = f;
				}
			}
			else if (Math.abs(z.get(f)) >= NOTABLE) {
				notable.add(f);
			}
		}
		notable.sort(Comparator.comparingDouble((Integer f) -> -Math.abs(z.get(f))));
		List<Trait> traits = new ArrayList<>();
		for (int f : notable.subList(0, Math.min(MAX_BEHAVIOUR, notable.size()))) {
			traits.add(new Trait(features.get(f).name() + ((z.get(f) > 0) ? ".high" : ".low"), null));
		}
		if (topCategory >= 0 && values.get(topCategory) >= OFTEN) {
			traits.add(new Trait((values.get(topCategory) >= MOSTLY) ? "mostly" : "often",
					features.get(topCategory).label()));
		}
		if (traits.isEmpty()) {
			traits.add(new Trait("average", null));
		}
		return List.copyOf(traits);
	}

	/** The traits as one phrase in the language, starting with a capital. */
	static String text(List<Trait> traits, MessageSource messages, Locale locale) {
		String text = null;
		for (Trait trait : traits) {
			String part = messages.getMessage("segmentation.clusters.trait." + trait.key(),
					new Object[] { trait.argument() }, locale);
			text = (text == null) ? part
					: messages.getMessage("segmentation.clusters.and", new Object[] { text, part }, locale);
		}
		if (text == null || text.isEmpty()) {
			return "";
		}
		return text.substring(0, 1).toUpperCase(locale) + text.substring(1);
	}

}

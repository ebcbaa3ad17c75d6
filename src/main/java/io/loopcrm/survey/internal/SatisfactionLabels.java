package io.loopcrm.survey.internal;

import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;

/**
 * Display names of dimension values and rated dimensions in the reader's language: a
 * channel by {@code survey.channel.<code>}, an RFM segment by
 * {@code segmentation.rfm.<code>}, a lifecycle stage by {@code customer.stage.<code>}, a
 * rated dimension by {@code survey.dimension.<code>} or its name; stores and categories
 * as they are. Unknown keys fall back to the value itself.
 */
final class SatisfactionLabels {

	private final MessageSource messages;

	private final Locale locale;

	private final Map<String, String> dimensionNames;

	SatisfactionLabels(MessageSource messages, Locale locale, Map<String, String> dimensionNames) {
		this.messages = messages;
		this.locale = locale;
		this.dimensionNames = dimensionNames;
	}

	/**
	 * The label of a value of a filter dimension ({@code channel}, {@code segment} …).
	 */
	public String value(String dimension, String value) {
		if (value == null) {
			return "";
		}
		String prefix = switch (dimension) {
			case "channel" -> "survey.channel.";
			case "segment" -> "segmentation.rfm.";
			case "stage" -> "customer.stage.";
			default -> null;
		};
		return (prefix != null) ? this.messages.getMessage(prefix + value, null, value, this.locale) : value;
	}

	/** The name of a rated dimension. */
	public String rated(String code) {
		return this.messages.getMessage("survey.dimension." + code, null, this.dimensionNames.getOrDefault(code, code),
				this.locale);
	}

	/** A change with its sign ({@code +3.2}, {@code −1.5}), {@code null} as empty. */
	public String signed(Double value, int decimals) {
		if (value == null) {
			return "";
		}
		java.text.NumberFormat format = java.text.NumberFormat.getNumberInstance(this.locale);
		format.setMaximumFractionDigits(decimals);
		format.setMinimumFractionDigits(decimals);
		String text = format.format(Math.abs(value));
		return ((value > 0) ? "+" : (value < 0) ? "−" : "±") + text;
	}

	/** A message. */
	public String text(String key, Object... args) {
		return this.messages.getMessage(key, args, key, this.locale);
	}

}

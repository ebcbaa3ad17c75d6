package io.loopcrm.commerce.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.util.Locale;

/**
 * Number formatting the buying-behaviour page needs beyond {@code @fmt}: statistics that
 * may be undefined (shown as a dash), one-decimal figures, percentages and a 0-100 shade
 * for the cohort cells.
 */
public class BuyingView {

	private static final String UNDEFINED = "–";

	private final Locale locale;

	BuyingView(Locale locale) {
		this.locale = locale;
	}

	/** A double as money-like BigDecimal (2 decimals) for {@code @fmt.money}, or null. */
	public BigDecimal amount(double value) {
		return Double.isNaN(value) ? null : BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP);
	}

	public String decimal(double value) {
		if (Double.isNaN(value)) {
			return UNDEFINED;
		}
		NumberFormat format = NumberFormat.getNumberInstance(this.locale);
		format.setMinimumFractionDigits(1);
		format.setMaximumFractionDigits(1);
		return format.format(value);
	}

	public String percent(Double share) {
		if (share == null || share.isNaN()) {
			return UNDEFINED;
		}
		NumberFormat format = NumberFormat.getPercentInstance(this.locale);
		format.setMinimumFractionDigits(1);
		format.setMaximumFractionDigits(1);
		return format.format(share);
	}

	/** Background opacity (0-100 in steps of 10) of a cohort cell. */
	public int shade(Double share) {
		return (share == null) ? 0 : (int) Math.min(100, Math.round(share * 10) * 10);
	}

	public String orDash(String text) {
		return (text == null || text.isEmpty()) ? UNDEFINED : text;
	}

}

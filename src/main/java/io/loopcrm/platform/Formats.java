package io.loopcrm.platform;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.Locale;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Formatting for templates ({@code ${@fmt.money(order.total)}}): dates, timestamps in the
 * configured zone and money in the configured currency, each for the user's language.
 */
@Component("fmt")
public class Formats {

	private final LoopCrmProperties properties;

	public Formats(LoopCrmProperties properties) {
		this.properties = properties;
	}

	public String dateTime(Instant instant) {
		if (instant == null) {
			return "";
		}
		return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
			.withLocale(locale())
			.withZone(this.properties.zone())
			.format(instant);
	}

	public String date(LocalDate date) {
		return (date != null) ? DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale()).format(date)
				: "";
	}

	public String money(BigDecimal amount) {
		if (amount == null) {
			return "";
		}
		Currency currency = this.properties.currency();
		NumberFormat format = NumberFormat.getCurrencyInstance(locale());
		format.setCurrency(currency);
		format.setMinimumFractionDigits(currency.getDefaultFractionDigits());
		format.setMaximumFractionDigits(currency.getDefaultFractionDigits());
		return format.format(amount);
	}

	public String number(Number value) {
		return (value != null) ? NumberFormat.getNumberInstance(locale()).format(value) : "";
	}

	/** The day of an instant in the configured zone. */
	public String day(Instant instant) {
		return (instant != null) ? date(instant.atZone(this.properties.zone()).toLocalDate()) : "";
	}

	/** A share as a percentage with at most one decimal, e.g. 0.125 as 12.5%. */
	public String percent(Number share) {
		if (share == null) {
			return "";
		}
		NumberFormat format = NumberFormat.getPercentInstance(locale());
		format.setMaximumFractionDigits(1);
		return format.format(share.doubleValue());
	}

	/** A number with at most this many decimals. */
	public String decimal(Number value, int decimals) {
		if (value == null) {
			return "";
		}
		NumberFormat format = NumberFormat.getNumberInstance(locale());
		format.setMaximumFractionDigits(decimals);
		return format.format(value);
	}

	public String currencyCode() {
		return this.properties.currency().getCurrencyCode();
	}

	private static Locale locale() {
		return LocaleContextHolder.getLocale();
	}

}

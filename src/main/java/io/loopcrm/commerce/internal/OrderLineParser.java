package io.loopcrm.commerce.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.function.Function;

/**
 * Checks and normalises one order line of an import or of the point-of-sale API, with the
 * same rules for both. Problems are reported per column with a message key and its
 * arguments; nothing here touches the database.
 */
final class OrderLineParser {

	static final BigDecimal MAX_QUANTITY = new BigDecimal("999999999.999");

	static final BigDecimal MAX_PRICE = new BigDecimal("9999999999.9999");

	static final BigDecimal MAX_AMOUNT = new BigDecimal("999999999999.99");

	private static final DateTimeFormatter ORDERED_AT = new DateTimeFormatterBuilder().appendPattern("uuuu-M-d")
		.optionalStart()
		.optionalStart()
		.appendLiteral('T')
		.optionalEnd()
		.optionalStart()
		.appendLiteral(' ')
		.optionalEnd()
		.appendPattern("H:mm")
		.optionalStart()
		.appendPattern(":ss")
		.optionalEnd()
		.optionalStart()
		.appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
		.optionalEnd()
		.optionalStart()
		.appendOffset("+HH:MM", "Z")
		.optionalEnd()
		.optionalEnd()
		.toFormatter()
		.withResolverStyle(ResolverStyle.STRICT);

	private final ZoneId zone;

	/** The lines of an order repeat its time: the last one parsed is kept. */
	private String lastTime;

	private Instant lastInstant;

	OrderLineParser(ZoneId zone) {
		this.zone = zone;
	}

	/** A problem of one cell. */
	record Problem(OrderColumn column, String messageKey, Object... args) {
	}

	/** A checked line, ready to stage. */
	record Line(String customerExternalId, String orderNumber, Instant orderedAt, String sku, String productName,
			String category, String subcategory, BigDecimal quantity, BigDecimal unitPrice, BigDecimal amount,
			SalesChannel channel, OrderStatus status, String store, BigDecimal listPrice) {
	}

	/**
	 * Checks one line.
	 * @param cells the line's values by column, {@code null} when empty or absent
	 * @param problems where problems are added
	 * @return the line, or {@code null} when it has problems
	 */
	Line parse(Function<OrderColumn, String> cells, List<Problem> problems) {
		int before = problems.size();
		String customer = text(cells, OrderColumn.CUSTOMER_EXTERNAL_ID, 64, problems);
		String orderNumber = text(cells, OrderColumn.ORDER_ID, 64, problems);
		String sku = text(cells, OrderColumn.SKU, 64, problems);
		String productName = text(cells, OrderColumn.PRODUCT_NAME, 200, problems);
		String store = text(cells, OrderColumn.STORE, 100, problems);
		String category = null;
		String subcategory = null;
		String rawCategory = cells.apply(OrderColumn.CATEGORY);
		if (rawCategory != null) {
			int split = rawCategory.indexOf('>');
			category = rawCategory.substring(0, (split < 0) ? rawCategory.length() : split).strip();
			subcategory = (split < 0) ? null : rawCategory.substring(split + 1).strip();
			if (category.isEmpty() || (subcategory != null && (subcategory.isEmpty() || subcategory.indexOf('>') >= 0))
					|| category.length() > 100 || (subcategory != null && subcategory.length() > 100)) {
				problems.add(new Problem(OrderColumn.CATEGORY, "commerce.import.badCategory", rawCategory));
			}
		}
		Instant orderedAt = null;
		String rawOrderedAt = cells.apply(OrderColumn.ORDERED_AT);
		if (rawOrderedAt == null) {
			problems.add(new Problem(OrderColumn.ORDERED_AT, "commerce.import.required"));
		}
		else {
			orderedAt = instant(rawOrderedAt);
			if (orderedAt == null) {
				problems.add(new Problem(OrderColumn.ORDERED_AT, "commerce.import.badTime", rawOrderedAt));
			}
		}
		BigDecimal quantity = number(cells, OrderColumn.QUANTITY, 3, MAX_QUANTITY, problems);
		if (quantity != null && quantity.signum() <= 0) {
			problems.add(new Problem(OrderColumn.QUANTITY, "commerce.import.notPositive", quantity.toPlainString()));
			quantity = null;
		}
		BigDecimal unitPrice = number(cells, OrderColumn.UNIT_PRICE, 4, MAX_PRICE, problems);
		BigDecimal amount = number(cells, OrderColumn.AMOUNT, 2, MAX_AMOUNT, problems);
		BigDecimal listPrice = number(cells, OrderColumn.LIST_PRICE, 2, MAX_PRICE, problems);
		if (amount == null && quantity != null && unitPrice != null && cells.apply(OrderColumn.AMOUNT) == null) {
			amount = quantity.multiply(unitPrice).setScale(2, RoundingMode.HALF_UP);
			if (amount.compareTo(MAX_AMOUNT) > 0) {
				problems.add(new Problem(OrderColumn.AMOUNT, "commerce.import.tooLarge", amount.toPlainString()));
			}
		}
		SalesChannel channel = SalesChannel.STORE;
		String rawChannel = cells.apply(OrderColumn.CHANNEL);
		if (rawChannel != null) {
			channel = SalesChannel.parse(rawChannel);
			if (channel == null) {
				problems.add(new Problem(OrderColumn.CHANNEL, "commerce.import.badChannel", rawChannel));
			}
		}
		OrderStatus status = OrderStatus.COMPLETED;
		String rawStatus = cells.apply(OrderColumn.STATUS);
		if (rawStatus != null) {
			status = OrderStatus.parse(rawStatus);
			if (status == null) {
				problems.add(new Problem(OrderColumn.STATUS, "commerce.import.badStatus", rawStatus));
			}
		}
		if (problems.size() > before) {
			return null;
		}
		return new Line(customer, orderNumber, orderedAt, sku, productName, category, subcategory, quantity, unitPrice,
				amount, channel, status, store, listPrice);
	}

	private static String text(Function<OrderColumn, String> cells, OrderColumn column, int maxLength,
			List<Problem> problems) {
		String value = cells.apply(column);
		if (value == null) {
			if (column.isRequired()) {
				problems.add(new Problem(column, "commerce.import.required"));
			}
			return null;
		}
		if (value.length() > maxLength) {
			problems.add(new Problem(column, "commerce.import.tooLong", String.valueOf(maxLength)));
			return null;
		}
		return value;
	}

	private static BigDecimal number(Function<OrderColumn, String> cells, OrderColumn column, int scale, BigDecimal max,
			List<Problem> problems) {
		String raw = cells.apply(column);
		if (raw == null) {
			if (column.isRequired()) {
				problems.add(new Problem(column, "commerce.import.required"));
			}
			return null;
		}
		BigDecimal value;
		try {
			value = new BigDecimal(raw);
		}
		catch (NumberFormatException ex) {
			problems.add(new Problem(column, "commerce.import.badNumber", raw));
			return null;
		}
		if (value.signum() < 0) {
			problems.add(new Problem(column, "commerce.import.negative", raw));
			return null;
		}
		BigDecimal stripped = value.stripTrailingZeros();
		if (stripped.scale() > scale) {
			problems.add(new Problem(column, "commerce.import.tooManyDecimals", raw, String.valueOf(scale)));
			return null;
		}
		if (value.compareTo(max) > 0) {
			problems.add(new Problem(column, "commerce.import.tooLarge", raw));
			return null;
		}
		return value.setScale(scale, RoundingMode.UNNECESSARY);
	}

	/**
	 * A point in time: with an offset ({@code 2025-03-01T14:30:00+08:00}, {@code …Z}) as
	 * given, without one in the configured zone, a date alone at the start of that day.
	 * Dates also as {@code 2025/3/1}.
	 */
	Instant instant(String raw) {
		if (raw.equals(this.lastTime)) {
			return this.lastInstant;
		}
		Instant parsed = parseInstant(raw);
		this.lastTime = raw;
		this.lastInstant = parsed;
		return parsed;
	}

	private Instant parseInstant(String raw) {
		String value = raw.strip().replace('/', '-');
		try {
			TemporalAccessor parsed = ORDERED_AT.parseBest(value, OffsetDateTime::from, LocalDateTime::from,
					LocalDate::from);
			if (parsed instanceof OffsetDateTime offset) {
				return offset.toInstant();
			}
			if (parsed instanceof LocalDateTime local) {
				return local.atZone(this.zone).toInstant();
			}
			return ((LocalDate) parsed).atStartOfDay(this.zone).toInstant();
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

}

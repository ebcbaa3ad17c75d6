package io.loopcrm.segmentation.segments;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.loopcrm.segmentation.segments.SegmentDefinition.Condition;
import io.loopcrm.segmentation.segments.SegmentDefinition.Group;
import io.loopcrm.segmentation.segments.SegmentDefinition.Match;
import io.loopcrm.segmentation.segments.SegmentDefinition.Node;

/**
 * Turns a checked definition into SQL. The statement text is made only of the fixed
 * fragments written here, the whitelisted columns of {@link Field} and parameter names
 * ({@code :p1}, {@code :p2}, ...); every value the user gave is a bind parameter, never
 * part of the text. The customers are the rows of {@code customer_segment_fields c};
 * segmentation figures come from a left join of the latest run's {@code customer_segment
 * s}, clusters from {@code customer_cluster k}, and each purchase condition from a left
 * join of its own per-customer aggregate (spend and orders from
 * {@code commerce_purchase}, categories from {@code segment_category_purchase}, see
 * {@link CategoryPurchases}), so that conditions combine freely with AND and OR and
 * customers without purchases count as 0 spent, 0 orders, nothing bought.
 * <p>
 * {@code ne} and {@code notIn} also match customers without a value (no city, no RFM
 * segment); every other operator needs a value.
 */
final class SegmentSql {

	/**
	 * What a definition is evaluated against.
	 *
	 * @param runId the latest segmentation run ({@code -1} when there is none: nobody has
	 * segmentation figures)
	 * @param today the day "last N days" count back from (N days including today)
	 * @param zone where days begin
	 */
	record Context(long runId, LocalDate today, ZoneId zone) {
	}

	/**
	 * A compiled definition.
	 *
	 * @param from the customers and the joins the conditions need
	 * @param where the condition
	 * @param params the values, by parameter name
	 */
	record Query(String from, String where, Map<String, Object> params) {

		String count() {
			return "select count(*) from " + this.from + " where " + this.where;
		}

		/** The members' ids in ascending order. */
		String ids() {
			return "select c.customer_id from " + this.from + " where " + this.where + " order by c.customer_id";
		}

	}

	private SegmentSql() {
	}

	static Query compile(Group definition, Context context) {
		Compiler compiler = new Compiler(context);
		String where = compiler.group(definition);
		StringBuilder from = new StringBuilder("customer_segment_fields c");
		if (compiler.segmentation) {
			from.append(" left join customer_segment s on s.run_id = :run and s.customer_id = c.customer_id");
			compiler.params.put("run", context.runId());
		}
		if (compiler.cluster) {
			from.append(" left join customer_cluster k on k.run_id = (select max(id) from cluster_run)"
					+ " and k.customer_id = c.customer_id");
		}
		if (compiler.satisfaction) {
			from.append(" left join survey_customer_satisfaction v on v.customer_id = c.customer_id");
		}
		compiler.joins.forEach((join) -> from.append(' ').append(join));
		return new Query(from.toString(), where, compiler.params);
	}

	/** Whether the definition needs the clustering tables. */
	static boolean usesCluster(Group definition) {
		return definition.allConditions().stream().anyMatch((c) -> c.field() == Field.CLUSTER);
	}

	private static final class Compiler {

		final Context context;

		final Map<String, Object> params = new LinkedHashMap<>();

		final List<String> joins = new ArrayList<>();

		boolean segmentation;

		boolean cluster;

		boolean satisfaction;

		int next = 1;

		Compiler(Context context) {
			this.context = context;
		}

		String param(Object value) {
			String name = "p" + this.next++;
			this.params.put(name, value);
			return ":" + name;
		}

		String group(Group group) {
			List<String> parts = new ArrayList<>();
			for (Node node : group.conditions()) {
				parts.add((node instanceof Group inner) ? group(inner) : condition((Condition) node));
			}
			return "(" + String.join((group.match() == Match.ALL) ? " and " : " or ", parts) + ")";
		}

		String condition(Condition c) {
			Field field = c.field();
			if (field.fromSegmentation()) {
				this.segmentation = true;
			}
			if (field.fromSatisfaction()) {
				this.satisfaction = true;
			}
			return switch (field.getKind()) {
				case TEXT, KEYWORD -> text(field.column(), c, c.values().stream().map(String.class::cast).toList());
				case CHOICE -> text(field.column(), c,
						c.values().stream().map((v) -> field.choice((String) v).orElseThrow().db()).toList());
				case TAG -> tags(c);
				case CONSENT -> consent(c);
				case DATE -> date(field.column(), c);
				case INTEGER, MONEY -> (field.column() != null) ? number(field.column(), c) : purchases(c);
				case CODE -> {
					this.cluster = true;
					yield code(field.column(), c);
				}
				case CATEGORY -> category(c);
			};
		}

		String text(String column, Condition c, List<String> values) {
			return switch (c.op()) {
				case EQ -> column + " = " + param(values.get(0));
				case NE -> column + " is distinct from " + param(values.get(0));
				case IN -> column + " = any(cast(" + param(values.toArray(String[]::new)) + " as text[]))";
				case NOT_IN -> "(" + column + " is null or " + column + " <> all(cast("
						+ param(values.toArray(String[]::new)) + " as text[])))";
				case CONTAINS -> "lower(" + column + ") like " + param("%" + like(values.get(0)) + "%");
				case PREFIX -> "lower(" + column + ") like " + param(like(values.get(0)) + "%");
				default -> throw unsupported(c);
			};
		}

		String tags(Condition c) {
			String array = "cast(" + param(c.values().stream().map(String.class::cast).toArray(String[]::new))
					+ " as text[])";
			return switch (c.op()) {
				case EQ -> "c.tags @> " + array;
				case NE -> "not (c.tags @> " + array + ")";
				case IN -> "c.tags && " + array;
				case NOT_IN -> "not (c.tags && " + array + ")";
				default -> throw unsupported(c);
			};
		}

		String consent(Condition c) {
			List<String> columns = c.values().stream().map((v) -> switch ((String) v) {
				case "EMAIL" -> "c.consent_email";
				case "SMS" -> "c.consent_sms";
				case "PHONE" -> "c.consent_phone";
				default -> throw new IllegalArgumentException("consent " + v);
			}).toList();
			String any = "(" + String.join(" or ", columns) + ")";
			return switch (c.op()) {
				case EQ, IN -> any;
				case NE, NOT_IN -> "not " + any;
				default -> throw unsupported(c);
			};
		}

		String date(String column, Condition c) {
			LocalDate first = (LocalDate) c.value();
			LocalDate last = (LocalDate) c.values().get(c.values().size() - 1);
			return switch (c.op()) {
				case EQ, BETWEEN -> "(" + column + " >= " + param(start(first)) + " and " + column + " < "
						+ param(start(last.plusDays(1))) + ")";
				case GT -> column + " >= " + param(start(first.plusDays(1)));
				case GTE -> column + " >= " + param(start(first));
				case LT -> column + " < " + param(start(first));
				case LTE -> column + " < " + param(start(first.plusDays(1)));
				default -> throw unsupported(c);
			};
		}

		String number(String column, Condition c) {
			return switch (c.op()) {
				case EQ -> column + " = " + param(c.value());
				case NE -> column + " is distinct from " + param(c.value());
				case GT -> column + " > " + param(c.value());
				case GTE -> column + " >= " + param(c.value());
				case LT -> column + " < " + param(c.value());
				case LTE -> column + " <= " + param(c.value());
				case BETWEEN -> column + " between " + param(c.value()) + " and " + param(c.values().get(1));
				default -> throw unsupported(c);
			};
		}

		String code(String column, Condition c) {
			Long[] values = c.values().stream().map(Long.class::cast).toArray(Long[]::new);
			return switch (c.op()) {
				case EQ -> column + " = " + param(values[0]);
				case NE -> column + " is distinct from " + param(values[0]);
				case IN -> column + " = any(cast(" + param(values) + " as bigint[]))";
				case NOT_IN ->
					"(" + column + " is null or " + column + " <> all(cast(" + param(values) + " as bigint[])))";
				default -> throw unsupported(c);
			};
		}

		/**
		 * Spent or orders in the last N days: a per-customer aggregate, left joined. When
		 * the condition cannot hold for 0 the plain value is compared (null, no
		 * purchases, fails), which lets PostgreSQL turn the join into an inner one.
		 */
		String purchases(Condition c) {
			String alias = "a" + (this.joins.size() + 1);
			boolean spent = c.field() == Field.SPENT_LAST_DAYS;
			// money is summed in cents as bigint: exact (totals have two decimals) and
			// far
			// quicker than summing numeric
			String aggregate = spent ? "sum((total * 100)::bigint)" : "count(*)";
			this.joins.add("left join (select customer_id, " + aggregate + " as v from commerce_purchase"
					+ " where ordered_at >= " + param(since(c.days())) + " group by customer_id) " + alias + " on "
					+ alias + ".customer_id = c.customer_id");
			Condition compared = spent ? new Condition(c.path(), c.field(), c.op(),
					c.values().stream().map((v) -> (Object) ((BigDecimal) v).movePointRight(2)).toList(), c.days()) : c;
			if (holdsForZero(c)) {
				return number("coalesce(" + alias + ".v, 0)", compared);
			}
			// never true for 0, so never for a customer without purchases (null)
			return (c.op() == Op.NE) ? alias + ".v <> " + param(compared.value()) : number(alias + ".v", compared);
		}

		/** Bought in a category (a top category includes its sub-categories). */
		String category(Condition c) {
			String alias = "b" + (this.joins.size() + 1);
			String[] keys = c.values().stream().map((v) -> Field.categoryKey((String) v)).toArray(String[]::new);
			String join = "left join (select distinct customer_id from segment_category_purchase"
					+ " where category_id in (select category_id from commerce_category_key where key = any(cast("
					+ param(keys) + " as text[])))";
			if (c.days() != null) {
				join += " and last_at >= " + param(since(c.days()));
			}
			this.joins.add(join + ") " + alias + " on " + alias + ".customer_id = c.customer_id");
			return switch (c.op()) {
				case EQ, IN -> alias + ".customer_id is not null";
				case NE, NOT_IN -> alias + ".customer_id is null";
				default -> throw unsupported(c);
			};
		}

		/** Whether a customer without purchases (value 0) meets the condition. */
		static boolean holdsForZero(Condition c) {
			int cmp = BigDecimal.ZERO.compareTo(decimal(c.value()));
			return switch (c.op()) {
				case EQ -> cmp == 0;
				case NE -> cmp != 0;
				case GT -> cmp > 0;
				case GTE -> cmp >= 0;
				case LT -> cmp < 0;
				case LTE -> cmp <= 0;
				case BETWEEN -> cmp >= 0 && BigDecimal.ZERO.compareTo(decimal(c.values().get(1))) <= 0;
				default -> throw unsupported(c);
			};
		}

		private static BigDecimal decimal(Object value) {
			return (value instanceof Long number) ? BigDecimal.valueOf(number) : (BigDecimal) value;
		}

		/** The first moment of the last N days, today included. */
		Timestamp since(int days) {
			return start(this.context.today().minusDays(days - 1L));
		}

		Timestamp start(LocalDate day) {
			return Timestamp.from(day.atStartOfDay(this.context.zone()).toInstant());
		}

		private static String like(String value) {
			return value.toLowerCase(java.util.Locale.ROOT)
				.replace("\\", "\\\\")
				.replace("%", "\\%")
				.replace("_", "\\_");
		}

		private static IllegalStateException unsupported(Condition c) {
			return new IllegalStateException(c.op() + " on " + c.field());
		}

	}

}

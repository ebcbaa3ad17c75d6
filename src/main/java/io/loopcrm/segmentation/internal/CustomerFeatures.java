package io.loopcrm.segmentation.internal;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Per-customer features as of a segmentation run, read set-based from the run's rows
 * ({@code customer_segment}), the commerce module's published views
 * ({@code commerce_purchase_line}, {@code commerce_top_category}) and the customer
 * module's ({@code customer_attribute}).
 * <ul>
 * <li>{@link Scope#WINDOW_BUYERS} (clusters): customers with a purchase in the run's RFM
 * window; recency = days since the last purchase, frequency and monetary = orders and
 * spend in the window (as the RFM run), average order value = monetary / frequency,
 * tenure = days since the first purchase, and the share of each of the top
 * {@code loopcrm.segmentation.clusters.categories} (default 6) top-level categories by
 * spend in the window in the customer's line amounts in the window.</li>
 * <li>{@link Scope#BUYERS} (decision rules): every customer who ever bought; the same
 * with orders and spend over the whole history up to the run's day (so customers without
 * a purchase in the window are described too; spend here is the sum of the line amounts,
 * read in the same pass as the category shares), category shares over the whole history,
 * plus gender, age band, region and source channel, and the run's lifecycle stage, value
 * tier and RFM segment.</li>
 * </ul>
 */
@Component
class CustomerFeatures {

	private static final org.slf4j.Logger logger = org.slf4j.LoggerFactory.getLogger(CustomerFeatures.class);

	/** Behaviour features in column order; category shares follow. */
	static final List<String> CLUSTER_FEATURES = List.of("recency", "frequency", "monetary", "order_value", "tenure");

	static final List<String> RULE_FEATURES = List.of("recency", "orders", "spend", "order_value", "tenure");

	static final List<String> ATTRIBUTES = List.of("gender", "age_band", "region", "source_channel");

	/** Which columns go through log(1 + x): the skewed counts, money and days since. */
	static boolean[] log(int categories) {
		boolean[] log = new boolean[5 + categories];
		log[0] = true;
		log[1] = true;
		log[2] = true;
		log[3] = true;
		return log;
	}

	/** Which customers, and over which period. */
	enum Scope {

		WINDOW_BUYERS, BUYERS

	}

	/**
	 * A feature column.
	 *
	 * @param name recency, frequency, monetary, order_value, tenure, orders, spend or
	 * category
	 * @param categoryId the top-level category of a category share
	 * @param label the category's name
	 * @param log whether k-means takes its log first
	 */
	record Feature(String name, Long categoryId, String label, boolean log) {

		boolean isCategory() {
			return this.categoryId != null;
		}

	}

	/**
	 * The features of the customers in scope, ordered by customer id.
	 *
	 * @param run the segmentation run
	 * @param features the numeric columns
	 * @param customers customer ids
	 * @param rows numeric features per customer
	 * @param attributes gender, age band, region, source channel per customer (rules
	 * only)
	 * @param stages lifecycle, value tier, RFM segment per customer (rules only)
	 */
	record Table(Segmentation.Run run, List<Feature> features, long[] customers, double[][] rows, String[][] attributes,
			String[][] stages) {

		int size() {
			return this.customers.length;
		}

	}

	private final JdbcClient jdbc;

	private final ZoneId zone;

	private final int categories;

	CustomerFeatures(JdbcClient jdbc, java.time.Clock clock,
			@Value("${loopcrm.segmentation.clusters.categories:6}") int categories) {
		this.jdbc = jdbc;
		this.zone = clock.getZone();
		this.categories = categories;
	}

	/** Reads the features of the run's customers in scope. */
	Table load(Segmentation.Run run, Scope scope) {
		long begin = System.nanoTime();
		boolean window = scope == Scope.WINDOW_BUYERS;
		LocalDate asOf = run.asOf();
		Timestamp end = Timestamp.from(asOf.plusDays(1).atStartOfDay(this.zone).toInstant());
		Timestamp windowStart = Timestamp
			.from(asOf.plusDays(1).minusMonths(run.settings().windowMonths()).atStartOfDay(this.zone).toInstant());
		// the whole history: from before any order could have been placed
		Timestamp from = window ? windowStart : Timestamp.valueOf("1900-01-01 00:00:00");

		List<Feature> features = new ArrayList<>();
		boolean[] log = log(0);
		List<String> names = window ? CLUSTER_FEATURES : RULE_FEATURES;
		for (int i = 0; i < names.size(); i++) {
			features.add(new Feature(names.get(i), null, null, log[i]));
		}
		List<Feature> top = this.jdbc.sql("""
				select v.category_id, t.name
				from commerce_purchase_line v join commerce_top_category t on t.category_id = v.category_id
				where v.ordered_at >= ? and v.ordered_at < ?
				group by v.category_id, t.name having sum(v.amount) > 0
				order by sum(v.amount) desc, v.category_id limit ?
				""")
			.params(from, end, this.categories)
			.query((rs, i) -> new Feature("category", rs.getLong(1), rs.getString(2), false))
			.list();
		features.addAll(top);
		logger.debug("Top categories for {} in {} s", scope, String.format("%.1f", (System.nanoTime() - begin) / 1e9));

		StringBuilder shareColumns = new StringBuilder();
		for (int c = 0; c < top.size(); c++) {
			shareColumns.append(", sp.c").append(c);
		}
		StringBuilder named = new StringBuilder();
		for (int c = 0; c < top.size(); c++) {
			named.append(", sum(amount::float8) filter (where category_id = ")
				.append(top.get(c).categoryId())
				.append(") as c")
				.append(c);
		}
		// one pass over the lines: float8 sums are cheaper than numeric ones, and a share
		// needs no more precision
		String sql = """
				with spend as (
				  select customer_id, sum(amount::float8) as lines_total %s
				  from commerce_purchase_line where ordered_at >= :from and ordered_at < :end
				  group by customer_id
				)
				select s.customer_id, cast(:asOf as date) - s.last_purchase, %s, %s, cast(:asOf as date) - s.first_purchase,
				  sp.lines_total %s %s
				from customer_segment s
				left join spend sp on sp.customer_id = s.customer_id
				%s
				where s.run_id = :run and %s
				order by s.customer_id
				"""
			.formatted(named, window ? "s.frequency" : "s.orders_total",
					window ? "s.monetary" : "coalesce(sp.lines_total, 0)", shareColumns,
					window ? ""
							: ", a.gender, a.age_band, a.region, a.source_channel, s.lifecycle, s.value_tier, s.rfm_segment",
					window ? "" : "left join customer_attribute a on a.customer_id = s.customer_id",
					window ? "s.frequency is not null" : "s.orders_total > 0");

		List<Long> customers = new ArrayList<>();
		List<double[]> rows = new ArrayList<>();
		List<String[]> attributes = new ArrayList<>();
		List<String[]> stages = new ArrayList<>();
		Map<String, String> interned = new HashMap<>();
		int shareCount = top.size();
		this.jdbc.sql(sql)
			.param("from", from)
			.param("end", end)
			.param("asOf", Date.valueOf(asOf))
			.param("run", run.id())
			.withFetchSize(10_000)
			.query((rs) -> {
				customers.add(rs.getLong(1));
				double[] row = new double[5 + shareCount];
				row[0] = rs.getDouble(2);
				row[1] = rs.getDouble(3);
				row[2] = rs.getDouble(4);
				row[3] = (row[1] > 0) ? row[2] / row[1] : 0;
				row[4] = rs.getDouble(5);
				double total = rs.getDouble(6);
				for (int c = 0; c < shareCount; c++) {
					row[5 + c] = (total > 0) ? rs.getDouble(7 + c) / total : 0;
				}
				rows.add(row);
				if (!window) {
					int at = 7 + shareCount;
					String[] values = new String[4];
					for (int a = 0; a < 4; a++) {
						values[a] = intern(interned, rs.getString(at + a));
					}
					attributes.add(values);
					stages.add(new String[] { intern(interned, rs.getString(at + 4)),
							intern(interned, rs.getString(at + 5)), intern(interned, rs.getString(at + 6)) });
				}
			});
		long[] ids = customers.stream().mapToLong(Long::longValue).toArray();
		return new Table(run, List.copyOf(features), ids, rows.toArray(double[][]::new),
				window ? null : attributes.toArray(String[][]::new), window ? null : stages.toArray(String[][]::new));
	}

	private static String intern(Map<String, String> interned, String value) {
		return (value != null) ? interned.computeIfAbsent(value, (v) -> v) : null;
	}

}

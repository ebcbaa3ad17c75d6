package io.loopcrm.commerce.internal;

import java.sql.Array;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.loopcrm.platform.ValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Market-basket association rules (關聯規則分析) over the orders that count (cancelled and
 * refunded orders are never baskets), mined exactly by {@link FpGrowth}.
 * <p>
 * A basket is one order; its items are its products ({@code product} level) or its
 * products' categories ({@code category} level, where products without a category are
 * left out and an order none of whose products has a category is no basket). An item
 * counts once per basket. Items are named by product name — "name (SKU)" when several
 * products share the name — or by category name, "parent / name" for a sub-category.
 * Lines are streamed from PostgreSQL with a fetch size into int arrays; no row becomes an
 * object.
 * <p>
 * Product-level rules are also stored (table {@code commerce_association_rule}) for
 * "customers who bought X also bought" recommendations: {@link #refreshStoredRules()}
 * recomputes them nightly and after imports, {@link #recommendationsFor(long, int)} reads
 * them.
 */
@Service
public class AssociationRuleService {

	private static final Logger log = LoggerFactory.getLogger(AssociationRuleService.class);

	static final int FETCH_SIZE = 10_000;

	/**
	 * Most frequent itemsets, and most rules, one query may produce: beyond, thresholds
	 * are refused as too low (a million rules already take some 150 MB).
	 */
	static final int MAX_RESULTS = 1_000_000;

	private final JdbcTemplate jdbc;

	private final JdbcTemplate streaming;

	private final TransactionTemplate readOnly;

	private final TransactionTemplate writing;

	private final Clock clock;

	private final double storedMinSupport;

	private final double storedMinConfidence;

	private final int storedMaxLength;

	AssociationRuleService(DataSource dataSource, PlatformTransactionManager transactions, Clock clock,
			@Value("${loopcrm.commerce.recommendations.min-support:0.0005}") double storedMinSupport,
			@Value("${loopcrm.commerce.recommendations.min-confidence:0.1}") double storedMinConfidence,
			@Value("${loopcrm.commerce.recommendations.max-length:3}") int storedMaxLength) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.streaming = new JdbcTemplate(dataSource);
		this.streaming.setFetchSize(FETCH_SIZE);
		this.readOnly = new TransactionTemplate(transactions);
		this.readOnly.setReadOnly(true);
		this.writing = new TransactionTemplate(transactions);
		this.clock = clock;
		this.storedMinSupport = storedMinSupport;
		this.storedMinConfidence = storedMinConfidence;
		this.storedMaxLength = storedMaxLength;
		// fail at start-up, not at 02:30, on bad settings
		new RuleQuery("product", String.valueOf(storedMinSupport), String.valueOf(storedMinConfidence),
				String.valueOf(storedMaxLength), "1", null)
			.validate();
	}

	/**
	 * The rules for a query, at most {@code limit} of them listed.
	 * @throws io.loopcrm.platform.ValidationException on invalid parameters
	 */
	public RuleSet rules(RuleQuery query) {
		RuleQuery.Parameters parameters = query.validate();
		return rules(parameters, parameters.limit());
	}

	/** The rules, at most {@code limit} of them listed ({@code count} is all of them). */
	RuleSet rules(RuleQuery.Parameters parameters, int limit) {
		Mined mined = mine(parameters);
		List<FpGrowth.Rule> rules = mined.result.rules();
		List<RuleSet.RuleView> views = new ArrayList<>(Math.min(limit, rules.size()));
		for (FpGrowth.Rule rule : rules.subList(0, Math.min(limit, rules.size()))) {
			views.add(new RuleSet.RuleView(names(mined.items, rule.antecedent()), names(mined.items, rule.consequent()),
					rule.support(), rule.confidence(), rule.lift(), rule.count(), ids(mined.items, rule.antecedent()),
					ids(mined.items, rule.consequent())));
		}
		return new RuleSet(parameters, mined.result.transactions(), mined.result.minCount(), views, rules.size());
	}

	/**
	 * Loads the baskets and mines them.
	 * @throws ValidationException when the thresholds give more than {@link #MAX_RESULTS}
	 * frequent itemsets or rules
	 */
	Mined mine(RuleQuery.Parameters parameters) {
		return this.readOnly.execute((status) -> {
			List<Item> items = parameters.categories() ? categories() : products();
			FpGrowth.Baskets baskets = baskets(parameters.categories(), items);
			try {
				FpGrowth.Result result = new FpGrowth(parameters.minSupport(), parameters.minConfidence(),
						parameters.maxLength(), parameters.maxConsequent(), MAX_RESULTS)
					.mine(baskets);
				return new Mined(items, result);
			}
			catch (FpGrowth.TooManyResults ex) {
				throw ValidationException.of("minSupport", "rules.error.tooMany",
						String.format(java.util.Locale.ROOT, "%,d", ex.limit()));
			}
		});
	}

	/**
	 * Recomputes the stored product-level rules with the
	 * {@code loopcrm.commerce.recommendations.*} thresholds (single-item consequents) and
	 * replaces the old ones in one transaction. Run nightly and after imports.
	 * @return the number of rules stored
	 */
	public int refreshStoredRules() {
		long start = System.nanoTime();
		RuleQuery.Parameters parameters = new RuleQuery.Parameters("product", this.storedMinSupport,
				this.storedMinConfidence, this.storedMaxLength, 1, Integer.MAX_VALUE);
		Mined mined = mine(parameters);
		List<FpGrowth.Rule> rules = mined.result.rules();
		Timestamp now = Timestamp.from(this.clock.instant());
		this.writing.executeWithoutResult((status) -> {
			this.jdbc.update("delete from commerce_association_rule");
			this.jdbc.batchUpdate(
					"insert into commerce_association_rule (antecedent, consequent_product_id, baskets, support,"
							+ " confidence, lift, computed_at) values (?, ?, ?, ?, ?, ?, ?)",
					rules, 1000, (ps, rule) -> {
						Long[] antecedent = ids(mined.items, rule.antecedent()).stream().sorted().toArray(Long[]::new);
						Array array = ps.getConnection().createArrayOf("bigint", antecedent);
						ps.setArray(1, array);
						ps.setLong(2, mined.items.get(rule.consequent()[0]).id());
						ps.setInt(3, rule.count());
						ps.setDouble(4, rule.support());
						ps.setDouble(5, rule.confidence());
						ps.setDouble(6, rule.lift());
						ps.setTimestamp(7, now);
					});
		});
		log.info("Stored {} association rules from {} baskets in {} ms", rules.size(), mined.result.transactions(),
				(System.nanoTime() - start) / 1_000_000);
		return rules.size();
	}

	/**
	 * "Customers who bought X also bought": stored rules whose whole antecedent the
	 * customer has bought (in orders that count) and whose consequent they have not, best
	 * first (lift, then confidence, then support), one per recommended product (its best
	 * rule).
	 */
	public List<Recommendation> recommendationsFor(long customerId, int limit) {
		List<Long> bought = this.jdbc.queryForList("""
				select distinct l.product_id from customer_order o join order_line l on l.order_id = o.id
				where o.customer_id = ? and o.counts""", Long.class, customerId);
		if (bought.isEmpty() || limit <= 0) {
			return List.of();
		}
		return this.jdbc.execute((java.sql.Connection connection) -> {
			Array owned = connection.createArrayOf("bigint", bought.toArray());
			try (var statement = connection.prepareStatement("""
					with best as (
					  select distinct on (r.consequent_product_id) r.*
					  from commerce_association_rule r
					  where r.antecedent <@ ? and not (r.consequent_product_id = any (?))
					  order by r.consequent_product_id, r.lift desc, r.confidence desc, r.support desc, r.id
					)
					select b.consequent_product_id, p.sku, p.name, b.antecedent, b.support, b.confidence, b.lift,
					  array(select a.name from unnest(b.antecedent) with ordinality u(id, n)
					        join product a on a.id = u.id order by u.n) as names
					from best b join product p on p.id = b.consequent_product_id
					order by b.lift desc, b.confidence desc, b.support desc, b.consequent_product_id
					limit ?""")) {
				statement.setArray(1, owned);
				statement.setArray(2, owned);
				statement.setInt(3, limit);
				List<Recommendation> recommendations = new ArrayList<>();
				try (var rs = statement.executeQuery()) {
					while (rs.next()) {
						Long[] because = (Long[]) rs.getArray(4).getArray();
						String[] names = (String[]) rs.getArray(8).getArray();
						recommendations.add(new Recommendation(rs.getLong(1), rs.getString(2), rs.getString(3),
								List.of(because), List.of(names), rs.getDouble(5), rs.getDouble(6), rs.getDouble(7)));
					}
				}
				return recommendations;
			}
		});
	}

	/** Products, indexed by name order. */
	private List<Item> products() {
		List<Item> items = this.jdbc.query("select id, sku, name from product order by name, sku",
				(rs, i) -> new Item(rs.getLong(1), rs.getString(2), rs.getString(3)));
		Map<String, Integer> named = new HashMap<>();
		items.forEach((item) -> named.merge(item.name(), 1, Integer::sum));
		return items.stream()
			.map((item) -> (named.get(item.name()) > 1)
					? new Item(item.id(), item.sku(), item.name() + " (" + item.sku() + ")") : item)
			.toList();
	}

	/** Categories ("parent / name" for sub-categories), indexed by name order. */
	private List<Item> categories() {
		List<Item> items = new ArrayList<>(this.jdbc.query("""
				select c.id, case when p.id is null then c.name else p.name || ' / ' || c.name end
				from product_category c left join product_category p on p.id = c.parent_id""",
				(rs, i) -> new Item(rs.getLong(1), null, rs.getString(2))));
		items.sort(java.util.Comparator.comparing(Item::name).thenComparing(Item::id));
		return items;
	}

	private FpGrowth.Baskets baskets(boolean categories, List<Item> items) {
		LongIntMap index = new LongIntMap(items.size());
		for (int i = 0; i < items.size(); i++) {
			index.put(items.get(i).id(), i);
		}
		String sql = categories ? """
				select l.order_id, p.category_id
				from customer_order o join order_line l on l.order_id = o.id join product p on p.id = l.product_id
				where o.counts and p.category_id is not null
				order by l.order_id""" : """
				select l.order_id, l.product_id
				from customer_order o join order_line l on l.order_id = o.id
				where o.counts
				order by l.order_id""";
		FpGrowth.Baskets baskets = new FpGrowth.Baskets();
		int[][] buffer = { new int[64] };
		int[] length = { 0 };
		long[] current = { Long.MIN_VALUE };
		this.streaming.query(sql, (java.sql.ResultSet rs) -> {
			long order = rs.getLong(1);
			int item = index.get(rs.getLong(2));
			if (order != current[0]) {
				if (length[0] > 0) {
					baskets.add(buffer[0], length[0]);
				}
				current[0] = order;
				length[0] = 0;
			}
			if (item >= 0) {
				if (length[0] == buffer[0].length) {
					buffer[0] = Arrays.copyOf(buffer[0], length[0] * 2);
				}
				buffer[0][length[0]++] = item;
			}
		});
		if (length[0] > 0) {
			baskets.add(buffer[0], length[0]);
		}
		return baskets;
	}

	private static List<String> names(List<Item> items, int[] ids) {
		List<String> names = new ArrayList<>(ids.length);
		for (int id : ids) {
			names.add(items.get(id).name());
		}
		return names;
	}

	private static List<Long> ids(List<Item> items, int[] ids) {
		List<Long> result = new ArrayList<>(ids.length);
		for (int id : ids) {
			result.add(items.get(id).id());
		}
		return result;
	}

	/** A product or category: database id, SKU (products), display name. */
	record Item(long id, String sku, String name) {
	}

	/** Items by dense index and the mining result over those indexes. */
	record Mined(List<Item> items, FpGrowth.Result result) {
	}

	/** Database id → dense index, open addressing, no boxing. */
	static final class LongIntMap {

		private final long[] keys;

		private final int[] values;

		LongIntMap(int expected) {
			int capacity = Integer.highestOneBit(Math.max(4, expected) * 2 - 1) << 1;
			this.keys = new long[capacity];
			this.values = new int[capacity];
		}

		void put(long key, int value) {
			int mask = this.keys.length - 1;
			int i = slot(key) & mask;
			while (this.values[i] != 0 && this.keys[i] != key) {
				i = (i + 1) & mask;
			}
			this.keys[i] = key;
			this.values[i] = value + 1;
		}

		/** The index, -1 when absent. */
		int get(long key) {
			int mask = this.keys.length - 1;
			for (int i = slot(key) & mask;; i = (i + 1) & mask) {
				if (this.values[i] == 0) {
					return -1;
				}
				if (this.keys[i] == key) {
					return this.values[i] - 1;
				}
			}
		}

		private static int slot(long key) {
			long h = key * 0x9E3779B97F4A7C15L;
			return (int) (h ^ (h >>> 32));
		}

	}

}

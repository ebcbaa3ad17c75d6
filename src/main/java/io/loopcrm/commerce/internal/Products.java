package io.loopcrm.commerce.internal;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.loopcrm.platform.ConflictException;
import io.loopcrm.platform.ValidationException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The product catalogue: listing, reading and editing products (SKU stays). */
@Component
class Products {

	static final int PAGE = 50;

	private final JdbcClient jdbc;

	private final Clock clock;

	Products(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** A product with its category path. */
	public record Product(long id, String sku, String name, Long categoryId, String category, BigDecimal listPrice,
			long version) {
	}

	/** A category for choosing: its id and path ("Drinks > Tea"). */
	public record Category(long id, String path) {
	}

	/**
	 * Up to a page of products matching the term (SKU or name, contains) in the category,
	 * by SKU.
	 */
	@Transactional(readOnly = true)
	List<Product> search(String term, Long categoryId, int page) {
		List<Object> params = new ArrayList<>();
		StringBuilder where = new StringBuilder("true");
		if (term != null && !term.isBlank()) {
			String like = "%" + term.strip()
				.toLowerCase(java.util.Locale.ROOT)
				.replace("\\", "\\\\")
				.replace("%", "\\%")
				.replace("_", "\\_") + "%";
			where.append(" and (lower(p.sku) like ? or lower(p.name) like ?)");
			params.add(like);
			params.add(like);
		}
		if (categoryId != null) {
			where.append(" and (c.id = ? or c.parent_id = ?)");
			params.add(categoryId);
			params.add(categoryId);
		}
		params.add(PAGE + 1);
		params.add((long) page * PAGE);
		return this.jdbc.sql(SELECT + " where " + where + " order by p.sku limit ? offset ?")
			.params(params)
			.query(Products::product)
			.list();
	}

	private static final String SELECT = """
			select p.id, p.sku, p.name, p.category_id,
			  case when top.id is null then c.name else top.name || ' > ' || c.name end as category,
			  p.list_price, p.version
			from product p
			left join product_category c on c.id = p.category_id
			left join product_category top on top.id = c.parent_id
			""";

	private static Product product(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
		long category = rs.getLong(4);
		return new Product(rs.getLong(1), rs.getString(2), rs.getString(3), rs.wasNull() ? null : category,
				rs.getString(5), rs.getBigDecimal(6), rs.getLong(7));
	}

	@Transactional(readOnly = true)
	Optional<Product> get(long id) {
		return this.jdbc.sql(SELECT + " where p.id = ?").param(id).query(Products::product).optional();
	}

	@Transactional(readOnly = true)
	List<Category> categories() {
		return this.jdbc.sql("""
				select c.id, case when top.id is null then c.name else top.name || ' > ' || c.name end as path
				from product_category c left join product_category top on top.id = c.parent_id
				order by 2
				""").query((rs, i) -> new Category(rs.getLong(1), rs.getString(2))).list();
	}

	/**
	 * Saves a product's name, category and list price, if nobody changed it since
	 * {@code version}.
	 * @throws ValidationException for an empty or long name, a negative price or one with
	 * more than two decimals, or an unknown category
	 * @throws ConflictException when someone saved it in the meantime
	 */
	@Transactional
	void update(long id, long version, String name, Long categoryId, String listPrice) {
		List<ValidationException.FieldProblem> problems = new ArrayList<>();
		String trimmed = (name != null) ? name.strip() : "";
		if (trimmed.isEmpty()) {
			problems.add(new ValidationException.FieldProblem("name", "commerce.product.nameRequired"));
		}
		else if (trimmed.length() > 200) {
			problems.add(new ValidationException.FieldProblem("name", "commerce.import.tooLong", "200"));
		}
		BigDecimal price = null;
		if (listPrice != null && !listPrice.isBlank()) {
			try {
				price = new BigDecimal(listPrice.strip());
				if (price.signum() < 0 || price.stripTrailingZeros().scale() > 2
						|| price.compareTo(OrderLineParser.MAX_PRICE) > 0) {
					problems
						.add(new ValidationException.FieldProblem("listPrice", "commerce.product.badPrice", listPrice));
				}
			}
			catch (NumberFormatException ex) {
				problems.add(new ValidationException.FieldProblem("listPrice", "commerce.product.badPrice", listPrice));
			}
		}
		if (categoryId != null && this.jdbc.sql("select count(*) from product_category where id = ?")
			.param(categoryId)
			.query(Long.class)
			.single() == 0) {
			problems.add(new ValidationException.FieldProblem("categoryId", "commerce.product.badCategory"));
		}
		if (!problems.isEmpty()) {
			throw new ValidationException(problems);
		}
		int updated = this.jdbc.sql("""
				update product set name = ?, category_id = ?, list_price = ?, version = version + 1, updated_at = ?
				where id = ? and version = ?
				""").params(trimmed, categoryId, price, Timestamp.from(this.clock.instant()), id, version).update();
		if (updated == 0) {
			throw new ConflictException("commerce.product.changed");
		}
	}

}

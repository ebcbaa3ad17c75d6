package io.loopcrm.customer.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Customer search in SQL. How a term is matched depends on what it is, so that every case
 * has an index: phone-like terms by their digits, terms with Chinese (or other non-Latin)
 * letters by the name's character bigrams (two-character parts of Chinese names, which
 * trigrams cannot find), other terms of three or more characters by the trigram index
 * over name, external ID, phones, e-mails and WeChat ID, and shorter ones as a prefix.
 */
@Component
class CustomerSearch {

	/** The list shows exact counts up to this many, then "more than 10,000". */
	static final int COUNT_CAP = 10_000;

	/** Up to this many matches are found first and sorted among themselves. */
	static final int PROBE = 2_000;

	private final NamedParameterJdbcTemplate jdbc;

	private final Clock clock;

	CustomerSearch(NamedParameterJdbcTemplate jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** One row of the list. */
	record Row(long id, String externalId, String name, String phone, String email, String city, List<String> tags,
			String lifecycleStage, String ownerName, boolean consentEmail, boolean consentSms, boolean consentPhone,
			Instant createdAt) {
	}

	/**
	 * A page of results.
	 *
	 * @param total number of matches when known
	 * @param known whether {@code total} is known (else the page asks for the count)
	 * @param capped whether there are more matches than {@code total}
	 */
	record Page(List<Row> items, long total, boolean known, boolean capped, int page, int size) {

		public boolean hasNext() {
			return this.known ? (long) (this.page + 1) * this.size < this.total : this.items.size() == this.size;
		}

	}

	/**
	 * One page of the list. Most searches match few customers: a bounded probe finds up
	 * to {@link #PROBE} matching ids through the search indexes, and then the page is
	 * sorted among them and the total is exact. When the probe overflows, the term is
	 * frequent and walking an ordered index finds a page quickly (newest or last changed
	 * first), or the matches are sorted by name or city; the total is then counted
	 * separately ({@link #count}), so the page never waits for counting thousands of
	 * rows.
	 * @param exactCount count every match now (the API's {@code total})
	 */
	@Transactional(readOnly = true)
	Page search(CustomerFilter filter, boolean exactCount) {
		MapSqlParameterSource params = new MapSqlParameterSource();
		String where = where(filter, params);
		params.addValue("limit", filter.size());
		params.addValue("offset", (long) filter.page() * filter.size());
		if (!exactCount) {
			params.addValue("probe", PROBE + 1);
			List<Long> ids = this.jdbc.queryForList("select c.id from customer c where " + where + " limit :probe",
					params, Long.class);
			if (ids.size() <= PROBE) {
				MapSqlParameterSource byId = new MapSqlParameterSource("ids", ids.toArray(Long[]::new))
					.addValue("limit", filter.size())
					.addValue("offset", (long) filter.page() * filter.size());
				return new Page(rows("c.id = any(:ids)", orderBy(filter), byId), ids.size(), true, false, filter.page(),
						filter.size());
			}
		}
		// frequent matches: sorted by name or city the planner must not walk that index
		// past
		// millions of non-matching rows, so the matches are fenced off and sorted
		boolean fence = !exactCount && ("name".equals(filter.sort()) || "city".equals(filter.sort()));
		if (!exactCount && !fence) {
			// more than PROBE matches: walking the date index meets a page of them within
			// (page + 1) * size * rows / PROBE rows, whatever the planner estimates for a
			// LIKE pattern, so it must not collect and sort all matches instead
			this.jdbc.getJdbcTemplate().execute("set local enable_bitmapscan = off");
			this.jdbc.getJdbcTemplate().execute("set local enable_seqscan = off");
			// starting parallel workers costs more than the few thousand rows this walks
			this.jdbc.getJdbcTemplate().execute("set local max_parallel_workers_per_gather = 0");
		}
		List<Row> rows = fence ? rowsFenced(where, orderBy(filter), params) : rows(where, orderBy(filter), params);
		if (exactCount) {
			long total = this.jdbc.queryForObject("select count(*) from customer c where " + where, params, Long.class);
			return new Page(rows, total, true, false, filter.page(), filter.size());
		}
		return new Page(rows, -1, false, false, filter.page(), filter.size());
	}

	/** The number of matches, counted up to {@link #COUNT_CAP}. */
	@Transactional(readOnly = true)
	Count count(CustomerFilter filter) {
		MapSqlParameterSource params = new MapSqlParameterSource();
		String where = where(filter, params);
		params.addValue("cap", COUNT_CAP + 1);
		long total = this.jdbc.queryForObject(
				"select count(*) from (select 1 from customer c where " + where + " limit :cap) t", params, Long.class);
		return (total > COUNT_CAP) ? new Count(COUNT_CAP, true) : new Count(total, false);
	}

	/** A count, and whether there are more matches than it says. */
	record Count(long total, boolean capped) {
	}

	private List<Row> rows(String where, String orderBy, MapSqlParameterSource params) {
		return this.jdbc.query("""
				select c.id, c.external_id, c.name, c.phone, c.email, c.city, c.tags,
				       (select l.stage from customer_lifecycle l where l.customer_id = c.id) as lifecycle_stage,
				       u.display_name as owner_name, c.consent_email, c.consent_sms, c.consent_phone, c.created_at
				from customer c left join app_user u on u.id = c.owner_id
				where %s
				order by %s
				limit :limit offset :offset
				""".formatted(where, orderBy), params, CustomerSearch::row);
	}

	private List<Row> rowsFenced(String where, String orderBy, MapSqlParameterSource params) {
		return this.jdbc.query("""
				select c.id, c.external_id, c.name, c.phone, c.email, c.city, c.tags,
				       (select l.stage from customer_lifecycle l where l.customer_id = c.id) as lifecycle_stage,
				       u.display_name as owner_name, c.consent_email, c.consent_sms, c.consent_phone, c.created_at
				from (select * from customer c where %s offset 0) c left join app_user u on u.id = c.owner_id
				order by %s
				limit :limit offset :offset
				""".formatted(where, orderBy), params, CustomerSearch::row);
	}

	private static Row row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new Row(rs.getLong("id"), rs.getString("external_id"), rs.getString("name"), rs.getString("phone"),
				rs.getString("email"), rs.getString("city"), Arrays.asList((String[]) rs.getArray("tags").getArray()),
				rs.getString("lifecycle_stage"), rs.getString("owner_name"), rs.getBoolean("consent_email"),
				rs.getBoolean("consent_sms"), rs.getBoolean("consent_phone"),
				rs.getTimestamp("created_at").toInstant());
	}

	/** The SQL condition of a filter, with its parameters added to {@code params}. */
	String where(CustomerFilter f, MapSqlParameterSource params) {
		List<String> conditions = new ArrayList<>();
		conditions.add("true");
		if (f.q() != null) {
			conditions.add(termCondition(f.q(), params));
		}
		if (f.tag() != null) {
			conditions.add("c.tags @> array[cast(:tag as text)]");
			params.addValue("tag", f.tag());
		}
		if (f.city() != null) {
			conditions.add("c.city = :city");
			params.addValue("city", f.city());
		}
		if (f.stage() != null) {
			conditions
				.add("exists (select 1 from customer_lifecycle l where l.customer_id = c.id and l.stage = :stage)");
			params.addValue("stage", f.stage());
		}
		if (f.owner() != null) {
			conditions.add("c.owner_id = :owner");
			params.addValue("owner", f.owner());
		}
		if (f.consent() != null) {
			switch (f.consent().toUpperCase(Locale.ROOT)) {
				case "EMAIL" -> conditions.add("c.consent_email");
				case "SMS" -> conditions.add("c.consent_sms");
				case "PHONE" -> conditions.add("c.consent_phone");
				case "NONE" -> conditions.add("not (c.consent_email or c.consent_sms or c.consent_phone)");
				default -> {
				}
			}
		}
		if (f.createdFrom() != null) {
			conditions.add("c.created_at >= :createdFrom");
			params.addValue("createdFrom", startOf(f.createdFrom()));
		}
		if (f.createdTo() != null) {
			conditions.add("c.created_at < :createdTo");
			params.addValue("createdTo", startOf(f.createdTo().plusDays(1)));
		}
		return String.join(" and ", conditions);
	}

	private String termCondition(String raw, MapSqlParameterSource params) {
		String term = raw.toLowerCase(Locale.ROOT);
		String digits = term.replaceAll("[^0-9]", "");
		if (term.matches("[0-9+()\\s.-]+") && digits.length() >= 3) {
			params.addValue("term", "%" + digits + "%");
			return "c.search_text like :term";
		}
		if (term.codePoints().anyMatch((cp) -> cp > 0x2E7F && Character.isLetter(cp))) {
			// Chinese, Japanese, Korean: every two-character part of the term must be in
			// the
			// name's bigram set (index), then the name must really contain it
			Set<String> grams = new LinkedHashSet<>();
			String compact = term.replaceAll("\\s+", "");
			for (int i = 0; i + 2 <= compact.length(); i++) {
				grams.add(compact.substring(i, i + 2));
			}
			if (grams.isEmpty()) {
				// a single character: the name's single non-ASCII characters are indexed
				// too
				grams.add(compact);
			}
			params.addValue("grams", grams.toArray(String[]::new));
			if (compact.length() <= 2 && compact.equals(term)) {
				// one or two characters: having the gram is the same as containing the
				// term, and
				// without a LIKE the planner estimates frequent terms right
				return "c.name_grams @> cast(:grams as text[])";
			}
			params.addValue("like", "%" + escapeLike(term) + "%");
			return "(c.name_grams @> cast(:grams as text[]) and lower(c.name) like :like)";
		}
		if (term.length() >= 3) {
			params.addValue("term", "%" + escapeLike(term) + "%");
			return "c.search_text like :term";
		}
		params.addValue("prefix", escapeLike(term) + "%");
		params.addValue("grams", new String[] { term });
		return "(c.name_grams @> cast(:grams as text[]) or lower(c.external_id) like :prefix or c.email like :prefix"
				+ " or lower(c.wechat_id) like :prefix)";
	}

	static String orderBy(CustomerFilter f) {
		String dir = f.dir();
		return switch (f.sort()) {
			case "name" -> "c.name " + dir + ", c.id " + dir;
			case "city" -> "c.city " + dir + " nulls last, c.id " + dir;
			case "updated" -> "c.updated_at " + dir + ", c.id " + dir;
			default -> "c.created_at " + dir + ", c.id " + dir;
		};
	}

	private Timestamp startOf(LocalDate date) {
		return Timestamp.from(date.atStartOfDay(this.clock.getZone()).toInstant());
	}

	static String escapeLike(String value) {
		return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

}

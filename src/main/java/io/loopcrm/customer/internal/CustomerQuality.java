package io.loopcrm.customer.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Data-quality checks (數據清洗), each a SQL condition on the customer table: no way to
 * contact, no consent at all, no city, values that break today's rules (a birthday in the
 * future, an e-mail or phone not in normal form — e.g. from before a rule existed), and
 * files nobody has updated for N months.
 */
@Component
class CustomerQuality {

	static final int PAGE = 50;

	/** The checks, by name, as SQL conditions on {@code c}. */
	static final Map<String, String> CHECKS = new LinkedHashMap<>();

	static {
		CHECKS.put("missingContact", "cardinality(c.phones) = 0 and cardinality(c.emails) = 0 and c.wechat_id is null");
		CHECKS.put("noConsent", "not (c.consent_email or c.consent_sms or c.consent_phone)");
		CHECKS.put("missingCity", "c.city is null");
		CHECKS.put("invalidValues", "(c.birthday > current_date"
				+ " or exists (select 1 from unnest(c.emails) e where e !~ '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$' or e <> lower(e))"
				+ " or exists (select 1 from unnest(c.phones) p where p !~ '^\\+[1-9][0-9]{6,14}$'))");
		CHECKS.put("stale", "c.updated_at < :staleBefore");
	}

	private final NamedParameterJdbcTemplate jdbc;

	private final Clock clock;

	CustomerQuality(NamedParameterJdbcTemplate jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** How many customers fail each check. */
	@Transactional(readOnly = true)
	Map<String, Long> counts(int staleMonths) {
		StringBuilder sql = new StringBuilder("select ");
		CHECKS.forEach((name, condition) -> sql.append("count(*) filter (where ")
			.append(condition)
			.append(") as \"")
			.append(name)
			.append("\", "));
		sql.append("count(*) as \"total\" from customer c");
		Map<String, Object> row = this.jdbc.queryForMap(sql.toString(), params(staleMonths));
		Map<String, Long> counts = new LinkedHashMap<>();
		row.forEach((name, value) -> counts.put(name, ((Number) value).longValue()));
		return counts;
	}

	/**
	 * One page of the customers that fail a check: the most recently changed first (new
	 * problems get fixed while people remember), stale files the oldest first.
	 */
	@Transactional(readOnly = true)
	List<Map<String, Object>> list(String check, int staleMonths, int page) {
		String condition = CHECKS.get(check);
		if (condition == null) {
			return List.of();
		}
		MapSqlParameterSource params = params(staleMonths).addValue("limit", PAGE + 1)
			.addValue("offset", Math.max(page, 0) * PAGE);
		return this.jdbc.queryForList("""
				select c.id, c.name, c.external_id, c.phone, c.email, c.city, c.updated_at, c.updated_by
				from customer c where %s order by %s limit :limit offset :offset
				""".formatted(condition, "stale".equals(check) ? "c.updated_at, c.id" : "c.updated_at desc, c.id desc"),
				params);
	}

	private MapSqlParameterSource params(int staleMonths) {
		ZonedDateTime now = ZonedDateTime.now(this.clock);
		return new MapSqlParameterSource("staleBefore", Timestamp.from(now.minusMonths(staleMonths).toInstant()));
	}

}

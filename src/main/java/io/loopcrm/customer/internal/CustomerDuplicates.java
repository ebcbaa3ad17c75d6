package io.loopcrm.customer.internal;

import java.util.Arrays;
import java.util.List;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Possible duplicates, found in SQL: two customers sharing a normalised phone (+50), a
 * normalised e-mail (+50), or the same name in the same city once spaces and case are
 * ignored (+40, so "张 伟" and "张伟", "Grace Lee" and "grace lee"). A pair's score is the
 * sum of its reasons. A phone or e-mail shared by more than {@link #MAX_SHARED} customers
 * (a company switchboard, a shared family address) is not evidence and is skipped, which
 * also keeps the self-joins linear.
 */
@Component
class CustomerDuplicates {

	static final int MAX_SHARED = 5;

	static final int PAGE = 50;

	private final NamedParameterJdbcTemplate jdbc;

	CustomerDuplicates(NamedParameterJdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** One candidate pair, {@code a} the older file. */
	record Pair(long aId, String aName, String aCity, String aPhone, String aEmail, long bId, String bName,
			String bCity, String bPhone, String bEmail, List<String> reasons, int score) {
	}

	private static final String PAIRS = """
			with ph as (
			  select id, v from (select id, unnest(phones) as v from customer) x
			  where v in (select v from (select unnest(phones) as v from customer) y group by v
			              having count(*) between 2 and :maxShared)
			), em as (
			  select id, v from (select id, unnest(emails) as v from customer) x
			  where v in (select v from (select unnest(emails) as v from customer) y group by v
			              having count(*) between 2 and :maxShared)
			), nm as (
			  select id, city, lower(regexp_replace(name, '\\s+', '', 'g')) as v from customer where city is not null
			), nm_dup as (
			  select n.id, n.city, n.v from nm n
			  join (select city, v from nm group by city, v having count(*) between 2 and :maxShared) d
			    on d.city = n.city and d.v = n.v
			), pairs as (
			  select a.id as a, b.id as b, 'PHONE' as reason, 50 as points from ph a join ph b on a.v = b.v and a.id < b.id
			  union all
			  select a.id, b.id, 'EMAIL', 50 from em a join em b on a.v = b.v and a.id < b.id
			  union all
			  select a.id, b.id, 'NAME_CITY', 40 from nm_dup a join nm_dup b on a.v = b.v and a.city = b.city and a.id < b.id
			), scored as (
			  select a, b, array_agg(distinct reason order by reason) as reasons, sum(points) as score
			  from pairs group by a, b
			)
			""";

	@Transactional(readOnly = true)
	List<Pair> page(int page) {
		MapSqlParameterSource params = new MapSqlParameterSource("maxShared", MAX_SHARED).addValue("limit", PAGE + 1)
			.addValue("offset", Math.max(page, 0) * PAGE);
		return this.jdbc.query(PAIRS + """
				select s.a, ca.name as a_name, ca.city as a_city, ca.phone as a_phone, ca.email as a_email,
				       s.b, cb.name as b_name, cb.city as b_city, cb.phone as b_phone, cb.email as b_email,
				       s.reasons, s.score
				from scored s join customer ca on ca.id = s.a join customer cb on cb.id = s.b
				order by s.score desc, s.a, s.b
				limit :limit offset :offset
				""", params,
				(rs, n) -> new Pair(rs.getLong("a"), rs.getString("a_name"), rs.getString("a_city"),
						rs.getString("a_phone"), rs.getString("a_email"), rs.getLong("b"), rs.getString("b_name"),
						rs.getString("b_city"), rs.getString("b_phone"), rs.getString("b_email"),
						Arrays.asList((String[]) rs.getArray("reasons").getArray()), rs.getInt("score")));
	}

	/** How many pairs there are, counted up to {@code cap}. */
	@Transactional(readOnly = true)
	long count(int cap) {
		return this.jdbc.queryForObject(PAIRS + "select count(*) from (select 1 from scored limit :cap) t",
				new MapSqlParameterSource("maxShared", MAX_SHARED).addValue("cap", cap), Long.class);
	}

}

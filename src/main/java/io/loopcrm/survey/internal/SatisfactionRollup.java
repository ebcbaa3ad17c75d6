package io.loopcrm.survey.internal;

import java.time.ZoneId;
import java.util.List;

import io.loopcrm.platform.LoopCrmProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps the satisfaction rollups ({@code survey_rollup}, {@code survey_rating_rollup},
 * see {@code V12_2__survey_dashboard_rollups.sql}) up to date.
 * <ul>
 * <li>{@link #absorbPending()} runs every 20 seconds
 * ({@code loopcrm.survey.rollup.delay}): in one transaction it takes (deletes) the rows
 * of {@code survey_response_pending} that the response recorder wrote with each response
 * and adds those responses to the rollups with {@code ON CONFLICT DO UPDATE} that adds
 * the counts. A new response is in the figures within a minute.</li>
 * <li>{@link #rebuild()} runs every night ({@code loopcrm.survey.rollup.rebuild-cron},
 * 03:40): it recomputes both tables from all responses in one repeatable-read transaction
 * and empties the pending rows that snapshot saw, so a response is counted exactly once
 * whichever way it comes in. It is how responses deleted since (deleting a customer
 * deletes their answers) leave the figures, and the repair path should the rollups ever
 * disagree with the responses.</li>
 * </ul>
 * Both take one advisory lock, so they never run at the same time (also across
 * application instances); readers see the rollups before or after a run, never half of
 * one.
 */
@Component
public class SatisfactionRollup {

	private static final Logger log = LoggerFactory.getLogger(SatisfactionRollup.class);

	/** Advisory lock key of the rollup jobs. */
	private static final long LOCK = 0x4c6f6f7053617431L;

	private static final String COLUMNS = "day, survey_id, dim, dim_value, responses, n0, n1, n2, n3, n4, n5, n6, n7, n8, n9, n10, "
			+ "c1, c2, c3, c4, c5, ces_n, ces_sum, ces_sq";

	private static final String RATING_COLUMNS = "day, survey_id, dim, dim_value, dimension, n, sum, sq, "
			+ "nps_n, nps_x, nps_xx, nps_y, nps_yy, nps_xy, csat_n, csat_x, csat_xx, csat_y, csat_yy, csat_xy";

	private static final String PAIR_COLUMNS = "day, survey_id, d1, v1, d2, v2, responses, n0, n1, n2, n3, n4, n5, n6, n7, "
			+ "n8, n9, n10, c1, c2, c3, c4, c5, ces_n, ces_sum, ces_sq";

	/** One row per response and pair of dimensions it has values for (d1 < d2). */
	private static final String PAIRS = """
			cross join lateral (values ('category', r.category, 'channel', r.channel),
			    ('category', r.category, 'segment', r.segment), ('category', r.category, 'stage', r.lifecycle_stage),
			    ('category', r.category, 'store', r.store), ('channel', r.channel, 'segment', r.segment),
			    ('channel', r.channel, 'stage', r.lifecycle_stage), ('channel', r.channel, 'store', r.store),
			    ('segment', r.segment, 'stage', r.lifecycle_stage), ('segment', r.segment, 'store', r.store),
			    ('stage', r.lifecycle_stage, 'store', r.store)) d (d1, v1, d2, v2)
			""";

	/** One row per response and dimension it has a value for. */
	private static final String DIMENSIONS = """
			cross join lateral (values ('all', ''), ('channel', r.channel), ('store', r.store),
			    ('category', r.category), ('segment', r.segment), ('stage', r.lifecycle_stage)) d (dim, val)
			""";

	private final JdbcClient jdbc;

	private final ZoneId zone;

	SatisfactionRollup(JdbcClient jdbc, LoopCrmProperties properties) {
		this.jdbc = jdbc;
		this.zone = properties.zone();
	}

	/**
	 * Adds the pending responses to the rollups.
	 * @return how many responses were added
	 */
	@Scheduled(fixedDelayString = "${loopcrm.survey.rollup.delay:PT20S}",
			initialDelayString = "${loopcrm.survey.rollup.delay:PT20S}")
	@Transactional
	public int absorbPending() {
		lock();
		this.jdbc.sql("""
				create temp table survey_rollup_taken on commit drop as
				with taken as (delete from survey_response_pending returning response_id)
				select response_id from taken
				""").update();
		String source = "(select r.* from survey_response r join survey_rollup_taken t on t.response_id = r.id)";
		int taken = this.jdbc.sql("select count(*) from " + source + " x").query(Integer.class).single();
		if (taken > 0) {
			this.jdbc.sql("insert into survey_rollup (" + COLUMNS + ") " + responseSums(source) + """
					on conflict (dim, dim_value, day, survey_id) do update set
					    responses = survey_rollup.responses + excluded.responses,
					    n0 = survey_rollup.n0 + excluded.n0, n1 = survey_rollup.n1 + excluded.n1,
					    n2 = survey_rollup.n2 + excluded.n2, n3 = survey_rollup.n3 + excluded.n3,
					    n4 = survey_rollup.n4 + excluded.n4, n5 = survey_rollup.n5 + excluded.n5,
					    n6 = survey_rollup.n6 + excluded.n6, n7 = survey_rollup.n7 + excluded.n7,
					    n8 = survey_rollup.n8 + excluded.n8, n9 = survey_rollup.n9 + excluded.n9,
					    n10 = survey_rollup.n10 + excluded.n10,
					    c1 = survey_rollup.c1 + excluded.c1, c2 = survey_rollup.c2 + excluded.c2,
					    c3 = survey_rollup.c3 + excluded.c3, c4 = survey_rollup.c4 + excluded.c4,
					    c5 = survey_rollup.c5 + excluded.c5,
					    ces_n = survey_rollup.ces_n + excluded.ces_n,
					    ces_sum = survey_rollup.ces_sum + excluded.ces_sum,
					    ces_sq = survey_rollup.ces_sq + excluded.ces_sq
					""").param("zone", this.zone.getId()).update();
			this.jdbc.sql("insert into survey_rating_rollup (" + RATING_COLUMNS + ") " + ratingSums(source) + """
					on conflict (dim, dim_value, day, survey_id, dimension) do update set
					    n = survey_rating_rollup.n + excluded.n, sum = survey_rating_rollup.sum + excluded.sum,
					    sq = survey_rating_rollup.sq + excluded.sq,
					    nps_n = survey_rating_rollup.nps_n + excluded.nps_n,
					    nps_x = survey_rating_rollup.nps_x + excluded.nps_x,
					    nps_xx = survey_rating_rollup.nps_xx + excluded.nps_xx,
					    nps_y = survey_rating_rollup.nps_y + excluded.nps_y,
					    nps_yy = survey_rating_rollup.nps_yy + excluded.nps_yy,
					    nps_xy = survey_rating_rollup.nps_xy + excluded.nps_xy,
					    csat_n = survey_rating_rollup.csat_n + excluded.csat_n,
					    csat_x = survey_rating_rollup.csat_x + excluded.csat_x,
					    csat_xx = survey_rating_rollup.csat_xx + excluded.csat_xx,
					    csat_y = survey_rating_rollup.csat_y + excluded.csat_y,
					    csat_yy = survey_rating_rollup.csat_yy + excluded.csat_yy,
					    csat_xy = survey_rating_rollup.csat_xy + excluded.csat_xy
					""").param("zone", this.zone.getId()).update();
			this.jdbc
				.sql("insert into survey_pair_rollup (" + PAIR_COLUMNS + ") " + pairSums(source)
						+ "on conflict (d1, d2, v1, day, survey_id, v2) do update set " + added("survey_pair_rollup"))
				.param("zone", this.zone.getId())
				.update();
		}
		this.jdbc.sql("drop table survey_rollup_taken").update();
		return taken;
	}

	/**
	 * Recomputes the rollups from every response (and forgets the pending rows this
	 * transaction's snapshot holds: they are counted now).
	 * @return how many responses the rollups now hold
	 */
	@Scheduled(cron = "${loopcrm.survey.rollup.rebuild-cron:0 40 3 * * *}", zone = "${loopcrm.zone:Asia/Shanghai}")
	@Transactional(isolation = Isolation.REPEATABLE_READ)
	public long rebuild() {
		long start = System.nanoTime();
		lock();
		this.jdbc.sql("delete from survey_response_pending").update();
		this.jdbc.sql("delete from survey_rollup").update();
		this.jdbc.sql("delete from survey_rating_rollup").update();
		this.jdbc.sql("delete from survey_pair_rollup").update();
		this.jdbc.sql("insert into survey_rollup (" + COLUMNS + ") " + responseSums("survey_response"))
			.param("zone", this.zone.getId())
			.update();
		this.jdbc.sql("insert into survey_rating_rollup (" + RATING_COLUMNS + ") " + ratingSums("survey_response"))
			.param("zone", this.zone.getId())
			.update();
		this.jdbc.sql("insert into survey_pair_rollup (" + PAIR_COLUMNS + ") " + pairSums("survey_response"))
			.param("zone", this.zone.getId())
			.update();
		long responses = this.jdbc.sql("select coalesce(sum(responses), 0) from survey_rollup where dim = 'all'")
			.query(Long.class)
			.single();
		log.info("Satisfaction rollups rebuilt from {} responses in {} ms", responses,
				(System.nanoTime() - start) / 1_000_000);
		return responses;
	}

	private void lock() {
		this.jdbc.sql("select pg_advisory_xact_lock(?)").param(LOCK).query((rs, n) -> 1).list();
	}

	private static String responseSums(String source) {
		StringBuilder sql = new StringBuilder(
				"select (r.responded_at at time zone :zone)::date, r.survey_id, d.dim, d.val, count(*)");
		for (int i = 0; i <= 10; i++) {
			sql.append(", count(*) filter (where r.nps = ").append(i).append(')');
		}
		for (int i = 1; i <= 5; i++) {
			sql.append(", count(*) filter (where r.csat = ").append(i).append(')');
		}
		sql.append(", count(r.ces), coalesce(sum(r.ces), 0), coalesce(sum(r.ces::int * r.ces), 0)\n");
		sql.append("from ").append(source).append(" r\n").append(DIMENSIONS);
		sql.append("where d.val is not null group by 1, 2, 3, 4\n");
		return sql.toString();
	}

	private static String pairSums(String source) {
		StringBuilder sql = new StringBuilder(
				"select (r.responded_at at time zone :zone)::date, r.survey_id, d.d1, d.v1, d.d2, d.v2, count(*)");
		for (int i = 0; i <= 10; i++) {
			sql.append(", count(*) filter (where r.nps = ").append(i).append(')');
		}
		for (int i = 1; i <= 5; i++) {
			sql.append(", count(*) filter (where r.csat = ").append(i).append(')');
		}
		sql.append(", count(r.ces), coalesce(sum(r.ces), 0), coalesce(sum(r.ces::int * r.ces), 0)\n");
		sql.append("from ").append(source).append(" r\n").append(PAIRS);
		sql.append("where d.v1 is not null and d.v2 is not null group by 1, 2, 3, 4, 5, 6\n");
		return sql.toString();
	}

	/** The set list of an upsert adding every count column of the excluded row. */
	private static String added(String table) {
		StringBuilder set = new StringBuilder("responses = " + table + ".responses + excluded.responses");
		for (String column : List.of("n0", "n1", "n2", "n3", "n4", "n5", "n6", "n7", "n8", "n9", "n10", "c1", "c2",
				"c3", "c4", "c5", "ces_n", "ces_sum", "ces_sq")) {
			set.append(", ").append(column).append(" = ").append(table).append('.').append(column);
			set.append(" + excluded.").append(column);
		}
		return set.toString();
	}

	private static String ratingSums(String source) {
		return """
				select (r.responded_at at time zone :zone)::date, r.survey_id, d.dim, d.val, g.dimension,
				       count(*), sum(g.rating), sum(g.rating::int * g.rating),
				       count(r.nps), coalesce(sum(g.rating) filter (where r.nps is not null), 0),
				       coalesce(sum(g.rating::int * g.rating) filter (where r.nps is not null), 0),
				       coalesce(sum(r.nps), 0), coalesce(sum(r.nps::int * r.nps), 0),
				       coalesce(sum(g.rating::int * r.nps), 0),
				       count(r.csat), coalesce(sum(g.rating) filter (where r.csat is not null), 0),
				       coalesce(sum(g.rating::int * g.rating) filter (where r.csat is not null), 0),
				       coalesce(sum(r.csat), 0), coalesce(sum(r.csat::int * r.csat), 0),
				       coalesce(sum(g.rating::int * r.csat), 0)
				from %s r join survey_rating g on g.response_id = r.id
				%s
				where d.val is not null group by 1, 2, 3, 4, 5
				""".formatted(source, DIMENSIONS);
	}

}

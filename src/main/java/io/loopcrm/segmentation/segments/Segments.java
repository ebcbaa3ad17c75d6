package io.loopcrm.segmentation.segments;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongConsumer;

import javax.sql.DataSource;

import io.loopcrm.platform.AuditLog;
import io.loopcrm.platform.ConflictException;
import io.loopcrm.platform.CurrentUser;
import io.loopcrm.platform.ValidationException;
import io.loopcrm.platform.ValidationException.FieldProblem;
import io.loopcrm.segmentation.SegmentAudience;
import io.loopcrm.segmentation.SegmentNotFoundException;
import io.loopcrm.segmentation.SegmentSummary;
import io.loopcrm.segmentation.segments.SegmentDefinition.Condition;
import io.loopcrm.segmentation.segments.SegmentDefinition.Group;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Saved segments: create, change (optimistic locking on {@code version}), delete, count
 * live, list members, record sizes per day. Also the module's published
 * {@link SegmentAudience}.
 */
@Service
public class Segments implements SegmentAudience {

	private static final Logger log = LoggerFactory.getLogger(Segments.class);

	static final int MAX_NAME = 100;

	/** Rows fetched per round trip when members are streamed. */
	static final int FETCH_SIZE = 10_000;

	private final JdbcClient jdbc;

	private final NamedParameterJdbcTemplate streaming;

	private final TransactionTemplate readOnly;

	private final TransactionTemplate transactions;

	private final AuditLog auditLog;

	private final Clock clock;

	private final JsonMapper json;

	Segments(JdbcClient jdbc, DataSource dataSource, PlatformTransactionManager transactionManager, AuditLog auditLog,
			Clock clock, JsonMapper json) {
		this.jdbc = jdbc;
		JdbcTemplate template = new JdbcTemplate(dataSource);
		template.setFetchSize(FETCH_SIZE);
		this.streaming = new NamedParameterJdbcTemplate(template);
		this.readOnly = new TransactionTemplate(transactionManager);
		this.readOnly.setReadOnly(true);
		this.transactions = new TransactionTemplate(transactionManager);
		this.auditLog = auditLog;
		this.clock = clock;
		this.json = json;
	}

	/**
	 * A saved segment.
	 *
	 * @param id id
	 * @param name name
	 * @param owner username of who created it
	 * @param definition its conditions
	 * @param createdAt created
	 * @param updatedAt last saved
	 * @param updatedBy who saved last
	 * @param version for optimistic locking
	 */
	public record Saved(long id, String name, String owner, Group definition, Instant createdAt, Instant updatedAt,
			String updatedBy, long version) {
	}

	/** One day's recorded size. */
	public record Size(LocalDate day, long members) {
	}

	/**
	 * A member as the segment page and API show it.
	 *
	 * @param id customer id
	 * @param externalId external ID
	 * @param name name
	 * @param city city
	 * @param rfmSegment RFM segment in the latest run ({@code CHAMPIONS}, ...) or
	 * {@code null}
	 * @param valueTier value tier in the latest run
	 * @param lifecycle lifecycle stage in the latest run
	 * @param lastPurchase the last counting purchase
	 */
	public record Member(long id, String externalId, String name, String city, String rfmSegment, String valueTier,
			String lifecycle, Instant lastPurchase) {
	}

	/** A page of members and the segment's size. */
	public record MemberPage(List<Member> items, long total, int page, int size) {

		public boolean hasNext() {
			return (long) (this.page + 1) * this.size < this.total;
		}

	}

	// --- saved segments

	@Transactional
	public Saved create(String name, Group definition) {
		return createAs(CurrentUser.usernameOrSystem(), name, definition);
	}

	/** Creates a segment owned by the given user (the demo start's). */
	@Transactional
	public Saved createAs(String owner, String name, Group definition) {
		String checkedName = checkName(name, null);
		check(definition);
		Instant now = this.clock.instant();
		String actor = owner;
		long id;
		try {
			id = this.jdbc.sql("""
					insert into segment (name, owner, definition, created_at, updated_at, updated_by)
					values (?, ?, cast(? as jsonb), ?, ?, ?) returning id
					""")
				.params(checkedName, actor, write(definition), Timestamp.from(now), Timestamp.from(now), actor)
				.query(Long.class)
				.single();
		}
		catch (DuplicateKeyException ex) {
			throw new ConflictException("segments.error.name.taken", checkedName);
		}
		recordSize(id, definition);
		return get(id);
	}

	/**
	 * Saves a new name and conditions, if nobody saved the segment since {@code version}.
	 * @throws OptimisticLockingFailureException when somebody did
	 */
	@Transactional
	public Saved update(long id, long version, String name, Group definition) {
		Saved current = get(id);
		String checkedName = checkName(name, id);
		check(definition);
		int updated;
		try {
			updated = this.jdbc.sql("""
					update segment set name = ?, definition = cast(? as jsonb), updated_at = ?, updated_by = ?,
					  version = version + 1
					where id = ? and version = ?
					""")
				.params(checkedName, write(definition), Timestamp.from(this.clock.instant()),
						CurrentUser.usernameOrSystem(), id, version)
				.update();
		}
		catch (DuplicateKeyException ex) {
			throw new ConflictException("segments.error.name.taken", checkedName);
		}
		if (updated == 0) {
			throw new OptimisticLockingFailureException(
					"segment " + id + " changed: version " + current.version() + ", not " + version);
		}
		recordSize(id, definition);
		return get(id);
	}

	@Transactional
	public void delete(long id) {
		Saved segment = get(id);
		this.jdbc.sql("delete from segment where id = ?").param(id).update();
		this.auditLog.record("segment.deleted", "segment", String.valueOf(id), segment.name());
	}

	@Transactional(readOnly = true)
	public Saved get(long id) {
		return this.jdbc.sql("""
				select id, name, owner, definition::text, created_at, updated_at, updated_by, version
				from segment where id = ?
				""")
			.param(id)
			.query((rs, i) -> new Saved(rs.getLong(1), rs.getString(2), rs.getString(3), read(rs.getString(4)),
					rs.getTimestamp(5).toInstant(), rs.getTimestamp(6).toInstant(), rs.getString(7), rs.getLong(8)))
			.optional()
			.orElseThrow(() -> SegmentNotFoundException.forId(id));
	}

	@Override
	@Transactional(readOnly = true)
	public List<SegmentSummary> segments() {
		return summaries(null);
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<SegmentSummary> find(long segmentId) {
		return summaries(segmentId).stream().findFirst();
	}

	private List<SegmentSummary> summaries(Long id) {
		return this.jdbc.sql("""
				select g.id, g.name, g.owner, g.updated_at, z.members, z.day
				from segment g
				left join lateral (select members, day from segment_size where segment_id = g.id
				                   order by day desc limit 1) z on true
				where cast(:id as bigint) is null or g.id = :id
				order by lower(g.name), g.id
				""").param("id", id).query((rs, i) -> {
			Date day = rs.getDate(6);
			return new SegmentSummary(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant(),
					(Long) rs.getObject(5), (day != null) ? day.toLocalDate() : null);
		}).list();
	}

	/** Recorded sizes, oldest first. */
	@Transactional(readOnly = true)
	public List<Size> sizes(long id) {
		get(id);
		return this.jdbc.sql("select day, members from segment_size where segment_id = ? order by day")
			.param(id)
			.query((rs, i) -> new Size(rs.getDate(1).toLocalDate(), rs.getLong(2)))
			.list();
	}

	/** Counts every segment now and records the count as today's size. */
	public int recordAllSizes() {
		int recorded = 0;
		for (long id : this.jdbc.sql("select id from segment order by id").query(Long.class).list()) {
			try {
				this.transactions.executeWithoutResult((status) -> recordSize(id, get(id).definition()));
				recorded++;
			}
			catch (RuntimeException ex) {
				log.warn("Could not record the size of segment {}", id, ex);
			}
		}
		return recorded;
	}

	private long recordSize(long id, Group definition) {
		long members = countChecked(definition);
		this.jdbc
			.sql("""
					insert into segment_size (segment_id, day, members, recorded_at) values (?, ?, ?, ?)
					on conflict (segment_id, day) do update set members = excluded.members, recorded_at = excluded.recorded_at
					""")
			.params(id, Date.valueOf(LocalDate.now(this.clock)), members, Timestamp.from(this.clock.instant()))
			.update();
		return members;
	}

	// --- evaluation

	/** How many customers the conditions select now. */
	@Transactional(readOnly = true)
	public long count(Group definition) {
		check(definition);
		return countChecked(definition);
	}

	private long countChecked(Group definition) {
		SegmentSql.Query query = compile(definition);
		workMemory();
		return this.jdbc.sql(query.count()).params(query.params()).query(Long.class).single();
	}

	@Override
	@Transactional(readOnly = true)
	public long count(long segmentId) {
		return countChecked(get(segmentId).definition());
	}

	/** A page of members, in ascending id order. */
	@Transactional(readOnly = true)
	public MemberPage members(Group definition, int page, int size) {
		check(definition);
		SegmentSql.Query query = compile(definition);
		workMemory();
		long total = this.jdbc.sql(query.count()).params(query.params()).query(Long.class).single();
		Map<String, Object> params = new HashMap<>(query.params());
		params.put("run", context().runId());
		params.put("limit", size);
		params.put("offset", (long) page * size);
		List<Member> items = this.jdbc.sql("""
				select m.customer_id, f.external_id, f.name, f.city, r.rfm_segment, r.value_tier, r.lifecycle,
				  (select max(p.ordered_at) from commerce_purchase p where p.customer_id = m.customer_id)
				from (select c.customer_id from %s where %s order by c.customer_id limit :limit offset :offset) m
				join customer_segment_fields f on f.customer_id = m.customer_id
				left join customer_segment r on r.run_id = :run and r.customer_id = m.customer_id
				order by m.customer_id
				""".formatted(query.from(), query.where())).params(params).query((rs, i) -> {
			Timestamp last = rs.getTimestamp(8);
			return new Member(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
					rs.getString(6), rs.getString(7), (last != null) ? last.toInstant() : null);
		}).list();
		return new MemberPage(items, total, page, size);
	}

	/** The columns of an export, in order. */
	static final List<String> EXPORT_COLUMNS = List.of("id", "external_id", "name", "gender", "age_band", "city",
			"region", "phone", "email", "consent_email", "consent_sms", "consent_phone", "tags", "owner", "rfm_segment",
			"value_tier", "lifecycle", "last_purchase");

	/**
	 * Streams every member with the export's columns, from a cursor in one read-only
	 * transaction.
	 */
	void exportRows(Group definition, RowCallbackHandler handler) {
		this.readOnly.executeWithoutResult((status) -> {
			SegmentSql.Query query = compile(definition);
			MapSqlParameterSource params = new MapSqlParameterSource(query.params());
			params.addValue("run", context().runId());
			this.streaming
				.query("""
						select m.customer_id, f.external_id, f.name, f.gender, f.age_band, f.city, f.region, f.phone, f.email,
						  f.consent_email, f.consent_sms, f.consent_phone, array_to_string(f.tags, '|'), f.owner_username,
						  r.rfm_segment, r.value_tier, r.lifecycle,
						  (select max(p.ordered_at) from commerce_purchase p where p.customer_id = m.customer_id)
						from (select c.customer_id from %s where %s) m
						join customer_segment_fields f on f.customer_id = m.customer_id
						left join customer_segment r on r.run_id = :run and r.customer_id = m.customer_id
						order by m.customer_id
						"""
					.formatted(query.from(), query.where()), params, handler);
		});
	}

	@Override
	public long members(long segmentId, LongConsumer consumer) {
		Group definition = get(segmentId).definition();
		long[] streamed = { 0 };
		this.readOnly.executeWithoutResult((status) -> {
			SegmentSql.Query query = compile(definition);
			this.streaming.query(query.ids(), query.params(), (ResultSet rs) -> {
				consumer.accept(rs.getLong(1));
				streamed[0]++;
			});
		});
		return streamed[0];
	}

	@Override
	@Transactional(readOnly = true)
	public List<Long> members(long segmentId, long afterCustomerId, int limit) {
		SegmentSql.Query query = compile(get(segmentId).definition());
		Map<String, Object> params = new HashMap<>(query.params());
		params.put("after", afterCustomerId);
		params.put("limit", Math.max(limit, 0));
		return this.jdbc
			.sql("select c.customer_id from " + query.from() + " where " + query.where()
					+ " and c.customer_id > :after order by c.customer_id limit :limit")
			.params(params)
			.query(Long.class)
			.list();
	}

	@Override
	@Transactional(readOnly = true)
	public boolean contains(long segmentId, long customerId) {
		SegmentSql.Query query = compile(get(segmentId).definition());
		Map<String, Object> params = new HashMap<>(query.params());
		params.put("customer", customerId);
		return this.jdbc
			.sql("select exists (select 1 from " + query.from() + " where " + query.where()
					+ " and c.customer_id = :customer)")
			.params(params)
			.query(Boolean.class)
			.single();
	}

	// --- checks

	/**
	 * Checks what needs the database: that clustering exists for {@code cluster}
	 * conditions and that named categories exist.
	 * @throws ValidationException naming each problem
	 */
	@Transactional(readOnly = true)
	public void check(Group definition) {
		List<FieldProblem> problems = new ArrayList<>();
		List<Condition> conditions = definition.allConditions();
		if (SegmentSql.usesCluster(definition) && !clusterAvailable()) {
			conditions.stream()
				.filter((c) -> c.field() == Field.CLUSTER)
				.forEach((c) -> problems.add(new FieldProblem(c.path() + ".field", "segments.error.field.unavailable",
						c.field().getApiName())));
		}
		List<Condition> categories = conditions.stream().filter((c) -> c.field() == Field.BOUGHT_CATEGORY).toList();
		if (!categories.isEmpty()) {
			String[] keys = categories.stream()
				.flatMap((c) -> c.values().stream())
				.map((v) -> Field.categoryKey((String) v))
				.distinct()
				.toArray(String[]::new);
			Set<String> known = new HashSet<>(
					this.jdbc.sql("select distinct key from commerce_category_key where key = any(cast(? as text[]))")
						.param(keys)
						.query(String.class)
						.list());
			for (Condition c : categories) {
				for (int i = 0; i < c.values().size(); i++) {
					String value = (String) c.values().get(i);
					if (!known.contains(Field.categoryKey(value))) {
						problems.add(new FieldProblem(c.path() + ".value" + (c.op().isList() ? "[" + i + "]" : ""),
								"segments.error.category.unknown", value));
					}
				}
			}
		}
		if (!problems.isEmpty()) {
			throw new ValidationException(problems);
		}
	}

	/**
	 * Whether the clustering tables exist (another part of segmentation creates them).
	 */
	boolean clusterAvailable() {
		return this.jdbc
			.sql("select to_regclass('customer_cluster') is not null and to_regclass('cluster_run') is not null")
			.query(Boolean.class)
			.single();
	}

	/** Product categories by path, for the builder. */
	@Transactional(readOnly = true)
	public List<String> categoryPaths() {
		return this.jdbc.sql("select path from commerce_category order by lower(path)").query(String.class).list();
	}

	SegmentSql.Query compile(Group definition) {
		if (SegmentSql.usesCluster(definition) && !clusterAvailable()) {
			check(definition);
		}
		return SegmentSql.compile(definition, context());
	}

	/**
	 * Per-customer sums and the hash joins of a count fit in memory instead of spilling
	 * to disk (for this transaction only; outside one it does nothing).
	 */
	private void workMemory() {
		this.jdbc.sql("select set_config('work_mem', '64MB', true)").query(String.class).single();
	}

	SegmentSql.Context context() {
		long run = this.jdbc.sql("select coalesce(max(id), -1) from segmentation_run").query(Long.class).single();
		return new SegmentSql.Context(run, LocalDate.now(this.clock), this.clock.getZone());
	}

	private String checkName(String name, Long id) {
		String stripped = (name != null) ? name.strip() : "";
		if (stripped.isEmpty()) {
			throw ValidationException.of("name", "segments.error.name.missing");
		}
		if (stripped.length() > MAX_NAME) {
			throw ValidationException.of("name", "segments.error.name.tooLong", MAX_NAME);
		}
		boolean taken = this.jdbc.sql("select exists (select 1 from segment where lower(name) = lower(?) and id <> ?)")
			.params(stripped, (id != null) ? id : -1L)
			.query(Boolean.class)
			.single();
		if (taken) {
			throw new ConflictException("segments.error.name.taken", stripped);
		}
		return stripped;
	}

	String write(Group definition) {
		return this.json.writeValueAsString(SegmentDefinitions.toJson(definition));
	}

	Group read(String definition) {
		return SegmentDefinitions.parse(this.json.readTree(definition));
	}

	static String text(ResultSet rs, int column) throws SQLException {
		Object value = rs.getObject(column);
		return (value != null) ? String.valueOf(value) : null;
	}

}

package io.loopcrm.survey.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import io.loopcrm.customer.CustomerQueries;
import io.loopcrm.customer.CustomerSummary;
import io.loopcrm.platform.ConflictException;
import io.loopcrm.platform.CurrentUser;
import io.loopcrm.platform.NotFoundException;
import io.loopcrm.platform.ValidationException;
import io.loopcrm.segmentation.SegmentAudience;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Makes survey invitations: one per survey, customer and occasion (the
 * {@code trigger_ref}), however often it is asked for. Each gets an unguessable token,
 * the survey language closest to the customer's (else the survey's default), and expires
 * {@code expiry_days} after it was made. Many at once (a segment, the orders of a minute,
 * a periodic survey's audience) are written set-based, a thousand per statement.
 */
@Service
public class Invitations {

	private static final Logger log = LoggerFactory.getLogger(Invitations.class);

	static final String EMAIL = "EMAIL";

	static final String LINK = "LINK";

	static final List<String> CHANNELS = List.of(EMAIL, LINK);

	private static final int BATCH = 1000;

	private final JdbcClient jdbc;

	private final CustomerQueries customers;

	private final SegmentAudience audience;

	private final InvitationProperties properties;

	private final Clock clock;

	Invitations(JdbcClient jdbc, CustomerQueries customers, SegmentAudience audience, InvitationProperties properties,
			Clock clock) {
		this.jdbc = jdbc;
		this.customers = customers;
		this.audience = audience;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * What an invitation is for.
	 *
	 * @param triggerRef the occasion ({@code order:17}); one invitation per survey,
	 * customer and occasion
	 * @param channel {@code EMAIL} or {@code LINK}; {@code null}: the configured default
	 * @param preferredLocale the customer's language if known, else {@code null}
	 * @param store the store of the occasion, if any
	 * @param category the category of the occasion, if any
	 */
	public record Occasion(String triggerRef, String channel, Locale preferredLocale, String store, String category) {
	}

	/**
	 * A send to a segment.
	 *
	 * @param triggerRef the send's {@code manual:<batch>} reference
	 * @param members the segment's members at the time
	 * @param created invitations made (members already invited by this send are not
	 * counted twice)
	 */
	public record Sent(String triggerRef, long members, int created) {
	}

	/** The facts about a survey invitations need. */
	record SurveyRef(long id, String name, boolean active, SurveyTrigger trigger, Long segmentId, Integer periodicDays,
			List<String> languages, int expiryDays, Instant createdAt) {

		/** The survey language closest to the locale (its language, then the default). */
		String languageFor(Locale locale) {
			if (locale != null) {
				for (String language : this.languages) {
					if (language.equalsIgnoreCase(locale.toLanguageTag())) {
						return language;
					}
				}
				for (String language : this.languages) {
					Locale candidate = Locale.forLanguageTag(language);
					if (candidate.getLanguage().equals(locale.getLanguage())
							&& PageLanguage.of(language).equals(PageLanguage.of(locale.toLanguageTag()))) {
						return language;
					}
				}
				for (String language : this.languages) {
					if (Locale.forLanguageTag(language).getLanguage().equals(locale.getLanguage())) {
						return language;
					}
				}
			}
			return this.languages.get(0);
		}

	}

	/** One invitation to write in a batch. */
	private record Row(long surveyId, long customerId, String language, String channel, String triggerRef, String store,
			String category, int expiryDays) {
	}

	@Transactional(readOnly = true)
	public Optional<SurveyRef> survey(long surveyId) {
		return this.jdbc.sql("""
				select id, name, active, trigger_type, segment_id, periodic_days, languages, expiry_days, created_at
				from survey where id = ?
				""").param(surveyId).query((rs, n) -> surveyRef(rs)).optional();
	}

	SurveyRef requireSurvey(long surveyId) {
		return survey(surveyId).orElseThrow(() -> new NotFoundException("survey.invitations.surveyNotFound", surveyId));
	}

	private static SurveyRef surveyRef(java.sql.ResultSet rs) throws java.sql.SQLException {
		long segment = rs.getLong(5);
		Long segmentId = rs.wasNull() ? null : segment;
		int days = rs.getInt(6);
		Integer periodicDays = rs.wasNull() ? null : days;
		List<String> languages = Arrays.stream(rs.getString(7).split(","))
			.map(String::trim)
			.filter((s) -> !s.isEmpty())
			.toList();
		return new SurveyRef(rs.getLong(1), rs.getString(2), rs.getBoolean(3), SurveyTrigger.valueOf(rs.getString(4)),
				segmentId, periodicDays, languages.isEmpty() ? List.of("en") : languages, rs.getInt(8),
				rs.getTimestamp(9).toInstant());
	}

	/**
	 * Invites the customer for the occasion, or answers the invitation made for it
	 * before.
	 * @throws NotFoundException when there is no such survey or customer
	 * @throws ConflictException when the survey no longer takes responses
	 */
	@Transactional
	public Invitation invite(long surveyId, long customerId, Occasion occasion) {
		SurveyRef survey = requireSurvey(surveyId);
		CustomerSummary customer = this.customers.find(customerId)
			.orElseThrow(() -> new NotFoundException("survey.invitations.customerNotFound", customerId));
		Optional<Invitation> existing = find(surveyId, customer.id(), occasion.triggerRef());
		if (existing.isPresent()) {
			return existing.get();
		}
		if (!survey.active()) {
			throw new ConflictException("survey.invitations.inactive", survey.name());
		}
		insert(List.of(new Row(surveyId, customer.id(), survey.languageFor(occasion.preferredLocale()),
				channel(occasion.channel()), occasion.triggerRef(), occasion.store(), occasion.category(),
				survey.expiryDays())), null);
		return find(surveyId, customer.id(), occasion.triggerRef()).orElseThrow();
	}

	/**
	 * Invites every member of the saved segment, one {@code manual:<batch>} occasion for
	 * the whole send. Customers without an e-mail address get an invitation too: its link
	 * can be copied or exported.
	 * @throws ValidationException when the survey is closed or the channel unknown
	 * @throws io.loopcrm.segmentation.SegmentNotFoundException when there is no such
	 * segment
	 */
	@Transactional
	public Sent sendToSegment(long surveyId, long segmentId, String channel) {
		SurveyRef survey = requireSurvey(surveyId);
		if (!survey.active()) {
			throw ValidationException.of("segmentId", "survey.invitations.inactive", survey.name());
		}
		if (channel != null && !CHANNELS.contains(channel)) {
			throw ValidationException.of("channel", "survey.invitations.channelUnknown");
		}
		Instant now = this.clock.instant();
		String ref = "manual:"
				+ DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(this.clock.getZone()).format(now) + "-"
				+ HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt());
		String language = survey.languages().get(0);
		long members = 0;
		int created = 0;
		long after = 0;
		while (true) {
			List<Long> batch = this.audience.members(segmentId, after, BATCH);
			if (batch.isEmpty()) {
				break;
			}
			List<Row> rows = new ArrayList<>(batch.size());
			for (Long id : batch) {
				rows.add(new Row(surveyId, id, language, channel(channel), ref, null, null, survey.expiryDays()));
			}
			created += insert(rows, null);
			members += batch.size();
			after = batch.get(batch.size() - 1);
		}
		log.info("Survey {} sent to segment {}: {} members, {} invitations ({})", surveyId, segmentId, members, created,
				ref);
		return new Sent(ref, members, created);
	}

	/**
	 * The ORDER_COMPLETED trigger: invites the customers of orders that became
	 * {@code COMPLETED} since the last run to every active ORDER_COMPLETED survey (orders
	 * completed before the survey was made, or ordered longer ago than
	 * {@code order-max-age}, are left alone). Reads orders only through the commerce
	 * module's {@code commerce_order_reference}. A run that finds another one busy does
	 * nothing.
	 * @return invitations made, or -1 when another run was busy
	 */
	@Transactional
	public int inviteCompletedOrders() {
		String job = "order-completed";
		this.jdbc.sql("""
				insert into survey_job_watermark (job, watermark) values (?, timestamptz '1970-01-01 00:00:00Z')
				on conflict do nothing
				""").param(job).update();
		Optional<Timestamp> watermark = this.jdbc
			.sql("select watermark from survey_job_watermark where job = ? for update skip locked")
			.param(job)
			.query(Timestamp.class)
			.optional();
		if (watermark.isEmpty()) {
			return -1;
		}
		Instant now = this.clock.instant();
		Timestamp since = Timestamp.from(watermark.get().toInstant().minus(this.properties.orderOverlap()));
		Timestamp oldest = Timestamp.from(now.minus(this.properties.orderMaxAge()));
		Timestamp seen = this.jdbc.sql("""
				select max(updated_at) from commerce_order_reference
				where status = 'COMPLETED' and ordered_at > ? and updated_at > ?
				""").params(oldest, since).query(Timestamp.class).optional().orElse(null);
		if (seen == null) {
			return 0;
		}
		List<Row> rows = this.jdbc.sql("""
				select s.id, o.customer_id, s.languages, 'order:' || o.order_id, o.store, s.expiry_days
				from commerce_order_reference o
				join survey s on s.active and s.trigger_type = 'ORDER_COMPLETED' and o.updated_at >= s.created_at
				where o.status = 'COMPLETED' and o.ordered_at > :oldest and o.updated_at > :since
				  and not exists (select 1 from survey_invitation i where i.survey_id = s.id
				                  and i.customer_id = o.customer_id and i.trigger_ref = 'order:' || o.order_id)
				order by o.order_id, s.id
				""")
			.param("oldest", oldest)
			.param("since", since)
			.query((rs, n) -> new Row(rs.getLong(1), rs.getLong(2), rs.getString(3).split(",")[0].trim(), channel(null),
					rs.getString(4), rs.getString(5), null, rs.getInt(6)))
			.list();
		int created = 0;
		for (int from = 0; from < rows.size(); from += BATCH) {
			created += insert(rows.subList(from, Math.min(rows.size(), from + BATCH)), null);
		}
		// never past now: a change stamped later (a skewed clock) is looked at again, not
		// the changes in between skipped
		Timestamp next = seen.toInstant().isAfter(now) ? Timestamp.from(now) : seen;
		this.jdbc.sql("update survey_job_watermark set watermark = greatest(watermark, ?) where job = ?")
			.params(next, job)
			.update();
		return created;
	}

	/**
	 * The PERIODIC trigger: each active periodic survey invites the members of its
	 * segment who were not invited to it within its {@code periodic_days}; one
	 * {@code periodic:<date>} occasion per day, so a second run the same day invites
	 * nobody twice.
	 * @return invitations made
	 */
	@Transactional
	public int invitePeriodic() {
		List<SurveyRef> surveys = this.jdbc.sql("""
				select id, name, active, trigger_type, segment_id, periodic_days, languages, expiry_days, created_at
				from survey where active and trigger_type = 'PERIODIC' and segment_id is not null
				  and periodic_days is not null
				order by id
				""").query((rs, n) -> surveyRef(rs)).list();
		Instant now = this.clock.instant();
		String ref = "periodic:" + LocalDate.ofInstant(now, this.clock.getZone());
		int created = 0;
		for (SurveyRef survey : surveys) {
			if (this.audience.find(survey.segmentId()).isEmpty()) {
				log.warn("Periodic survey {} names segment {}, which does not exist", survey.id(), survey.segmentId());
				continue;
			}
			Timestamp since = Timestamp.from(now.minus(java.time.Duration.ofDays(survey.periodicDays())));
			long after = 0;
			while (true) {
				List<Long> batch = this.audience.members(survey.segmentId(), after, BATCH);
				if (batch.isEmpty()) {
					break;
				}
				List<Row> rows = new ArrayList<>(batch.size());
				for (Long id : batch) {
					rows.add(new Row(survey.id(), id, survey.languages().get(0), channel(null), ref, null, null,
							survey.expiryDays()));
				}
				created += insert(rows, since);
				after = batch.get(batch.size() - 1);
			}
		}
		return created;
	}

	/**
	 * Writes the rows in one statement; rows whose occasion has an invitation already,
	 * whose customer is gone, or (with {@code notInvitedSince}) whose customer was
	 * invited to the survey since then, are skipped.
	 */
	private int insert(List<Row> rows, Timestamp notInvitedSince) {
		int n = rows.size();
		Long[] surveys = new Long[n];
		Long[] customerIds = new Long[n];
		String[] tokens = new String[n];
		String[] languages = new String[n];
		String[] channels = new String[n];
		String[] refs = new String[n];
		String[] stores = new String[n];
		String[] categories = new String[n];
		Integer[] days = new Integer[n];
		for (int i = 0; i < n; i++) {
			Row row = rows.get(i);
			surveys[i] = row.surveyId();
			customerIds[i] = row.customerId();
			tokens[i] = InvitationTokens.next();
			languages[i] = row.language();
			channels[i] = row.channel();
			refs[i] = row.triggerRef();
			stores[i] = row.store();
			categories[i] = row.category();
			days[i] = row.expiryDays();
		}
		return this.jdbc.sql("""
				insert into survey_invitation (survey_id, customer_id, token, language, channel, trigger_ref, store,
				  category, created_at, created_by, expires_at)
				select x.survey_id, x.customer_id, x.token, x.language, x.channel, x.trigger_ref, x.store, x.category,
				  cast(:now as timestamptz), :by, cast(:now as timestamptz) + x.days * interval '1 day'
				from unnest(:surveys::bigint[], :customers::bigint[], :tokens::text[], :languages::text[],
				            :channels::text[], :refs::text[], :stores::text[], :categories::text[], :days::int[])
				  as x (survey_id, customer_id, token, language, channel, trigger_ref, store, category, days)
				join customer_directory d on d.customer_id = x.customer_id
				where cast(:since as timestamptz) is null
				   or not exists (select 1 from survey_invitation i where i.survey_id = x.survey_id
				                  and i.customer_id = x.customer_id and i.created_at > cast(:since as timestamptz))
				on conflict do nothing
				""")
			.param("now", Timestamp.from(this.clock.instant()))
			.param("by", CurrentUser.usernameOrSystem())
			.param("surveys", surveys)
			.param("customers", customerIds)
			.param("tokens", tokens)
			.param("languages", languages)
			.param("channels", channels)
			.param("refs", refs)
			.param("stores", stores)
			.param("categories", categories)
			.param("days", days)
			.param("since", notInvitedSince, java.sql.Types.TIMESTAMP)
			.update();
	}

	private String channel(String requested) {
		return (requested != null) ? requested : this.properties.channel();
	}

	/** The invitation made for the occasion. */
	@Transactional(readOnly = true)
	public Optional<Invitation> find(long surveyId, long customerId, String triggerRef) {
		return this.jdbc
			.sql("select " + Invitation.COLUMNS
					+ " from survey_invitation i where i.survey_id = ? and i.customer_id = ? and i.trigger_ref = ?")
			.params(surveyId, customerId, triggerRef)
			.query((rs, n) -> Invitation.of(rs))
			.optional();
	}

	/** The invitation with this token (nothing for text that cannot be a token). */
	@Transactional(readOnly = true)
	public Optional<Invitation> byToken(String token) {
		if (!InvitationTokens.wellFormed(token)) {
			return Optional.empty();
		}
		return this.jdbc.sql("select " + Invitation.COLUMNS + " from survey_invitation i where i.token = ?")
			.param(token)
			.query((rs, n) -> Invitation.of(rs))
			.optional();
	}

	/** Notes the first time the customer opened the page. */
	@Transactional
	public void opened(long invitationId) {
		this.jdbc.sql("update survey_invitation set opened_at = ? where id = ? and opened_at is null")
			.params(Timestamp.from(this.clock.instant()), invitationId)
			.update();
	}

}

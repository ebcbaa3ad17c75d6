package io.loopcrm.survey.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.loopcrm.platform.LoopCrmProperties;
import io.loopcrm.platform.ValidationException;
import io.loopcrm.survey.internal.VerbatimTerms.Term;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The free-text answers ({@code survey_response.verbatim}): a search (case-insensitive
 * substring, served by the trigram index) filtered by NPS group, survey, period and
 * dimension values, newest first, and the most frequent terms of promoters' and
 * detractors' answers among the most recent ones.
 */
@Component
class Verbatims {

	/** Answers on one page. */
	static final int PAGE_SIZE = 20;

	/** Terms shown per group. */
	static final int TERMS = 20;

	private final JdbcClient jdbc;

	private final ZoneId zone;

	private final SatisfactionSettings settings;

	Verbatims(JdbcClient jdbc, LoopCrmProperties properties, SatisfactionSettings settings) {
		this.jdbc = jdbc;
		this.zone = properties.zone();
		this.settings = settings;
	}

	/**
	 * A free-text answer.
	 *
	 * @param responseId the response
	 * @param surveyName its survey
	 * @param respondedAt when
	 * @param nps the NPS answer, if any
	 * @param group PROMOTER, PASSIVE, DETRACTOR or {@code null} without NPS answer
	 * @param csat the CSAT answer, if any
	 * @param channel the channel
	 * @param customerId the customer, {@code null} when anonymous
	 * @param text the answer
	 */
	record Verbatim(long responseId, String surveyName, Instant respondedAt, Integer nps, String group, Integer csat,
			String channel, Long customerId, String text) {
	}

	/**
	 * @param items this page's answers
	 * @param page page number, from 0
	 * @param hasNext whether a next page exists
	 */
	record Page(List<Verbatim> items, int page, boolean hasNext) {
	}

	@Transactional(readOnly = true)
	Page search(SatisfactionQuery q, String text, String group, int page) {
		Map<String, Object> p = params(q);
		String where = where(q, p) + textCondition(text, p) + groupCondition(group);
		p.put("limit", PAGE_SIZE + 1);
		p.put("offset", (long) page * PAGE_SIZE);
		List<Verbatim> rows = this.jdbc.sql("""
				select r.id, s.name, r.responded_at, r.nps, r.csat, r.channel, r.customer_id, r.verbatim
				from survey_response r join survey s on s.id = r.survey_id
				where %s order by r.responded_at desc, r.id desc limit :limit offset :offset
				""".formatted(where)).params(p).query((rs, n) -> {
			Integer nps = (Integer) rs.getObject(4, Integer.class);
			return new Verbatim(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(), nps,
					(nps == null) ? null : Scores.npsGroup(nps).name(), (Integer) rs.getObject(5, Integer.class),
					rs.getString(6), (Long) rs.getObject(7, Long.class), rs.getString(8));
		}).list();
		boolean next = rows.size() > PAGE_SIZE;
		return new Page(next ? rows.subList(0, PAGE_SIZE) : rows, page, next);
	}

	/**
	 * The most frequent terms of one NPS group's answers (the search text does not
	 * apply), counted over its most recent
	 * {@code loopcrm.survey.dashboard.verbatim-term-sample} answers.
	 */
	@Transactional(readOnly = true)
	List<Term> terms(SatisfactionQuery q, String group) {
		Map<String, Object> p = params(q);
		String where = where(q, p) + groupCondition(group);
		p.put("limit", this.settings.verbatimTermSample());
		List<String> texts = this.jdbc
			.sql("select r.verbatim from survey_response r where %s order by r.responded_at desc limit :limit"
				.formatted(where))
			.params(p)
			.query(String.class)
			.list();
		return VerbatimTerms.top(texts, TERMS);
	}

	private static String where(SatisfactionQuery q, Map<String, Object> p) {
		StringBuilder where = new StringBuilder(
				"r.verbatim is not null and r.responded_at >= :start and r.responded_at < :end");
		if (q.surveyId() != null) {
			where.append(" and r.survey_id = :survey");
		}
		q.filters().forEach((dim, value) -> {
			where.append(" and r.").append(dim.column()).append(" = :f_").append(dim.code());
			p.put("f_" + dim.code(), value);
		});
		return where.toString();
	}

	private static String textCondition(String text, Map<String, Object> p) {
		if (text == null || text.isBlank()) {
			return "";
		}
		String escaped = text.trim().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
		p.put("text", "%" + escaped + "%");
		return " and r.verbatim ilike :text";
	}

	/** The SQL condition of an NPS group; an unknown group is refused. */
	static String groupCondition(String group) {
		if (group == null || group.isBlank()) {
			return "";
		}
		return switch (group.trim().toUpperCase(Locale.ROOT)) {
			case "PROMOTER" -> " and r.nps >= 9";
			case "PASSIVE" -> " and r.nps between 7 and 8";
			case "DETRACTOR" -> " and r.nps <= 6";
			default -> throw ValidationException.of("group", "survey.verbatims.error.group", group);
		};
	}

	private Map<String, Object> params(SatisfactionQuery q) {
		Map<String, Object> p = new HashMap<>();
		p.put("start", Timestamp.from(q.from().atStartOfDay(this.zone).toInstant()));
		p.put("end", Timestamp.from(q.to().plusDays(1).atStartOfDay(this.zone).toInstant()));
		if (q.surveyId() != null) {
			p.put("survey", q.surveyId());
		}
		return p;
	}

}

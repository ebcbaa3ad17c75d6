package io.loopcrm.survey.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.loopcrm.customer.CustomerQueries;
import io.loopcrm.customer.CustomerSummary;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the survey pages, the profile section and the timeline read about responses:
 * counts per survey, the latest responses page by page, a customer's responses.
 */
@Component
class SurveyPageQueries {

	static final int PAGE_SIZE = 20;

	private final JdbcClient jdbc;

	private final CustomerQueries customers;

	SurveyPageQueries(JdbcClient jdbc, CustomerQueries customers) {
		this.jdbc = jdbc;
		this.customers = customers;
	}

	/**
	 * A survey's responses at a glance.
	 *
	 * @param responses all of them
	 * @param lastResponseAt the latest answer time, {@code null} without responses
	 */
	record Totals(long responses, Instant lastResponseAt) {

		static final Totals NONE = new Totals(0, null);

	}

	/**
	 * The figures on a survey's page.
	 *
	 * @param responses all responses
	 * @param recent responses answered since the given time
	 * @param followUps follow-up tickets opened for its responses
	 */
	record Counts(long responses, long recent, long followUps) {
	}

	/**
	 * One response in a list.
	 *
	 * @param id id
	 * @param respondedAt when the customer answered
	 * @param customerId the customer, {@code null} when anonymous
	 * @param customerName their name
	 * @param channel how it came in
	 * @param nps the 0–10 answer
	 * @param csat the 1–5 answer
	 * @param ces the 1–7 answer
	 * @param verbatim the free-text answers
	 * @param enteredBy the staff user who entered it
	 * @param ticketId the follow-up ticket, if one was opened
	 */
	record ResponseRow(long id, Instant respondedAt, Long customerId, String customerName, String channel, Integer nps,
			Integer csat, Integer ces, String verbatim, String enteredBy, Long ticketId) {
	}

	/**
	 * A page of responses.
	 *
	 * @param rows the responses, newest first
	 * @param page zero-based page number
	 * @param hasNext whether older responses follow
	 */
	record ResponsePage(List<ResponseRow> rows, int page, boolean hasNext) {
	}

	/**
	 * A customer's response with its survey's name.
	 *
	 * @param id id
	 * @param surveyId the survey
	 * @param surveyName its name
	 * @param respondedAt when they answered
	 * @param channel how it came in
	 * @param nps the 0–10 answer
	 * @param csat the 1–5 answer
	 * @param ces the 1–7 answer
	 * @param verbatim the free-text answers
	 * @param ticketId the follow-up ticket, if one was opened
	 */
	record CustomerResponse(long id, long surveyId, String surveyName, Instant respondedAt, String channel, Integer nps,
			Integer csat, Integer ces, String verbatim, Long ticketId) {
	}

	/** Response count and latest answer per survey. */
	@Transactional(readOnly = true)
	Map<Long, Totals> totals() {
		Map<Long, Totals> totals = new HashMap<>();
		this.jdbc.sql("select survey_id, count(*), max(responded_at) from survey_response group by survey_id")
			.query((rs, n) -> totals.put(rs.getLong(1), new Totals(rs.getLong(2), rs.getTimestamp(3).toInstant())))
			.list();
		return totals;
	}

	@Transactional(readOnly = true)
	Counts counts(long surveyId, Instant since) {
		return this.jdbc.sql("""
				select (select count(*) from survey_response where survey_id = :survey),
				       (select count(*) from survey_response where survey_id = :survey and responded_at >= :since),
				       (select count(*) from survey_follow_up f join survey_response r on r.id = f.response_id
				        where r.survey_id = :survey)
				""")
			.param("survey", surveyId)
			.param("since", Timestamp.from(since))
			.query((rs, n) -> new Counts(rs.getLong(1), rs.getLong(2), rs.getLong(3)))
			.single();
	}

	/** A page of the survey's responses, newest first. */
	@Transactional(readOnly = true)
	ResponsePage responses(long surveyId, int page) {
		int safePage = Math.max(0, page);
		List<ResponseRow> rows = this.jdbc.sql("""
				select r.id, r.responded_at, r.customer_id, r.channel, r.nps, r.csat, r.ces, r.verbatim, r.entered_by,
				       f.ticket_id
				from survey_response r left join survey_follow_up f on f.response_id = r.id
				where r.survey_id = ?
				order by r.responded_at desc, r.id desc
				limit ? offset ?
				""").params(surveyId, PAGE_SIZE + 1, (long) safePage * PAGE_SIZE).query((rs, n) -> {
			Long customerId = (Long) rs.getObject(3);
			return new ResponseRow(rs.getLong(1), rs.getTimestamp(2).toInstant(), customerId, null, rs.getString(4),
					(Integer) rs.getObject(5), (Integer) rs.getObject(6), (Integer) rs.getObject(7), rs.getString(8),
					rs.getString(9), (Long) rs.getObject(10));
		}).list();
		boolean hasNext = rows.size() > PAGE_SIZE;
		Map<Long, String> names = new HashMap<>();
		List<ResponseRow> named = rows.stream().limit(PAGE_SIZE).map((r) -> {
			if (r.customerId() == null) {
				return r;
			}
			String name = names.computeIfAbsent(r.customerId(),
					(id) -> this.customers.find(id).map(CustomerSummary::name).orElse("#" + id));
			return new ResponseRow(r.id(), r.respondedAt(), r.customerId(), name, r.channel(), r.nps(), r.csat(),
					r.ces(), r.verbatim(), r.enteredBy(), r.ticketId());
		}).toList();
		return new ResponsePage(named, safePage, hasNext);
	}

	/** The customer's latest responses, newest first. */
	@Transactional(readOnly = true)
	List<CustomerResponse> ofCustomer(long customerId, Instant before, int limit) {
		return this.jdbc.sql("""
				select r.id, r.survey_id, s.name, r.responded_at, r.channel, r.nps, r.csat, r.ces, r.verbatim,
				       f.ticket_id
				from survey_response r join survey s on s.id = r.survey_id
				left join survey_follow_up f on f.response_id = r.id
				where r.customer_id = ? and r.responded_at < ?
				order by r.responded_at desc, r.id desc
				limit ?
				""")
			.params(customerId, Timestamp.from(before), limit)
			.query((rs, n) -> new CustomerResponse(rs.getLong(1), rs.getLong(2), rs.getString(3),
					rs.getTimestamp(4).toInstant(), rs.getString(5), (Integer) rs.getObject(6),
					(Integer) rs.getObject(7), (Integer) rs.getObject(8), rs.getString(9), (Long) rs.getObject(10)))
			.list();
	}

	@Transactional(readOnly = true)
	long countOfCustomer(long customerId) {
		return this.jdbc.sql("select count(*) from survey_response where customer_id = ?")
			.param(customerId)
			.query(Long.class)
			.single();
	}

	/** The follow-up ticket a response opened, if any. */
	@Transactional(readOnly = true)
	Optional<Long> followUpTicket(long responseId) {
		return this.jdbc.sql("select ticket_id from survey_follow_up where response_id = ?")
			.param(responseId)
			.query(Long.class)
			.optional();
	}

	/** Whether anybody answered the survey's current questions. */
	@Transactional(readOnly = true)
	boolean answered(long surveyId, int surveyVersion) {
		return this.jdbc.sql("select exists (select 1 from survey_response where survey_id = ? and survey_version = ?)")
			.params(surveyId, surveyVersion)
			.query(Boolean.class)
			.single();
	}

}

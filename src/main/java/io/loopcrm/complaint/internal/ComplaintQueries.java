package io.loopcrm.complaint.internal;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.loopcrm.customer.CustomerQueries;
import io.loopcrm.customer.CustomerSummary;
import io.loopcrm.platform.CurrentUser;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Reading cases: one case with its history, the filtered list, a customer's cases. */
@Component
class ComplaintQueries {

	static final int PAGE = 50;

	private final ComplaintService service;

	private final CustomerQueries customers;

	private final JdbcClient jdbc;

	ComplaintQueries(ComplaintService service, CustomerQueries customers, JdbcClient jdbc) {
		this.service = service;
		this.customers = customers;
		this.jdbc = jdbc;
	}

	/**
	 * The filters of the list, as in its URL.
	 *
	 * @param status a status, or empty for all
	 * @param severity a severity, or empty for all
	 * @param owner a username, {@code -} for unassigned cases, empty for all
	 * @param overdue only open cases past their due time
	 * @param customer only this customer's cases
	 * @param page page number from 0
	 */
	record CaseFilter(String status, String severity, String owner, boolean overdue, Long customer, int page) {

		CaseFilter {
			page = Math.max(0, page);
		}

	}

	/** One row of the list. */
	record CaseRow(long id, long customerId, String customerName, AboutType aboutType, String aboutReference,
			Severity severity, Status status, String owner, Instant registeredAt, Instant dueAt, boolean overdue) {
	}

	/**
	 * A page of the list.
	 *
	 * @param rows the rows, newest first
	 * @param hasNext whether there is a next page
	 */
	record CasePage(List<CaseRow> rows, boolean hasNext) {
	}

	@Transactional(readOnly = true)
	CaseDetails details(long id) {
		ComplaintCase c = this.service.find(id);
		String user = CurrentUser.usernameOrSystem();
		List<CaseAction> allowed = ComplaintWorkflow.allowed(c.getStatus());
		Map<String, String> refusals = new java.util.LinkedHashMap<>();
		List<CaseAction> yours = new ArrayList<>();
		for (CaseAction action : allowed) {
			this.service.refusal(c, action, user)
				.ifPresentOrElse((key) -> refusals.put(action.slug(), key), () -> yours.add(action));
		}
		List<CaseDetails.HistoryEntry> history = new ArrayList<>();
		Instant previous = null;
		for (ComplaintStep step : this.service.history(id)) {
			Double hours = (previous != null) ? Duration.between(previous, step.getOccurredAt()).toSeconds() / 3600.0
					: null;
			history.add(new CaseDetails.HistoryEntry(step.getAction(), step.getFromStatus(), step.getToStatus(),
					step.getActor(), step.getOccurredAt(), step.getDetail(), hours));
			previous = step.getOccurredAt();
		}
		List<CaseDetails.CapaLink> capa = this.jdbc.sql("""
				select p.id, p.title, p.status from complaint_capa p join complaint_capa_case l on l.capa_id = p.id
				where l.case_id = ? order by p.id
				""")
			.param(id)
			.query((rs, n) -> new CaseDetails.CapaLink(rs.getLong(1), rs.getString(2),
					CapaStatus.valueOf(rs.getString(3))))
			.list();
		CustomerSummary customer = this.customers.find(c.getCustomerId()).orElse(null);
		return new CaseDetails(c.getId(), c.getVersion(), c.getStatus(), allowed, List.copyOf(yours), refusals,
				c.getCustomerId(), customer, c.getAboutType(), c.getAboutReference(), c.getOrderId(), c.getProductSku(),
				c.getStore(), c.getDescription(), c.getDemands(), c.getChannel(), c.getSeverity(), c.getRegisteredAt(),
				c.getRegisteredBy(), c.getDueAt(), c.overdue(this.service.now()), c.getSourceTicketId(), c.getValid(),
				c.getValidityExplanation(), c.getDepartment(), c.getOwner(), c.getCauseCategory(), c.getCauseDetail(),
				c.getResponsible(), c.getProposalType(), c.getProposalAmount(), c.getProposalText(), c.getProposedBy(),
				this.service.needsAdmin(c), c.getApprovedBy(), c.getApprovedAt(), c.getApprovalComment(),
				c.getImplementationNotes(), c.getCustomerNotified(), c.getImplementedAt(), c.getCustomerSatisfied(),
				c.getFeedbackComment(), c.getClosedAt(), c.getReopenCount(), history, capa);
	}

	@Transactional(readOnly = true)
	CasePage list(CaseFilter filter) {
		StringBuilder where = new StringBuilder("true");
		Map<String, Object> params = new HashMap<>();
		if (filter.status() != null && !filter.status().isBlank()) {
			where.append(" and status = :status");
			params.put("status", filter.status().toUpperCase(Locale.ROOT));
		}
		if (filter.severity() != null && !filter.severity().isBlank()) {
			where.append(" and severity = :severity");
			params.put("severity", filter.severity().toUpperCase(Locale.ROOT));
		}
		if ("-".equals(filter.owner())) {
			where.append(" and owner is null");
		}
		else if (filter.owner() != null && !filter.owner().isBlank()) {
			where.append(" and owner = :owner");
			params.put("owner", filter.owner());
		}
		Timestamp now = Timestamp.from(this.service.now());
		if (filter.overdue()) {
			where.append(" and status <> 'CLOSED' and due_at < :now");
		}
		if (filter.customer() != null) {
			where.append(" and customer_id = :customer");
			params.put("customer", filter.customer());
		}
		params.put("now", now);
		params.put("limit", PAGE + 1);
		params.put("offset", filter.page() * PAGE);
		List<CaseRow> rows = this.jdbc.sql("""
				select id, customer_id, about_type, about_reference, severity, status, owner, registered_at, due_at,
				       (status <> 'CLOSED' and due_at < :now) as overdue
				from complaint_case where %s
				order by registered_at desc, id desc limit :limit offset :offset
				""".formatted(where))
			.params(params)
			.query((rs, n) -> new CaseRow(rs.getLong(1), rs.getLong(2), null, AboutType.valueOf(rs.getString(3)),
					rs.getString(4), Severity.valueOf(rs.getString(5)), Status.valueOf(rs.getString(6)),
					rs.getString(7), rs.getTimestamp(8).toInstant(), rs.getTimestamp(9).toInstant(), rs.getBoolean(10)))
			.list();
		boolean hasNext = rows.size() > PAGE;
		return new CasePage(withNames(hasNext ? rows.subList(0, PAGE) : rows), hasNext);
	}

	/** The customer's cases that are not closed, oldest due first. */
	@Transactional(readOnly = true)
	List<CaseRow> openOf(long customerId) {
		Timestamp now = Timestamp.from(this.service.now());
		return this.jdbc.sql("""
				select id, customer_id, about_type, about_reference, severity, status, owner, registered_at, due_at,
				       due_at < :now as overdue
				from complaint_case where customer_id = :customer and status <> 'CLOSED'
				order by due_at, id
				""")
			.param("now", now)
			.param("customer", customerId)
			.query((rs, n) -> new CaseRow(rs.getLong(1), rs.getLong(2), null, AboutType.valueOf(rs.getString(3)),
					rs.getString(4), Severity.valueOf(rs.getString(5)), Status.valueOf(rs.getString(6)),
					rs.getString(7), rs.getTimestamp(8).toInstant(), rs.getTimestamp(9).toInstant(), rs.getBoolean(10)))
			.list();
	}

	@Transactional(readOnly = true)
	long countOf(long customerId) {
		return this.jdbc.sql("select count(*) from complaint_case where customer_id = ?")
			.param(customerId)
			.query(Long.class)
			.single();
	}

	private List<CaseRow> withNames(List<CaseRow> rows) {
		Map<Long, String> names = new HashMap<>();
		return rows.stream()
			.map((r) -> new CaseRow(r.id(), r.customerId(),
					names.computeIfAbsent(r.customerId(),
							(id) -> this.customers.find(id).map(CustomerSummary::name).orElse("#" + id)),
					r.aboutType(), r.aboutReference(), r.severity(), r.status(), r.owner(), r.registeredAt(), r.dueAt(),
					r.overdue()))
			.toList();
	}

}

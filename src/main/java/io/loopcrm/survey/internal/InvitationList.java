package io.loopcrm.survey.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import io.loopcrm.platform.AuditLog;
import io.loopcrm.platform.exports.ExportFormat;
import io.loopcrm.platform.exports.Spreadsheets;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A survey's invitations for managers: counts by status with the response rate, a page of
 * invitations with their links, and the CSV of links for SMS or WeChat tools (recorded in
 * the audit log: it holds personal data).
 */
@Component
class InvitationList {

	/** The CSV's columns. */
	static final List<String> EXPORT_COLUMNS = List.of("customer_external_id", "name", "phone", "email", "language",
			"link", "expires_at");

	private final JdbcClient jdbc;

	private final InvitationLinks links;

	private final AuditLog auditLog;

	private final TransactionTemplate transactions;

	private final Clock clock;

	InvitationList(JdbcClient jdbc, InvitationLinks links, AuditLog auditLog, TransactionTemplate transactions,
			Clock clock) {
		this.jdbc = jdbc;
		this.links = links;
		this.auditLog = auditLog;
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * Counts of one survey's invitations.
	 *
	 * @param total all invitations
	 * @param sent not opened yet, still open
	 * @param opened opened, not answered, still open
	 * @param responded answered
	 * @param expired not answered in time
	 */
	record Counts(long total, long sent, long opened, long responded, long expired) {

		/** Responded per invitation, a share of 1 ({@code null} without invitations). */
		public Double responseRate() {
			return (this.total == 0) ? null : (double) this.responded / this.total;
		}

	}

	/**
	 * What to list.
	 *
	 * @param status one status or {@code null} for all
	 * @param ref one occasion ({@code manual:...} of a send) or {@code null} for all
	 */
	record Filter(Invitation.Status status, String ref) {

		static Filter of(String status, String ref) {
			Invitation.Status parsed = null;
			if (status != null && !status.isBlank()) {
				try {
					parsed = Invitation.Status.valueOf(status.trim().toUpperCase(java.util.Locale.ROOT));
				}
				catch (IllegalArgumentException ex) {
					parsed = null;
				}
			}
			return new Filter(parsed, (ref != null && !ref.isBlank()) ? ref.trim() : null);
		}

	}

	/**
	 * One line of the list.
	 *
	 * @param invitation the invitation
	 * @param status where it stands
	 * @param link its absolute link
	 * @param customerName the customer's name
	 * @param customerExternalId the customer's external ID
	 */
	record Line(Invitation invitation, Invitation.Status status, String link, String customerName,
			String customerExternalId) {
	}

	/** A page of lines. */
	record Page(List<Line> lines, long total, int page, int size) {

		public boolean hasNext() {
			return (long) (this.page + 1) * this.size < this.total;
		}

	}

	@Transactional(readOnly = true)
	Counts counts(long surveyId) {
		return this.jdbc.sql("""
				select count(*),
				  count(*) filter (where responded_at is null and expires_at > :now and opened_at is null),
				  count(*) filter (where responded_at is null and expires_at > :now and opened_at is not null),
				  count(*) filter (where responded_at is not null),
				  count(*) filter (where responded_at is null and expires_at <= :now)
				from survey_invitation where survey_id = :survey
				""")
			.param("now", Timestamp.from(this.clock.instant()))
			.param("survey", surveyId)
			.query((rs, n) -> new Counts(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)))
			.single();
	}

	private static final String WHERE = """
			where i.survey_id = :survey
			  and (cast(:ref as text) is null or i.trigger_ref = cast(:ref as text))
			  and (cast(:status as text) is null
			       or (cast(:status as text) = 'RESPONDED' and i.responded_at is not null)
			       or (cast(:status as text) = 'EXPIRED' and i.responded_at is null and i.expires_at <= :now)
			       or (cast(:status as text) = 'OPENED' and i.responded_at is null and i.expires_at > :now
			           and i.opened_at is not null)
			       or (cast(:status as text) = 'SENT' and i.responded_at is null and i.expires_at > :now
			           and i.opened_at is null))
			""";

	@Transactional(readOnly = true)
	Page page(long surveyId, Filter filter, int page, int size) {
		Instant now = this.clock.instant();
		long total = this.jdbc.sql("select count(*) from survey_invitation i " + WHERE)
			.param("survey", surveyId)
			.param("ref", filter.ref())
			.param("status", (filter.status() != null) ? filter.status().name() : null)
			.param("now", Timestamp.from(now))
			.query(Long.class)
			.single();
		List<Line> lines = this.jdbc
			.sql("select " + Invitation.COLUMNS + ", f.name, f.external_id from survey_invitation i"
					+ " left join customer_segment_fields f on f.customer_id = i.customer_id " + WHERE
					+ " order by i.created_at desc, i.id desc limit :limit offset :offset")
			.param("survey", surveyId)
			.param("ref", filter.ref())
			.param("status", (filter.status() != null) ? filter.status().name() : null)
			.param("now", Timestamp.from(now))
			.param("limit", size)
			.param("offset", (long) page * size)
			.query((rs, n) -> {
				Invitation invitation = Invitation.of(rs);
				return new Line(invitation, invitation.status(now), this.links.link(invitation.token()),
						rs.getString(15), rs.getString(16));
			})
			.list();
		return new Page(lines, total, page, size);
	}

	/** Records the export in the audit log. */
	void recordExport(long surveyId, Filter filter) {
		this.transactions.executeWithoutResult((status) -> this.auditLog.record("survey.invitations.exported", "survey",
				String.valueOf(surveyId), "csv" + ((filter.status() != null) ? ", " + filter.status() : "")
						+ ((filter.ref() != null) ? ", " + filter.ref() : "")));
	}

	/**
	 * A phone number as SMS tools read it: an E.164 number ({@code +8613800000000}) is
	 * digits only and runs nothing, so it keeps its {@code +}; anything else is
	 * neutralised.
	 */
	static String phone(String value) {
		return (value != null && value.matches("\\+[0-9]{4,15}")) ? value : Spreadsheets.neutralise(value);
	}

	/**
	 * Writes the CSV of the filtered invitations, newest first, from a cursor; links
	 * start with {@code base}.
	 */
	void export(long surveyId, Filter filter, String base, OutputStream out) {
		Instant now = this.clock.instant();
		DateTimeFormatter time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(this.clock.getZone());
		List<String> values = new ArrayList<>(EXPORT_COLUMNS.size());
		this.transactions.executeWithoutResult((status) -> {
			try {
				Spreadsheets.write(ExportFormat.CSV, "invitations", EXPORT_COLUMNS,
						(sink) -> this.jdbc
							.sql("select i.token, i.language, i.expires_at, f.external_id, f.name, f.phone, f.email"
									+ " from survey_invitation i"
									+ " left join customer_segment_fields f on f.customer_id = i.customer_id " + WHERE
									+ " order by i.created_at desc, i.id desc")
							.param("survey", surveyId)
							.param("ref", filter.ref())
							.param("status", (filter.status() != null) ? filter.status().name() : null)
							.param("now", Timestamp.from(now))
							.query((rs) -> {
								values.clear();
								values.add(Spreadsheets.neutralise(rs.getString(4)));
								values.add(Spreadsheets.neutralise(rs.getString(5)));
								values.add(phone(rs.getString(6)));
								values.add(Spreadsheets.neutralise(rs.getString(7)));
								values.add(rs.getString(2));
								values.add(InvitationLinks.link(base, rs.getString(1)));
								values.add(time.format(rs.getTimestamp(3).toInstant()));
								sink.accept(values);
							}),
						out);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
	}

}

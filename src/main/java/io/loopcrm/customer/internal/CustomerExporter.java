package io.loopcrm.customer.internal;

import io.loopcrm.platform.exports.ExportFormat;
import io.loopcrm.platform.exports.Spreadsheets;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import io.loopcrm.platform.AuditLog;
import io.loopcrm.platform.CurrentUser;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Exports the customers of a list filter as CSV (UTF-8 with BOM, the import's columns so
 * that an export can be imported again) or XLSX (streamed with POI's SXSSF, 100 rows in
 * memory). Rows are streamed from a cursor, never held in memory. Text that a spreadsheet
 * would run as a formula — starting with {@code = + - @}, a tab or a carriage return — is
 * prefixed with {@code '} (OWASP CSV injection), which also applies to E.164 phone
 * numbers ({@code '+8613800138000}); the database keeps the values as typed. Every export
 * is in the audit log and in the history of each exported customer.
 */
@Component
class CustomerExporter {

	static final List<String> HEADERS = List.of("external_id", "name", "gender", "birthday", "age_band", "occupation",
			"phone", "email", "wechat", "city", "region", "preferred_channel", "source", "tags", "notes",
			"consent_email", "consent_sms", "consent_phone", "id", "lifecycle_stage", "owner", "created_at");

	private final CustomerSearch search;

	private final NamedParameterJdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final AuditLog auditLog;

	private final Clock clock;

	CustomerExporter(CustomerSearch search, NamedParameterJdbcTemplate jdbc, TransactionTemplate transactions,
			AuditLog auditLog, Clock clock) {
		this.search = search;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.auditLog = auditLog;
		this.clock = clock;
	}

	String fileName(ExportFormat format) {
		return "customers-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmm")
			.withZone(this.clock.getZone())
			.format(this.clock.instant()) + "." + format.extension();
	}

	/**
	 * Records the export (audit log, history of every exported customer) and answers how
	 * many customers it holds.
	 */
	long record(CustomerFilter filter, ExportFormat format) {
		return this.transactions.execute((status) -> {
			MapSqlParameterSource params = new MapSqlParameterSource();
			String where = this.search.where(filter, params);
			params.addValue("now", Timestamp.from(this.clock.instant()))
				.addValue("actor", CurrentUser.usernameOrSystem())
				.addValue("detail", format.extension());
			long count = this.jdbc.update("""
					insert into customer_history (customer_id, occurred_at, actor, action, detail)
					select c.id, :now, :actor, 'EXPORTED', :detail from customer c where %s
					""".formatted(where), params);
			this.auditLog.record("customer.exported", "customer", null,
					format.extension() + ", " + count + " customers, filter: " + describe(filter));
			return count;
		});
	}

	/** Writes the customers of the filter, in the list's order. */
	void write(CustomerFilter filter, ExportFormat format, OutputStream out) {
		this.transactions.executeWithoutResult((status) -> {
			try {
				writeRows(filter, format, out);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
	}

	private void writeRows(CustomerFilter filter, ExportFormat format, OutputStream out) throws IOException {
		List<String> values = new ArrayList<>(HEADERS.size());
		Spreadsheets.write(format, "customers", HEADERS,
				(sink) -> forEach(filter, (rs) -> sink.accept(row(rs, values))), out);
	}

	private interface RowConsumer {

		void accept(ResultSet rs) throws SQLException;

	}

	private void forEach(CustomerFilter filter, RowConsumer consumer) {
		MapSqlParameterSource params = new MapSqlParameterSource();
		String where = this.search.where(filter, params);
		String sql = """
				select c.external_id, c.name, c.gender, c.birthday, c.age_band, c.occupation,
				       array_to_string(c.phones, '|') as phones, array_to_string(c.emails, '|') as emails, c.wechat_id,
				       c.city, c.region, c.preferred_channel, c.source_channel, array_to_string(c.tags, '|') as tags,
				       c.notes, c.consent_email, c.consent_sms, c.consent_phone, c.id, l.stage as lifecycle_stage,
				       u.username as owner, c.created_at
				from customer c left join app_user u on u.id = c.owner_id
				  left join customer_lifecycle l on l.customer_id = c.id
				where %s
				order by %s
				""".formatted(where, CustomerSearch.orderBy(filter));
		this.jdbc.query(sql, params, (RowCallbackHandler) consumer::accept);
	}

	private static List<String> row(ResultSet rs, List<String> values) throws SQLException {
		values.clear();
		for (int i = 1; i <= 18; i++) {
			Object value = rs.getObject(i);
			values.add((value == null) ? null : Spreadsheets.neutralise(String.valueOf(value)));
		}
		values.add(String.valueOf(rs.getLong(19)));
		values.add(Spreadsheets.neutralise(rs.getString(20)));
		values.add(Spreadsheets.neutralise(rs.getString(21)));
		Timestamp created = rs.getTimestamp(22);
		values.add((created != null) ? created.toInstant().toString() : null);
		return values;
	}

	private static String describe(CustomerFilter f) {
		List<String> parts = new ArrayList<>();
		add(parts, "q", f.q());
		add(parts, "tag", f.tag());
		add(parts, "city", f.city());
		add(parts, "stage", f.stage());
		add(parts, "owner", f.owner());
		add(parts, "consent", f.consent());
		add(parts, "createdFrom", f.createdFrom());
		add(parts, "createdTo", f.createdTo());
		return parts.isEmpty() ? "none" : String.join(", ", parts);
	}

	private static void add(List<String> parts, String name, Object value) {
		if (value != null) {
			parts.add(name + "=" + value);
		}
	}

}

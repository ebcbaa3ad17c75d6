package io.loopcrm.segmentation.segments;

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
import io.loopcrm.segmentation.internal.RfmSegment;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Exports a segment's members as CSV (UTF-8 with BOM) or XLSX (POI's streaming SXSSF, 100
 * rows in memory), streamed from a cursor, the way the customer list exports: text a
 * spreadsheet would run as a formula — starting with {@code = + - @}, a tab or a carriage
 * return — gets a leading {@code '} (OWASP CSV injection), and XLSX cells are always
 * text. Every export is in the audit log with the segment, the format and the number of
 * customers.
 */
@Component
class SegmentExporter {

	private final Segments segments;

	private final AuditLog auditLog;

	private final TransactionTemplate transactions;

	private final Clock clock;

	SegmentExporter(Segments segments, AuditLog auditLog, TransactionTemplate transactions, Clock clock) {
		this.segments = segments;
		this.auditLog = auditLog;
		this.transactions = transactions;
		this.clock = clock;
	}

	String fileName(Segments.Saved segment, ExportFormat format) {
		return "segment-" + segment.id() + "-"
				+ DateTimeFormatter.ofPattern("yyyyMMdd-HHmm")
					.withZone(this.clock.getZone())
					.format(this.clock.instant())
				+ "." + format.extension();
	}

	/** Records the export in the audit log and answers how many customers it holds. */
	long record(Segments.Saved segment, ExportFormat format) {
		return this.transactions.execute((status) -> {
			long count = this.segments.count(segment.id());
			this.auditLog.record("segment.exported", "segment", String.valueOf(segment.id()),
					format.extension() + ", " + count + " customers, segment: " + segment.name());
			return count;
		});
	}

	void write(Segments.Saved segment, ExportFormat format, OutputStream out) {
		List<String> values = new ArrayList<>(Segments.EXPORT_COLUMNS.size());
		try {
			Spreadsheets.write(format, "segment", Segments.EXPORT_COLUMNS,
					(sink) -> this.segments.exportRows(segment.definition(), (rs) -> sink.accept(row(rs, values))),
					out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** One member's values in {@link Segments#EXPORT_COLUMNS} order. */
	private static List<String> row(ResultSet rs, List<String> values) throws SQLException {
		values.clear();
		values.add(String.valueOf(rs.getLong(1)));
		for (int i = 2; i <= 14; i++) {
			values.add(Spreadsheets.neutralise(Segments.text(rs, i)));
		}
		String rfm = rs.getString(15);
		values.add((rfm != null) ? RfmSegment.valueOf(rfm).getLabel() : null);
		values.add(rs.getString(16));
		values.add(rs.getString(17));
		Timestamp last = rs.getTimestamp(18);
		values.add((last != null) ? last.toInstant().toString() : null);
		return values;
	}

}

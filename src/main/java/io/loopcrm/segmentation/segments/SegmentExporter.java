package io.loopcrm.segmentation.segments;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import io.loopcrm.platform.AuditLog;
import io.loopcrm.segmentation.internal.RfmSegment;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

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

	enum Format {

		CSV("csv", "text/csv;charset=UTF-8"),
		XLSX("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

		final String extension;

		final String contentType;

		Format(String extension, String contentType) {
			this.extension = extension;
			this.contentType = contentType;
		}

		static Format of(String value) {
			return "xlsx".equalsIgnoreCase(value) ? XLSX : CSV;
		}

	}

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

	String fileName(Segments.Saved segment, Format format) {
		return "segment-" + segment.id() + "-"
				+ DateTimeFormatter.ofPattern("yyyyMMdd-HHmm")
					.withZone(this.clock.getZone())
					.format(this.clock.instant())
				+ "." + format.extension;
	}

	/** Records the export in the audit log and answers how many customers it holds. */
	long record(Segments.Saved segment, Format format) {
		return this.transactions.execute((status) -> {
			long count = this.segments.count(segment.id());
			this.auditLog.record("segment.exported", "segment", String.valueOf(segment.id()),
					format.extension + ", " + count + " customers, segment: " + segment.name());
			return count;
		});
	}

	void write(Segments.Saved segment, Format format, OutputStream out) {
		try {
			if (format == Format.XLSX) {
				writeXlsx(segment, out);
			}
			else {
				writeCsv(segment, out);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void writeCsv(Segments.Saved segment, OutputStream out) throws IOException {
		out.write(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF });
		Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
		CSVPrinter csv = new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setRecordSeparator("\r\n").get());
		csv.printRecord(Segments.EXPORT_COLUMNS);
		List<String> values = new ArrayList<>(Segments.EXPORT_COLUMNS.size());
		this.segments.exportRows(segment.definition(), (rs) -> {
			try {
				csv.printRecord(row(rs, values));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
		csv.flush();
	}

	private void writeXlsx(Segments.Saved segment, OutputStream out) throws IOException {
		try (SXSSFWorkbook workbook = new SXSSFWorkbook(100)) {
			SXSSFSheet sheet = workbook.createSheet("segment");
			CellStyle bold = workbook.createCellStyle();
			Font font = workbook.createFont();
			font.setBold(true);
			bold.setFont(font);
			Row header = sheet.createRow(0);
			for (int i = 0; i < Segments.EXPORT_COLUMNS.size(); i++) {
				Cell cell = header.createCell(i);
				cell.setCellValue(Segments.EXPORT_COLUMNS.get(i));
				cell.setCellStyle(bold);
			}
			sheet.createFreezePane(0, 1);
			int[] next = { 1 };
			List<String> values = new ArrayList<>(Segments.EXPORT_COLUMNS.size());
			this.segments.exportRows(segment.definition(), (rs) -> {
				Row row = sheet.createRow(next[0]++);
				List<String> cells = row(rs, values);
				for (int i = 0; i < cells.size(); i++) {
					if (cells.get(i) != null) {
						// always a string cell: nothing an export writes is ever a
						// formula
						row.createCell(i).setCellValue(cells.get(i));
					}
				}
			});
			workbook.write(out);
			out.flush();
		}
	}

	/** One member's values in {@link Segments#EXPORT_COLUMNS} order. */
	private static List<String> row(ResultSet rs, List<String> values) throws SQLException {
		values.clear();
		values.add(String.valueOf(rs.getLong(1)));
		for (int i = 2; i <= 14; i++) {
			values.add(neutralise(Segments.text(rs, i)));
		}
		String rfm = rs.getString(15);
		values.add((rfm != null) ? RfmSegment.valueOf(rfm).getLabel() : null);
		values.add(rs.getString(16));
		values.add(rs.getString(17));
		Timestamp last = rs.getTimestamp(18);
		values.add((last != null) ? last.toInstant().toString() : null);
		return values;
	}

	/** Text a spreadsheet would evaluate gets a leading apostrophe. */
	static String neutralise(String value) {
		if (value == null || value.isEmpty()) {
			return value;
		}
		char first = value.charAt(0);
		return (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r')
				? "'" + value : value;
	}

}

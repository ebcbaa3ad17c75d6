package io.loopcrm.platform.exports;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Writes rows of text as CSV (UTF-8 with a byte-order mark so spreadsheets read Chinese
 * right, CRLF) or XLSX (POI's streaming SXSSF, 100 rows in memory, a bold frozen header
 * row, every cell a text cell). The rows are streamed: a source hands them over one by
 * one, so an export of a million customers never sits in memory.
 */
public final class Spreadsheets {

	private Spreadsheets() {
	}

	/** Hands its rows, in order, to the sink (a row may be reused after the call). */
	@FunctionalInterface
	public interface RowSource {

		void rows(Consumer<List<String>> sink) throws IOException;

	}

	/**
	 * Writes the header and the rows.
	 * @param format CSV or XLSX
	 * @param sheet the XLSX sheet's name
	 * @param headers the column names
	 * @param source the rows ({@code null} values are empty cells)
	 * @param out where to write; flushed, not closed
	 * @throws IOException when writing fails
	 */
	public static void write(ExportFormat format, String sheet, List<String> headers, RowSource source,
			OutputStream out) throws IOException {
		if (format == ExportFormat.XLSX) {
			writeXlsx(sheet, headers, source, out);
		}
		else {
			writeCsv(headers, source, out);
		}
	}

	private static void writeCsv(List<String> headers, RowSource source, OutputStream out) throws IOException {
		out.write(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF });
		Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
		CSVPrinter csv = new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setRecordSeparator("\r\n").get());
		csv.printRecord(headers);
		source.rows((row) -> {
			try {
				csv.printRecord(row);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
		csv.flush();
	}

	private static void writeXlsx(String name, List<String> headers, RowSource source, OutputStream out)
			throws IOException {
		try (SXSSFWorkbook workbook = new SXSSFWorkbook(100)) {
			SXSSFSheet sheet = workbook.createSheet(name);
			CellStyle bold = workbook.createCellStyle();
			Font font = workbook.createFont();
			font.setBold(true);
			bold.setFont(font);
			Row header = sheet.createRow(0);
			for (int i = 0; i < headers.size(); i++) {
				Cell cell = header.createCell(i);
				cell.setCellValue(headers.get(i));
				cell.setCellStyle(bold);
			}
			sheet.createFreezePane(0, 1);
			int[] next = { 1 };
			source.rows((cells) -> {
				Row row = sheet.createRow(next[0]++);
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

	/**
	 * Text a spreadsheet would run as a formula — starting with {@code = + - @}, a tab or
	 * a carriage return — gets a leading {@code '} (OWASP CSV injection); other text is
	 * returned as it is.
	 */
	public static String neutralise(String value) {
		if (value == null || value.isEmpty()) {
			return value;
		}
		char first = value.charAt(0);
		return (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r')
				? "'" + value : value;
	}

}

package io.loopcrm.platform.imports;

import java.util.List;

/**
 * What an import did; the JSON answer of every import API. {@code errors} holds the first
 * {@link #MAX_ERRORS} row errors; {@code rejected} counts every rejected row;
 * {@code warnings} reports columns that were not understood (and therefore not imported).
 *
 * @param inserted new records
 * @param updated records that changed
 * @param unchanged rows equal to the record already on file
 * @param rejected rows not imported
 * @param errors row errors, by line and column
 * @param warnings file-level notes such as unknown columns
 */
public record ImportResult(long inserted, long updated, long unchanged, long rejected, List<RowError> errors,
		List<Warning> warnings) {

	/** How many row errors a result lists at most. */
	public static final int MAX_ERRORS = 1_000;

	/**
	 * One problem of one row; line 1 is the header.
	 *
	 * @param line line number in the file
	 * @param column the column's header as the file spells it
	 * @param message what is wrong, in the user's language
	 */
	public record RowError(long line, String column, String message) {
	}

	/**
	 * A note about the file as a whole.
	 *
	 * @param column the column concerned
	 * @param message the note, in the user's language
	 */
	public record Warning(String column, String message) {
	}

}

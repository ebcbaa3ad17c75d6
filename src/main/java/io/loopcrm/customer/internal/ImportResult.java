package io.loopcrm.customer.internal;

import java.util.List;

/**
 * What an import did. {@code errors} holds the first {@link #MAX_ERRORS} row errors;
 * {@code rejected} counts every rejected row; {@code warnings} reports columns that were
 * not understood (and therefore not imported).
 *
 * @param inserted new customers
 * @param updated customers that changed
 * @param unchanged rows equal to the customer already on file
 * @param rejected rows not imported
 * @param errors row errors, by line and column
 * @param warnings file-level notes such as unknown columns
 */
record ImportResult(long inserted, long updated, long unchanged, long rejected, List<RowError> errors,
		List<Warning> warnings) {

	static final int MAX_ERRORS = 1_000;

	/** One problem of one row; line 1 is the header. */
	record RowError(long line, String column, String message) {
	}

	/** A note about the file as a whole. */
	record Warning(String column, String message) {
	}

}

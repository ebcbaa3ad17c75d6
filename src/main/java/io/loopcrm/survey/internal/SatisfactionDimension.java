package io.loopcrm.survey.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What the satisfaction figures are filtered and broken down by: the dimensions of the
 * rollup tables ({@code survey_rollup.dim}) and the response column each one reads.
 */
enum SatisfactionDimension {

	/** Every response ({@code dim_value} is empty). */
	ALL("all", "''"),
	/** The channel the answer came through. */
	CHANNEL("channel", "channel"),
	/** The store or branch of the occasion. */
	STORE("store", "store"),
	/** The product category of the occasion. */
	CATEGORY("category", "category"),
	/** The customer's RFM segment when they answered. */
	SEGMENT("segment", "segment"),
	/** The customer's lifecycle stage when they answered. */
	STAGE("stage", "lifecycle_stage");

	/** The dimensions a response can be filtered and broken down by. */
	static final List<SatisfactionDimension> FILTERS = List.of(CHANNEL, STORE, CATEGORY, SEGMENT, STAGE);

	private final String code;

	private final String column;

	SatisfactionDimension(String code, String column) {
		this.code = code;
		this.column = column;
	}

	/** The value of {@code survey_rollup.dim} and the URL parameter's name. */
	String code() {
		return this.code;
	}

	/** The SQL expression on {@code survey_response} (alias-free) giving the value. */
	String column() {
		return this.column;
	}

	static Optional<SatisfactionDimension> ofCode(String code) {
		return Arrays.stream(values()).filter((d) -> d.code.equals(code)).findFirst();
	}

}

package io.loopcrm.platform.exports;

/** The formats a list can be exported in. */
public enum ExportFormat {

	CSV("csv", "text/csv;charset=UTF-8"),
	XLSX("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

	private final String extension;

	private final String contentType;

	ExportFormat(String extension, String contentType) {
		this.extension = extension;
		this.contentType = contentType;
	}

	public String extension() {
		return this.extension;
	}

	public String contentType() {
		return this.contentType;
	}

	/** {@code xlsx} (any case) is XLSX, anything else CSV. */
	public static ExportFormat of(String value) {
		return "xlsx".equalsIgnoreCase(value) ? XLSX : CSV;
	}

}

package io.loopcrm.customer.internal;

import io.loopcrm.platform.exports.ExportFormat;

import java.nio.charset.StandardCharsets;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Exports of the customer list (MANAGER): {@code GET /customers/export} for the list's
 * buttons and {@code GET /api/v1/customers/export} for integrations, both with
 * {@code format=csv|xlsx} and the list's filter parameters.
 */
@RestController
class CustomerExportController {

	private final CustomerExporter exporter;

	CustomerExportController(CustomerExporter exporter) {
		this.exporter = exporter;
	}

	@GetMapping({ "/customers/export", "/api/v1/customers/export" })
	ResponseEntity<StreamingResponseBody> export(@RequestParam(defaultValue = "csv") String format,
			CustomerFilter filter) {
		ExportFormat chosen = ExportFormat.of(format);
		this.exporter.record(filter, chosen);
		StreamingResponseBody body = (out) -> this.exporter.write(filter, chosen, out);
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment()
						.filename(this.exporter.fileName(chosen), StandardCharsets.UTF_8)
						.build()
						.toString())
			.contentType(MediaType.parseMediaType(chosen.contentType()))
			.body(body);
	}

}

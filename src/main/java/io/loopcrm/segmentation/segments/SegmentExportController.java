package io.loopcrm.segmentation.segments;

import io.loopcrm.platform.exports.ExportFormat;

import java.nio.charset.StandardCharsets;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Exports of a segment's members (MANAGER): {@code GET /segments/{id}/export} for the
 * page's buttons and {@code GET /api/v1/segments/{id}/export} for integrations, both with
 * {@code format=csv|xlsx}.
 */
@RestController
class SegmentExportController {

	private final Segments segments;

	private final SegmentExporter exporter;

	SegmentExportController(Segments segments, SegmentExporter exporter) {
		this.segments = segments;
		this.exporter = exporter;
	}

	@GetMapping({ "/segments/{id:\\d+}/export", "/api/v1/segments/{id:\\d+}/export" })
	ResponseEntity<StreamingResponseBody> export(@PathVariable long id,
			@RequestParam(defaultValue = "csv") String format) {
		Segments.Saved segment = this.segments.get(id);
		ExportFormat chosen = ExportFormat.of(format);
		this.exporter.record(segment, chosen);
		StreamingResponseBody body = (out) -> this.exporter.write(segment, chosen, out);
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment()
						.filename(this.exporter.fileName(segment, chosen), StandardCharsets.UTF_8)
						.build()
						.toString())
			.contentType(MediaType.parseMediaType(chosen.contentType()))
			.body(body);
	}

}

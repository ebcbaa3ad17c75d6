package io.loopcrm.segmentation.internal;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import io.loopcrm.platform.NotFoundException;
import io.loopcrm.platform.ValidationException;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/segmentation/recompute} (optional {@code {"asOf":"YYYY-MM-DD"}},
 * default today) answers with the run's summary when it has finished;
 * {@code GET /api/v1/segmentation/summary} the counts of the latest run.
 */
@RestController
@RequestMapping("/api/v1/segmentation")
class SegmentationApiController {

	private final Segmentation segmentation;

	private final java.time.Clock clock;

	SegmentationApiController(Segmentation segmentation, java.time.Clock clock) {
		this.segmentation = segmentation;
		this.clock = clock;
	}

	record RecomputeRequest(String asOf) {
	}

	@PostMapping("/recompute")
	Map<String, Object> recompute(@RequestBody(required = false) RecomputeRequest request) {
		LocalDate asOf = LocalDate.now(this.clock);
		if (request != null && request.asOf() != null && !request.asOf().isBlank()) {
			try {
				asOf = LocalDate.parse(request.asOf().strip());
			}
			catch (DateTimeParseException ex) {
				throw ValidationException.of("asOf", "segmentation.badAsOf", request.asOf());
			}
		}
		return json(this.segmentation.recompute(asOf));
	}

	@GetMapping("/summary")
	Map<String, Object> summary() {
		return json(this.segmentation.latestSummary().orElseThrow(() -> new NotFoundException("segmentation.noRun")));
	}

	static Map<String, Object> json(Segmentation.Summary summary) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("asOf", summary.run().asOf().toString());
		body.put("customers", summary.run().customers());
		body.put("rfm", summary.rfm());
		body.put("lifecycle", summary.lifecycle());
		body.put("valueTier", summary.valueTier());
		body.put("finishedAt", summary.run().finishedAt().toString());
		body.put("seconds", summary.run().seconds());
		return body;
	}

}

package io.loopcrm.survey.internal;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.loopcrm.customer.CustomerQueries;
import io.loopcrm.platform.CurrentUser;
import io.loopcrm.platform.ValidationException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code /api/v1/surveys}: definitions (MANAGER), responses from other systems and
 * interviews (STAFF and up) — one at a time, idempotent on {@code externalId}, or a CSV
 * file. Out-of-range or unknown answers are a 400 problem+json naming
 * {@code answers.<key>}.
 */
@RestController
@RequestMapping("/api/v1/surveys")
class SurveyApiController {

	private final SurveyDefinitions surveys;

	private final ResponseRecorder recorder;

	private final ResponseImport responseImport;

	private final CustomerQueries customers;

	private final Clock clock;

	SurveyApiController(SurveyDefinitions surveys, ResponseRecorder recorder, ResponseImport responseImport,
			CustomerQueries customers, Clock clock) {
		this.surveys = surveys;
		this.recorder = recorder;
		this.responseImport = responseImport;
		this.customers = customers;
		this.clock = clock;
	}

	record ResponseRequest(String externalId, String customerExternalId, String channel, String respondedAt,
			String store, String category, Map<String, Object> answers) {
	}

	record SurveyJson(long id, String name, SurveyPurpose purpose, SurveyTrigger trigger, Integer periodicDays,
			Long segmentId, List<String> languages, int expiryDays, boolean followUp, String followUpCategory,
			boolean active, int questionsVersion, long version, Instant createdAt, String createdBy,
			List<QuestionJson> questions) {

		static SurveyJson of(SurveyDefinition s) {
			return new SurveyJson(s.id(), s.name(), s.purpose(), s.trigger(), s.periodicDays(), s.segmentId(),
					s.languages(), s.expiryDays(), s.followUp(), s.followUpCategory(), s.active(), s.currentVersion(),
					s.version(), s.createdAt(), s.createdBy(),
					s.questions()
						.stream()
						.map((q) -> new QuestionJson(q.key(), q.type(), q.dimension(), q.required(),
								q.text(s.languages().get(0)), q.texts(), q.options()))
						.toList());
		}

	}

	record QuestionJson(String key, QuestionType type, String dimension, boolean required, String text,
			Map<String, String> texts, List<SurveyDefinition.Option> options) {
	}

	@PostMapping
	ResponseEntity<Map<String, Object>> create(@RequestBody SurveyCommand command) {
		SurveyDefinition survey = this.surveys.create(command, CurrentUser.usernameOrSystem());
		return ResponseEntity.created(URI.create("/api/v1/surveys/" + survey.id())).body(Map.of("id", survey.id()));
	}

	@GetMapping
	List<SurveyJson> list() {
		return this.surveys.list().stream().map(SurveyJson::of).toList();
	}

	@GetMapping("/{id}")
	SurveyJson show(@PathVariable long id) {
		return SurveyJson.of(this.surveys.get(id));
	}

	/** Changes a survey; {@code version} (the one read) guards against lost updates. */
	@PutMapping("/{id}")
	SurveyJson update(@PathVariable long id, @RequestParam(required = false) Long version,
			@RequestBody SurveyCommand command) {
		long expected = (version != null) ? version : this.surveys.get(id).version();
		return SurveyJson.of(this.surveys.update(id, expected, command, CurrentUser.usernameOrSystem()));
	}

	@PostMapping("/{id}/responses")
	ResponseEntity<Map<String, Object>> respond(@PathVariable long id, @RequestBody ResponseRequest request) {
		this.surveys.get(id);
		Long customerId = null;
		if (request.customerExternalId() != null && !request.customerExternalId().isBlank()) {
			customerId = this.customers.findByExternalId(request.customerExternalId().strip())
				.orElseThrow(() -> ValidationException.of("customerExternalId", "survey.response.customer.unknown",
						request.customerExternalId()))
				.id();
		}
		Instant respondedAt;
		try {
			respondedAt = Timestamps.parse(request.respondedAt(), this.clock.getZone());
		}
		catch (DateTimeParseException ex) {
			throw ValidationException.of("respondedAt", "survey.response.respondedAt.format", request.respondedAt());
		}
		RecordedResponse recorded = this.recorder.record(new NewResponse(id, null, request.externalId(), customerId,
				(request.channel() != null) ? request.channel() : "API", respondedAt, CurrentUser.usernameOrSystem(),
				request.answers(), request.store(), request.category()));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("id", recorded.id());
		body.put("created", recorded.created());
		return ResponseEntity.status(recorded.created() ? HttpStatus.CREATED : HttpStatus.OK)
			.location(URI.create("/api/v1/surveys/" + id + "/responses/" + recorded.id()))
			.body(body);
	}

	@PostMapping("/{id}/responses/import")
	ResponseImport.Result importResponses(@PathVariable long id, @RequestParam("file") MultipartFile file) {
		return this.responseImport.importCsv(id, file, CurrentUser.usernameOrSystem());
	}

}

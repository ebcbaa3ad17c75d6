package io.loopcrm.segmentation.segments;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.loopcrm.platform.ValidationException;
import io.loopcrm.platform.ValidationException.FieldProblem;
import io.loopcrm.segmentation.SegmentSummary;
import io.loopcrm.segmentation.internal.RfmSegment;
import io.loopcrm.segmentation.segments.SegmentDefinition.Group;
import tools.jackson.databind.JsonNode;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Saved segments over JSON (MANAGER): {@code GET|POST /api/v1/segments},
 * {@code GET|PUT|DELETE /api/v1/segments/{id}} (with the live {@code count}), {@code GET
 * /api/v1/segments/{id}/members?page=&size=}, {@code GET /api/v1/segments/{id}/sizes},
 * {@code POST /api/v1/segments/count} (count conditions without saving) and
 * {@code GET /api/v1/segments/fields} (the fields, their operators and values).
 */
@RestController
@RequestMapping("/api/v1/segments")
class SegmentApiController {

	static final int MAX_PAGE_SIZE = 500;

	private final Segments segments;

	SegmentApiController(Segments segments) {
		this.segments = segments;
	}

	@GetMapping
	List<Map<String, Object>> list() {
		return this.segments.segments().stream().map(SegmentApiController::json).toList();
	}

	@PostMapping
	ResponseEntity<Map<String, Object>> create(@RequestBody JsonNode body) {
		Input input = read(body, false);
		Segments.Saved saved = this.segments.create(input.name(), input.definition());
		return ResponseEntity.created(URI.create("/api/v1/segments/" + saved.id()))
			.body(json(saved, recordedSize(saved.id())));
	}

	@GetMapping("/{id:\\d+}")
	Map<String, Object> show(@PathVariable long id) {
		Segments.Saved saved = this.segments.get(id);
		return json(saved, this.segments.count(id));
	}

	@PutMapping("/{id:\\d+}")
	Map<String, Object> update(@PathVariable long id, @RequestBody JsonNode body) {
		Input input = read(body, true);
		Segments.Saved saved = this.segments.update(id, input.version(), input.name(), input.definition());
		return json(saved, recordedSize(id));
	}

	@DeleteMapping("/{id:\\d+}")
	ResponseEntity<Void> delete(@PathVariable long id) {
		this.segments.delete(id);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/count")
	Map<String, Object> count(@RequestBody JsonNode body) {
		Group definition = SegmentDefinitions.parse(body);
		return Map.of("count", this.segments.count(definition));
	}

	@GetMapping("/{id:\\d+}/members")
	Map<String, Object> members(@PathVariable long id, @RequestParam(required = false) String page,
			@RequestParam(required = false) String size) {
		List<FieldProblem> problems = new ArrayList<>();
		int pageNumber = number(page, 0, 0, Integer.MAX_VALUE, "page", problems);
		int pageSize = number(size, 25, 1, MAX_PAGE_SIZE, "size", problems);
		if (!problems.isEmpty()) {
			throw new ValidationException(problems);
		}
		Segments.MemberPage members = this.segments.members(this.segments.get(id).definition(), pageNumber, pageSize);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("segmentId", id);
		body.put("count", members.total());
		body.put("page", members.page());
		body.put("size", members.size());
		body.put("items", members.items().stream().map(SegmentApiController::json).toList());
		return body;
	}

	@GetMapping("/{id:\\d+}/sizes")
	List<Map<String, Object>> sizes(@PathVariable long id) {
		return this.segments.sizes(id)
			.stream()
			.map((s) -> Map.<String, Object>of("day", s.day().toString(), "members", s.members()))
			.toList();
	}

	@GetMapping("/fields")
	List<Map<String, Object>> fields() {
		boolean cluster = this.segments.clusterAvailable();
		List<Map<String, Object>> fields = new ArrayList<>();
		for (Field field : Field.values()) {
			if (field == Field.CLUSTER && !cluster) {
				continue;
			}
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("field", field.getApiName());
			json.put("type", field.getKind().name().toLowerCase(java.util.Locale.ROOT));
			json.put("ops", field.getOps().stream().map(Op::getApiName).toList());
			json.put("days", field.getDays().name().toLowerCase(java.util.Locale.ROOT));
			if (!field.getChoices().isEmpty()) {
				json.put("values", field.getChoices().stream().map(Field.Choice::api).toList());
			}
			if (field == Field.BOUGHT_CATEGORY) {
				json.put("values", this.segments.categoryPaths());
			}
			fields.add(json);
		}
		return fields;
	}

	/** The count a save has just recorded. */
	private long recordedSize(long id) {
		return this.segments.find(id).map(SegmentSummary::lastSize).orElseThrow();
	}

	private record Input(String name, Group definition, long version) {
	}

	/** Name, definition and (for changes) version, with all their problems at once. */
	private static Input read(JsonNode body, boolean needVersion) {
		List<FieldProblem> problems = new ArrayList<>();
		JsonNode nameNode = body.get("name");
		String name = (nameNode != null && nameNode.isString()) ? nameNode.stringValue().strip() : "";
		if (name.isEmpty()) {
			problems.add(new FieldProblem("name", "segments.error.name.missing"));
		}
		else if (name.length() > Segments.MAX_NAME) {
			problems.add(new FieldProblem("name", "segments.error.name.tooLong", Segments.MAX_NAME));
		}
		long version = 0;
		if (needVersion) {
			JsonNode versionNode = body.get("version");
			if (versionNode == null || !versionNode.isIntegralNumber() || !versionNode.canConvertToLong()) {
				problems.add(new FieldProblem("version", "segments.error.version.missing"));
			}
			else {
				version = versionNode.longValue();
			}
		}
		Group definition = null;
		try {
			definition = SegmentDefinitions.parse(body);
		}
		catch (ValidationException ex) {
			problems.addAll(ex.problems());
		}
		if (!problems.isEmpty()) {
			throw new ValidationException(problems);
		}
		return new Input(name, definition, version);
	}

	private static int number(String text, int fallback, int min, int max, String field, List<FieldProblem> problems) {
		if (text == null || text.isBlank()) {
			return fallback;
		}
		try {
			int value = Integer.parseInt(text.strip());
			if (value >= min && value <= max) {
				return value;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		problems.add(new FieldProblem(field, "segments.error.range", text, min, max));
		return fallback;
	}

	static Map<String, Object> json(Segments.Saved saved, long count) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("id", saved.id());
		json.put("name", saved.name());
		json.put("owner", saved.owner());
		JsonNode definition = SegmentDefinitions.toJson(saved.definition());
		json.put("match", definition.get("match"));
		json.put("conditions", definition.get("conditions"));
		json.put("count", count);
		json.put("createdAt", saved.createdAt().toString());
		json.put("updatedAt", saved.updatedAt().toString());
		json.put("updatedBy", saved.updatedBy());
		json.put("version", saved.version());
		return json;
	}

	static Map<String, Object> json(SegmentSummary summary) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("id", summary.id());
		json.put("name", summary.name());
		json.put("owner", summary.owner());
		json.put("updatedAt", summary.updatedAt().toString());
		json.put("lastSize", summary.lastSize());
		json.put("lastSizeDay", (summary.lastSizeDay() != null) ? summary.lastSizeDay().toString() : null);
		return json;
	}

	static Map<String, Object> json(Segments.Member member) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("id", member.id());
		json.put("externalId", member.externalId());
		json.put("name", member.name());
		json.put("city", member.city());
		json.put("rfmSegment",
				(member.rfmSegment() != null) ? RfmSegment.valueOf(member.rfmSegment()).getLabel() : null);
		json.put("valueTier", member.valueTier());
		json.put("lifecycle", member.lifecycle());
		json.put("lastPurchase", (member.lastPurchase() != null) ? member.lastPurchase().toString() : null);
		return json;
	}

}

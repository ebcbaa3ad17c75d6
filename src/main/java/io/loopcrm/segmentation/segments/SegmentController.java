package io.loopcrm.segmentation.segments;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.loopcrm.platform.ConflictException;
import io.loopcrm.platform.ValidationException;
import io.loopcrm.platform.ValidationException.FieldProblem;
import io.loopcrm.segmentation.segments.SegmentDefinition.Group;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.MessageSource;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Segment pages (MANAGER): the list with sizes, the builder (htmx sends the form on every
 * change and gets it back with the live count and any problems beside their rows; without
 * JavaScript the buttons post the whole page), and a segment's page with its definition
 * in words, its size over time and its members, paged, with exports.
 */
@Controller
@RequestMapping("/segments")
class SegmentController {

	static final int PAGE_SIZE = 25;

	private static final String BUILDER = "segments/builder";

	private final Segments segments;

	private final SegmentWords words;

	private final MessageSource messages;

	private final JsonMapper json;

	SegmentController(Segments segments, SegmentWords words, MessageSource messages, JsonMapper json) {
		this.segments = segments;
		this.words = words;
		this.messages = messages;
		this.json = json;
	}

	@GetMapping
	String list(Model model) {
		model.addAttribute("segments", this.segments.segments());
		return "segments/list";
	}

	@GetMapping("/new")
	String showCreateForm(Model model) {
		return builder(SegmentForm.blank(), null, null, model);
	}

	/** The builder after a change: the form again, with the live count. */
	@PostMapping("/builder")
	String refresh(@RequestParam MultiValueMap<String, String> params,
			@RequestParam(name = "segmentId", required = false) Long segmentId,
			@RequestHeader(name = "HX-Request", required = false) String htmx, Model model, Locale locale) {
		SegmentForm form = SegmentForm.read(params);
		Group definition = evaluate(form, false, locale);
		Long count = (definition != null) ? this.segments.count(definition) : null;
		builder(form, segmentId, count, model);
		return (htmx != null) ? BUILDER + " :: builder" : BUILDER;
	}

	@PostMapping
	String create(@RequestParam MultiValueMap<String, String> params, Model model, Locale locale,
			RedirectAttributes redirect) {
		SegmentForm form = SegmentForm.read(params);
		Group definition = evaluate(form, true, locale);
		if (definition != null) {
			try {
				Segments.Saved saved = this.segments.create(form.name, definition);
				redirect.addFlashAttribute("flash", "segments.flash.created");
				redirect.addFlashAttribute("flashArg", saved.name());
				return "redirect:/segments/" + saved.id();
			}
			catch (ConflictException ex) {
				form.errors.computeIfAbsent("name", (k) -> new ArrayList<>())
					.add(ex.localizedMessage(this.messages, locale));
			}
		}
		return builder(form, null, null, model);
	}

	@GetMapping("/{id:\\d+}")
	String show(@PathVariable long id, @RequestParam(defaultValue = "0") int page,
			@RequestHeader(name = "HX-Request", required = false) String htmx,
			@RequestHeader(name = "HX-Target", required = false) String htmxTarget, Model model, Locale locale) {
		Segments.Saved segment = this.segments.get(id);
		model.addAttribute("segment", segment);
		model.addAttribute("members", this.segments.members(segment.definition(), Math.max(page, 0), PAGE_SIZE));
		if (htmx != null && "results".equals(htmxTarget)) {
			return "segments/show :: results";
		}
		List<Segments.Size> sizes = this.segments.sizes(id);
		model.addAttribute("words", this.words.describe(segment.definition(), locale));
		model.addAttribute("sizes", sizes);
		Map<String, Object> chart = new LinkedHashMap<>();
		chart.put("name", this.messages.getMessage("segments.members", null, locale));
		chart.put("labels", sizes.stream().map((s) -> s.day().toString()).toList());
		chart.put("values", sizes.stream().map(Segments.Size::members).toList());
		model.addAttribute("chart", this.json.writeValueAsString(chart));
		return "segments/show";
	}

	@GetMapping("/{id:\\d+}/edit")
	String showEditForm(@PathVariable long id, Model model) {
		Segments.Saved segment = this.segments.get(id);
		return builder(SegmentForm.of(segment.name(), segment.version(), segment.definition()), id,
				this.segments.count(id), model);
	}

	@PostMapping("/{id:\\d+}")
	String update(@PathVariable long id, @RequestParam MultiValueMap<String, String> params, Model model, Locale locale,
			RedirectAttributes redirect) {
		Segments.Saved current = this.segments.get(id);
		SegmentForm form = SegmentForm.read(params);
		Group definition = evaluate(form, true, locale);
		if (definition != null) {
			try {
				Segments.Saved saved = this.segments.update(id, (form.version != null) ? form.version : -1, form.name,
						definition);
				redirect.addFlashAttribute("flash", "segments.flash.updated");
				redirect.addFlashAttribute("flashArg", saved.name());
				return "redirect:/segments/" + id;
			}
			catch (ConflictException ex) {
				form.errors.computeIfAbsent("name", (k) -> new ArrayList<>())
					.add(ex.localizedMessage(this.messages, locale));
			}
			catch (OptimisticLockingFailureException ex) {
				// keep what this editor built; take the saved version so that saving
				// again
				// is a deliberate decision
				Segments.Saved latest = this.segments.get(id);
				form.errors.computeIfAbsent("form", (k) -> new ArrayList<>())
					.add(this.messages.getMessage("segments.error.stale",
							new Object[] { latest.updatedBy(), latest.name() }, locale));
				form.version = latest.version();
			}
		}
		return builder(form, current.id(), null, model);
	}

	@PostMapping("/{id:\\d+}/delete")
	String delete(@PathVariable long id, RedirectAttributes redirect) {
		Segments.Saved segment = this.segments.get(id);
		this.segments.delete(id);
		redirect.addFlashAttribute("flash", "segments.flash.deleted");
		redirect.addFlashAttribute("flashArg", segment.name());
		return "redirect:/segments";
	}

	/** The sizes behind the chart. */
	@GetMapping("/{id:\\d+}/sizes.csv")
	@ResponseBody
	ResponseEntity<byte[]> sizesCsv(@PathVariable long id) {
		StringBuilder csv = new StringBuilder("day,members\r\n");
		this.segments.sizes(id).forEach((s) -> csv.append(s.day()).append(',').append(s.members()).append("\r\n"));
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename("segment-" + id + "-sizes.csv").build().toString())
			.contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
			.body(csv.toString().getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Reads the form's conditions (and, when saving, its name), puts problems beside
	 * their rows and answers the definition when there are none.
	 */
	private Group evaluate(SegmentForm form, boolean saving, Locale locale) {
		List<FieldProblem> problems = new ArrayList<>();
		if (saving && form.name.isBlank()) {
			problems.add(new FieldProblem("name", "segments.error.name.missing"));
		}
		else if (saving && form.name.strip().length() > Segments.MAX_NAME) {
			problems.add(new FieldProblem("name", "segments.error.name.tooLong", Segments.MAX_NAME));
		}
		Group definition = null;
		if (saving || form.hasConditions()) {
			try {
				definition = SegmentDefinitions.parse(form.toJson(!saving));
				this.segments.check(definition);
			}
			catch (ValidationException ex) {
				problems.addAll(ex.problems());
				definition = null;
			}
		}
		form.place(problems, (p) -> this.messages.getMessage(p.messageKey(), p.args(), p.messageKey(), locale), saving);
		return problems.isEmpty() ? definition : null;
	}

	private String builder(SegmentForm form, Long segmentId, Long count, Model model) {
		boolean cluster = this.segments.clusterAvailable();
		Map<Field.Section, List<Field>> sections = new LinkedHashMap<>();
		for (Field field : Field.values()) {
			if (field != Field.CLUSTER || cluster) {
				sections.computeIfAbsent(field.getSection(), (k) -> new ArrayList<>()).add(field);
			}
		}
		model.addAttribute("form", form);
		model.addAttribute("segmentId", segmentId);
		model.addAttribute("count", count);
		model.addAttribute("sections", sections);
		model.addAttribute("categories", this.segments.categoryPaths());
		model.addAttribute("maxDepth", SegmentDefinitions.MAX_DEPTH);
		return BUILDER;
	}

}

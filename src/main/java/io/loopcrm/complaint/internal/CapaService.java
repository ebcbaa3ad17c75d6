package io.loopcrm.complaint.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.loopcrm.platform.ConflictException;
import io.loopcrm.platform.CurrentUser;
import io.loopcrm.platform.NotFoundException;
import io.loopcrm.platform.Role;
import io.loopcrm.platform.ValidationException;
import io.loopcrm.platform.ValidationException.FieldProblem;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Corrective and preventive actions (CAPA): what is done about the causes of complaints,
 * by whom and by when, and whether it worked. Rules of the effect check: an item is
 * VERIFIED only with an effect check that found it EFFECTIVE, with a note; an effective
 * result needs the item DONE or VERIFIED; a NOT_EFFECTIVE result leaves it DONE or sends
 * it back IN_PROGRESS; an OPEN item has no effect check yet.
 */
@Service
class CapaService {

	private final CapaRepository items;

	private final Workers workers;

	private final JdbcClient jdbc;

	private final Clock clock;

	CapaService(CapaRepository items, Workers workers, JdbcClient jdbc, Clock clock) {
		this.items = items;
		this.workers = workers;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * The form's input, as typed.
	 *
	 * @param cases case numbers separated by commas or spaces ({@code 12, #15})
	 * @param dueDate {@code YYYY-MM-DD}
	 * @param version the version the editor saw ({@code null} when creating)
	 */
	record CapaInput(String kind, String title, String description, String owner, String dueDate, String status,
			String cases, String effectResult, String effectNote, Long version) {
	}

	/** A CAPA item as pages show it. */
	record CapaView(long id, CapaKind kind, String title, String description, String owner, LocalDate dueDate,
			CapaStatus status, EffectResult effectResult, String effectNote, Instant effectCheckedAt,
			String effectCheckedBy, List<Long> caseIds, boolean overdue, long version, Instant createdAt,
			String createdBy) {
	}

	@Transactional(readOnly = true)
	List<CapaView> list(String status, boolean overdue) {
		LocalDate today = LocalDate.now(this.clock);
		return this.items.findAll()
			.stream()
			.map((c) -> view(c, today))
			.filter((v) -> status == null || status.isBlank() || v.status().name().equals(status))
			.filter((v) -> !overdue || v.overdue())
			.sorted(java.util.Comparator.comparing(CapaView::dueDate).thenComparing(CapaView::id))
			.toList();
	}

	@Transactional(readOnly = true)
	CapaView get(long id) {
		return view(find(id), LocalDate.now(this.clock));
	}

	@Transactional
	long create(CapaInput input) {
		requireAgent();
		Capa item = new Capa(this.clock.instant(), CurrentUser.usernameOrSystem());
		apply(item, input);
		this.items.saveAndFlush(item);
		return item.getId();
	}

	@Transactional
	void update(long id, CapaInput input) {
		requireAgent();
		Capa item = find(id);
		if (input.version() != null && input.version() != item.getVersion()) {
			throw new ConflictException("complaint.conflict.stale");
		}
		apply(item, input);
		this.items.saveAndFlush(item);
	}

	private void apply(Capa item, CapaInput in) {
		List<FieldProblem> problems = new ArrayList<>();
		CapaKind kind = ComplaintService.parse(CapaKind.class, in.kind(), "kind", problems);
		String title = ComplaintService.required(in.title(), "title", 200, problems);
		String description = ComplaintService.optional(in.description(), "description", ComplaintService.TEXT_MAX,
				problems);
		String owner = ComplaintService.trim(in.owner());
		if (owner == null) {
			problems.add(new FieldProblem("owner", "complaint.owner.required"));
		}
		else if (!this.workers.canWork(owner.toLowerCase(Locale.ROOT))) {
			problems.add(new FieldProblem("owner", "complaint.owner.unknown", owner));
		}
		LocalDate due = date(in.dueDate(), problems);
		CapaStatus status = (ComplaintService.trim(in.status()) == null) ? CapaStatus.OPEN
				: ComplaintService.parse(CapaStatus.class, in.status(), "status", problems);
		Set<Long> cases = cases(in.cases(), problems);
		EffectResult effect = (ComplaintService.trim(in.effectResult()) == null) ? null
				: ComplaintService.parse(EffectResult.class, in.effectResult(), "effectResult", problems);
		String note = ComplaintService.optional(in.effectNote(), "effectNote", ComplaintService.TEXT_MAX, problems);
		if (status != null) {
			if (status == CapaStatus.VERIFIED && effect != EffectResult.EFFECTIVE) {
				problems.add(new FieldProblem("effectResult", "complaint.capa.verifiedNeedsEffective"));
			}
			else if (effect == EffectResult.EFFECTIVE && status != CapaStatus.DONE && status != CapaStatus.VERIFIED) {
				problems.add(new FieldProblem("effectResult", "complaint.capa.effectiveNeedsDone"));
			}
			else if (effect == EffectResult.NOT_EFFECTIVE && status != CapaStatus.DONE
					&& status != CapaStatus.IN_PROGRESS) {
				problems.add(new FieldProblem("effectResult", "complaint.capa.notEffectiveStatus"));
			}
		}
		if (effect != null && note == null) {
			problems.add(new FieldProblem("effectNote", "complaint.capa.effectNote.required"));
		}
		if (!problems.isEmpty()) {
			throw new ValidationException(problems);
		}
		item.change(kind, title, description, owner.toLowerCase(Locale.ROOT), due, status, cases, effect, note,
				this.clock.instant(), CurrentUser.usernameOrSystem());
	}

	private Set<Long> cases(String text, List<FieldProblem> problems) {
		Set<Long> ids = new LinkedHashSet<>();
		List<String> bad = new ArrayList<>();
		String value = ComplaintService.trim(text);
		if (value != null) {
			for (String part : value.split("[,;\\s]+")) {
				String token = part.replace("#", "");
				if (token.isEmpty()) {
					continue;
				}
				if (token.matches("\\d{1,18}")) {
					ids.add(Long.valueOf(token));
				}
				else {
					bad.add(part);
				}
			}
		}
		if (!bad.isEmpty()) {
			problems.add(new FieldProblem("cases", "complaint.capa.cases.format", String.join(", ", bad)));
			return Set.of();
		}
		if (ids.isEmpty()) {
			problems.add(new FieldProblem("cases", "complaint.capa.cases.required"));
			return Set.of();
		}
		Set<Long> known = new TreeSet<>(this.jdbc.sql("select id from complaint_case where id = any(?)")
			.param(ids.toArray(new Long[0]))
			.query(Long.class)
			.list());
		List<String> unknown = ids.stream().filter((id) -> !known.contains(id)).map(String::valueOf).toList();
		if (!unknown.isEmpty()) {
			problems.add(new FieldProblem("cases", "complaint.capa.cases.unknown", String.join(", ", unknown)));
		}
		return known;
	}

	private static LocalDate date(String text, List<FieldProblem> problems) {
		String value = ComplaintService.trim(text);
		if (value == null) {
			problems.add(new FieldProblem("dueDate", "complaint.capa.dueDate.required"));
			return null;
		}
		try {
			return LocalDate.parse(value);
		}
		catch (DateTimeParseException ex) {
			problems.add(new FieldProblem("dueDate", "typeMismatch.java.time.LocalDate"));
			return null;
		}
	}

	private static void requireAgent() {
		if (!CurrentUser.hasRole(Role.AGENT)) {
			throw new StepNotPermittedException("complaint.denied.role.AGENT");
		}
	}

	private Capa find(long id) {
		return this.items.findById(id).orElseThrow(() -> new NotFoundException("complaint.capa.notFound", id));
	}

	private static CapaView view(Capa c, LocalDate today) {
		return new CapaView(c.getId(), c.getKind(), c.getTitle(), c.getDescription(), c.getOwner(), c.getDueDate(),
				c.getStatus(), c.getEffectResult(), c.getEffectNote(), c.getEffectCheckedAt(), c.getEffectCheckedBy(),
				List.copyOf(c.getCaseIds()), c.getStatus().pending() && c.getDueDate().isBefore(today), c.getVersion(),
				c.getCreatedAt(), c.getCreatedBy());
	}

	/** The case numbers as the form shows them. */
	static String caseText(List<Long> ids) {
		return ids.stream().map(String::valueOf).collect(Collectors.joining(", "));
	}

}

package io.loopcrm.feedback.internal;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import io.loopcrm.customer.CustomerQueries;
import io.loopcrm.customer.CustomerSummary;
import io.loopcrm.feedback.TicketChannel;
import io.loopcrm.feedback.TicketKind;
import io.loopcrm.feedback.TicketPriority;
import io.loopcrm.feedback.TicketStatus;
import io.loopcrm.platform.CurrentUser;
import io.loopcrm.platform.NotFoundException;
import io.loopcrm.platform.Role;
import io.loopcrm.platform.ValidationException;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/tickets}: open (STAFF), read (STAFF), act (AGENT), the queues (STAFF)
 * and agent performance (MANAGER). An action the status does not allow is a 409
 * problem+json with {@code allowedActions}; a stale {@code version} a 409; missing input
 * a 400 naming the field.
 */
@RestController
@RequestMapping("/api/v1/tickets")
class TicketApiController {

	private final TicketDesk desk;

	private final TicketQueue queue;

	private final AgentPerformance performance;

	private final CustomerQueries customers;

	private final MessageSource messages;

	private final Clock clock;

	TicketApiController(TicketDesk desk, TicketQueue queue, AgentPerformance performance, CustomerQueries customers,
			MessageSource messages, Clock clock) {
		this.desk = desk;
		this.queue = queue;
		this.performance = performance;
		this.customers = customers;
		this.messages = messages;
		this.clock = clock;
	}

	record CreateRequest(String customerExternalId, String kind, String channel, String category, String priority,
			String subject, String description) {
	}

	record ActionRequest(Long version, String text, String owner, Boolean customerConfirmed, Boolean satisfied,
			String comment) {
	}

	record TicketJson(long id, long customerId, String customerExternalId, TicketKind kind, TicketChannel channel,
			String category, TicketPriority priority, String subject, String description, TicketStatus status,
			String owner, List<String> allowedActions, Instant createdAt, String createdBy, Instant firstResponseDue,
			Instant firstResponseAt, Instant resolutionDue, boolean warning, boolean breached,
			boolean firstResponseWarning, boolean firstResponseBreached, boolean resolutionWarning,
			boolean resolutionBreached, boolean paused, long pausedMinutes, Instant escalatedAt, String escalatedTo,
			Instant closedAt, Boolean satisfied, Long complaintCaseId, long version) {

		static TicketJson of(TicketView t, String externalId) {
			TicketView.Sla s = t.sla();
			return new TicketJson(t.id(), t.customerId(), externalId, t.kind(), t.channel(), t.category(), t.priority(),
					t.subject(), t.description(), t.status(), t.owner(), t.allowedActions(), t.createdAt(),
					t.createdBy(), s.firstResponseDue(), s.firstResponseAt(), s.resolutionDue(), s.warning(),
					s.breached(), s.firstResponseWarning(), s.firstResponseBreached(), s.resolutionWarning(),
					s.resolutionBreached(), s.paused(), s.pausedMinutes(), t.escalatedAt(), t.escalatedTo(),
					t.closedAt(), t.satisfied(), t.complaintCaseId(), t.version());
		}

	}

	record QueueItemJson(long id, String subject, TicketKind kind, TicketChannel channel, TicketPriority priority,
			TicketStatus status, String owner, long customerId, String customerName, Instant createdAt, Instant nextDue,
			boolean warning, boolean breached, boolean paused) {
	}

	record QueueJson(String queue, List<QueueItemJson> items, int page, int size, boolean hasNext) {
	}

	@PostMapping
	ResponseEntity<TicketJson> create(@RequestBody CreateRequest request) {
		Ticket ticket = this.desk.open(new TicketDesk.TicketInput(null, request.customerExternalId(), request.kind(),
				request.channel(), request.category(), request.priority(), request.subject(), request.description()),
				null);
		return ResponseEntity.created(URI.create("/api/v1/tickets/" + ticket.getId())).body(json(ticket.getId()));
	}

	@GetMapping("/{id}")
	TicketJson get(@PathVariable long id) {
		return json(id);
	}

	@PostMapping("/{id}/actions/{action}")
	TicketJson act(@PathVariable long id, @PathVariable String action,
			@RequestBody(required = false) ActionRequest request) {
		TicketAction step = TicketAction.of(action)
			.orElseThrow(() -> new NotFoundException("feedback.action.unknown", action));
		ActionRequest r = (request != null) ? request : new ActionRequest(null, null, null, null, null, null);
		this.desk.act(id, step, new TicketDesk.ActionInput(r.version(), r.text(), r.owner(), r.customerConfirmed(),
				r.satisfied(), r.comment()));
		return json(id);
	}

	@GetMapping
	QueueJson queue(TicketQueue.Filter filter) {
		TicketQueue.Page page = this.queue.page(filter, CurrentUser.hasRole(Role.AGENT) ? "mine" : "all");
		return new QueueJson(page.queue(),
				page.items()
					.stream()
					.map((i) -> new QueueItemJson(i.id(), i.subject(), i.kind(), i.channel(), i.priority(), i.status(),
							i.owner(), i.customerId(), i.customerName(), i.createdAt(), i.nextDue(), i.warning(),
							i.breached(), i.paused()))
					.toList(),
				page.page(), page.size(), page.hasNext());
	}

	@GetMapping("/performance")
	AgentPerformance.Report performance(@RequestParam(required = false) LocalDate from,
			@RequestParam(required = false) LocalDate to) {
		LocalDate end = (to != null) ? to : LocalDate.now(this.clock);
		LocalDate start = (from != null) ? from : end.minusDays(89);
		if (start.isAfter(end)) {
			throw ValidationException.of("from", "feedback.performance.period");
		}
		return this.performance.report(start, end);
	}

	/** Names the actions the status allows, beside the usual title and detail. */
	@ExceptionHandler(IllegalTicketActionException.class)
	ProblemDetail illegal(IllegalTicketActionException ex, Locale locale) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
				ex.localizedMessage(this.messages, locale));
		problem.setTitle(this.messages.getMessage("error.409.title", null, locale));
		problem.setProperty("allowedActions", ex.allowedActions());
		return problem;
	}

	private TicketJson json(long id) {
		TicketView view = this.desk.view(id);
		String externalId = this.customers.find(view.customerId()).map(CustomerSummary::externalId).orElse(null);
		return TicketJson.of(view, externalId);
	}

}

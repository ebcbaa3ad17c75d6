package io.loopcrm.complaint.internal;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import io.loopcrm.customer.CustomerSummary;
import io.loopcrm.platform.NotFoundException;

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
 * {@code POST /api/v1/complaints} registers a case, {@code GET /api/v1/complaints/{id}}
 * reads it with {@code status} and {@code allowedActions}, {@code POST
 * /api/v1/complaints/{id}/actions/{action}} takes a step. An illegal step is a 409
 * problem naming the allowed actions, a step the user may not take a 403, invalid input a
 * 400 naming each field.
 */
@RestController
@RequestMapping("/api/v1/complaints")
class ComplaintApiController {

	private final ComplaintService service;

	private final ComplaintQueries queries;

	private final MessageSource messages;

	private final ComplaintDashboard dashboard;

	ComplaintApiController(ComplaintService service, ComplaintQueries queries, ComplaintDashboard dashboard,
			MessageSource messages) {
		this.service = service;
		this.queries = queries;
		this.dashboard = dashboard;
		this.messages = messages;
	}

	/** What the complaint is about. */
	record About(String type, String reference) {
	}

	/** A complaint to register. */
	record RegisterRequest(String customerExternalId, About about, String description, String demands, String channel,
			String severity, Long sourceTicketId) {
	}

	/** The body of a step; each action reads its own fields. */
	record ActionRequest(Boolean valid, String explanation, String department, String owner, String category,
			String detail, String responsible, String type, BigDecimal amount, String text, String comment,
			String notes, Boolean customerNotified, Boolean customerSatisfied, Long version) {

		ComplaintService.StepInput input() {
			return new ComplaintService.StepInput(this.valid, this.explanation, this.department, this.owner,
					this.category, this.detail, this.responsible, this.type,
					(this.amount != null) ? this.amount.toPlainString() : null, this.text, this.comment, this.notes,
					this.customerNotified, this.customerSatisfied, this.version);
		}

	}

	@PostMapping
	ResponseEntity<CaseJson> register(@RequestBody RegisterRequest request) {
		About about = (request.about() != null) ? request.about() : new About(null, null);
		long id = this.service.register(new ComplaintService.NewCase(request.customerExternalId(), null, about.type(),
				about.reference(), request.description(), request.demands(), request.channel(), request.severity(),
				request.sourceTicketId()));
		return ResponseEntity.created(URI.create("/api/v1/complaints/" + id))
			.body(CaseJson.of(this.queries.details(id)));
	}

	/** The dashboard's figures for {@code from}..{@code to} (months, {@code YYYY-MM}). */
	@GetMapping("/dashboard")
	ComplaintDashboard.Figures dashboard(@RequestParam(required = false) String from,
			@RequestParam(required = false) String to) {
		java.time.YearMonth[] period = ComplaintDashboardController.period(this.dashboard, from, to);
		return this.dashboard.figures(period[0], period[1]);
	}

	@GetMapping("/{id}")
	CaseJson read(@PathVariable long id) {
		return CaseJson.of(this.queries.details(id));
	}

	@PostMapping("/{id}/actions/{action}")
	CaseJson act(@PathVariable long id, @PathVariable String action,
			@RequestBody(required = false) ActionRequest request) {
		CaseAction step = CaseAction.ofSlug(action)
			.orElseThrow(() -> new NotFoundException("complaint.action.unknown", action));
		this.service.perform(id, step, (request != null) ? request.input() : ComplaintService.StepInput.empty());
		return CaseJson.of(this.queries.details(id));
	}

	@ExceptionHandler(IllegalStepException.class)
	ProblemDetail illegalStep(IllegalStepException ex, Locale locale) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
				ex.localizedMessage(this.messages, locale));
		problem.setTitle(this.messages.getMessage("complaint.illegal.title", null, locale));
		problem.setProperty("action", ex.action().slug());
		problem.setProperty("caseStatus", ex.status().name());
		problem.setProperty("allowedActions", ex.allowedSlugs());
		return problem;
	}

	@ExceptionHandler(StepNotPermittedException.class)
	ProblemDetail notPermitted(StepNotPermittedException ex, Locale locale) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
				ex.localizedMessage(this.messages, locale));
		problem.setTitle(this.messages.getMessage("error.403.title", null, locale));
		return problem;
	}

	/** A case as JSON; the sections of steps not taken yet are {@code null}. */
	record CaseJson(long id, String status, List<String> allowedActions, List<String> yourActions, long version,
			String customerExternalId, Customer customer, About about, String description, String demands,
			String channel, String severity, String registeredAt, String registeredBy, String dueAt, boolean overdue,
			Long sourceTicketId, Validity validity, Assignment assignment, RootCause rootCause, Proposal proposal,
			Approval approval, Implementation implementation, Closing closing, int reopenCount, List<Step> history,
			List<Long> capa) {

		static CaseJson of(CaseDetails c) {
			CustomerSummary customer = c.customer();
			return new CaseJson(c.id(), c.status().name(), slugs(c.allowedActions()), slugs(c.yourActions()),
					c.version(), (customer != null) ? customer.externalId() : null,
					new Customer(c.customerId(), (customer != null) ? customer.name() : null),
					new About(c.aboutType().name(), c.aboutReference()), c.description(), c.demands(),
					c.channel().name(), c.severity().name(), text(c.registeredAt()), c.registeredBy(), text(c.dueAt()),
					c.overdue(), c.sourceTicketId(),
					(c.valid() != null) ? new Validity(c.valid(), c.validityExplanation()) : null,
					(c.owner() != null) ? new Assignment(c.department(), c.owner()) : null,
					(c.causeCategory() != null)
							? new RootCause(c.causeCategory().name(), c.causeDetail(), c.responsible()) : null,
					(c.proposalType() != null) ? new Proposal(c.proposalType().name(), c.proposalAmount(),
							c.proposalText(), c.proposedBy(), c.needsAdmin()) : null,
					(c.approvedBy() != null || c.approvalComment() != null)
							? new Approval(c.approvedBy(), text(c.approvedAt()), c.approvalComment()) : null,
					(c.implementedAt() != null)
							? new Implementation(c.implementationNotes(), c.customerNotified(), text(c.implementedAt()))
							: null,
					(c.customerSatisfied() != null)
							? new Closing(c.customerSatisfied(), c.feedbackComment(), text(c.closedAt())) : null,
					c.reopenCount(),
					c.history()
						.stream()
						.map((h) -> new Step(h.action(), (h.fromStatus() != null) ? h.fromStatus().name() : null,
								h.toStatus().name(), h.actor(), text(h.at()), h.detail()))
						.toList(),
					c.capa().stream().map(CaseDetails.CapaLink::id).toList());
		}

		private static List<String> slugs(List<CaseAction> actions) {
			return actions.stream().map(CaseAction::slug).toList();
		}

		private static String text(Instant instant) {
			return (instant != null) ? instant.toString() : null;
		}

	}

	record Customer(long id, String name) {
	}

	record Validity(boolean valid, String explanation) {
	}

	record Assignment(String department, String owner) {
	}

	record RootCause(String category, String detail, String responsible) {
	}

	record Proposal(String type, BigDecimal amount, String text, String proposedBy, boolean needsAdmin) {
	}

	/**
	 * The decision on the proposal: who approved it, or the comment it was sent back
	 * with.
	 */
	record Approval(String approvedBy, String approvedAt, String comment) {
	}

	record Implementation(String notes, Boolean customerNotified, String implementedAt) {
	}

	/** The customer's feedback; not satisfied reopens the case. */
	record Closing(boolean customerSatisfied, String comment, String closedAt) {
	}

	record Step(String action, String fromStatus, String toStatus, String actor, String at, String detail) {
	}

}

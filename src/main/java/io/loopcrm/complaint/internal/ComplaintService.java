package io.loopcrm.complaint.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.loopcrm.complaint.ComplaintClosed;
import io.loopcrm.complaint.ComplaintRegistered;
import io.loopcrm.customer.CustomerQueries;
import io.loopcrm.customer.CustomerSummary;
import io.loopcrm.platform.ConflictException;
import io.loopcrm.platform.CurrentUser;
import io.loopcrm.platform.NotFoundException;
import io.loopcrm.platform.Role;
import io.loopcrm.platform.ValidationException;
import io.loopcrm.platform.ValidationException.FieldProblem;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registers complaint cases and takes them through their workflow. Every step is checked
 * in this order: the user's role may take the action at all (else 403), the case's status
 * allows it (else 409 naming the allowed actions), nobody decides on their own case and
 * only an administrator approves compensation above the limit (else 403), the input is
 * complete (else 400 naming each field). A step is saved with its history entry in one
 * transaction against the version the user saw (optimistic locking).
 */
@Service
class ComplaintService {

	static final int TEXT_MAX = 4000;

	private final ComplaintCaseRepository cases;

	private final ComplaintStepRepository steps;

	private final CustomerQueries customers;

	private final References references;

	private final Workers workers;

	private final ComplaintProperties properties;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final io.loopcrm.feedback.Tickets tickets;

	ComplaintService(ComplaintCaseRepository cases, ComplaintStepRepository steps, CustomerQueries customers,
			References references, Workers workers, ComplaintProperties properties, ApplicationEventPublisher events,
			Clock clock, io.loopcrm.feedback.Tickets tickets) {
		this.tickets = tickets;
		this.cases = cases;
		this.steps = steps;
		this.customers = customers;
		this.references = references;
		this.workers = workers;
		this.properties = properties;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * A complaint to register. The complainant is given by external ID (API) or, from the
	 * page, by customer id.
	 *
	 * @param customerExternalId the complainant's external ID
	 * @param customerId the complainant's id, used when no external ID is given
	 * @param aboutType PRODUCT, ORDER, STAFF, STORE or SERVICE
	 * @param aboutReference SKU, order number, staff member, store; optional for SERVICE
	 * @param description what happened
	 * @param demands what the customer asks for
	 * @param channel how the complaint came in
	 * @param severity LOW, MEDIUM, HIGH or CRITICAL
	 * @param sourceTicketId the feedback ticket it comes from, or {@code null}
	 */
	record NewCase(String customerExternalId, Long customerId, String aboutType, String aboutReference,
			String description, String demands, String channel, String severity, Long sourceTicketId) {
	}

	/**
	 * The input of a step; each action reads its own fields (see the API in the README).
	 * {@code version}, when given, is the version the user saw: a case changed since is a
	 * conflict.
	 */
	record StepInput(Boolean valid, String explanation, String department, String owner, String category, String detail,
			String responsible, String type, String amount, String text, String comment, String notes,
			Boolean customerNotified, Boolean customerSatisfied, Long version) {

		static StepInput empty() {
			return new StepInput(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
					null);
		}

	}

	@Transactional
	public long register(NewCase command) {
		if (!CurrentUser.hasRole(Role.STAFF)) {
			throw new StepNotPermittedException("complaint.denied.register");
		}
		List<FieldProblem> problems = new ArrayList<>();
		Optional<CustomerSummary> customer = customer(command, problems);
		AboutType aboutType = parse(AboutType.class, command.aboutType(), "about.type", problems);
		String reference = trim(command.aboutReference());
		ResolvedAbout about = null;
		if (aboutType != null) {
			about = resolve(aboutType, reference, customer.map(CustomerSummary::id).orElse(null), problems);
		}
		String description = required(command.description(), "description", TEXT_MAX, problems);
		String demands = optional(command.demands(), "demands", TEXT_MAX, problems);
		Channel channel = parse(Channel.class, command.channel(), "channel", problems);
		Severity severity = parse(Severity.class, command.severity(), "severity", problems);
		if (!problems.isEmpty()) {
			throw new ValidationException(problems);
		}
		Instant now = now();
		String by = CurrentUser.usernameOrSystem();
		ComplaintCase created = new ComplaintCase(customer.get().id(), about, description, demands, channel, severity,
				now.plus(this.properties.target(severity)), command.sourceTicketId(), now, by);
		this.cases.saveAndFlush(created);
		this.steps
			.save(new ComplaintStep(created.getId(), ComplaintStep.REGISTER, null, Status.REGISTERED, by, now, null));
		if (created.getSourceTicketId() != null) {
			// the ticket links back to its case; a ticket that is not a complaint or has
			// a
			// case already refuses, and then nothing is registered
			this.tickets.linkComplaint(created.getSourceTicketId(), created.getId());
		}
		this.events.publishEvent(
				new ComplaintRegistered(created.getId(), created.getCustomerId(), created.getSourceTicketId()));
		return created.getId();
	}

	/** Takes a step on a case; see the class comment for the order of the checks. */
	@Transactional
	public void perform(long id, CaseAction action, StepInput in) {
		if (!CurrentUser.hasRole(action.role())) {
			throw new StepNotPermittedException("complaint.denied.role." + action.role());
		}
		ComplaintCase c = find(id);
		if (in.version() != null && in.version() != c.getVersion()) {
			throw new ConflictException("complaint.conflict.stale");
		}
		Status from = c.getStatus();
		if (!ComplaintWorkflow.allows(from, action)) {
			throw new IllegalStepException(action, from, ComplaintWorkflow.allowed(from));
		}
		String by = CurrentUser.usernameOrSystem();
		refusal(c, action, by).ifPresent((key) -> {
			throw new StepNotPermittedException(key, this.properties.adminApprovalAbove().toPlainString());
		});
		Instant now = now();
		List<FieldProblem> problems = new ArrayList<>();
		String detail = switch (action) {
			case VALIDATE -> validate(c, in, problems, now, by);
			case ASSIGN -> assign(c, in, problems, now, by);
			case ROOT_CAUSE -> rootCause(c, in, problems, now, by);
			case PROPOSE -> propose(c, in, problems, now, by);
			case APPROVE -> {
				String comment = optional(in.comment(), "comment", TEXT_MAX, problems);
				if (problems.isEmpty()) {
					c.approve(comment, now, by);
				}
				yield comment;
			}
			case SEND_BACK -> {
				String comment = required(in.comment(), "comment", TEXT_MAX, problems);
				if (problems.isEmpty()) {
					c.sendBack(comment, now, by);
				}
				yield comment;
			}
			case IMPLEMENT -> implement(c, in, problems, now, by);
			case CLOSE -> close(c, in, problems, now, by);
		};
		if (!problems.isEmpty()) {
			throw new ValidationException(problems);
		}
		this.cases.saveAndFlush(c);
		this.steps.save(new ComplaintStep(c.getId(), action.slug(), from, c.getStatus(), by, now, detail));
		if (c.getStatus() == Status.CLOSED) {
			this.events.publishEvent(new ComplaintClosed(c.getId(), c.getCustomerId(), c.getSourceTicketId()));
		}
	}

	/**
	 * Why the user may not take this action on this case although its status allows it,
	 * as a message key; empty when they may (the role is checked before).
	 */
	Optional<String> refusal(ComplaintCase c, CaseAction action, String username) {
		if (!CurrentUser.hasRole(action.role())) {
			return Optional.of("complaint.denied.role." + action.role());
		}
		if (action == CaseAction.APPROVE || action == CaseAction.SEND_BACK) {
			if (c.isOwnedOrProposedBy(username)) {
				return Optional.of("complaint.denied.own");
			}
			if (action == CaseAction.APPROVE && needsAdmin(c) && !CurrentUser.hasRole(Role.ADMIN)) {
				return Optional.of("complaint.denied.limit");
			}
		}
		return Optional.empty();
	}

	/** Whether approving this case's proposal needs an administrator. */
	boolean needsAdmin(ComplaintCase c) {
		return c.getProposalType() == ProposalType.COMPENSATION && c.getProposalAmount() != null
				&& c.getProposalAmount().compareTo(this.properties.adminApprovalAbove()) > 0;
	}

	/** The case, or a 404. */
	ComplaintCase find(long id) {
		return this.cases.findById(id).orElseThrow(() -> new NotFoundException("complaint.notFound", id));
	}

	List<ComplaintStep> history(long id) {
		return this.steps.findByCaseIdOrderByOccurredAtAscIdAsc(id);
	}

	Instant now() {
		return this.clock.instant();
	}

	private String validate(ComplaintCase c, StepInput in, List<FieldProblem> problems, Instant now, String by) {
		if (in.valid() == null) {
			problems.add(new FieldProblem("valid", "complaint.valid.required"));
			return null;
		}
		String explanation = in.valid() ? optional(in.explanation(), "explanation", TEXT_MAX, problems)
				: required(in.explanation(), "explanation", TEXT_MAX, problems, "complaint.explanation.required");
		if (problems.isEmpty()) {
			c.validate(in.valid(), explanation, now, by);
		}
		return explanation;
	}

	private String assign(ComplaintCase c, StepInput in, List<FieldProblem> problems, Instant now, String by) {
		String department = required(in.department(), "department", 100, problems);
		String owner = trim(in.owner());
		if (owner == null) {
			problems.add(new FieldProblem("owner", "complaint.owner.required"));
		}
		else {
			owner = owner.toLowerCase(Locale.ROOT);
			if (!this.workers.canWork(owner)) {
				problems.add(new FieldProblem("owner", "complaint.owner.unknown", owner));
			}
		}
		if (!problems.isEmpty()) {
			return null;
		}
		// agents take cases themselves; handing a case to someone else is a manager's
		// call
		if (!owner.equals(by) && !CurrentUser.hasRole(Role.MANAGER)) {
			throw new StepNotPermittedException("complaint.denied.assignOthers");
		}
		c.assign(department, owner, now, by);
		return department + " · " + owner;
	}

	private String rootCause(ComplaintCase c, StepInput in, List<FieldProblem> problems, Instant now, String by) {
		CauseCategory category = parse(CauseCategory.class, in.category(), "category", problems);
		String detail = required(in.detail(), "detail", TEXT_MAX, problems);
		String responsible = optional(in.responsible(), "responsible", 200, problems);
		if (problems.isEmpty()) {
			c.rootCause(category, detail, responsible, now, by);
		}
		return detail;
	}

	private String propose(ComplaintCase c, StepInput in, List<FieldProblem> problems, Instant now, String by) {
		ProposalType type = parse(ProposalType.class, in.type(), "type", problems);
		BigDecimal amount = amount(in.amount(), problems);
		if (type != null && amount == null && type == ProposalType.COMPENSATION
				&& problems.stream().noneMatch((p) -> p.field().equals("amount"))) {
			problems.add(new FieldProblem("amount", "complaint.amount.required"));
		}
		if (type != null && amount != null && !type.takesAmount()) {
			problems.add(new FieldProblem("amount", "complaint.amount.notForType"));
		}
		String text = required(in.text(), "text", TEXT_MAX, problems);
		if (problems.isEmpty()) {
			c.propose(type, amount, text, now, by);
		}
		return (amount != null) ? amount.toPlainString() + " · " + text : text;
	}

	private String implement(ComplaintCase c, StepInput in, List<FieldProblem> problems, Instant now, String by) {
		String notes = required(in.notes(), "notes", TEXT_MAX, problems);
		if (!Boolean.TRUE.equals(in.customerNotified())) {
			problems.add(new FieldProblem("customerNotified", "complaint.customerNotified.required"));
		}
		if (problems.isEmpty()) {
			c.implement(notes, true, now, by);
		}
		return notes;
	}

	private String close(ComplaintCase c, StepInput in, List<FieldProblem> problems, Instant now, String by) {
		if (in.customerSatisfied() == null) {
			problems.add(new FieldProblem("customerSatisfied", "complaint.customerSatisfied.required"));
			return null;
		}
		String comment = in.customerSatisfied() ? optional(in.comment(), "comment", TEXT_MAX, problems)
				: required(in.comment(), "comment", TEXT_MAX, problems, "complaint.comment.whyNotSatisfied");
		if (problems.isEmpty()) {
			c.close(in.customerSatisfied(), comment, now, by);
		}
		return comment;
	}

	private Optional<CustomerSummary> customer(NewCase command, List<FieldProblem> problems) {
		String externalId = trim(command.customerExternalId());
		Optional<CustomerSummary> customer = Optional.empty();
		if (externalId != null) {
			customer = this.customers.findByExternalId(externalId);
			if (customer.isEmpty()) {
				problems.add(new FieldProblem("customerExternalId", "complaint.customer.unknown", externalId));
			}
		}
		else if (command.customerId() != null) {
			customer = this.customers.find(command.customerId());
			if (customer.isEmpty()) {
				problems.add(new FieldProblem("customerExternalId", "complaint.customer.unknown",
						String.valueOf(command.customerId())));
			}
		}
		else {
			problems.add(new FieldProblem("customerExternalId", "complaint.customer.required"));
		}
		return customer;
	}

	private ResolvedAbout resolve(AboutType type, String reference, Long customerId, List<FieldProblem> problems) {
		if (reference != null && reference.length() > 200) {
			problems.add(new FieldProblem("about.reference", "complaint.tooLong", 200));
			return null;
		}
		if (reference == null) {
			if (type != AboutType.SERVICE) {
				problems.add(new FieldProblem("about.reference", "complaint.reference.required." + type));
			}
			return new ResolvedAbout(type, null, null, null, null);
		}
		return switch (type) {
			case ORDER -> {
				Optional<References.OrderRef> order = this.references.order(reference);
				if (order.isEmpty()) {
					problems.add(new FieldProblem("about.reference", "complaint.reference.unknownOrder", reference));
					yield null;
				}
				if (customerId != null && order.get().customerId() != customerId) {
					problems.add(new FieldProblem("about.reference", "complaint.reference.otherCustomer", reference));
					yield null;
				}
				yield new ResolvedAbout(type, order.get().orderNumber(), order.get().orderId(), null,
						order.get().store());
			}
			case PRODUCT -> {
				Optional<References.ProductRef> product = this.references.product(reference);
				if (product.isEmpty()) {
					problems.add(new FieldProblem("about.reference", "complaint.reference.unknownProduct", reference));
					yield null;
				}
				yield new ResolvedAbout(type, product.get().sku(), null, product.get().sku(), null);
			}
			case STORE -> new ResolvedAbout(type, reference, null, null, reference);
			case STAFF, SERVICE -> new ResolvedAbout(type, reference, null, null, null);
		};
	}

	private static BigDecimal amount(String text, List<FieldProblem> problems) {
		String value = trim(text);
		if (value == null) {
			return null;
		}
		try {
			BigDecimal amount = new BigDecimal(value.replace(",", ""));
			if (amount.signum() <= 0) {
				problems.add(new FieldProblem("amount", "complaint.amount.positive"));
				return null;
			}
			if (amount.stripTrailingZeros().scale() > 2 || amount.precision() - amount.scale() > 12) {
				problems.add(new FieldProblem("amount", "complaint.amount.format"));
				return null;
			}
			return amount.setScale(2);
		}
		catch (NumberFormatException ex) {
			problems.add(new FieldProblem("amount", "complaint.amount.format"));
			return null;
		}
	}

	static <E extends Enum<E>> E parse(Class<E> type, String value, String field, List<FieldProblem> problems) {
		String code = trim(value);
		if (code == null) {
			problems.add(new FieldProblem(field, "complaint.choice.required", names(type)));
			return null;
		}
		try {
			return Enum.valueOf(type, code.toUpperCase(Locale.ROOT).replace('-', '_'));
		}
		catch (IllegalArgumentException ex) {
			problems.add(new FieldProblem(field, "complaint.choice.unknown", code, names(type)));
			return null;
		}
	}

	private static String names(Class<? extends Enum<?>> type) {
		return String.join(", ", Arrays.stream(type.getEnumConstants()).map(Enum::name).toList());
	}

	static String required(String value, String field, int max, List<FieldProblem> problems) {
		return required(value, field, max, problems, "complaint.field.required");
	}

	static String required(String value, String field, int max, List<FieldProblem> problems, String missingKey) {
		String text = trim(value);
		if (text == null) {
			problems.add(new FieldProblem(field, missingKey));
			return null;
		}
		return checkLength(text, field, max, problems);
	}

	static String optional(String value, String field, int max, List<FieldProblem> problems) {
		String text = trim(value);
		return (text != null) ? checkLength(text, field, max, problems) : null;
	}

	private static String checkLength(String text, String field, int max, List<FieldProblem> problems) {
		if (text.length() > max) {
			problems.add(new FieldProblem(field, "complaint.tooLong", max));
			return null;
		}
		return text;
	}

	static String trim(String value) {
		if (value == null) {
			return null;
		}
		String text = value.strip();
		return text.isEmpty() ? null : text;
	}

	/** Display names by username for a page. */
	Map<String, String> names() {
		return this.workers.names();
	}

}

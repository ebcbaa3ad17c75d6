package io.loopcrm.feedback.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.loopcrm.customer.CustomerQueries;
import io.loopcrm.customer.CustomerSummary;
import io.loopcrm.feedback.NewTicket;
import io.loopcrm.feedback.TicketChannel;
import io.loopcrm.feedback.TicketClosed;
import io.loopcrm.feedback.TicketKind;
import io.loopcrm.feedback.TicketOpened;
import io.loopcrm.feedback.TicketPriority;
import io.loopcrm.feedback.TicketService;
import io.loopcrm.feedback.TicketStatus;
import io.loopcrm.feedback.TicketSummary;
import io.loopcrm.feedback.Tickets;
import io.loopcrm.platform.ConflictException;
import io.loopcrm.platform.CurrentUser;
import io.loopcrm.platform.Formats;
import io.loopcrm.platform.NotFoundException;
import io.loopcrm.platform.Role;
import io.loopcrm.platform.UserDirectory;
import io.loopcrm.platform.ValidationException;
import io.loopcrm.platform.ValidationException.FieldProblem;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Opens tickets and moves them through their workflow: every action is checked against
 * the status ({@link TicketWorkflow}, 409 naming the allowed actions), the role (AGENT
 * and up handle tickets, 403 otherwise) and the version the user saw (409 when somebody
 * changed the ticket in between), then recorded in the ticket's history.
 */
@Service
class TicketDesk implements TicketService, Tickets {

	static final int MAX_SUBJECT = 200;

	static final int MAX_TEXT = 10_000;

	private final TicketRepository tickets;

	private final Categories categories;

	private final SlaPolicies policies;

	private final BusinessCalendars calendars;

	private final TicketHistory history;

	private final Escalations escalations;

	private final CustomerQueries customers;

	private final UserDirectory users;

	private final ApplicationEventPublisher events;

	private final Formats formats;

	private final Clock clock;

	TicketDesk(TicketRepository tickets, Categories categories, SlaPolicies policies, BusinessCalendars calendars,
			TicketHistory history, Escalations escalations, CustomerQueries customers, UserDirectory users,
			ApplicationEventPublisher events, Formats formats, Clock clock) {
		this.tickets = tickets;
		this.categories = categories;
		this.policies = policies;
		this.calendars = calendars;
		this.history = history;
		this.escalations = escalations;
		this.customers = customers;
		this.users = users;
		this.events = events;
		this.formats = formats;
		this.clock = clock;
	}

	/**
	 * A ticket as typed in a form or sent to the API: values are text, so that an unknown
	 * kind or priority is a field error like a missing subject.
	 *
	 * @param customerId the customer by id (from the profile), or
	 * @param customerExternalId the customer by external ID
	 * @param kind kind
	 * @param channel channel
	 * @param category category code or name
	 * @param priority priority, empty for NORMAL
	 * @param subject subject
	 * @param description description
	 */
	record TicketInput(Long customerId, String customerExternalId, String kind, String channel, String category,
			String priority, String subject, String description) {
	}

	/**
	 * What an action carries besides its name.
	 *
	 * @param version the version the user saw; {@code null} skips the check (API)
	 * @param text reply or note text
	 * @param owner the new owner (assign)
	 * @param customerConfirmed the customer confirmed the resolution (close)
	 * @param satisfied the customer is satisfied with the resolution (close, optional)
	 * @param comment comment (close, escalate)
	 */
	record ActionInput(Long version, String text, String owner, Boolean customerConfirmed, Boolean satisfied,
			String comment) {

		static ActionInput empty() {
			return new ActionInput(null, null, null, null, null, null);
		}

	}

	@Override
	@Transactional
	public TicketSummary open(NewTicket ticket) {
		TicketInput input = new TicketInput(ticket.customerId(), null, name(ticket.kind()), name(ticket.channel()),
				ticket.category(), name(ticket.priority()), ticket.subject(), ticket.description());
		return summary(open(input, ticket.sourceRef()));
	}

	/** Opens a ticket from a form or the API. */
	@Transactional
	Ticket open(TicketInput input, String sourceRef) {
		if (sourceRef != null) {
			Optional<Ticket> existing = this.tickets.findBySourceRef(sourceRef);
			if (existing.isPresent()) {
				return existing.get();
			}
		}
		List<FieldProblem> problems = new ArrayList<>();
		CustomerSummary customer = customer(input, problems);
		TicketKind kind = parse(TicketKind.class, input.kind(), "kind", problems, null);
		TicketChannel channel = parse(TicketChannel.class, input.channel(), "channel", problems, null);
		TicketPriority priority = parse(TicketPriority.class, input.priority(), "priority", problems,
				TicketPriority.NORMAL);
		Categories.Category category = null;
		if (input.category() == null || input.category().isBlank()) {
			problems.add(new FieldProblem("category", "feedback.category.required"));
		}
		else {
			category = this.categories.find(input.category()).orElse(null);
			if (category == null) {
				problems.add(new FieldProblem("category", "feedback.category.unknown", input.category()));
			}
			else if (!category.active()) {
				problems.add(new FieldProblem("category", "feedback.category.inactive", input.category()));
			}
		}
		String subject = trim(input.subject());
		if (subject == null) {
			problems.add(new FieldProblem("subject", "feedback.subject.required"));
		}
		else if (subject.length() > MAX_SUBJECT) {
			problems.add(new FieldProblem("subject", "feedback.text.tooLong", MAX_SUBJECT));
		}
		String description = trim(input.description());
		if (description == null) {
			problems.add(new FieldProblem("description", "feedback.description.required"));
		}
		else if (description.length() > MAX_TEXT) {
			problems.add(new FieldProblem("description", "feedback.text.tooLong", MAX_TEXT));
		}
		if (!problems.isEmpty()) {
			throw new ValidationException(problems);
		}
		Instant now = this.clock.instant();
		String actor = CurrentUser.usernameOrSystem();
		Ticket ticket = new Ticket(customer.id(), kind, channel, category.id(), priority, subject, description,
				sourceRef, this.policies.of(category.id(), priority), this.calendars.current(), now, actor);
		this.tickets.saveAndFlush(ticket);
		this.history.record(ticket.getId(), now, actor, "opened", null, TicketStatus.RECEIVED.name(), null,
				kind + " / " + channel + " / " + category.key() + " / " + priority);
		this.events.publishEvent(new TicketOpened(ticket.getId(), ticket.getCustomerId(), kind, channel));
		return ticket;
	}

	/**
	 * Takes an action on a ticket.
	 * @throws NotFoundException no such ticket
	 * @throws AccessDeniedException the user may not handle tickets
	 * @throws IllegalTicketActionException the status does not allow the action
	 * @throws ConflictException somebody changed the ticket since the user saw it
	 * @throws ValidationException the action's input is incomplete
	 */
	@Transactional
	Ticket act(long id, TicketAction action, ActionInput input) {
		if (!CurrentUser.hasRole(Role.AGENT)) {
			throw new AccessDeniedException("handling tickets needs the AGENT role");
		}
		Ticket ticket = get(id);
		if (input.version() != null && input.version() != ticket.getVersion()) {
			throw new ConflictException("feedback.conflict.changed", String.valueOf(id), ticket.getUpdatedBy(),
					this.formats.dateTime(ticket.getUpdatedAt()));
		}
		TicketStatus from = ticket.getStatus();
		if (!TicketWorkflow.allows(from, action)) {
			throw new IllegalTicketActionException(action, from, TicketWorkflow.allowed(from));
		}
		Instant now = this.clock.instant();
		String actor = CurrentUser.usernameOrSystem();
		String body = null;
		String detail = null;
		switch (action) {
			case VERIFY -> ticket.moveTo(TicketStatus.VERIFIED, now, actor);
			case START -> {
				ticket.start(now, actor);
				detail = ticket.getOwner();
			}
			case REPLY -> {
				body = text(input.text(), "text");
				ticket.reply(now, actor);
			}
			case NOTE -> {
				body = text(input.text(), "text");
				ticket.touch(now, actor);
			}
			case WAIT_CUSTOMER -> {
				body = optionalText(input.comment());
				ticket.waitForCustomer(now, actor);
				this.history.paused(id, now, actor);
			}
			case RESUME -> {
				Duration paused = ticket.resume(this.calendars.current(), now, actor);
				this.history.resumed(id, now, actor, paused.getSeconds());
				detail = String.valueOf(paused.toMinutes());
			}
			case CLOSE -> {
				if (!Boolean.TRUE.equals(input.customerConfirmed())) {
					throw ValidationException.of("customerConfirmed", "feedback.close.confirmationRequired");
				}
				body = optionalText(input.comment());
				ticket.close(this.calendars.current(), now, actor, input.satisfied(), body);
				detail = (input.satisfied() == null) ? null : (input.satisfied() ? "satisfied" : "dissatisfied");
			}
			case REOPEN -> {
				body = optionalText(input.comment());
				ticket.reopen(this.calendars.current(), now, actor);
			}
			case ASSIGN -> {
				String owner = agent(input.owner());
				detail = owner;
				ticket.assign(owner, now, actor);
			}
			case ESCALATE -> {
				body = optionalText(input.comment());
				ticket.touch(now, actor);
				this.escalations.escalate(ticket, "feedback.notify.escalated", body, now, actor);
			}
		}
		this.tickets.flush();
		if (action != TicketAction.ESCALATE) {
			this.history.record(id, now, actor, action.path(), from.name(), ticket.getStatus().name(), body, detail);
		}
		if (action == TicketAction.CLOSE) {
			this.events.publishEvent(new TicketClosed(id, ticket.getCustomerId(), ticket.getSatisfied()));
		}
		return ticket;
	}

	/**
	 * Assigns several tickets at once (the queue's bulk assignment); closed ones are
	 * skipped.
	 */
	@Transactional
	int assignAll(List<Long> ids, String owner) {
		int assigned = 0;
		for (Long id : ids) {
			Ticket ticket = get(id);
			if (TicketWorkflow.allows(ticket.getStatus(), TicketAction.ASSIGN)) {
				act(id, TicketAction.ASSIGN, new ActionInput(null, null, owner, null, null, null));
				assigned++;
			}
		}
		return assigned;
	}

	@Transactional(readOnly = true)
	TicketView view(long id) {
		return view(get(id));
	}

	TicketView view(Ticket t) {
		Categories.Category category = this.categories.find(t.getCategoryId()).orElseThrow();
		boolean agent = CurrentUser.hasRole(Role.AGENT);
		List<String> allowed = agent ? TicketWorkflow.allowed(t.getStatus()).stream().map(TicketAction::path).toList()
				: List.of();
		Instant now = this.clock.instant();
		long pausedMinutes = (t.getPausedSince() != null) ? t.pausedSoFar(this.calendars.current(), now).toMinutes()
				: t.getPausedSeconds() / 60;
		TicketView.Sla sla = new TicketView.Sla(t.getFirstResponseMinutes(), t.getResolutionMinutes(),
				t.getWarnPercent(), t.getFirstResponseDue(), t.getFirstResponseAt(),
				t.getFirstResponseWarnedAt() != null, t.getFirstResponseBreachedAt() != null, t.getResolutionDue(),
				t.getResolutionWarnedAt() != null, t.getResolutionBreachedAt() != null, t.getPausedSince() != null,
				pausedMinutes);
		String ownerName = (t.getOwner() != null)
				? this.users.find(t.getOwner()).map(UserDirectory.UserRef::displayName).orElse(t.getOwner()) : null;
		return new TicketView(t.getId(), t.getCustomerId(), t.getKind(), t.getChannel(), category.key(),
				this.categories.label(category), t.getPriority(), t.getSubject(), t.getDescription(), t.getStatus(),
				t.getOwner(), ownerName, allowed, sla, t.getEscalatedAt(), t.getEscalatedTo(), t.getClosedAt(),
				t.getSatisfied(), t.getCloseComment(), t.getComplaintCaseId(), t.getCreatedAt(), t.getCreatedBy(),
				t.getUpdatedAt(), t.getUpdatedBy(), t.getVersion());
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<TicketSummary> find(long id) {
		return this.tickets.findById(id).map(this::summary);
	}

	@Override
	@Transactional(readOnly = true)
	public List<String> activeCategories() {
		return this.categories.all()
			.stream()
			.filter(Categories.Category::active)
			.map(Categories.Category::key)
			.toList();
	}

	@Override
	@Transactional
	public void linkComplaint(long ticketId, long complaintCaseId) {
		Ticket ticket = get(ticketId);
		if (ticket.getKind() != TicketKind.COMPLAINT) {
			throw new ConflictException("feedback.complaint.notComplaint", String.valueOf(ticketId));
		}
		if (ticket.getComplaintCaseId() != null && ticket.getComplaintCaseId() != complaintCaseId) {
			throw new ConflictException("feedback.complaint.linkedElsewhere", String.valueOf(ticketId),
					String.valueOf(ticket.getComplaintCaseId()));
		}
		if (ticket.getComplaintCaseId() == null) {
			Instant now = this.clock.instant();
			String actor = CurrentUser.usernameOrSystem();
			ticket.linkComplaint(complaintCaseId, now, actor);
			this.tickets.flush();
			this.history.record(ticketId, now, actor, "complaint-linked", null, null, null,
					String.valueOf(complaintCaseId));
		}
	}

	Ticket get(long id) {
		return this.tickets.findById(id)
			.orElseThrow(() -> new NotFoundException("feedback.ticket.notFound", String.valueOf(id)));
	}

	/** Enabled users who may handle tickets, for owner choices. */
	List<UserDirectory.UserRef> agents() {
		return this.users.holding(Role.AGENT);
	}

	private TicketSummary summary(Ticket t) {
		String category = this.categories.find(t.getCategoryId()).map(Categories.Category::key).orElse(null);
		return new TicketSummary(t.getId(), t.getCustomerId(), t.getKind(), t.getChannel(), category, t.getSubject(),
				t.getDescription(), t.getStatus(), t.getComplaintCaseId());
	}

	private CustomerSummary customer(TicketInput input, List<FieldProblem> problems) {
		if (input.customerId() != null) {
			Optional<CustomerSummary> found = this.customers.find(input.customerId());
			if (found.isEmpty()) {
				problems.add(new FieldProblem("customerId", "feedback.customer.unknown", input.customerId()));
			}
			return found.orElse(null);
		}
		String externalId = trim(input.customerExternalId());
		if (externalId == null) {
			problems.add(new FieldProblem("customerExternalId", "feedback.customer.required"));
			return null;
		}
		Optional<CustomerSummary> found = this.customers.findByExternalId(externalId);
		if (found.isEmpty()) {
			problems.add(new FieldProblem("customerExternalId", "feedback.customer.unknown", externalId));
		}
		return found.orElse(null);
	}

	private String agent(String owner) {
		String username = trim(owner);
		if (username == null) {
			throw ValidationException.of("owner", "feedback.owner.required");
		}
		return this.users.find(username)
			.filter((u) -> u.enabled() && u.has(Role.AGENT))
			.map(UserDirectory.UserRef::username)
			.orElseThrow(() -> ValidationException.of("owner", "feedback.owner.notAgent", username));
	}

	private static String text(String value, String field) {
		String text = trim(value);
		if (text == null) {
			throw ValidationException.of(field, "feedback.text.required");
		}
		if (text.length() > MAX_TEXT) {
			throw ValidationException.of(field, "feedback.text.tooLong", MAX_TEXT);
		}
		return text;
	}

	private static String optionalText(String value) {
		String text = trim(value);
		if (text != null && text.length() > MAX_TEXT) {
			throw ValidationException.of("comment", "feedback.text.tooLong", MAX_TEXT);
		}
		return text;
	}

	private static <E extends Enum<E>> E parse(Class<E> type, String value, String field, List<FieldProblem> problems,
			E fallback) {
		String text = trim(value);
		if (text == null) {
			if (fallback == null) {
				problems.add(new FieldProblem(field, "feedback." + field + ".required", choices(type)));
			}
			return fallback;
		}
		try {
			return Enum.valueOf(type, text.toUpperCase(Locale.ROOT).replace('-', '_'));
		}
		catch (IllegalArgumentException ex) {
			problems.add(new FieldProblem(field, "feedback.choice.unknown", text, choices(type)));
			return null;
		}
	}

	private static <E extends Enum<E>> String choices(Class<E> type) {
		return String.join(", ", Arrays.stream(type.getEnumConstants()).map(Enum::name).toList());
	}

	private static String name(Enum<?> value) {
		return (value != null) ? value.name() : null;
	}

	private static String trim(String value) {
		return (value == null || value.isBlank()) ? null : value.trim();
	}

}

package io.loopcrm.survey.internal;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.loopcrm.platform.AuditLog;
import io.loopcrm.platform.ConflictException;
import io.loopcrm.platform.CurrentUser;
import io.loopcrm.platform.Formats;
import io.loopcrm.platform.LoopCrmProperties;
import io.loopcrm.platform.NotFoundException;
import io.loopcrm.platform.UserDirectory;
import io.loopcrm.platform.ValidationException;
import io.loopcrm.platform.ValidationException.FieldProblem;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Improvement plans (改進措施) and their actions: written down by managers against an issue
 * the surveys showed, with an owner, a start date and actions with owners, resources,
 * milestones and due dates. Rules: the owners are users of LoopCRM; an action is not due
 * before the plan starts; a plan is DONE only when all its actions are; a closed (DONE or
 * CANCELLED) plan takes no new actions. Every change is checked against the version the
 * editor saw (a 409 naming who changed it and when), kept in the plan's history and
 * written to the audit log.
 */
@Service
public class ImprovementPlans {

	static final int ISSUE_MAX = 2000;

	static final int TEXT_MAX = 1000;

	static final int MILESTONE_MAX = 200;

	private final JdbcClient jdbc;

	private final UserDirectory users;

	private final AuditLog auditLog;

	private final Formats formats;

	private final Clock clock;

	private final ZoneId zone;

	ImprovementPlans(JdbcClient jdbc, UserDirectory users, AuditLog auditLog, Formats formats, Clock clock,
			LoopCrmProperties properties) {
		this.jdbc = jdbc;
		this.users = users;
		this.auditLog = auditLog;
		this.formats = formats;
		this.clock = clock;
		this.zone = properties.zone();
	}

	/**
	 * A plan as typed (form or API). Dates are {@code YYYY-MM-DD}.
	 *
	 * @param actions the actions; on a change {@code null} keeps them as they are, a list
	 * replaces them (an action with an id is changed, one without is added, one left out
	 * is removed)
	 * @param version the version the editor saw (required on a change)
	 */
	public record PlanInput(String issue, String metric, String dimension, Long surveyId, String owner,
			String startDate, String status, List<ActionInput> actions, Long version) {
	}

	/**
	 * An action as typed; {@code id} only for an existing one, {@code status} defaults to
	 * OPEN.
	 */
	public record ActionInput(Long id, String description, String owner, String resources, String milestone,
			String dueDate, String status) {
	}

	/**
	 * One entry of a plan's history.
	 *
	 * @param at when
	 * @param actor who
	 * @param action what: created, changed, action-added, action-changed, action-done,
	 * action-removed
	 * @param detail which values changed
	 */
	public record PlanEvent(Instant at, String actor, String action, String detail) {
	}

	/** The plans in a status (all when {@code null}), newest start first. */
	@Transactional(readOnly = true)
	public List<PlanSummary> list(PlanStatus status) {
		return this.jdbc.sql("""
				select p.id, p.issue, p.metric, p.dimension, p.survey_id, s.name as survey_name, p.owner,
				       p.start_date, p.status,
				       count(a.id) as actions,
				       count(a.id) filter (where a.status = 'OPEN') as open_actions,
				       count(a.id) filter (where a.status = 'OPEN' and a.due_date < :today
				                             and p.status in ('DRAFT', 'ACTIVE')) as overdue_actions
				from survey_plan p
				left join survey s on s.id = p.survey_id
				left join survey_plan_action a on a.plan_id = p.id
				where cast(:status as text) is null or p.status = :status
				group by p.id, s.name
				order by p.start_date desc, p.id desc
				""")
			.param("today", Date.valueOf(today()))
			.param("status", (status != null) ? status.name() : null)
			.query((rs, n) -> new PlanSummary(rs.getLong("id"), rs.getString("issue"),
					PlanMetric.valueOf(rs.getString("metric")), rs.getString("dimension"),
					(Long) rs.getObject("survey_id"), rs.getString("survey_name"), rs.getString("owner"),
					rs.getDate("start_date").toLocalDate(), PlanStatus.valueOf(rs.getString("status")),
					rs.getInt("actions"), rs.getInt("open_actions"), rs.getInt("overdue_actions")))
			.list();
	}

	/**
	 * The plans being carried out, with their open and overdue actions: what the
	 * satisfaction dashboard shows beside the figures.
	 */
	@Transactional(readOnly = true)
	public List<PlanSummary> active() {
		return list(PlanStatus.ACTIVE);
	}

	/** A plan with its actions; 404 when there is none. */
	@Transactional(readOnly = true)
	public ImprovementPlan get(long id) {
		LocalDate today = today();
		List<ImprovementPlan.Action> actions = this.jdbc.sql("""
				select a.id, a.description, a.owner, a.resources, a.milestone, a.due_date, a.status, a.done_at,
				       a.done_by, (a.status = 'OPEN' and a.due_date < :today and p.status in ('DRAFT', 'ACTIVE'))
				       as overdue
				from survey_plan_action a join survey_plan p on p.id = a.plan_id
				where a.plan_id = :id
				order by a.due_date, a.id
				""")
			.param("id", id)
			.param("today", Date.valueOf(today))
			.query((rs, n) -> new ImprovementPlan.Action(rs.getLong("id"), rs.getString("description"),
					rs.getString("owner"), rs.getString("resources"), rs.getString("milestone"),
					rs.getDate("due_date").toLocalDate(), ActionStatus.valueOf(rs.getString("status")),
					instant(rs.getTimestamp("done_at")), rs.getString("done_by"), rs.getBoolean("overdue")))
			.list();
		int overdue = (int) actions.stream().filter(ImprovementPlan.Action::overdue).count();
		return this.jdbc.sql("""
				select p.*, s.name as survey_name from survey_plan p left join survey s on s.id = p.survey_id
				where p.id = ?
				""")
			.param(id)
			.query((rs, n) -> new ImprovementPlan(rs.getLong("id"), rs.getString("issue"),
					PlanMetric.valueOf(rs.getString("metric")), rs.getString("dimension"),
					(Long) rs.getObject("survey_id"), rs.getString("survey_name"), rs.getString("owner"),
					rs.getDate("start_date").toLocalDate(), PlanStatus.valueOf(rs.getString("status")),
					instant(rs.getTimestamp("created_at")), rs.getString("created_by"),
					instant(rs.getTimestamp("updated_at")), rs.getString("updated_by"), rs.getLong("version"), actions,
					overdue))
			.optional()
			.orElseThrow(() -> new NotFoundException("survey.plan.notFound", id));
	}

	/** The plan's history, oldest first. */
	@Transactional(readOnly = true)
	public List<PlanEvent> history(long id) {
		return this.jdbc
			.sql("select at, actor, action, detail from survey_plan_event where plan_id = ? order by at, id")
			.param(id)
			.query(PlanEvent.class)
			.list();
	}

	/**
	 * Writes a plan down with its actions (if any).
	 * @return its id
	 * @throws ValidationException field by field
	 */
	@Transactional
	public long create(PlanInput input) {
		List<FieldProblem> problems = new ArrayList<>();
		Values values = values(input, problems);
		List<ActionInput> actionInputs = (input.actions() != null) ? input.actions() : List.of();
		List<ActionValues> actions = actions(actionInputs, values.startDate(), problems);
		if (values.status() == PlanStatus.DONE
				&& actions.stream().anyMatch((a) -> a != null && a.status() == ActionStatus.OPEN)) {
			problems.add(new FieldProblem("status", "survey.plan.status.openActions"));
		}
		if (!problems.isEmpty()) {
			throw new ValidationException(problems);
		}
		Timestamp now = Timestamp.from(this.clock.instant());
		String actor = CurrentUser.usernameOrSystem();
		long id = this.jdbc.sql("""
				insert into survey_plan (issue, metric, dimension, survey_id, owner, start_date, status,
				                         created_at, created_by, updated_at, updated_by)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id
				""")
			.params(values.issue(), values.metric().name(), values.dimension(), values.surveyId(), values.owner(),
					Date.valueOf(values.startDate()), values.status().name(), now, actor, now, actor)
			.query(Long.class)
			.single();
		event(id, "created", values.describe());
		for (ActionValues action : actions) {
			insertAction(id, action, now, actor);
		}
		return id;
	}

	/**
	 * Changes a plan.
	 * @throws ConflictException somebody changed it since the editor saw its version
	 * @throws ValidationException field by field
	 */
	@Transactional
	public void update(long id, PlanInput input) {
		ImprovementPlan current = get(id);
		if (input.version() == null) {
			throw ValidationException.of("version", "survey.plan.version.required");
		}
		if (input.version() != current.version()) {
			throw changed(current);
		}
		List<FieldProblem> problems = new ArrayList<>();
		Values values = values(input, problems);
		List<ActionValues> actions = (input.actions() != null) ? actions(input.actions(), values.startDate(), problems)
				: null;
		Map<Long, ImprovementPlan.Action> existing = new HashMap<>();
		current.actions().forEach((a) -> existing.put(a.id(), a));
		if (actions != null) {
			for (int i = 0; i < actions.size(); i++) {
				ActionValues a = actions.get(i);
				if (a != null && a.id() != null && !existing.containsKey(a.id())) {
					problems.add(new FieldProblem("actions[" + i + "].id", "survey.plan.action.unknown", a.id()));
				}
			}
		}
		else if (values.startDate() != null) {
			for (ImprovementPlan.Action a : current.actions()) {
				if (a.dueDate().isBefore(values.startDate())) {
					problems.add(new FieldProblem("startDate", "survey.plan.startDate.afterActions",
							this.formats.date(a.dueDate())));
					break;
				}
			}
		}
		boolean openActions = (actions != null)
				? actions.stream().anyMatch((a) -> a != null && a.status() == ActionStatus.OPEN)
				: current.openActions() > 0;
		if (values.status() == PlanStatus.DONE && openActions) {
			problems.add(new FieldProblem("status", "survey.plan.status.openActions"));
		}
		if (!problems.isEmpty()) {
			throw new ValidationException(problems);
		}
		Timestamp now = Timestamp.from(this.clock.instant());
		String actor = CurrentUser.usernameOrSystem();
		int updated = this.jdbc.sql("""
				update survey_plan set issue = ?, metric = ?, dimension = ?, survey_id = ?, owner = ?,
				       start_date = ?, status = ?, updated_at = ?, updated_by = ?, version = version + 1
				where id = ? and version = ?
				""")
			.params(values.issue(), values.metric().name(), values.dimension(), values.surveyId(), values.owner(),
					Date.valueOf(values.startDate()), values.status().name(), now, actor, id, input.version())
			.update();
		if (updated == 0) {
			throw changed(get(id));
		}
		String changes = Values.of(current).changesTo(values);
		if (!changes.isEmpty()) {
			event(id, "changed", changes);
		}
		if (actions != null) {
			Set<Long> kept = new HashSet<>();
			for (ActionValues a : actions) {
				if (a.id() == null) {
					insertAction(id, a, now, actor);
					continue;
				}
				kept.add(a.id());
				ImprovementPlan.Action before = existing.get(a.id());
				String actionChanges = ActionValues.of(before).changesTo(a);
				if (actionChanges.isEmpty()) {
					continue;
				}
				boolean done = a.status() == ActionStatus.DONE && before.status() == ActionStatus.OPEN;
				this.jdbc.sql("""
						update survey_plan_action set description = ?, owner = ?, resources = ?, milestone = ?,
						       due_date = ?, status = ?,
						       done_at = case when ? = 'DONE' then coalesce(done_at, ?) end,
						       done_by = case when ? = 'DONE' then coalesce(done_by, ?) end
						where id = ? and plan_id = ?
						""")
					.params(a.description(), a.owner(), a.resources(), a.milestone(), Date.valueOf(a.dueDate()),
							a.status().name(), a.status().name(), now, a.status().name(), actor, a.id(), id)
					.update();
				event(id, done ? "action-done" : "action-changed", "#" + a.id() + " " + actionChanges);
			}
			for (ImprovementPlan.Action gone : current.actions()) {
				if (!kept.contains(gone.id())) {
					this.jdbc.sql("delete from survey_plan_action where id = ?").param(gone.id()).update();
					event(id, "action-removed", "#" + gone.id() + " " + gone.description());
				}
			}
		}
	}

	/**
	 * Adds an action to an open plan (inline on the plan's page). Adding does not
	 * overwrite anything, so it needs no version; it moves the plan's version on, so an
	 * edit of the whole plan opened before it is refused.
	 * @return the action's id
	 */
	@Transactional
	public long addAction(long planId, ActionInput input) {
		ImprovementPlan plan = get(planId);
		if (!plan.status().open()) {
			throw new ConflictException("survey.plan.closed", plan.id());
		}
		List<FieldProblem> problems = new ArrayList<>();
		ActionValues action = action(input, "", plan.startDate(), problems);
		if (!problems.isEmpty()) {
			throw new ValidationException(problems);
		}
		Timestamp now = Timestamp.from(this.clock.instant());
		String actor = CurrentUser.usernameOrSystem();
		touch(planId, now, actor);
		return insertAction(planId, action, now, actor);
	}

	/** Marks an action done (nothing happens when it is done already). */
	@Transactional
	public void completeAction(long planId, long actionId) {
		ImprovementPlan plan = get(planId);
		ImprovementPlan.Action action = plan.actions()
			.stream()
			.filter((a) -> a.id() == actionId)
			.findFirst()
			.orElseThrow(() -> new NotFoundException("survey.plan.action.notFound", actionId));
		if (action.status() == ActionStatus.DONE) {
			return;
		}
		Timestamp now = Timestamp.from(this.clock.instant());
		String actor = CurrentUser.usernameOrSystem();
		this.jdbc.sql("update survey_plan_action set status = 'DONE', done_at = ?, done_by = ? where id = ?")
			.params(now, actor, actionId)
			.update();
		touch(planId, now, actor);
		event(planId, "action-done", "#" + actionId + " " + action.description());
	}

	/** Today in the configured zone. */
	LocalDate today() {
		return LocalDate.now(this.clock.withZone(this.zone));
	}

	private void touch(long planId, Timestamp now, String actor) {
		this.jdbc.sql("update survey_plan set updated_at = ?, updated_by = ?, version = version + 1 where id = ?")
			.params(now, actor, planId)
			.update();
	}

	private long insertAction(long planId, ActionValues a, Timestamp now, String actor) {
		boolean done = a.status() == ActionStatus.DONE;
		long id = this.jdbc.sql("""
				insert into survey_plan_action (plan_id, description, owner, resources, milestone, due_date, status,
				                                done_at, done_by, created_at, created_by)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id
				""")
			.params(planId, a.description(), a.owner(), a.resources(), a.milestone(), Date.valueOf(a.dueDate()),
					a.status().name(), done ? now : null, done ? actor : null, now, actor)
			.query(Long.class)
			.single();
		event(planId, "action-added", "#" + id + " " + a.describe());
		return id;
	}

	private void event(long planId, String action, String detail) {
		String text = (detail != null && detail.length() > 2000) ? detail.substring(0, 2000) : detail;
		this.jdbc.sql("insert into survey_plan_event (plan_id, at, actor, action, detail) values (?, ?, ?, ?, ?)")
			.params(planId, Timestamp.from(this.clock.instant()), CurrentUser.usernameOrSystem(), action, text)
			.update();
		this.auditLog.record("survey.plan." + action, "improvement_plan", String.valueOf(planId),
				(text != null && text.length() > 500) ? text.substring(0, 500) : text);
	}

	private ConflictException changed(ImprovementPlan current) {
		return new ConflictException("survey.plan.conflict", String.valueOf(current.id()), current.updatedBy(),
				this.formats.dateTime(current.updatedAt()));
	}

	private Values values(PlanInput in, List<FieldProblem> problems) {
		String issue = text(in.issue(), "issue", ISSUE_MAX, true, problems);
		PlanMetric metric = null;
		String metricText = trim(in.metric());
		if (metricText == null) {
			problems.add(new FieldProblem("metric", "survey.plan.metric.required"));
		}
		else {
			try {
				metric = PlanMetric.valueOf(metricText.toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				problems.add(new FieldProblem("metric", "survey.plan.metric.unknown", metricText));
			}
		}
		String dimension = trim(in.dimension());
		if (metric == PlanMetric.RATING) {
			if (dimension == null) {
				problems.add(new FieldProblem("dimension", "survey.plan.dimension.required"));
			}
			else if (this.jdbc.sql("select count(*) from survey_dimension where code = ?")
				.param(dimension)
				.query(Long.class)
				.single() == 0) {
				problems.add(new FieldProblem("dimension", "survey.plan.dimension.unknown", dimension));
			}
		}
		else {
			dimension = null;
		}
		if (in.surveyId() != null && this.jdbc.sql("select count(*) from survey where id = ?")
			.param(in.surveyId())
			.query(Long.class)
			.single() == 0) {
			problems.add(new FieldProblem("surveyId", "survey.plan.survey.unknown", String.valueOf(in.surveyId())));
		}
		String owner = user(in.owner(), "owner", problems);
		LocalDate start = date(in.startDate(), "startDate", problems);
		PlanStatus status = PlanStatus.DRAFT;
		String statusText = trim(in.status());
		if (statusText != null) {
			try {
				status = PlanStatus.valueOf(statusText.toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				problems.add(new FieldProblem("status", "survey.plan.status.unknown", statusText));
			}
		}
		return new Values(issue, metric, dimension, in.surveyId(), owner, start, status);
	}

	private List<ActionValues> actions(List<ActionInput> inputs, LocalDate start, List<FieldProblem> problems) {
		List<ActionValues> result = new ArrayList<>();
		for (int i = 0; i < inputs.size(); i++) {
			ActionInput input = inputs.get(i);
			if (input == null) {
				problems.add(new FieldProblem("actions[" + i + "]", "survey.plan.action.empty"));
				continue;
			}
			result.add(action(input, "actions[" + i + "].", start, problems));
		}
		return result;
	}

	private ActionValues action(ActionInput in, String prefix, LocalDate start, List<FieldProblem> problems) {
		String description = text(in.description(), prefix + "description", TEXT_MAX, true, problems);
		String owner = user(in.owner(), prefix + "owner", problems);
		String resources = text(in.resources(), prefix + "resources", TEXT_MAX, false, problems);
		String milestone = text(in.milestone(), prefix + "milestone", MILESTONE_MAX, false, problems);
		LocalDate due = date(in.dueDate(), prefix + "dueDate", problems);
		if (due != null && start != null && due.isBefore(start)) {
			problems.add(new FieldProblem(prefix + "dueDate", "survey.plan.action.dueBeforeStart",
					this.formats.date(start)));
		}
		ActionStatus status = ActionStatus.OPEN;
		String statusText = trim(in.status());
		if (statusText != null) {
			try {
				status = ActionStatus.valueOf(statusText.toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				problems.add(new FieldProblem(prefix + "status", "survey.plan.action.status.unknown", statusText));
			}
		}
		return new ActionValues(in.id(), description, owner, resources, milestone, due, status);
	}

	private String user(String text, String field, List<FieldProblem> problems) {
		String value = trim(text);
		if (value == null) {
			problems.add(new FieldProblem(field, "survey.plan.owner.required"));
			return null;
		}
		String username = value.toLowerCase(Locale.ROOT);
		if (this.users.find(username).filter(UserDirectory.UserRef::enabled).isEmpty()) {
			problems.add(new FieldProblem(field, "survey.plan.owner.unknown", value));
			return null;
		}
		return username;
	}

	private static String text(String text, String field, int max, boolean required, List<FieldProblem> problems) {
		String value = trim(text);
		if (value == null) {
			if (required) {
				problems.add(new FieldProblem(field, "survey.plan.required"));
			}
			return null;
		}
		if (value.length() > max) {
			problems.add(new FieldProblem(field, "survey.plan.tooLong", max));
		}
		return value;
	}

	private static LocalDate date(String text, String field, List<FieldProblem> problems) {
		String value = trim(text);
		if (value == null) {
			problems.add(new FieldProblem(field, "survey.plan.date.required"));
			return null;
		}
		try {
			LocalDate date = LocalDate.parse(value);
			if (date.getYear() < 2000 || date.getYear() > 2100) {
				problems.add(new FieldProblem(field, "survey.plan.date.range"));
				return null;
			}
			return date;
		}
		catch (DateTimeParseException ex) {
			problems.add(new FieldProblem(field, "survey.plan.date.format"));
			return null;
		}
	}

	static String trim(String text) {
		if (text == null) {
			return null;
		}
		String value = text.strip();
		return value.isEmpty() ? null : value;
	}

	private static Instant instant(Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	/** A plan's checked values. */
	private record Values(String issue, PlanMetric metric, String dimension, Long surveyId, String owner,
			LocalDate startDate, PlanStatus status) {

		static Values of(ImprovementPlan p) {
			return new Values(p.issue(), p.metric(), p.dimension(), p.surveyId(), p.owner(), p.startDate(), p.status());
		}

		String describe() {
			return this.status + " · " + this.metric + ((this.dimension != null) ? ":" + this.dimension : "")
					+ " · survey " + ((this.surveyId != null) ? this.surveyId : "all") + " · " + this.owner + " · "
					+ this.startDate + " · " + this.issue;
		}

		String changesTo(Values after) {
			List<String> changes = new ArrayList<>();
			change(changes, "status", this.status, after.status);
			change(changes, "metric", this.metric, after.metric);
			change(changes, "dimension", this.dimension, after.dimension);
			change(changes, "survey", this.surveyId, after.surveyId);
			change(changes, "owner", this.owner, after.owner);
			change(changes, "startDate", this.startDate, after.startDate);
			change(changes, "issue", this.issue, after.issue);
			return String.join("; ", changes);
		}

	}

	/** An action's checked values. */
	private record ActionValues(Long id, String description, String owner, String resources, String milestone,
			LocalDate dueDate, ActionStatus status) {

		static ActionValues of(ImprovementPlan.Action a) {
			return new ActionValues(a.id(), a.description(), a.owner(), a.resources(), a.milestone(), a.dueDate(),
					a.status());
		}

		String describe() {
			return this.owner + " · " + this.dueDate + " · " + this.description;
		}

		String changesTo(ActionValues after) {
			List<String> changes = new ArrayList<>();
			change(changes, "status", this.status, after.status);
			change(changes, "owner", this.owner, after.owner);
			change(changes, "dueDate", this.dueDate, after.dueDate);
			change(changes, "description", this.description, after.description);
			change(changes, "resources", this.resources, after.resources);
			change(changes, "milestone", this.milestone, after.milestone);
			return String.join("; ", changes);
		}

	}

	private static void change(List<String> changes, String field, Object before, Object after) {
		if (!Objects.equals(before, after)) {
			changes.add(field + ": " + ((before != null) ? before : "–") + " → " + ((after != null) ? after : "–"));
		}
	}

}

package io.loopcrm.survey.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import io.loopcrm.feedback.Tickets;
import io.loopcrm.platform.AuditLog;
import io.loopcrm.platform.NotFoundException;
import io.loopcrm.platform.ValidationException;
import io.loopcrm.platform.ValidationException.FieldProblem;
import io.loopcrm.segmentation.SegmentAudience;
import io.loopcrm.survey.internal.SurveyCommand.OptionCommand;
import io.loopcrm.survey.internal.SurveyCommand.QuestionCommand;
import io.loopcrm.survey.internal.SurveyDefinition.Option;
import io.loopcrm.survey.internal.SurveyDefinition.Question;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Survey definitions and their versioned questions. Changing the questions of a survey
 * that has responses starts a new version (the old responses keep the questions they
 * answered); without responses the current version is rewritten. Names are unique
 * regardless of case; every change is audited.
 */
@Service
public class SurveyDefinitions {

	static final List<String> LANGUAGES = List.of("en", "zh-CN", "zh-TW");

	private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]{0,39}");

	private static final TypeReference<Map<String, String>> TEXTS = new TypeReference<>() {
	};

	private static final TypeReference<List<Map<String, Object>>> OPTIONS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final AuditLog auditLog;

	private final Clock clock;

	private final SegmentAudience segments;

	private final Tickets tickets;

	SurveyDefinitions(JdbcClient jdbc, JsonMapper json, AuditLog auditLog, Clock clock, SegmentAudience segments,
			Tickets tickets) {
		this.segments = segments;
		this.tickets = tickets;
		this.jdbc = jdbc;
		this.json = json;
		this.auditLog = auditLog;
		this.clock = clock;
	}

	/** Every survey, newest first. */
	@Transactional(readOnly = true)
	public List<SurveyDefinition> list() {
		List<Long> ids = this.jdbc.sql("select id from survey order by created_at desc, id desc")
			.query(Long.class)
			.list();
		List<SurveyDefinition> surveys = new ArrayList<>();
		for (Long id : ids) {
			find(id).ifPresent(surveys::add);
		}
		return surveys;
	}

	/** The survey with the questions of its current version. */
	@Transactional(readOnly = true)
	public Optional<SurveyDefinition> find(long id) {
		return this.jdbc.sql("""
				select id, name, purpose, trigger_type, periodic_days, segment_id, languages, expiry_days, follow_up,
				       follow_up_category, current_version, active, created_at, created_by, version
				from survey where id = ?
				""").param(id).query((rs, row) -> {
			int currentVersion = rs.getInt("current_version");
			return new SurveyDefinition(rs.getLong("id"), rs.getString("name"),
					SurveyPurpose.valueOf(rs.getString("purpose")), SurveyTrigger.valueOf(rs.getString("trigger_type")),
					(Integer) rs.getObject("periodic_days"), (Long) rs.getObject("segment_id"),
					Arrays.asList(rs.getString("languages").split(",")), rs.getInt("expiry_days"),
					rs.getBoolean("follow_up"), rs.getString("follow_up_category"), currentVersion,
					rs.getBoolean("active"), rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"),
					rs.getLong("version"), null);
		}).optional().map((s) -> withQuestions(s, questions(s.id(), s.currentVersion())));
	}

	/**
	 * The survey.
	 * @throws NotFoundException when there is none
	 */
	@Transactional(readOnly = true)
	public SurveyDefinition get(long id) {
		return find(id).orElseThrow(() -> new NotFoundException("survey.notFound", id));
	}

	/** The questions a version of the survey asked. */
	@Transactional(readOnly = true)
	public List<Question> questions(long surveyId, int surveyVersion) {
		return this.jdbc.sql("""
				select question_key, type, dimension, required, texts::text, options::text
				from survey_question where survey_id = ? and survey_version = ? order by position
				""")
			.params(surveyId, surveyVersion)
			.query((rs, row) -> new Question(rs.getString(1), QuestionType.valueOf(rs.getString(2)), rs.getString(3),
					rs.getBoolean(4), this.json.readValue(rs.getString(5), TEXTS), options(rs.getString(6))))
			.list();
	}

	/** The dimension codes that may be rated, in order. */
	@Transactional(readOnly = true)
	public List<String> dimensions() {
		return this.jdbc.sql("select code from survey_dimension where active order by position, code")
			.query(String.class)
			.list();
	}

	/**
	 * Creates a survey.
	 * @throws ValidationException field by field
	 */
	@Transactional
	public SurveyDefinition create(SurveyCommand command, String user) {
		Settings settings = validate(command, null);
		Instant now = this.clock.instant();
		long id;
		try {
			id = this.jdbc.sql("""
					insert into survey (name, purpose, trigger_type, periodic_days, segment_id, languages, expiry_days,
					                    follow_up, follow_up_category, active, created_at, created_by, updated_at)
					values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id
					""")
				.params(settings.name, settings.purpose.name(), settings.trigger.name(), settings.periodicDays,
						settings.segmentId, String.join(",", settings.languages), settings.expiryDays,
						settings.followUp, settings.followUpCategory, settings.active, java.sql.Timestamp.from(now),
						user, java.sql.Timestamp.from(now))
				.query(Long.class)
				.single();
		}
		catch (DuplicateKeyException ex) {
			throw ValidationException.of("name", "survey.name.taken", settings.name);
		}
		insertQuestions(id, 1, settings.questions);
		this.auditLog.record("survey.created", "survey", String.valueOf(id), settings.name);
		return get(id);
	}

	/**
	 * Changes a survey. New questions on a survey with responses start a new version.
	 * @param expectedVersion the version the editor saw
	 * @throws OptimisticLockingFailureException when someone changed it since
	 * @throws ValidationException field by field
	 */
	@Transactional
	public SurveyDefinition update(long id, long expectedVersion, SurveyCommand command, String user) {
		SurveyDefinition current = get(id);
		Settings settings = validate(command, id);
		int questionsVersion = current.currentVersion();
		boolean questionsChanged = !sameQuestions(current.questions(), settings.questions);
		if (questionsChanged) {
			boolean answered = this.jdbc
				.sql("select exists (select 1 from survey_response where survey_id = ? and survey_version = ?)")
				.params(id, questionsVersion)
				.query(Boolean.class)
				.single();
			if (answered) {
				questionsVersion++;
			}
			else {
				this.jdbc.sql("delete from survey_question where survey_id = ? and survey_version = ?")
					.params(id, questionsVersion)
					.update();
			}
			insertQuestions(id, questionsVersion, settings.questions);
		}
		int updated;
		try {
			updated = this.jdbc.sql("""
					update survey set name = ?, purpose = ?, trigger_type = ?, periodic_days = ?, segment_id = ?,
					       languages = ?, expiry_days = ?, follow_up = ?, follow_up_category = ?, active = ?,
					       current_version = ?, updated_at = ?, version = version + 1
					where id = ? and version = ?
					""")
				.params(settings.name, settings.purpose.name(), settings.trigger.name(), settings.periodicDays,
						settings.segmentId, String.join(",", settings.languages), settings.expiryDays,
						settings.followUp, settings.followUpCategory, settings.active, questionsVersion,
						java.sql.Timestamp.from(this.clock.instant()), id, expectedVersion)
				.update();
		}
		catch (DuplicateKeyException ex) {
			throw ValidationException.of("name", "survey.name.taken", settings.name);
		}
		if (updated == 0) {
			throw new OptimisticLockingFailureException(
					"Survey " + id + " was changed since version " + expectedVersion);
		}
		this.auditLog.record("survey.changed", "survey", String.valueOf(id),
				settings.name + (questionsVersion != current.currentVersion() ? " (v" + questionsVersion + ")" : ""));
		return get(id);
	}

	private void insertQuestions(long surveyId, int surveyVersion, List<Question> questions) {
		int position = 0;
		for (Question q : questions) {
			this.jdbc.sql("""
					insert into survey_question (survey_id, survey_version, position, question_key, type, dimension,
					                             required, texts, options)
					values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb)
					""")
				.params(surveyId, surveyVersion, position++, q.key(), q.type().name(), q.dimension(), q.required(),
						this.json.writeValueAsString(q.texts()),
						(q.options() == null) ? null : this.json.writeValueAsString(q.options()))
				.update();
		}
	}

	private static boolean sameQuestions(List<Question> a, List<Question> b) {
		return a.equals(b);
	}

	private List<Option> options(String text) {
		if (text == null) {
			return null;
		}
		List<Option> options = new ArrayList<>();
		for (Map<String, Object> o : this.json.readValue(text, OPTIONS)) {
			@SuppressWarnings("unchecked")
			Map<String, String> texts = (Map<String, String>) o.getOrDefault("texts", Map.of());
			options.add(new Option(String.valueOf(o.get("value")), new LinkedHashMap<>(texts)));
		}
		return options;
	}

	private static SurveyDefinition withQuestions(SurveyDefinition s, List<Question> questions) {
		return new SurveyDefinition(s.id(), s.name(), s.purpose(), s.trigger(), s.periodicDays(), s.segmentId(),
				s.languages(), s.expiryDays(), s.followUp(), s.followUpCategory(), s.currentVersion(), s.active(),
				s.createdAt(), s.createdBy(), s.version(), List.copyOf(questions));
	}

	private Settings validate(SurveyCommand c, Long id) {
		List<FieldProblem> problems = new ArrayList<>();
		String name = (c.name() == null) ? "" : c.name().strip();
		if (name.isEmpty()) {
			problems.add(new FieldProblem("name", "survey.name.required"));
		}
		else if (name.length() > 200) {
			problems.add(new FieldProblem("name", "survey.name.tooLong", 200));
		}
		SurveyPurpose purpose = parse(SurveyPurpose.class, c.purpose(), SurveyPurpose.RELATIONSHIP, "purpose",
				problems);
		SurveyTrigger trigger = parse(SurveyTrigger.class, c.trigger(), SurveyTrigger.MANUAL, "trigger", problems);
		if (trigger == SurveyTrigger.PERIODIC) {
			if (c.periodicDays() == null || c.periodicDays() < 1) {
				problems.add(new FieldProblem("periodicDays", "survey.periodicDays.required"));
			}
			if (c.segmentId() == null) {
				problems.add(new FieldProblem("segmentId", "survey.segment.required"));
			}
		}
		else if (c.periodicDays() != null && c.periodicDays() < 1) {
			problems.add(new FieldProblem("periodicDays", "survey.periodicDays.required"));
		}
		if (c.segmentId() != null && this.segments.find(c.segmentId()).isEmpty()) {
			problems.add(new FieldProblem("segmentId", "survey.segment.unknown", c.segmentId()));
		}
		List<String> languages = new ArrayList<>();
		for (String language : (c.languages() == null || c.languages().isEmpty()) ? List.of("en") : c.languages()) {
			String known = LANGUAGES.stream()
				.filter((l) -> l.equalsIgnoreCase(language.strip()))
				.findFirst()
				.orElse(null);
			if (known == null) {
				problems.add(new FieldProblem("languages", "survey.language.unknown", language));
			}
			else if (!languages.contains(known)) {
				languages.add(known);
			}
		}
		if (languages.isEmpty()) {
			languages.add("en");
		}
		int expiryDays = (c.expiryDays() == null) ? 30 : c.expiryDays();
		if (expiryDays < 1 || expiryDays > 365) {
			problems.add(new FieldProblem("expiryDays", "survey.expiryDays.range", 1, 365));
		}
		String category = (c.followUpCategory() == null || c.followUpCategory().isBlank()) ? "SERVICE_QUALITY"
				: c.followUpCategory().strip();
		String knownCategory = this.tickets.activeCategories()
			.stream()
			.filter((k) -> k.equalsIgnoreCase(category))
			.findFirst()
			.orElse(null);
		if (knownCategory == null) {
			problems.add(new FieldProblem("followUpCategory", "survey.followUpCategory.unknown", category));
		}
		List<Question> questions = validateQuestions(c.questions(), languages.get(0), problems);
		if (!problems.isEmpty()) {
			throw new ValidationException(problems);
		}
		return new Settings(name, purpose, trigger, c.periodicDays(), c.segmentId(), languages, expiryDays,
				(c.followUp() == null) || c.followUp(), (knownCategory != null) ? knownCategory : category,
				(c.active() == null) || c.active(), questions);
	}

	private List<Question> validateQuestions(List<QuestionCommand> commands, String defaultLanguage,
			List<FieldProblem> problems) {
		List<Question> questions = new ArrayList<>();
		if (commands == null || commands.isEmpty()) {
			problems.add(new FieldProblem("questions", "survey.questions.required"));
			return questions;
		}
		Set<String> keys = new HashSet<>();
		Set<QuestionType> scores = new HashSet<>();
		Set<String> ratedDimensions = new HashSet<>();
		List<String> dimensions = dimensions();
		for (int i = 0; i < commands.size(); i++) {
			QuestionCommand q = commands.get(i);
			String field = "questions[" + i + "]";
			if (q == null) {
				problems.add(new FieldProblem(field, "survey.question.required"));
				continue;
			}
			String key = (q.key() == null) ? "" : q.key().strip();
			if (!KEY.matcher(key).matches()) {
				problems.add(new FieldProblem(field + ".key", "survey.question.key.format", key));
			}
			else if (!keys.add(key)) {
				problems.add(new FieldProblem(field + ".key", "survey.question.key.duplicate", key));
			}
			QuestionType type = parse(QuestionType.class, q.type(), null, field + ".type", problems);
			if (type == null) {
				if (q.type() == null || q.type().isBlank()) {
					problems.add(new FieldProblem(field + ".type", "survey.question.type.required"));
				}
				continue;
			}
			if ((type == QuestionType.NPS || type == QuestionType.CSAT || type == QuestionType.CES)
					&& !scores.add(type)) {
				problems.add(new FieldProblem(field + ".type", "survey.question.type.once", type.name()));
			}
			String dimension = null;
			if (type == QuestionType.RATING) {
				dimension = (q.dimension() == null) ? "" : q.dimension().strip();
				if (!dimensions.contains(dimension)) {
					problems
						.add(new FieldProblem(field + ".dimension", "survey.question.dimension.unknown", dimension));
				}
				else if (!ratedDimensions.add(dimension)) {
					problems
						.add(new FieldProblem(field + ".dimension", "survey.question.dimension.duplicate", dimension));
				}
			}
			Map<String, String> texts = texts(q.text(), q.texts(), defaultLanguage, field, problems);
			List<Option> options = null;
			if (type == QuestionType.SINGLE || type == QuestionType.MULTI) {
				options = new ArrayList<>();
				Set<String> values = new HashSet<>();
				for (OptionCommand o : (q.options() == null) ? List.<OptionCommand>of() : q.options()) {
					String value = (o == null || o.value() == null) ? "" : o.value().strip();
					if (value.isEmpty() || value.length() > 100 || !values.add(value)) {
						problems.add(new FieldProblem(field + ".options", "survey.question.option.invalid", value));
						continue;
					}
					options.add(new Option(value, texts(o.text(), o.texts(), defaultLanguage, field, problems)));
				}
				if (options.size() < 2) {
					problems.add(new FieldProblem(field + ".options", "survey.question.options.required"));
				}
			}
			questions.add(new Question(key, type, dimension, Boolean.TRUE.equals(q.required()), texts, options));
		}
		return questions;
	}

	private static Map<String, String> texts(String text, Map<String, String> texts, String defaultLanguage,
			String field, List<FieldProblem> problems) {
		Map<String, String> result = new LinkedHashMap<>();
		if (text != null && !text.isBlank()) {
			result.put(defaultLanguage, text.strip());
		}
		if (texts != null) {
			texts.forEach((language, value) -> {
				String known = LANGUAGES.stream().filter((l) -> l.equalsIgnoreCase(language)).findFirst().orElse(null);
				if (known == null) {
					problems.add(new FieldProblem(field + ".texts", "survey.language.unknown", language));
				}
				else if (value != null && !value.isBlank()) {
					result.put(known, value.strip());
				}
			});
		}
		for (String value : result.values()) {
			if (value.length() > 1000) {
				problems.add(new FieldProblem(field + ".text", "survey.question.text.tooLong", 1000));
			}
		}
		return result;
	}

	private static <E extends Enum<E>> E parse(Class<E> type, String value, E fallback, String field,
			List<FieldProblem> problems) {
		if (value == null || value.isBlank()) {
			return fallback;
		}
		try {
			return Enum.valueOf(type, value.strip().toUpperCase(java.util.Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			problems.add(new FieldProblem(field, "survey.value.unknown", value));
			return null;
		}
	}

	private record Settings(String name, SurveyPurpose purpose, SurveyTrigger trigger, Integer periodicDays,
			Long segmentId, List<String> languages, int expiryDays, boolean followUp, String followUpCategory,
			boolean active, List<Question> questions) {
	}

}

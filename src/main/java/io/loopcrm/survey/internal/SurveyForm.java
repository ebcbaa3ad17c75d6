package io.loopcrm.survey.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.loopcrm.survey.internal.SurveyCommand.OptionCommand;
import io.loopcrm.survey.internal.SurveyCommand.QuestionCommand;
import io.loopcrm.survey.internal.SurveyDefinition.Option;
import io.loopcrm.survey.internal.SurveyDefinition.Question;
import lombok.Data;

/**
 * The survey form: the settings and one row per question, without JavaScript (the form
 * comes back with more empty rows when asked). Rows with neither key nor type are left
 * out. The options of a choice question are one per line, {@code value = label}, with the
 * labels of several languages separated by {@code |} in the order of the survey's
 * languages.
 */
@Data
class SurveyForm {

	/** Empty rows a new form starts with. */
	static final int NEW_ROWS = 4;

	/** Empty rows the edit form and "add rows" add. */
	static final int MORE_ROWS = 3;

	private String name;

	private String purpose = SurveyPurpose.RELATIONSHIP.name();

	private String trigger = SurveyTrigger.MANUAL.name();

	private Integer periodicDays;

	private Long segmentId;

	private String defaultLanguage = "en";

	private List<String> languages = new ArrayList<>();

	private Integer expiryDays = 30;

	private boolean followUp = true;

	private String followUpCategory = "SERVICE_QUALITY";

	private boolean active = true;

	private Long version;

	private List<Row> questions = new ArrayList<>();

	/** One question row. */
	@Data
	static class Row {

		private String key;

		private String type;

		private String dimension;

		private boolean required;

		private String textEn;

		private String textZhCn;

		private String textZhTw;

		private String options;

		boolean isEmpty() {
			return blank(this.key) && blank(this.type);
		}

		String text(String language) {
			return switch (language) {
				case "zh-CN" -> this.textZhCn;
				case "zh-TW" -> this.textZhTw;
				default -> this.textEn;
			};
		}

		void text(String language, String text) {
			switch (language) {
				case "zh-CN" -> this.textZhCn = text;
				case "zh-TW" -> this.textZhTw = text;
				default -> this.textEn = text;
			}
		}

	}

	static SurveyForm empty() {
		SurveyForm form = new SurveyForm();
		form.addRows(NEW_ROWS);
		return form;
	}

	static SurveyForm of(SurveyDefinition survey) {
		SurveyForm form = new SurveyForm();
		form.name = survey.name();
		form.purpose = survey.purpose().name();
		form.trigger = survey.trigger().name();
		form.periodicDays = survey.periodicDays();
		form.segmentId = survey.segmentId();
		form.defaultLanguage = survey.languages().get(0);
		form.languages = new ArrayList<>(survey.languages());
		form.expiryDays = survey.expiryDays();
		form.followUp = survey.followUp();
		form.followUpCategory = survey.followUpCategory();
		form.active = survey.active();
		form.version = survey.version();
		for (Question q : survey.questions()) {
			Row row = new Row();
			row.key = q.key();
			row.type = q.type().name();
			row.dimension = q.dimension();
			row.required = q.required();
			q.texts().forEach(row::text);
			if (q.options() != null) {
				List<String> lines = new ArrayList<>();
				for (Option o : q.options()) {
					List<String> labels = new ArrayList<>();
					for (String language : survey.languages()) {
						String label = o.texts().get(language);
						labels.add((label != null) ? label : "");
					}
					String joined = String.join(" | ", labels).replaceAll("[ |]+$", "");
					lines.add(joined.isEmpty() ? o.value() : o.value() + " = " + joined);
				}
				row.options = String.join("\n", lines);
			}
			form.questions.add(row);
		}
		form.addRows(MORE_ROWS);
		return form;
	}

	void addRows(int count) {
		for (int i = 0; i < count; i++) {
			this.questions.add(new Row());
		}
	}

	/** The survey's languages, the default first. */
	List<String> orderedLanguages() {
		List<String> ordered = new ArrayList<>();
		if (!blank(this.defaultLanguage)) {
			ordered.add(this.defaultLanguage);
		}
		for (String language : SurveyDefinitions.LANGUAGES) {
			if (this.languages != null && this.languages.contains(language) && !ordered.contains(language)) {
				ordered.add(language);
			}
		}
		if (this.languages != null) {
			for (String language : this.languages) {
				if (!ordered.contains(language)) {
					ordered.add(language);
				}
			}
		}
		// a language a question is worded in is one the survey speaks, ticked or not
		for (String language : SurveyDefinitions.LANGUAGES) {
			for (int index : filledRows()) {
				String text = this.questions.get(index).text(language);
				if (!blank(text) && !ordered.contains(language)) {
					ordered.add(language);
				}
			}
		}
		return ordered;
	}

	/** The indexes of the rows that hold a question, in order. */
	List<Integer> filledRows() {
		List<Integer> rows = new ArrayList<>();
		for (int i = 0; i < this.questions.size(); i++) {
			if (this.questions.get(i) != null && !this.questions.get(i).isEmpty()) {
				rows.add(i);
			}
		}
		return rows;
	}

	SurveyCommand command() {
		List<String> languages = orderedLanguages();
		List<QuestionCommand> commands = new ArrayList<>();
		for (int index : filledRows()) {
			Row row = this.questions.get(index);
			Map<String, String> texts = new LinkedHashMap<>();
			for (String language : SurveyDefinitions.LANGUAGES) {
				String text = row.text(language);
				if (!blank(text)) {
					texts.put(language, text.strip());
				}
			}
			String type = blank(row.type) ? null : row.type;
			commands.add(new QuestionCommand(blank(row.key) ? null : row.key.strip(), type, null, texts,
					blank(row.dimension) ? null : row.dimension, row.required, options(row.options, languages)));
		}
		return new SurveyCommand(this.name, this.purpose, this.trigger, this.periodicDays, this.segmentId, languages,
				this.expiryDays, this.followUp, this.followUpCategory, this.active, commands);
	}

	private static List<OptionCommand> options(String text, List<String> languages) {
		if (blank(text)) {
			return null;
		}
		List<OptionCommand> options = new ArrayList<>();
		for (String line : text.split("\\R")) {
			if (line.isBlank()) {
				continue;
			}
			int equals = line.indexOf('=');
			String value = ((equals < 0) ? line : line.substring(0, equals)).strip();
			Map<String, String> texts = new LinkedHashMap<>();
			if (equals >= 0) {
				String[] labels = line.substring(equals + 1).split("\\|", -1);
				for (int i = 0; i < labels.length && i < languages.size(); i++) {
					if (!labels[i].isBlank()) {
						texts.put(languages.get(i), labels[i].strip());
					}
				}
			}
			options.add(new OptionCommand(value, null, texts));
		}
		return options;
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

}

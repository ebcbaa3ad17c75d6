package io.loopcrm.survey.internal;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A survey with the questions of its current version.
 *
 * @param id id
 * @param name name
 * @param purpose relationship or transactional
 * @param trigger what sends its invitations
 * @param periodicDays days between two invitations of a periodic survey
 * @param segmentId the saved segment a periodic survey goes to
 * @param languages locale tags the texts exist in, the first is the default
 * @param expiryDays days an invitation stays open
 * @param followUp whether a detractor or dissatisfied answer opens a ticket
 * @param followUpCategory the feedback category of those tickets
 * @param currentVersion the version of the questions new responses answer
 * @param active whether it still takes responses and sends invitations
 * @param createdAt when it was made
 * @param createdBy who made it
 * @param version optimistic-lock version
 * @param questions the current version's questions in order
 */
public record SurveyDefinition(long id, String name, SurveyPurpose purpose, SurveyTrigger trigger, Integer periodicDays,
		Long segmentId, List<String> languages, int expiryDays, boolean followUp, String followUpCategory,
		int currentVersion, boolean active, Instant createdAt, String createdBy, long version,
		List<Question> questions) {

	/** The question with this key in the current version. */
	public Optional<Question> question(String key) {
		return this.questions.stream().filter((q) -> q.key().equals(key)).findFirst();
	}

	/** The survey language closest to the locale (its language, then the default). */
	public String languageFor(Locale locale) {
		if (locale != null) {
			String tag = locale.toLanguageTag();
			for (String language : this.languages) {
				if (language.equalsIgnoreCase(tag)) {
					return language;
				}
			}
			for (String language : this.languages) {
				if (Locale.forLanguageTag(language).getLanguage().equals(locale.getLanguage())) {
					return language;
				}
			}
		}
		return this.languages.get(0);
	}

	/**
	 * A question.
	 *
	 * @param key key answers use ({@code nps}, {@code quality})
	 * @param type type
	 * @param dimension the rated dimension of a RATING question
	 * @param required whether an answer is needed
	 * @param texts wording per locale tag (may be empty: the page then uses the standard
	 * wording of the type)
	 * @param options the options of a choice question
	 */
	public record Question(String key, QuestionType type, String dimension, boolean required, Map<String, String> texts,
			List<Option> options) {

		/** The wording in the language, else the first there is, else {@code null}. */
		public String text(String language) {
			return Texts.pick(this.texts, language);
		}

	}

	/**
	 * An option of a choice question.
	 *
	 * @param value the stored value
	 * @param texts label per locale tag
	 */
	public record Option(String value, Map<String, String> texts) {

		public String text(String language) {
			String text = Texts.pick(this.texts, language);
			return (text != null) ? text : this.value;
		}

	}

	static final class Texts {

		private Texts() {
		}

		static String pick(Map<String, String> texts, String language) {
			if (texts == null || texts.isEmpty()) {
				return null;
			}
			String text = texts.get(language);
			if (text == null && language != null) {
				String lang = Locale.forLanguageTag(language).getLanguage();
				text = texts.entrySet()
					.stream()
					.filter((e) -> Locale.forLanguageTag(e.getKey()).getLanguage().equals(lang))
					.map(Map.Entry::getValue)
					.findFirst()
					.orElse(null);
			}
			return (text != null) ? text : texts.values().iterator().next();
		}

	}

}

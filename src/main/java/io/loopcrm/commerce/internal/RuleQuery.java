package io.loopcrm.commerce.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import io.loopcrm.platform.ValidationException;

/**
 * The parameters of an association-rule query as they arrive (text from a form or URL)
 * and their validated values. Absent parameters take the defaults: level {@code product},
 * minimum support 0.01, minimum confidence 0.5, maximum length 4, maximum consequent 1,
 * limit 1000.
 *
 * @param level {@code product} or {@code category}
 * @param minSupport in (0, 1]
 * @param minConfidence in [0, 1]
 * @param maxLength items in a rule, 2..10
 * @param maxConsequent items in a consequent, 1..maxLength-1
 * @param limit rules listed by the API, 1..10000 (the count is always the total)
 */
public record RuleQuery(String level, String minSupport, String minConfidence, String maxLength, String maxConsequent,
		String limit) {

	public static final String DEFAULT_LEVEL = "product";

	public static final double DEFAULT_MIN_SUPPORT = 0.01;

	public static final double DEFAULT_MIN_CONFIDENCE = 0.5;

	public static final int DEFAULT_MAX_LENGTH = 4;

	public static final int DEFAULT_LIMIT = 1000;

	public static final int MAX_LIMIT = 10_000;

	/** All defaults. */
	public static RuleQuery defaults() {
		return new RuleQuery(null, null, null, null, null, null);
	}

	/**
	 * The validated parameters.
	 * @throws ValidationException naming every invalid field
	 */
	public Parameters validate() {
		List<ValidationException.FieldProblem> problems = new ArrayList<>();
		String lvl = blank(this.level) ? DEFAULT_LEVEL : this.level.trim().toLowerCase(java.util.Locale.ROOT);
		if (!lvl.equals("product") && !lvl.equals("category")) {
			problems.add(new ValidationException.FieldProblem("level", "rules.error.level"));
		}
		Double support = decimal(this.minSupport, DEFAULT_MIN_SUPPORT);
		if (support == null || !(support > 0 && support <= 1)) {
			problems.add(new ValidationException.FieldProblem("minSupport", "rules.error.minSupport"));
		}
		Double confidence = decimal(this.minConfidence, DEFAULT_MIN_CONFIDENCE);
		if (confidence == null || !(confidence >= 0 && confidence <= 1)) {
			problems.add(new ValidationException.FieldProblem("minConfidence", "rules.error.minConfidence"));
		}
		Integer length = whole(this.maxLength, DEFAULT_MAX_LENGTH);
		if (length == null || length < 2 || length > 10) {
			problems.add(new ValidationException.FieldProblem("maxLength", "rules.error.maxLength"));
		}
		Integer consequent = whole(this.maxConsequent, 1);
		int longest = (length == null || length < 2 || length > 10) ? 10 : length;
		if (consequent == null || consequent < 1 || consequent > longest - 1) {
			problems.add(new ValidationException.FieldProblem("maxConsequent", "rules.error.maxConsequent",
					String.valueOf(longest - 1)));
		}
		Integer max = whole(this.limit, DEFAULT_LIMIT);
		if (max == null || max < 1 || max > MAX_LIMIT) {
			problems.add(new ValidationException.FieldProblem("limit", "rules.error.limit"));
		}
		if (!problems.isEmpty()) {
			throw new ValidationException(problems);
		}
		return new Parameters(lvl, support, confidence, length, consequent, max);
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

	private static Double decimal(String value, double fallback) {
		if (blank(value)) {
			return fallback;
		}
		try {
			// decimal text only: no NaN, Infinity or hexadecimal floats
			return new BigDecimal(value.trim()).doubleValue();
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static Integer whole(String value, int fallback) {
		if (blank(value)) {
			return fallback;
		}
		try {
			return Integer.valueOf(value.trim());
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/**
	 * Validated parameters.
	 *
	 * @param level {@code product} or {@code category}
	 * @param minSupport minimum support
	 * @param minConfidence minimum confidence
	 * @param maxLength most items in a rule
	 * @param maxConsequent most items in a consequent
	 * @param limit most rules listed
	 */
	public record Parameters(String level, double minSupport, double minConfidence, int maxLength, int maxConsequent,
			int limit) {

		public boolean categories() {
			return "category".equals(this.level);
		}

	}

}

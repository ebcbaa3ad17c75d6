package io.loopcrm.platform;

import java.util.List;

/**
 * Input that breaks a business rule, field by field. Web controllers turn it into errors
 * beside the fields, the API into a 400 problem+json with an {@code errors} list.
 */
public class ValidationException extends RuntimeException {

	private final List<FieldProblem> problems;

	public ValidationException(List<FieldProblem> problems) {
		super("Invalid input: " + problems);
		this.problems = List.copyOf(problems);
	}

	public static ValidationException of(String field, String messageKey, Object... args) {
		return new ValidationException(List.of(new FieldProblem(field, messageKey, args)));
	}

	public List<FieldProblem> problems() {
		return this.problems;
	}

	/**
	 * One field's problem.
	 *
	 * @param field the field name as the form and JSON use it
	 * @param messageKey message key of the explanation
	 * @param args message arguments
	 */
	public record FieldProblem(String field, String messageKey, Object... args) {
	}

}

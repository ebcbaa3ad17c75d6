package io.loopcrm.platform.users;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.loopcrm.platform.ValidationException.FieldProblem;

/**
 * What makes a password acceptable: at least 10 characters, at least two kinds of
 * characters (letters, digits, others), not the username, not one of the passwords every
 * attacker tries first. Long passphrases of plain words pass, so the rule never pushes
 * people towards "Passw0rd!".
 */
final class PasswordPolicy {

	static final int MIN_LENGTH = 10;

	static final int MAX_LENGTH = 128;

	private static final Set<String> COMMON = Set.of("password", "password1", "password12", "password123", "1234567890",
			"12345678910", "0123456789", "qwertyuiop", "qwerty12345", "1q2w3e4r5t", "iloveyou12", "abc1234567",
			"a123456789", "admin12345", "administrator", "welcome123", "letmein123", "passw0rd12", "loopcrm123",
			"changeme12", "zaq12wsxcde", "1qaz2wsx3edc", "woaini1314", "aa12345678");

	private PasswordPolicy() {
	}

	static List<FieldProblem> check(String field, String username, String password) {
		List<FieldProblem> problems = new ArrayList<>();
		if (password == null || password.isBlank()) {
			problems.add(new FieldProblem(field, "user.password.required"));
			return problems;
		}
		if (password.length() < MIN_LENGTH) {
			problems.add(new FieldProblem(field, "user.password.tooShort", MIN_LENGTH));
		}
		else if (password.length() > MAX_LENGTH) {
			problems.add(new FieldProblem(field, "user.password.tooLong", MAX_LENGTH));
		}
		else if (kinds(password) < 2) {
			problems.add(new FieldProblem(field, "user.password.tooSimple"));
		}
		String lower = password.toLowerCase(Locale.ROOT);
		if (username != null && username.length() >= 3 && lower.contains(username.toLowerCase(Locale.ROOT))) {
			problems.add(new FieldProblem(field, "user.password.containsUsername"));
		}
		else if (COMMON.contains(lower)) {
			problems.add(new FieldProblem(field, "user.password.common"));
		}
		return problems;
	}

	private static int kinds(String password) {
		boolean letter = false;
		boolean digit = false;
		boolean other = false;
		for (int i = 0; i < password.length(); i++) {
			char c = password.charAt(i);
			if (Character.isLetter(c)) {
				letter = true;
			}
			else if (Character.isDigit(c)) {
				digit = true;
			}
			else {
				other = true;
			}
		}
		return (letter ? 1 : 0) + (digit ? 1 : 0) + (other ? 1 : 0);
	}

}

package io.loopcrm.customer.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The customer's two search columns as the database functions
 * {@code customer_search_text} and {@code customer_bigrams} compute them, so that the
 * import can bring them along instead of the database computing them row by row. Only for
 * text whose lower case cannot differ between Java and the database's locale (ASCII,
 * Chinese, Japanese and Korean characters, CJK punctuation): for anything else the
 * methods answer {@code null} and the database computes the columns.
 */
final class SearchColumns {

	private SearchColumns() {
	}

	/**
	 * {@code lower(name || ' ' || external_id || ' ' || phone digits || ' ' || e-mails || ' ' || wechat)}.
	 * @return the search text, or {@code null} when the database should compute it
	 */
	static String searchText(String name, String externalId, List<String> phones, List<String> emails, String wechat) {
		StringBuilder text = new StringBuilder(64);
		text.append(nullToEmpty(name)).append(' ').append(nullToEmpty(externalId)).append(' ');
		for (int i = 0; i < phones.size(); i++) {
			if (i > 0) {
				text.append(' ');
			}
			String phone = phones.get(i);
			for (int j = 0; j < phone.length(); j++) {
				char c = phone.charAt(j);
				if (c >= '0' && c <= '9' || c == ' ') {
					text.append(c);
				}
			}
		}
		text.append(' ');
		for (int i = 0; i < emails.size(); i++) {
			if (i > 0) {
				text.append(' ');
			}
			text.append(emails.get(i));
		}
		text.append(' ').append(nullToEmpty(wechat));
		return lower(text);
	}

	/**
	 * The name's character bigrams and its single non-ASCII characters, in the order the
	 * database function adds them.
	 * @return the grams, or {@code null} when the database should compute them
	 */
	static List<String> nameGrams(String name) {
		String v = lower(new StringBuilder(nullToEmpty(name)));
		if (v == null) {
			return null;
		}
		int n = v.length();
		// names are short: a list checked like the database function checks its array
		List<String> grams = new ArrayList<>(2 * n);
		for (int i = 0; i < n; i++) {
			char c = v.charAt(i);
			if (blank(c)) {
				continue;
			}
			if (c > 127) {
				addOnce(grams, String.valueOf(c));
			}
			if (i < n - 1 && !blank(v.charAt(i + 1))) {
				addOnce(grams, v.substring(i, i + 2));
			}
		}
		return grams;
	}

	private static void addOnce(List<String> grams, String gram) {
		if (!grams.contains(gram)) {
			grams.add(gram);
		}
	}

	private static boolean blank(char c) {
		return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\u3000';
	}

	/**
	 * ASCII letters lowered; {@code null} when the text has a character outside the safe
	 * set.
	 */
	private static String lower(StringBuilder text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c >= 'A' && c <= 'Z') {
				text.setCharAt(i, (char) (c + ('a' - 'A')));
			}
			else if (c > 127 && !caseless(c)) {
				return null;
			}
		}
		return text.toString();
	}

	/**
	 * Characters without case in every locale: CJK ideographs, kana, hangul, CJK and
	 * general punctuation, the middle dot of transcribed names.
	 */
	private static boolean caseless(char c) {
		return c == '\u00B7' || c >= '\u2010' && c <= '\u2027' || c >= '\u3000' && c <= '\u30FF'
				|| c >= '\u3400' && c <= '\u4DBF' || c >= '\u4E00' && c <= '\u9FFF' || c >= '\uAC00' && c <= '\uD7AF'
				|| c >= '\uF900' && c <= '\uFAFF';
	}

	private static String nullToEmpty(String value) {
		return (value != null) ? value : "";
	}

}

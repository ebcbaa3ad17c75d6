package io.loopcrm.survey.internal;

import java.util.Locale;

/**
 * The language a survey page or e-mail is shown in for a survey language tag: one of the
 * three LoopCRM speaks (English, simplified or traditional Chinese).
 */
final class PageLanguage {

	private PageLanguage() {
	}

	static Locale of(String tag) {
		Locale locale = Locale.forLanguageTag((tag != null) ? tag.replace('_', '-') : "en");
		if ("zh".equals(locale.getLanguage())) {
			String country = locale.getCountry();
			if ("Hant".equals(locale.getScript()) || "TW".equals(country) || "HK".equals(country)
					|| "MO".equals(country)) {
				return Locale.TRADITIONAL_CHINESE;
			}
			return Locale.SIMPLIFIED_CHINESE;
		}
		return Locale.ENGLISH;
	}

}

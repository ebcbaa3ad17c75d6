package io.loopcrm.platform.web;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import io.loopcrm.platform.LoopCrmProperties;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * Languages and the clock. The language is English, simplified or traditional Chinese:
 * the browser's Accept-Language picks it, the switcher ({@code ?lang=zh-TW}) overrides it
 * and a cookie keeps the choice.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

	static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE,
			Locale.TRADITIONAL_CHINESE);

	@Bean
	Clock clock(LoopCrmProperties properties) {
		return Clock.system(properties.zone());
	}

	@Bean
	LocaleResolver localeResolver() {
		CookieLocaleResolver resolver = new CookieLocaleResolver("LOOPCRM_LANG");
		resolver.setCookieMaxAge(Duration.ofDays(365));
		resolver.setDefaultLocaleFunction(WebConfiguration::fromAcceptLanguage);
		return resolver;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		LocaleChangeInterceptor interceptor = new LocaleChangeInterceptor() {
			@Override
			protected Locale parseLocaleValue(String localeValue) {
				return supported(Locale.forLanguageTag(localeValue.replace('_', '-')));
			}
		};
		interceptor.setParamName("lang");
		interceptor.setIgnoreInvalidLocale(true);
		registry.addInterceptor(interceptor);
	}

	static Locale fromAcceptLanguage(HttpServletRequest request) {
		if (request.getHeader("Accept-Language") == null) {
			return Locale.ENGLISH;
		}
		for (Locale locale : java.util.Collections.list(request.getLocales())) {
			Locale match = supportedOrNull(locale);
			if (match != null) {
				return match;
			}
		}
		return Locale.ENGLISH;
	}

	/** The supported language closest to the given one (English when none is close). */
	static Locale supported(Locale locale) {
		Locale match = supportedOrNull(locale);
		return (match != null) ? match : Locale.ENGLISH;
	}

	private static Locale supportedOrNull(Locale locale) {
		if ("zh".equals(locale.getLanguage())) {
			String script = locale.getScript();
			String country = locale.getCountry();
			if ("Hant".equals(script) || "TW".equals(country) || "HK".equals(country) || "MO".equals(country)) {
				return Locale.TRADITIONAL_CHINESE;
			}
			return Locale.SIMPLIFIED_CHINESE;
		}
		if ("en".equals(locale.getLanguage())) {
			return Locale.ENGLISH;
		}
		return null;
	}

}

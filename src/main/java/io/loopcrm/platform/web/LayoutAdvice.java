package io.loopcrm.platform.web;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.loopcrm.platform.CurrentUser;
import io.loopcrm.platform.MenuItem;
import io.loopcrm.platform.users.SignedInUser;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * What the layout needs on every page: the language switcher's links (the current URL
 * with {@code lang} replaced, so the page and its filters stay) and the current language.
 */
@ControllerAdvice
class LayoutAdvice {

	private final List<MenuItem> menu;

	LayoutAdvice(List<MenuItem> menu) {
		this.menu = menu.stream()
			.sorted(Comparator.comparing(MenuItem::section).thenComparingInt(MenuItem::order))
			.toList();
	}

	/** The menu entries the signed-in user may use. */
	@ModelAttribute("menu")
	List<MenuItem> menu() {
		return this.menu.stream().filter((item) -> CurrentUser.hasRole(item.role())).toList();
	}

	@ModelAttribute("currentUserDisplayName")
	String currentUserDisplayName() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && authentication.getPrincipal() instanceof SignedInUser user) {
			return user.getDisplayName();
		}
		return CurrentUser.username().orElse(null);
	}

	@ModelAttribute("languageLinks")
	Map<String, String> languageLinks(HttpServletRequest request) {
		Map<String, String> links = new LinkedHashMap<>();
		for (Locale locale : WebConfiguration.SUPPORTED) {
			String tag = locale.toLanguageTag();
			links.put(tag,
					UriComponentsBuilder.fromPath(request.getRequestURI())
						.query(request.getQueryString())
						.replaceQueryParam("lang", tag)
						.build()
						.toUriString());
		}
		return links;
	}

	@ModelAttribute("currentLanguage")
	String currentLanguage() {
		return WebConfiguration.supported(LocaleContextHolder.getLocale()).toLanguageTag();
	}

}

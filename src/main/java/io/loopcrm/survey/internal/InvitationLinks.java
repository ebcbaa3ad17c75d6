package io.loopcrm.survey.internal;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Absolute invitation links ({@code https://crm.example.com/s/<token>}). The address
 * starts with {@code loopcrm.survey.invitations.base-url}, else
 * {@code loopcrm.public-url}, else — on a page or export — the address the request came
 * to, else (the mail job) {@code loopcrm.notifications.base-url}.
 */
@Component
class InvitationLinks {

	private final String configured;

	private final String fallback;

	InvitationLinks(InvitationProperties properties, @Value("${loopcrm.public-url:}") String publicUrl,
			@Value("${loopcrm.notifications.base-url:http://localhost:8080}") String notificationsUrl) {
		String base = properties.baseUrl().isBlank() ? publicUrl : properties.baseUrl();
		this.configured = base.isBlank() ? null : trim(base);
		this.fallback = trim(notificationsUrl);
	}

	String link(String token) {
		return link(base(), token);
	}

	static String link(String base, String token) {
		return base + "/s/" + token;
	}

	/** The address links start with, here and now. */
	String base() {
		if (this.configured != null) {
			return this.configured;
		}
		if (RequestContextHolder.getRequestAttributes() != null) {
			return trim(ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString());
		}
		return this.fallback;
	}

	private static String trim(String url) {
		return url.trim().replaceAll("/+$", "");
	}

}

package io.loopcrm.platform.security;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.web.servlet.LocaleResolver;

/**
 * RFC 9457 answers for the API when security refuses a request: 401 (with a Basic
 * challenge) when nobody or a wrong password is given, 403 when the role is missing. The
 * texts are in the caller's language (Accept-Language).
 */
class ProblemResponses {

	private final MessageSource messages;

	private final LocaleResolver localeResolver;

	private final JsonMapper json;

	ProblemResponses(MessageSource messages, LocaleResolver localeResolver, JsonMapper json) {
		this.messages = messages;
		this.localeResolver = localeResolver;
		this.json = json;
	}

	AuthenticationEntryPoint entryPoint() {
		return (request, response, ex) -> {
			response.setHeader("WWW-Authenticate", "Basic realm=\"LoopCRM\", charset=\"UTF-8\"");
			String detail = (ex instanceof LockedException) ? "error.api.locked" : "error.api.unauthorized";
			write(request, response, HttpStatus.UNAUTHORIZED, "error.401.title", detail);
		};
	}

	AccessDeniedHandler accessDeniedHandler() {
		return (request, response, ex) -> write(request, response, HttpStatus.FORBIDDEN, "error.403.title",
				"error.api.forbidden");
	}

	private void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String titleKey,
			String detailKey) throws IOException {
		Locale locale = this.localeResolver.resolveLocale(request);
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", "about:blank");
		problem.put("title", this.messages.getMessage(titleKey, null, locale));
		problem.put("status", status.value());
		problem.put("detail", this.messages.getMessage(detailKey, null, locale));
		problem.put("instance", request.getRequestURI());
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		this.json.writeValue(response.getOutputStream(), problem);
	}

}

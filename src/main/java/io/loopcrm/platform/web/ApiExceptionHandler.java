package io.loopcrm.platform.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.loopcrm.platform.ConflictException;
import io.loopcrm.platform.NotFoundException;
import io.loopcrm.platform.ValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Errors of the JSON API as RFC 9457 problem+json: {@code title}, {@code detail} in the
 * caller's language and, for invalid input, {@code errors: [{field, message}]}. An
 * unexpected failure is a 500 whose detail says nothing about the internals.
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

	private final MessageSource messages;

	ApiExceptionHandler(MessageSource messages) {
		this.messages = messages;
	}

	@ExceptionHandler(ValidationException.class)
	ProblemDetail invalid(ValidationException ex, Locale locale) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "error.validation.title", "error.validation.detail",
				locale);
		problem.setProperty("errors",
				ex.problems()
					.stream()
					.map((p) -> Map.of("field", p.field(), "message",
							this.messages.getMessage(p.messageKey(), p.args(), p.messageKey(), locale)))
					.toList());
		return problem;
	}

	@ExceptionHandler(NotFoundException.class)
	ProblemDetail notFound(NotFoundException ex, Locale locale) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
				ex.localizedMessage(this.messages, locale));
		problem.setTitle(text("error.404.title", locale));
		return problem;
	}

	@ExceptionHandler(ConflictException.class)
	ProblemDetail conflict(ConflictException ex, Locale locale) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
				ex.localizedMessage(this.messages, locale));
		problem.setTitle(text("error.409.title", locale));
		return problem;
	}

	@ExceptionHandler(OptimisticLockingFailureException.class)
	ProblemDetail staleEdit(OptimisticLockingFailureException ex, Locale locale) {
		return problem(HttpStatus.CONFLICT, "error.409.title", "error.conflict.stale", locale);
	}

	@ExceptionHandler(AccessDeniedException.class)
	ProblemDetail denied(AccessDeniedException ex, Locale locale) {
		return problem(HttpStatus.FORBIDDEN, "error.403.title", "error.api.forbidden", locale);
	}

	@ExceptionHandler(Exception.class)
	ProblemDetail unexpected(Exception ex, Locale locale) {
		log.error("Unexpected error in API request", ex);
		return problem(HttpStatus.INTERNAL_SERVER_ERROR, "error.500.title", "error.500.detail", locale);
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		Locale locale = request.getLocale();
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "error.validation.title", "error.validation.detail",
				locale);
		List<Map<String, String>> errors = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map((error) -> Map.of("field", error.getField(), "message", this.messages.getMessage(error, locale)))
			.toList();
		problem.setProperty("errors", errors);
		return ResponseEntity.badRequest().body(problem);
	}

	private ProblemDetail problem(HttpStatus status, String titleKey, String detailKey, Locale locale) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, text(detailKey, locale));
		problem.setTitle(text(titleKey, locale));
		return problem;
	}

	private String text(String key, Locale locale) {
		return this.messages.getMessage(key, null, key, locale);
	}

}

package io.loopcrm.platform.web;

import java.beans.PropertyEditorSupport;
import java.util.Locale;

import io.loopcrm.platform.ConflictException;
import io.loopcrm.platform.NotFoundException;

import org.springframework.beans.propertyeditors.StringTrimmerEditor;
import org.springframework.context.MessageSource;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.servlet.ModelAndView;

/**
 * Pages: not-found and conflicts render the friendly 404/409 pages with a human message;
 * anything unexpected goes to Spring Boot's error page (templates/error/500.html), never
 * a stack trace. Every form binder trims text (passwords excepted) and refuses an
 * {@code id} from the request.
 */
@ControllerAdvice
class WebExceptionHandler {

	private final MessageSource messages;

	WebExceptionHandler(MessageSource messages) {
		this.messages = messages;
	}

	@InitBinder
	void initBinder(WebDataBinder binder) {
		binder.registerCustomEditor(String.class, new StringTrimmerEditor(true));
		binder.registerCustomEditor(String.class, "password", new PropertyEditorSupport() {
			@Override
			public void setAsText(String text) {
				setValue(text);
			}
		});
		binder.setDisallowedFields("id");
	}

	@ExceptionHandler(NotFoundException.class)
	ModelAndView notFound(NotFoundException ex, Locale locale) {
		return page(HttpStatus.NOT_FOUND, ex.localizedMessage(this.messages, locale));
	}

	@ExceptionHandler(ConflictException.class)
	ModelAndView conflict(ConflictException ex, Locale locale) {
		return page(HttpStatus.CONFLICT, ex.localizedMessage(this.messages, locale));
	}

	@ExceptionHandler(OptimisticLockingFailureException.class)
	ModelAndView staleEdit(OptimisticLockingFailureException ex, Locale locale) {
		return page(HttpStatus.CONFLICT, this.messages.getMessage("error.conflict.stale", null, locale));
	}

	private static ModelAndView page(HttpStatus status, String message) {
		ModelAndView page = new ModelAndView("error/" + status.value());
		page.setStatus(status);
		page.addObject("status", status.value());
		page.addObject("detail", message);
		return page;
	}

}

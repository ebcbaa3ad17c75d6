package io.loopcrm.feedback.internal;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.loopcrm.platform.ConflictException;
import io.loopcrm.platform.ValidationException;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Ticket categories: the six built-in ones (named in every language by message key) and
 * those administrators add (named as typed). Each may name the manager breached tickets
 * are escalated to.
 */
@Component
class Categories {

	private final JdbcClient jdbc;

	private final MessageSource messages;

	private final io.loopcrm.platform.AuditLog auditLog;

	Categories(JdbcClient jdbc, MessageSource messages, io.loopcrm.platform.AuditLog auditLog) {
		this.jdbc = jdbc;
		this.messages = messages;
		this.auditLog = auditLog;
	}

	/**
	 * A category.
	 *
	 * @param id id
	 * @param code code of a built-in category, else {@code null}
	 * @param name name (the English one for built-in categories)
	 * @param escalationManager username breached tickets go to, may be {@code null}
	 * @param active whether new tickets may use it
	 * @param version optimistic-lock version
	 */
	record Category(long id, String code, String name, String escalationManager, boolean active, long version) {

		/** What the API calls it: the code of a built-in category, else the name. */
		String key() {
			return (this.code != null) ? this.code : this.name;
		}

	}

	@Transactional(readOnly = true)
	List<Category> all() {
		return this.jdbc
			.sql("select id, code, name, escalation_manager, active, version from feedback_category order by id")
			.query(Category.class)
			.list();
	}

	@Transactional(readOnly = true)
	Optional<Category> find(long id) {
		return this.jdbc
			.sql("select id, code, name, escalation_manager, active, version from feedback_category where id = ?")
			.param(id)
			.query(Category.class)
			.optional();
	}

	/** By code or name, case ignored. */
	@Transactional(readOnly = true)
	Optional<Category> find(String codeOrName) {
		if (codeOrName == null || codeOrName.isBlank()) {
			return Optional.empty();
		}
		String value = codeOrName.trim();
		return this.jdbc.sql("""
				select id, code, name, escalation_manager, active, version from feedback_category
				where code = upper(:v) or lower(name) = lower(:v) order by code nulls last limit 1
				""").param("v", value).query(Category.class).optional();
	}

	/** The category's name in the current language. */
	String label(Category category) {
		if (category.code() == null) {
			return category.name();
		}
		return this.messages.getMessage("feedback.category." + category.code(), null, category.name(),
				LocaleContextHolder.getLocale());
	}

	/** Adds a category with the SLA policies of "other" as its starting point. */
	@Transactional
	Category create(String name, String escalationManager) {
		String value = checkName(name);
		long id;
		try {
			id = this.jdbc.sql("insert into feedback_category (name, escalation_manager) values (?, ?) returning id")
				.params(value, blankToNull(escalationManager))
				.query(Long.class)
				.single();
		}
		catch (DuplicateKeyException ex) {
			throw ValidationException.of("name", "feedback.category.taken", value);
		}
		this.jdbc
			.sql("""
					insert into feedback_sla_policy (category_id, priority, first_response_minutes, resolution_minutes, warn_percent)
					select ?, p.priority, p.first_response_minutes, p.resolution_minutes, p.warn_percent
					from feedback_sla_policy p join feedback_category c on c.id = p.category_id where c.code = 'OTHER'
					""")
			.param(id)
			.update();
		return find(id).orElseThrow();
	}

	@Transactional
	void update(long id, long version, String name, String escalationManager, boolean active) {
		Category category = find(id).orElseThrow(
				() -> new io.loopcrm.platform.NotFoundException("feedback.category.notFound", String.valueOf(id)));
		String value = (category.code() != null) ? category.name() : checkName(name);
		int changed;
		try {
			changed = this.jdbc.sql("""
					update feedback_category set name = ?, escalation_manager = ?, active = ?, version = version + 1
					where id = ? and version = ?
					""").params(value, blankToNull(escalationManager), active, id, version).update();
		}
		catch (DuplicateKeyException ex) {
			throw ValidationException.of("name", "feedback.category.taken", value);
		}
		if (changed == 0) {
			throw new ConflictException("feedback.category.changed", label(category));
		}
		this.auditLog.record("feedback.category.changed", "ticket_category", String.valueOf(id),
				value + ", manager=" + blankToNull(escalationManager) + ", active=" + active);
	}

	private static String checkName(String name) {
		String value = (name != null) ? name.trim() : "";
		if (value.isEmpty()) {
			throw ValidationException.of("name", "feedback.category.nameRequired");
		}
		if (value.length() > 100) {
			throw ValidationException.of("name", "feedback.category.nameTooLong", 100);
		}
		return value;
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.trim().toLowerCase(Locale.ROOT);
	}

}

package io.loopcrm.customer.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.loopcrm.customer.CustomerNotFoundException;
import io.loopcrm.customer.CustomerQueries;
import io.loopcrm.customer.CustomerSummary;
import io.loopcrm.platform.AuditLog;
import io.loopcrm.platform.CurrentUser;
import io.loopcrm.platform.ValidationException;
import io.loopcrm.platform.ValidationException.FieldProblem;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creating, editing and deleting customer files. Edits are checked against the version
 * the editor saw; every change is written to the customer's history field by field.
 */
@Service
class CustomerService implements CustomerQueries {

	private final CustomerRepository customers;

	private final CustomerValidator validator;

	private final CustomerHistory history;

	private final AuditLog auditLog;

	private final JdbcClient jdbc;

	private final Clock clock;

	CustomerService(CustomerRepository customers, CustomerValidator validator, CustomerHistory history,
			AuditLog auditLog, JdbcClient jdbc, Clock clock) {
		this.customers = customers;
		this.validator = validator;
		this.history = history;
		this.auditLog = auditLog;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	CustomerDetails get(long id) {
		Customer customer = this.customers.findById(id).orElseThrow(() -> CustomerNotFoundException.forId(id));
		return CustomerDetails.of(customer, ownerName(customer.getOwnerId()));
	}

	/** Where a merged-away customer lives now. */
	@Transactional(readOnly = true)
	Optional<Long> survivorOf(long mergedId) {
		return this.jdbc.sql("select customer_id from customer_alias where old_customer_id = ?")
			.param(mergedId)
			.query(Long.class)
			.optional();
	}

	@Transactional
	CustomerDetails create(CustomerInput input) {
		CustomerValues values = validated(input, null);
		String actor = CurrentUser.usernameOrSystem();
		Customer customer = new Customer(values, this.clock.instant(), actor);
		saveChecked(customer, values);
		this.history.record(customer.getId(), "CREATED", null, null, null,
				(values.sourceChannel() != null) ? values.sourceChannel().name() : null);
		return CustomerDetails.of(customer, ownerName(customer.getOwnerId()));
	}

	@Transactional
	CustomerDetails update(long id, long version, CustomerInput input) {
		Customer customer = this.customers.findById(id).orElseThrow(() -> CustomerNotFoundException.forId(id));
		if (customer.getVersion() != version) {
			throw new CustomerChangedException(customer.getUpdatedBy(), customer.getUpdatedAt());
		}
		CustomerValues values = validated(input, id);
		Map<String, String[]> changes = customer.apply(values, this.clock.instant(), CurrentUser.usernameOrSystem());
		saveChecked(customer, values);
		changes.forEach((field, change) -> this.history.record(id, "UPDATED", field, change[0], change[1], null));
		return CustomerDetails.of(customer, ownerName(customer.getOwnerId()));
	}

	/** Adds or removes one tag; both are idempotent, so no version check is needed. */
	@Transactional
	List<String> changeTag(long id, String tag, boolean add) {
		Customer customer = this.customers.findById(id).orElseThrow(() -> CustomerNotFoundException.forId(id));
		String value = CustomerValidator.trim(tag);
		if (value == null) {
			throw ValidationException.of("tag", "customer.tag.required");
		}
		if (value.length() > CustomerValidator.MAX_TAG) {
			throw ValidationException.of("tag", "customer.tag.tooLong", CustomerValidator.MAX_TAG);
		}
		List<String> tags = new ArrayList<>(customer.getTags());
		boolean changed = add ? (!tags.contains(value) && tags.add(value)) : tags.remove(value);
		if (changed) {
			if (tags.size() > CustomerValidator.MAX_TAGS) {
				throw ValidationException.of("tag", "customer.tags.tooMany", CustomerValidator.MAX_TAGS);
			}
			String before = String.join(" | ", customer.getTags());
			customer.setTags(tags, this.clock.instant(), CurrentUser.usernameOrSystem());
			this.customers.flush();
			this.history.record(id, "UPDATED", "tags", before, String.join(" | ", tags), null);
		}
		return List.copyOf(customer.getTags());
	}

	@Transactional
	void assignOwner(long id, Long ownerId) {
		Customer customer = this.customers.findById(id).orElseThrow(() -> CustomerNotFoundException.forId(id));
		if (ownerId != null && ownerName(ownerId) == null) {
			throw ValidationException.of("ownerId", "customer.owner.unknown");
		}
		if (!Objects.equals(customer.getOwnerId(), ownerId)) {
			String before = ownerName(customer.getOwnerId());
			customer.setOwnerId(ownerId, this.clock.instant(), CurrentUser.usernameOrSystem());
			this.customers.flush();
			this.history.record(id, "UPDATED", "ownerId", before, ownerName(ownerId), null);
		}
	}

	@Transactional
	void delete(long id) {
		Customer customer = this.customers.findById(id).orElseThrow(() -> CustomerNotFoundException.forId(id));
		this.history.record(id, "DELETED", null, null, null, customer.getName());
		this.auditLog.record("customer.deleted", "customer", String.valueOf(id), customer.getName());
		this.customers.delete(customer);
		this.customers.flush();
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<CustomerSummary> find(long id) {
		long target = survivorOf(id).orElse(id);
		return this.customers.findById(target).map(CustomerService::summary);
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<CustomerSummary> findByExternalId(String externalId) {
		Optional<Customer> direct = this.customers.findByExternalId(externalId);
		if (direct.isPresent()) {
			return direct.map(CustomerService::summary);
		}
		return this.jdbc.sql("select customer_id from customer_alias where old_external_id = ?")
			.param(externalId)
			.query(Long.class)
			.optional()
			.flatMap(this.customers::findById)
			.map(CustomerService::summary);
	}

	/** Users who can own customers, for the owner pickers: id and display name. */
	@Transactional(readOnly = true)
	List<Owner> owners() {
		return this.jdbc.sql("select id, display_name from app_user where enabled order by display_name")
			.query((rs, n) -> new Owner(rs.getLong(1), rs.getString(2)))
			.list();
	}

	record Owner(long id, String name) {
	}

	String ownerName(Long ownerId) {
		if (ownerId == null) {
			return null;
		}
		return this.jdbc.sql("select display_name from app_user where id = ?")
			.param(ownerId)
			.query(String.class)
			.optional()
			.orElse(null);
	}

	private CustomerValues validated(CustomerInput input, Long selfId) {
		CustomerValidator.Result result = this.validator.validate(input);
		List<FieldProblem> problems = new ArrayList<>(result.problems());
		CustomerValues values = result.values();
		if (values.externalId() != null) {
			Optional<Customer> holder = this.customers.findByExternalId(values.externalId());
			if (holder.isPresent() && !holder.get().getId().equals(selfId)) {
				problems.add(new FieldProblem("externalId", "customer.externalId.taken", values.externalId()));
			}
		}
		if (values.ownerId() != null && ownerName(values.ownerId()) == null) {
			problems.add(new FieldProblem("ownerId", "customer.owner.unknown"));
		}
		if (!problems.isEmpty()) {
			throw new ValidationException(problems);
		}
		return values;
	}

	private void saveChecked(Customer customer, CustomerValues values) {
		try {
			this.customers.saveAndFlush(customer);
		}
		catch (DataIntegrityViolationException ex) {
			// two saves raced for the same external ID
			throw ValidationException.of("externalId", "customer.externalId.taken", values.externalId());
		}
	}

	private static CustomerSummary summary(Customer c) {
		return new CustomerSummary(c.getId(), c.getExternalId(), c.getName(), c.getPhone(), c.getEmail(), c.getCity(),
				c.getLifecycleStage());
	}

}

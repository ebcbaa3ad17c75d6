package io.loopcrm.customer.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.loopcrm.customer.CustomerNotFoundException;
import io.loopcrm.customer.CustomersMerged;
import io.loopcrm.platform.AuditLog;
import io.loopcrm.platform.CurrentUser;
import io.loopcrm.platform.ValidationException;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Merges two customer files into one, in one transaction: the survivor takes the chosen
 * value of every field (phones, e-mails and tags are joined; a consent either file has is
 * kept with its date and source), the history of both stays on the survivor, the
 * merged-away id and external ID become aliases that keep resolving to the survivor, and
 * {@link CustomersMerged} lets every module re-point its records before the merged-away
 * file is deleted. If any step fails, nothing changes.
 */
@Component
class CustomerMerger {

	/** Fields a manager chooses between; the rest are joined. */
	static final List<String> CHOSEN = List.of("name", "externalId", "gender", "birthday", "ageBand", "occupation",
			"wechatId", "city", "region", "preferredChannel", "sourceChannel", "ownerId", "notes");

	private final CustomerRepository customers;

	private final CustomerValidator validator;

	private final CustomerHistory history;

	private final AuditLog auditLog;

	private final ApplicationEventPublisher events;

	private final JdbcClient jdbc;

	private final Clock clock;

	CustomerMerger(CustomerRepository customers, CustomerValidator validator, CustomerHistory history,
			AuditLog auditLog, ApplicationEventPublisher events, JdbcClient jdbc, Clock clock) {
		this.customers = customers;
		this.validator = validator;
		this.history = history;
		this.auditLog = auditLog;
		this.events = events;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * @param survivorId the file that remains
	 * @param mergedId the file merged into it and then deleted
	 * @param survivorVersion the version of the survivor the manager saw
	 * @param mergedVersion the version of the other file the manager saw
	 * @param picks for each field of {@link #CHOSEN}, {@code a} (survivor) or {@code b}
	 * (the other); a missing pick keeps the survivor's value, or the other's when the
	 * survivor has none
	 */
	@Transactional
	void merge(long survivorId, long mergedId, long survivorVersion, long mergedVersion, Map<String, String> picks) {
		if (survivorId == mergedId) {
			throw ValidationException.of("b", "customer.merge.same");
		}
		Customer a = this.customers.findById(survivorId).orElseThrow(() -> CustomerNotFoundException.forId(survivorId));
		Customer b = this.customers.findById(mergedId).orElseThrow(() -> CustomerNotFoundException.forId(mergedId));
		for (Customer c : List.of(a, b)) {
			long seen = (c == a) ? survivorVersion : mergedVersion;
			if (c.getVersion() != seen) {
				throw new CustomerChangedException(c.getUpdatedBy(), c.getUpdatedAt());
			}
		}
		CustomerDetails da = CustomerDetails.of(a, null);
		CustomerDetails db = CustomerDetails.of(b, null);
		CustomerInput input = new CustomerInput(pick(picks, "externalId", da, db, CustomerDetails::externalId),
				pick(picks, "name", da, db, CustomerDetails::name),
				name(pick(picks, "gender", da, db, CustomerDetails::gender)),
				pick(picks, "birthday", da, db, CustomerDetails::birthday),
				label(pick(picks, "ageBand", da, db, CustomerDetails::ageBand)),
				name(pick(picks, "occupation", da, db, CustomerDetails::occupation)), union(da.phones(), db.phones()),
				union(da.emails(), db.emails()), pick(picks, "wechatId", da, db, CustomerDetails::wechatId),
				pick(picks, "city", da, db, CustomerDetails::city),
				pick(picks, "region", da, db, CustomerDetails::region),
				name(pick(picks, "preferredChannel", da, db, CustomerDetails::preferredChannel)),
				name(pick(picks, "sourceChannel", da, db, CustomerDetails::sourceChannel)), union(da.tags(), db.tags()),
				pick(picks, "ownerId", da, db, CustomerDetails::ownerId),
				pick(picks, "notes", da, db, CustomerDetails::notes),
				da.consentEmail().given() || db.consentEmail().given(),
				da.consentSms().given() || db.consentSms().given(),
				da.consentPhone().given() || db.consentPhone().given(), "merge:#" + mergedId);
		CustomerValidator.Result result = this.validator.validate(input);
		if (!result.valid()) {
			throw new ValidationException(result.problems());
		}
		String mergedExternalId = b.getExternalId();
		if (mergedExternalId != null) {
			// the unique external ID moves: free it on the merged file first
			this.jdbc.sql("update customer set external_id = null where id = ?").param(mergedId).update();
		}
		boolean hadEmail = a.isConsentEmail();
		boolean hadSms = a.isConsentSms();
		boolean hadPhone = a.isConsentPhone();
		String actor = CurrentUser.usernameOrSystem();
		Map<String, String[]> changes = a.apply(result.values(), this.clock.instant(), actor);
		a.adoptConsentDates(b, hadEmail, hadSms, hadPhone);
		this.customers.flush();

		this.jdbc.sql("update customer_history set customer_id = ? where customer_id = ?")
			.params(survivorId, mergedId)
			.update();
		changes.forEach((field, change) -> this.history.record(survivorId, "MERGED", field, change[0], change[1],
				"#" + mergedId));
		this.history.record(survivorId, "MERGED", null, null, null, "#" + mergedId + " " + b.getName());
		this.jdbc.sql("update customer_alias set customer_id = ? where customer_id = ?")
			.params(survivorId, mergedId)
			.update();
		this.jdbc.sql("""
				insert into customer_alias (old_customer_id, customer_id, old_external_id, merged_at)
				values (?, ?, ?, ?)
				""")
			.params(mergedId, survivorId,
					(mergedExternalId != null && !mergedExternalId.equals(a.getExternalId())) ? mergedExternalId : null,
					Timestamp.from(this.clock.instant()))
			.update();
		// modules re-point their rows now, inside this transaction
		this.events.publishEvent(new CustomersMerged(survivorId, mergedId));
		this.jdbc.sql("delete from customer where id = ?").param(mergedId).update();
		this.auditLog.record("customer.merged", "customer", String.valueOf(survivorId),
				"#" + mergedId + " " + b.getName() + " -> #" + survivorId + " " + a.getName());
	}

	private static <T> T pick(Map<String, String> picks, String field, CustomerDetails a, CustomerDetails b,
			Function<CustomerDetails, T> value) {
		T fromA = value.apply(a);
		T fromB = value.apply(b);
		if ("b".equals(picks.get(field))) {
			return fromB;
		}
		if ("a".equals(picks.get(field))) {
			return fromA;
		}
		return (fromA != null) ? fromA : fromB;
	}

	private static List<String> union(List<String> a, List<String> b) {
		Set<String> all = new LinkedHashSet<>(a);
		all.addAll(b);
		return new ArrayList<>(all);
	}

	private static String name(Enum<?> value) {
		return (value != null) ? value.name() : null;
	}

	private static String label(AgeBand band) {
		return (band != null) ? band.label() : null;
	}

}

package io.loopcrm.customer.internal;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.loopcrm.customer.CustomerApiFields;
import io.loopcrm.customer.CustomerNotFoundException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/customers}: search (exact totals), read one, create one (same validation
 * as the form: 400 problem+json with field errors), delete (MANAGER). A merged-away id
 * answers 308 with the survivor's location.
 */
@RestController
@RequestMapping("/api/v1/customers")
class CustomerApiController {

	private final CustomerService customers;

	private final CustomerSearch search;

	private final tools.jackson.databind.json.JsonMapper json;

	private final List<CustomerApiFields> extraFields;

	CustomerApiController(CustomerService customers, CustomerSearch search, tools.jackson.databind.json.JsonMapper json,
			List<CustomerApiFields> extraFields) {
		this.json = json;
		this.extraFields = extraFields;
		this.customers = customers;
		this.search = search;
	}

	record ListItem(long id, String externalId, String name, String phone, String email, String city,
			List<String> tags) {
	}

	record ListPage(List<ListItem> items, long total, int page, int size) {
	}

	record ConsentJson(boolean given, Instant at, String source) {

		static ConsentJson of(CustomerDetails.Consent consent) {
			return new ConsentJson(consent.given(), consent.at(), consent.source());
		}

	}

	record CustomerJson(long id, String externalId, String name, Gender gender, LocalDate birthday, String ageBand,
			Occupation occupation, String phone, List<String> phones, String email, List<String> emails,
			String wechatId, String city, String region, ContactChannel preferredChannel, SourceChannel sourceChannel,
			List<String> tags, String lifecycleStage, Long ownerId, String ownerName, String notes,
			ConsentJson consentEmail, ConsentJson consentSms, ConsentJson consentPhone, Instant createdAt,
			Instant updatedAt, long version) {

		static CustomerJson of(CustomerDetails c) {
			return new CustomerJson(c.id(), c.externalId(), c.name(), c.gender(), c.birthday(),
					(c.ageBand() != null) ? c.ageBand().label() : null, c.occupation(), c.phone(), c.phones(),
					c.email(), c.emails(), c.wechatId(), c.city(), c.region(), c.preferredChannel(), c.sourceChannel(),
					c.tags(), c.lifecycleStage(), c.ownerId(), c.ownerName(), c.notes(),
					ConsentJson.of(c.consentEmail()), ConsentJson.of(c.consentSms()), ConsentJson.of(c.consentPhone()),
					c.createdAt(), c.updatedAt(), c.version());
		}

	}

	/**
	 * A new customer. {@code phone}/{@code email} are shorthands for a single value of
	 * {@code phones}/{@code emails}.
	 */
	record CreateRequest(String externalId, String name, String gender, LocalDate birthday, String ageBand,
			String occupation, String phone, List<String> phones, String email, List<String> emails, String wechatId,
			String city, String region, String preferredChannel, String sourceChannel, List<String> tags, Long ownerId,
			String notes, Boolean consentEmail, Boolean consentSms, Boolean consentPhone, String consentSource) {

		CustomerInput toInput() {
			return new CustomerInput(this.externalId, this.name, this.gender, this.birthday, this.ageBand,
					this.occupation, join(this.phone, this.phones), join(this.email, this.emails), this.wechatId,
					this.city, this.region, this.preferredChannel,
					(this.sourceChannel != null) ? this.sourceChannel : SourceChannel.API.name(), this.tags,
					this.ownerId, this.notes, Boolean.TRUE.equals(this.consentEmail),
					Boolean.TRUE.equals(this.consentSms), Boolean.TRUE.equals(this.consentPhone),
					(this.consentSource != null) ? this.consentSource : "api");
		}

		private static List<String> join(String one, List<String> many) {
			java.util.ArrayList<String> all = new java.util.ArrayList<>();
			if (one != null) {
				all.add(one);
			}
			if (many != null) {
				all.addAll(many);
			}
			return all;
		}

	}

	@GetMapping
	ListPage list(@RequestParam(required = false) String q, @RequestParam(required = false) String tag,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "25") int size) {
		CustomerFilter filter = new CustomerFilter(q, tag, null, null, null, null, null, null, "name", "asc", page,
				size);
		CustomerSearch.Page result = this.search.search(filter, true);
		return new ListPage(result.items()
			.stream()
			.map((r) -> new ListItem(r.id(), r.externalId(), r.name(), r.phone(), r.email(), r.city(), r.tags()))
			.toList(), result.total(), result.page(), result.size());
	}

	@GetMapping("/{id}")
	ResponseEntity<Map<String, Object>> show(@PathVariable long id) {
		try {
			CustomerJson json = CustomerJson.of(this.customers.get(id));
			@SuppressWarnings("unchecked")
			Map<String, Object> body = new java.util.LinkedHashMap<>(this.json.convertValue(json, Map.class));
			for (CustomerApiFields fields : this.extraFields) {
				fields.fields(id).forEach(body::putIfAbsent);
			}
			return ResponseEntity.ok(body);
		}
		catch (CustomerNotFoundException ex) {
			long survivor = this.customers.survivorOf(id).orElseThrow(() -> ex);
			return ResponseEntity.status(HttpStatus.PERMANENT_REDIRECT)
				.location(URI.create("/api/v1/customers/" + survivor))
				.build();
		}
	}

	@PostMapping
	ResponseEntity<CustomerJson> create(@RequestBody CreateRequest request) {
		CustomerDetails created = this.customers.create(request.toInput());
		return ResponseEntity.created(URI.create("/api/v1/customers/" + created.id())).body(CustomerJson.of(created));
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(@PathVariable long id) {
		this.customers.delete(id);
		return ResponseEntity.noContent().build();
	}

}

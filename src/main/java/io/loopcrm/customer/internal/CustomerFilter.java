package io.loopcrm.customer.internal;

import java.time.LocalDate;

import org.springframework.format.annotation.DateTimeFormat;

/**
 * What the customer list is filtered and sorted by; every field travels in the URL and
 * binds straight from the request parameters of the same names.
 *
 * @param q search term: part of a name (Chinese included), phone, e-mail, external ID or
 * WeChat ID
 * @param tag has this tag
 * @param city in this city
 * @param stage in this lifecycle stage
 * @param owner owned by this user id
 * @param consent {@code EMAIL}, {@code SMS}, {@code PHONE} (has consent on it) or
 * {@code NONE} (no consent at all)
 * @param createdFrom created on or after
 * @param createdTo created on or before
 * @param sort {@code name}, {@code city}, {@code created}, {@code updated}
 * @param dir {@code asc} or {@code desc}
 * @param page page number from 0
 * @param size page size
 */
record CustomerFilter(String q, String tag, String city, String stage, Long owner, String consent,
		@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate createdFrom,
		@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate createdTo, String sort, String dir, Integer page,
		Integer size) {

	static final int MAX_SIZE = 200;

	CustomerFilter {
		q = CustomerValidator.trim(q);
		tag = CustomerValidator.trim(tag);
		city = CustomerValidator.trim(city);
		stage = CustomerValidator.trim(stage);
		consent = CustomerValidator.trim(consent);
		sort = (sort == null || !java.util.Set.of("name", "city", "created", "updated").contains(sort)) ? "created"
				: sort;
		dir = "asc".equalsIgnoreCase(dir) ? "asc" : "desc";
		page = (page == null) ? 0 : Math.max(page, 0);
		size = (size == null || size <= 0) ? 25 : Math.min(size, MAX_SIZE);
	}

}

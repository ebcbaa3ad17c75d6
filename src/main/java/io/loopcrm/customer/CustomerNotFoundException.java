package io.loopcrm.customer;

import io.loopcrm.platform.NotFoundException;

/** There is no customer with this ID (a 404). */
public class CustomerNotFoundException extends NotFoundException {

	private CustomerNotFoundException(long id) {
		super("customer.notFound", String.valueOf(id));
	}

	public static CustomerNotFoundException forId(long id) {
		return new CustomerNotFoundException(id);
	}

}

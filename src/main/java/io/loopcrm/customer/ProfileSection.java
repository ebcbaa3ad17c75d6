package io.loopcrm.customer;

/**
 * A section another module adds to the customer profile, between the header and the
 * timeline: a purchase summary, a satisfaction score, a loyalty card. The profile asks
 * every section bean for its data and renders the section's Thymeleaf fragment with it as
 * {@code section}; the customer module knows nothing else about it.
 */
public interface ProfileSection {

	/** Position among the sections, lower first. */
	int order();

	/** The template that holds the fragment, e.g. {@code commerce/profile}. */
	String template();

	/** The fragment's name in that template. */
	String fragment();

	/**
	 * What the section shows for this customer.
	 * @param customerId the customer
	 * @return the data the fragment sees as {@code section}, or {@code null} to leave the
	 * section out
	 */
	Object data(long customerId);

}

package io.loopcrm.complaint.internal;

import lombok.Data;

/**
 * The registration form. {@code customer} is the complainant's external ID or, failing
 * that, their customer number; {@code ticket} the feedback ticket the case comes from.
 */
@Data
class RegisterForm {

	private String customer;

	private String aboutType;

	private String aboutReference;

	private String description;

	private String demands;

	private String channel;

	private String severity;

	private Long ticket;

}

package io.loopcrm.feedback.internal;

import lombok.Data;

/** The "new ticket" form. */
@Data
class TicketForm {

	private Long customerId;

	private String customerExternalId;

	private String kind;

	private String channel;

	private String category;

	private String priority = "NORMAL";

	private String subject;

	private String description;

	TicketDesk.TicketInput toInput() {
		return new TicketDesk.TicketInput(this.customerId, this.customerExternalId, this.kind, this.channel,
				this.category, this.priority, this.subject, this.description);
	}

}

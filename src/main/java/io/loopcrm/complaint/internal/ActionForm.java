package io.loopcrm.complaint.internal;

import lombok.Data;

/**
 * The fields of every step's form on the case page, named as in the API; each action
 * reads its own. {@code valid} and {@code customerSatisfied} are radio buttons
 * ({@code true}/{@code false}).
 */
@Data
class ActionForm {

	private String valid;

	private String explanation;

	private String department;

	private String owner;

	private String category;

	private String detail;

	private String responsible;

	private String type;

	private String amount;

	private String text;

	private String comment;

	private String notes;

	private boolean customerNotified;

	private String customerSatisfied;

	private Long version;

	ComplaintService.StepInput input() {
		return new ComplaintService.StepInput(bool(this.valid), this.explanation, this.department, this.owner,
				this.category, this.detail, this.responsible, this.type, this.amount, this.text, this.comment,
				this.notes, this.customerNotified, bool(this.customerSatisfied), this.version);
	}

	private static Boolean bool(String value) {
		return (value == null || value.isBlank()) ? null : Boolean.valueOf(value.trim());
	}

}

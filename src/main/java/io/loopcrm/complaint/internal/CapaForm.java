package io.loopcrm.complaint.internal;

import lombok.Data;

/** The CAPA form; {@code cases} holds case numbers separated by commas. */
@Data
class CapaForm {

	private String kind;

	private String title;

	private String description;

	private String owner;

	private String dueDate;

	private String status;

	private String cases;

	private String effectResult;

	private String effectNote;

	private Long version;

	CapaService.CapaInput input() {
		return new CapaService.CapaInput(this.kind, this.title, this.description, this.owner, this.dueDate, this.status,
				this.cases, this.effectResult, this.effectNote, this.version);
	}

	static CapaForm of(CapaService.CapaView v) {
		CapaForm form = new CapaForm();
		form.kind = v.kind().name();
		form.title = v.title();
		form.description = v.description();
		form.owner = v.owner();
		form.dueDate = v.dueDate().toString();
		form.status = v.status().name();
		form.cases = CapaService.caseText(v.caseIds());
		form.effectResult = (v.effectResult() != null) ? v.effectResult().name() : null;
		form.effectNote = v.effectNote();
		form.version = v.version();
		return form;
	}

}

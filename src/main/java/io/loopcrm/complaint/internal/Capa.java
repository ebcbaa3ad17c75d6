package io.loopcrm.complaint.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import java.util.TreeSet;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import lombok.AccessLevel;
import lombok.Getter;
import lombok.NoArgsConstructor;

/** A corrective or preventive action linked to one or more complaint cases. */
@Entity
@Table(name = "complaint_capa")
@Getter
@NoArgsConstructor(access = AccessLevel.PROTECTED)
class Capa {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Enumerated(EnumType.STRING)
	private CapaKind kind;

	private String title;

	private String description;

	private String owner;

	private LocalDate dueDate;

	@Enumerated(EnumType.STRING)
	private CapaStatus status;

	@Enumerated(EnumType.STRING)
	private EffectResult effectResult;

	private String effectNote;

	private Instant effectCheckedAt;

	private String effectCheckedBy;

	private Instant createdAt;

	private String createdBy;

	private Instant updatedAt;

	private String updatedBy;

	@Version
	private long version;

	@ElementCollection(fetch = FetchType.EAGER)
	@CollectionTable(name = "complaint_capa_case", joinColumns = @JoinColumn(name = "capa_id"))
	@Column(name = "case_id")
	private Set<Long> caseIds = new TreeSet<>();

	Capa(Instant now, String by) {
		this.status = CapaStatus.OPEN;
		this.createdAt = now;
		this.createdBy = by;
	}

	void change(CapaKind kind, String title, String description, String owner, LocalDate dueDate, CapaStatus status,
			Set<Long> caseIds, EffectResult effectResult, String effectNote, Instant now, String by) {
		if (effectResult != this.effectResult || !java.util.Objects.equals(effectNote, this.effectNote)) {
			this.effectCheckedAt = (effectResult != null) ? now : null;
			this.effectCheckedBy = (effectResult != null) ? by : null;
		}
		this.kind = kind;
		this.title = title;
		this.description = description;
		this.owner = owner;
		this.dueDate = dueDate;
		this.status = status;
		this.caseIds.retainAll(caseIds);
		this.caseIds.addAll(caseIds);
		this.effectResult = effectResult;
		this.effectNote = effectNote;
		this.updatedAt = now;
		this.updatedBy = by;
	}

}

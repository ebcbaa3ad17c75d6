package io.loopcrm.complaint.internal;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface ComplaintStepRepository extends JpaRepository<ComplaintStep, Long> {

	List<ComplaintStep> findByCaseIdOrderByOccurredAtAscIdAsc(long caseId);

}

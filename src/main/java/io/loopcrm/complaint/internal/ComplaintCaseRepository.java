package io.loopcrm.complaint.internal;

import org.springframework.data.jpa.repository.JpaRepository;

interface ComplaintCaseRepository extends JpaRepository<ComplaintCase, Long> {

}

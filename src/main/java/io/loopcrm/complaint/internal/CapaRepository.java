package io.loopcrm.complaint.internal;

import org.springframework.data.jpa.repository.JpaRepository;

interface CapaRepository extends JpaRepository<Capa, Long> {

}

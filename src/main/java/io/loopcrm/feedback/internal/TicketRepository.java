package io.loopcrm.feedback.internal;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

interface TicketRepository extends JpaRepository<Ticket, Long> {

	Optional<Ticket> findBySourceRef(String sourceRef);

}

package io.loopcrm.customer.internal;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

interface CustomerRepository extends JpaRepository<Customer, Long> {

	Optional<Customer> findByExternalId(String externalId);

	boolean existsByExternalId(String externalId);

}

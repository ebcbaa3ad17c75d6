package io.loopcrm.customer.internal;

/** Occupation categories. */
enum Occupation {

	OFFICE, PROFESSIONAL, MANAGEMENT, SERVICE, MANUFACTURING, SELF_EMPLOYED, PUBLIC_SECTOR, STUDENT, RETIRED, HOMEMAKER,
	OTHER

}

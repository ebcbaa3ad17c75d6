package io.loopcrm.feedback;

/** How urgent a ticket is; with its category it picks the SLA policy. */
public enum TicketPriority {

	LOW, NORMAL, HIGH, URGENT

}

/**
 * Feedback tickets (顧客反饋): inquiries, suggestions, praise and complaints from every
 * channel, their categories, SLA policies on a business calendar (working hours,
 * holidays, pauses while waiting on the customer), the agent queues, escalation of
 * breached tickets and agent performance.
 * <p>
 * Publishes {@link io.loopcrm.feedback.TicketService} (opening tickets, used by surveys
 * and loyalty), {@link io.loopcrm.feedback.Tickets} (look-up and complaint linking for
 * the complaint module) and the events {@link io.loopcrm.feedback.TicketOpened} and
 * {@link io.loopcrm.feedback.TicketClosed}. Listens to the customer module's
 * {@code CustomersMerged}; puts tickets on the customer timeline and profile. Depends on
 * the customer module's published API and the platform (including its notifications).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Feedback tickets")
package io.loopcrm.feedback;

/**
 * Complaint cases (客戶投訴): registration, the seven-step workflow (register, validity,
 * assignment, root cause, resolution proposal, approval, implementation and closing) as
 * an explicit state machine with four-eyes approval, the history of every step,
 * corrective and preventive actions (CAPA) and the complaints dashboard.
 * <p>
 * Publishes {@link io.loopcrm.complaint.ComplaintFigures} (complaint volume, rates, SLA
 * compliance and open cases for other modules) and the events
 * {@link io.loopcrm.complaint.ComplaintRegistered} and
 * {@link io.loopcrm.complaint.ComplaintClosed}. Implements the customer module's timeline
 * and profile-section contracts and listens to its merge event. Reads orders and products
 * only through the views {@code commerce_order_reference},
 * {@code commerce_product_reference}, {@code commerce_order_product} and
 * {@code commerce_purchase}; depends on the customer module's published API, the feedback
 * module's {@code Tickets} (a case opened from a complaint ticket takes over its content
 * and links the ticket back) and the platform.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Complaints",
		allowedDependencies = { "platform", "customer", "feedback" })
package io.loopcrm.complaint;

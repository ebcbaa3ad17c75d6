/**
 * Satisfaction surveys (顧客滿意度調查與改進): survey definitions with versioned NPS, CSAT, CES,
 * dimension-rating, choice and free-text questions; invitations with unguessable tokens
 * and the public response page; responses entered by staff, imported or sent through the
 * API; scoring with confidence intervals; dashboards with drivers and verbatims;
 * follow-up tickets for detractors and improvement plans with their effect.
 * <p>
 * Publishes the event {@link io.loopcrm.survey.SurveyResponded}. Opens follow-up tickets
 * through the feedback module's {@code TicketService} and listens to its
 * {@code TicketClosed}; reads segments through the segmentation module's published API
 * and orders through the commerce module's reference views; depends on the customer
 * module's published API and the platform.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Surveys")
package io.loopcrm.survey;

/**
 * Customer files: profile fields, consent, tags, owner, history, search, import and
 * export, duplicates and merge, data quality, and the 360° profile with its timeline.
 * <p>
 * Publishes {@link io.loopcrm.customer.CustomerQueries} (look-ups for other modules), the
 * {@link io.loopcrm.customer.TimelineSource} contract other modules implement to put
 * their events on a profile, and the {@link io.loopcrm.customer.CustomersMerged} event
 * whose listeners re-point their records in the merge's transaction. Depends on the
 * platform only.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Customers")
package io.loopcrm.customer;

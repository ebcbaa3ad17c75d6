/**
 * Platform: security, users and roles, layout, i18n, error handling, audit log, settings,
 * the clock and the embedded PostgreSQL used when no database is configured.
 * <p>
 * Publishes {@link io.loopcrm.platform.Role}, {@link io.loopcrm.platform.CurrentUser},
 * {@link io.loopcrm.platform.AuditLog}, {@link io.loopcrm.platform.AccessRules} (how a
 * module declares who may reach its URLs), {@link io.loopcrm.platform.DemoData} (how a
 * module adds to the demo data set) and the exceptions that map to HTTP statuses. Listens
 * to nothing.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Platform")
package io.loopcrm.platform;

/**
 * In-app notifications for every module: a row per recipient with a message key (shown in
 * the reader's language), the bell with the unread count in the navigation bar, the list
 * page with mark-as-read, and an e-mail copy when {@code spring.mail.host} is configured
 * and the recipient has an address.
 */
@org.springframework.modulith.NamedInterface("notifications")
package io.loopcrm.platform.notifications;

package io.loopcrm.platform.notifications;

import java.util.List;

/**
 * Tells a user about something that needs them (a breached ticket escalated to its
 * manager, later a task or an approval). The notification is written in the caller's
 * transaction; the e-mail copy, when mail is configured and the user has an address, is
 * sent after that transaction commits, so a rolled-back action sends nothing.
 */
public interface Notifications {

	/**
	 * @param recipient username of the user to tell
	 * @param messageKey message key of the text, resolved in the reader's language
	 * @param args its arguments
	 * @param link where the notification leads, an application path such as
	 * {@code /tickets/12}, may be {@code null}
	 */
	void notify(String recipient, String messageKey, List<String> args, String link);

}

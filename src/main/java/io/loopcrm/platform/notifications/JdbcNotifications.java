package io.loopcrm.platform.notifications;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.loopcrm.platform.CurrentUser;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Notifications in table {@code notification}; the e-mail copy goes after commit. */
@Component
class JdbcNotifications implements Notifications {

	static final int PAGE_SIZE = 50;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final NotificationMailer mailer;

	JdbcNotifications(JdbcClient jdbc, Clock clock, NotificationMailer mailer) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.mailer = mailer;
	}

	/** One notification as the list shows it. */
	record Item(long id, Instant createdAt, String messageKey, List<String> args, String link, Instant readAt) {

		public boolean unread() {
			return this.readAt == null;
		}

		public Object[] argArray() {
			return this.args.toArray();
		}

	}

	@Override
	@Transactional(propagation = Propagation.REQUIRED)
	public void notify(String recipient, String messageKey, List<String> args, String link) {
		List<String> values = List.copyOf(args);
		this.jdbc.sql("""
				insert into notification (recipient, created_at, message_key, args, link)
				values (?, ?, ?, ?, ?)
				""")
			.params(recipient, Timestamp.from(this.clock.instant()), messageKey, values.toArray(new String[0]), link)
			.update();
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					JdbcNotifications.this.mailer.send(recipient, messageKey, values, link);
				}
			});
		}
		else {
			this.mailer.send(recipient, messageKey, values, link);
		}
	}

	@Transactional(readOnly = true)
	public long unreadCount(String recipient) {
		return this.jdbc.sql("select count(*) from notification where recipient = ? and read_at is null")
			.param(recipient)
			.query(Long.class)
			.single();
	}

	@Transactional(readOnly = true)
	List<Item> page(String recipient, int page) {
		return this.jdbc.sql("""
				select id, created_at, message_key, args, link, read_at from notification
				where recipient = ? order by created_at desc, id desc limit ? offset ?
				""").params(recipient, PAGE_SIZE + 1, Math.max(page, 0) * PAGE_SIZE).query((rs, n) -> {
			Timestamp read = rs.getTimestamp("read_at");
			String[] args = (String[]) rs.getArray("args").getArray();
			return new Item(rs.getLong("id"), rs.getTimestamp("created_at").toInstant(), rs.getString("message_key"),
					List.of(args), rs.getString("link"), (read != null) ? read.toInstant() : null);
		}).list();
	}

	/** Marks one of the recipient's notifications read; answers where it leads. */
	@Transactional
	String markRead(String recipient, long id) {
		this.jdbc.sql("update notification set read_at = ? where id = ? and recipient = ? and read_at is null")
			.params(Timestamp.from(this.clock.instant()), id, recipient)
			.update();
		return this.jdbc.sql("select link from notification where id = ? and recipient = ?")
			.params(id, recipient)
			.query(String.class)
			.optional()
			.orElse(null);
	}

	@Transactional
	int markAllRead(String recipient) {
		return this.jdbc.sql("update notification set read_at = ? where recipient = ? and read_at is null")
			.params(Timestamp.from(this.clock.instant()), recipient)
			.update();
	}

	/** The bell in the navigation bar: the signed-in user's unread count. */
	@Component("notificationBell")
	static class Bell {

		private final JdbcNotifications notifications;

		Bell(JdbcNotifications notifications) {
			this.notifications = notifications;
		}

		public long unreadCount() {
			return CurrentUser.username().map(this.notifications::unreadCount).orElse(0L);
		}

	}

}

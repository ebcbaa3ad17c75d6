package io.loopcrm.platform.security;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;

import io.loopcrm.platform.LoopCrmProperties;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Counts failed sign-ins per typed username and locks it after
 * {@code loopcrm.security.max-failed-logins} failures in a row for
 * {@code loopcrm.security.lock-duration}. Usernames that do not exist are counted the
 * same way, so the "locked" answer says nothing about which accounts are real. A success,
 * or a lock that has run out, starts the count afresh; so does a pause longer than the
 * lock duration since the last failure.
 */
@Component
class LoginThrottle {

	private final JdbcClient jdbc;

	private final Clock clock;

	private final LoopCrmProperties.Security settings;

	LoginThrottle(JdbcClient jdbc, Clock clock, LoopCrmProperties properties) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.settings = properties.security();
	}

	@Transactional(readOnly = true)
	public boolean isLocked(String username) {
		return this.jdbc.sql("select count(*) from login_throttle where username = ? and locked_until > ?")
			.params(key(username), Timestamp.from(this.clock.instant()))
			.query(Long.class)
			.single() > 0;
	}

	/** Records a failure; answers whether the username is locked now. */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public boolean recordFailure(String username) {
		Instant now = this.clock.instant();
		Timestamp nowTs = Timestamp.from(now);
		Timestamp staleBefore = Timestamp.from(now.minus(this.settings.lockDuration()));
		Timestamp lockUntil = Timestamp.from(now.plus(this.settings.lockDuration()));
		// one statement, so concurrent attempts cannot lose a count
		Timestamp lockedUntil = this.jdbc.sql("""
				insert into login_throttle as t (username, failures, last_failure_at, locked_until)
				values (:u, 1, :now, case when 1 >= :max then cast(:lockUntil as timestamptz) end)
				on conflict (username) do update set
				  failures = case when t.locked_until <= :now or (t.locked_until is null and t.last_failure_at < :stale)
				                  then 1 else t.failures + 1 end,
				  last_failure_at = :now,
				  locked_until = case
				      when t.locked_until > :now then t.locked_until
				      when (case when t.locked_until <= :now or (t.locked_until is null and t.last_failure_at < :stale)
				                 then 1 else t.failures + 1 end) >= :max then cast(:lockUntil as timestamptz)
				      else null end
				returning locked_until
				""")
			.param("u", key(username))
			.param("now", nowTs)
			.param("stale", staleBefore)
			.param("max", this.settings.maxFailedLogins())
			.param("lockUntil", lockUntil)
			.query(Timestamp.class)
			.optional()
			.orElse(null);
		return lockedUntil != null && lockedUntil.toInstant().isAfter(now);
	}

	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public void recordSuccess(String username) {
		this.jdbc.sql("delete from login_throttle where username = ?").param(key(username)).update();
	}

	/** Lifts a lock early (an admin resetting the password). */
	@Transactional
	public void clear(String username) {
		recordSuccess(username);
	}

	private static String key(String username) {
		String key = username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
		return key.length() > 128 ? key.substring(0, 128) : key;
	}

}

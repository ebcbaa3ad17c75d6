package io.loopcrm.survey.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The render time stamp of the public survey form, signed so that it cannot be made up:
 * {@code <epoch millis>.<HMAC-SHA256 of token and millis, base64url>}. A form sent back
 * sooner than {@code min-fill-time} after it was shown, or with a stamp that is missing,
 * altered or made for another invitation, was sent by a bot. The key is
 * {@code loopcrm.survey.public-page.stamp-secret}, else 32 random bytes made once and
 * kept in {@code survey_secret} (so forms shown before a restart, or by another instance,
 * still count).
 */
@Component
class FormStamps {

	private static final String ALGORITHM = "HmacSHA256";

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final PublicPageProperties properties;

	private final Clock clock;

	private volatile byte[] key;

	FormStamps(JdbcClient jdbc, TransactionTemplate transactions, PublicPageProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.properties = properties;
		this.clock = clock;
	}

	/** A stamp for the form of this invitation shown now. */
	String stamp(String token) {
		long millis = this.clock.millis();
		return millis + "." + sign(token, millis);
	}

	/** Whether the stamp is genuine, for this token, and old enough. */
	boolean accepts(String token, String stamp) {
		if (stamp == null) {
			return false;
		}
		int dot = stamp.indexOf('.');
		if (dot <= 0) {
			return false;
		}
		long millis;
		try {
			millis = Long.parseLong(stamp.substring(0, dot));
		}
		catch (NumberFormatException ex) {
			return false;
		}
		byte[] expected = sign(token, millis).getBytes(StandardCharsets.US_ASCII);
		byte[] given = stamp.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
		if (!MessageDigest.isEqual(expected, given)) {
			return false;
		}
		Duration taken = Duration.between(Instant.ofEpochMilli(millis), this.clock.instant());
		return taken.compareTo(this.properties.minFillTime()) >= 0;
	}

	private String sign(String token, long millis) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(new SecretKeySpec(key(), ALGORITHM));
			byte[] signature = mac.doFinal((token + "|" + millis).getBytes(StandardCharsets.UTF_8));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

	private byte[] key() {
		byte[] current = this.key;
		if (current == null) {
			String configured = this.properties.stampSecret();
			current = (configured != null && !configured.isBlank()) ? configured.getBytes(StandardCharsets.UTF_8)
					: stored();
			this.key = current;
		}
		return current;
	}

	private byte[] stored() {
		byte[] fresh = new byte[32];
		new SecureRandom().nextBytes(fresh);
		return this.transactions.execute((status) -> {
			this.jdbc
				.sql("insert into survey_secret (name, value, created_at) values ('form-stamp', ?, ?)"
						+ " on conflict do nothing")
				.params(fresh, Timestamp.from(this.clock.instant()))
				.update();
			return this.jdbc.sql("select value from survey_secret where name = 'form-stamp'")
				.query(byte[].class)
				.single();
		});
	}

}

package io.loopcrm.platform;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Currency;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Typed settings under {@code loopcrm.*}. Secrets (the first admin's password, the
 * remember-me key) come only from the environment.
 *
 * @param currency the one currency all money is kept and shown in
 * @param zone the zone timestamps are shown in and "today" is taken in
 * @param demo demo data set
 * @param embeddedDb the embedded PostgreSQL used when no datasource URL is configured
 * @param security sign-in rules
 * @param admin the first administrator of a database without demo data
 */
@ConfigurationProperties("loopcrm")
@Validated
public record LoopCrmProperties(@NotNull @DefaultValue("CNY") Currency currency,
		@NotNull @DefaultValue("Asia/Shanghai") ZoneId zone, @Valid @DefaultValue Demo demo,
		@Valid @DefaultValue EmbeddedDb embeddedDb, @Valid @DefaultValue Security security,
		@Valid @DefaultValue Admin admin) {

	/**
	 * @param enabled seed demo data on first start; unset means "only on the embedded
	 * database"
	 * @param password password of the four demo users
	 */
	public record Demo(Boolean enabled, @NotBlank @DefaultValue("demo") String password) {
	}

	/**
	 * @param enabled start an embedded PostgreSQL when no datasource URL is set
	 * @param dataDir where its data lives; empty means a throw-away temporary directory
	 * @param port its port; 0 picks a free one
	 * @param sharedBuffers PostgreSQL's {@code shared_buffers} for it
	 * @param walBuffers PostgreSQL's {@code wal_buffers} for it
	 */
	public record EmbeddedDb(@DefaultValue("true") boolean enabled, @DefaultValue("./data/postgres") String dataDir,
			@Min(0) @DefaultValue("0") int port, @NotBlank @DefaultValue("1GB") String sharedBuffers,
			@NotBlank @DefaultValue("64MB") String walBuffers) {
	}

	/**
	 * @param maxFailedLogins failed sign-ins in a row that lock an account
	 * @param lockDuration how long it stays locked
	 * @param rememberMe offer "remember me" on the login page
	 * @param rememberMeKey the key remember-me cookies are signed with (from the
	 * environment)
	 */
	public record Security(@Min(1) @DefaultValue("5") int maxFailedLogins,
			@NotNull @DefaultValue("15m") Duration lockDuration, @DefaultValue("false") boolean rememberMe,
			String rememberMeKey) {
	}

	/**
	 * @param password password of the first {@code admin} when the database has no users
	 * and no demo data ({@code LOOPCRM_ADMIN_PASSWORD}); unset means a random one,
	 * printed once in the log
	 */
	public record Admin(String password) {
	}

}

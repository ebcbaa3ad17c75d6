package io.loopcrm.survey.internal;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the public response page {@code /s/{token}} under
 * {@code loopcrm.survey.public-page.*}.
 *
 * @param submitsPerMinute answers one IP address may send per minute; more get a 429 page
 * @param minFillTime answers sent sooner after the page was shown are taken for a bot's
 * and dropped
 * @param stampSecret the key the page's render time stamp is signed with
 * ({@code LOOPCRM_SURVEY_PUBLICPAGE_STAMPSECRET}, at least 32 characters); unset: a
 * random key made once and kept in the database
 */
@ConfigurationProperties("loopcrm.survey.public-page")
@Validated
record PublicPageProperties(@Min(1) @DefaultValue("20") int submitsPerMinute,
		@NotNull @DefaultValue("2s") Duration minFillTime, String stampSecret) {

	PublicPageProperties {
		if (stampSecret != null && !stampSecret.isBlank() && stampSecret.length() < 32) {
			throw new IllegalArgumentException("loopcrm.survey.public-page.stamp-secret needs at least 32 characters");
		}
	}

}

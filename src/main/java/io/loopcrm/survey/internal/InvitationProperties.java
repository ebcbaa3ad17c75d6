package io.loopcrm.survey.internal;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings under {@code loopcrm.survey.invitations.*}. The schedules of the jobs are
 * {@code order-delay} (ORDER_COMPLETED, default every minute), {@code periodic-cron}
 * (PERIODIC, default 03:15 daily) and {@code mail-delay} (e-mails, default every minute).
 *
 * @param baseUrl the address links start with ({@code https://crm.example.com}); empty:
 * {@code loopcrm.public-url}, else the address the page was asked under (the mail job
 * then uses {@code loopcrm.notifications.base-url})
 * @param channel the channel invitations made by a trigger get: {@code EMAIL} (e-mailed
 * to customers with an address) or {@code LINK} (only copied or exported for SMS or
 * WeChat tools)
 * @param mailFrom the sender address of invitation e-mails
 * @param senderName the name the e-mails are signed with
 * @param mailNeedsConsent e-mail only customers who agreed to e-mail
 * @param mailBatch e-mails one run of the mail job sends at most
 * @param orderMaxAge orders ordered longer ago than this are not surveyed when they
 * complete
 * @param orderOverlap how far before its watermark the ORDER_COMPLETED job looks again
 * (for changes committed late; invitations are idempotent, so nobody is invited twice)
 * @param pageSize invitations per page of the invitations list
 */
@ConfigurationProperties("loopcrm.survey.invitations")
@Validated
record InvitationProperties(@DefaultValue("") String baseUrl, @NotBlank @DefaultValue("EMAIL") String channel,
		@NotBlank @DefaultValue("loopcrm@localhost") String mailFrom,
		@NotBlank @DefaultValue("LoopCRM") String senderName, @DefaultValue("true") boolean mailNeedsConsent,
		@Min(1) @DefaultValue("200") int mailBatch, @NotNull @DefaultValue("7d") Duration orderMaxAge,
		@NotNull @DefaultValue("10m") Duration orderOverlap, @Min(1) @DefaultValue("50") int pageSize) {
}

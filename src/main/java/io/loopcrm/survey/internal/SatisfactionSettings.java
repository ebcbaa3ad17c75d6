package io.loopcrm.survey.internal;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the satisfaction dashboard under {@code loopcrm.survey.dashboard.*}.
 *
 * @param repurchaseDays a respondent repurchased with a purchase within this many days
 * after answering
 * @param churnDays a respondent churned with no purchase within this many days after
 * answering
 * @param verbatimTermSample the most recent free-text answers per group the frequent
 * terms are counted over
 */
@ConfigurationProperties("loopcrm.survey.dashboard")
@Validated
public record SatisfactionSettings(@Min(1) @DefaultValue("90") int repurchaseDays,
		@Min(1) @DefaultValue("180") int churnDays, @Min(10) @DefaultValue("2000") int verbatimTermSample) {
}

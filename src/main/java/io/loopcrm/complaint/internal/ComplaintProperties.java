package io.loopcrm.complaint.internal;

import java.math.BigDecimal;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings under {@code loopcrm.complaint.*}.
 *
 * @param targetHours resolution target per severity in wall-clock hours from
 * registration: a case is due then, and "closed before due" is SLA compliance
 * @param adminApprovalAbove a compensation proposal above this amount (in the configured
 * currency) needs an administrator to approve it
 */
@ConfigurationProperties("loopcrm.complaint")
@Validated
public record ComplaintProperties(@Valid @DefaultValue TargetHours targetHours,
		@NotNull @PositiveOrZero @DefaultValue("1000") BigDecimal adminApprovalAbove) {

	/**
	 * Wall-clock hours per severity.
	 *
	 * @param critical for CRITICAL cases
	 * @param high for HIGH cases
	 * @param medium for MEDIUM cases
	 * @param low for LOW cases
	 */
	public record TargetHours(@Min(1) @DefaultValue("24") int critical, @Min(1) @DefaultValue("72") int high,
			@Min(1) @DefaultValue("120") int medium, @Min(1) @DefaultValue("240") int low) {
	}

	/** The resolution target of a severity. */
	Duration target(Severity severity) {
		int hours = switch (severity) {
			case CRITICAL -> this.targetHours.critical();
			case HIGH -> this.targetHours.high();
			case MEDIUM -> this.targetHours.medium();
			case LOW -> this.targetHours.low();
		};
		return Duration.ofHours(hours);
	}

}

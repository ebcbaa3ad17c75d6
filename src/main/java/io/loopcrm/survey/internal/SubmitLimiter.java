package io.loopcrm.survey.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;

import org.springframework.stereotype.Component;

/**
 * How many answers one IP address may send to the public survey page: a Bucket4j token
 * bucket per address holding {@code submits-per-minute}, refilled evenly over a minute.
 * Buckets live in memory (per application instance) and are dropped once full again, so
 * the map only holds addresses seen within the last minute or so. Behind a proxy, set
 * {@code server.forward-headers-strategy} so the client's address is the one counted.
 */
@Component
class SubmitLimiter {

	private static final int SWEEP_ABOVE = 10_000;

	private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

	private final int perMinute;

	private final TimeMeter time;

	SubmitLimiter(PublicPageProperties properties, Clock clock) {
		this.perMinute = properties.submitsPerMinute();
		this.time = new TimeMeter() {
			@Override
			public long currentTimeNanos() {
				java.time.Instant now = clock.instant();
				return now.getEpochSecond() * 1_000_000_000L + now.getNano();
			}

			@Override
			public boolean isWallClockBased() {
				return true;
			}
		};
	}

	/** Takes one submit of the address; {@code false} when it is over the limit. */
	boolean tryTake(String address) {
		if (this.buckets.size() > SWEEP_ABOVE) {
			this.buckets.values().removeIf((bucket) -> bucket.getAvailableTokens() >= this.perMinute);
		}
		return this.buckets.computeIfAbsent((address != null) ? address : "", (key) -> newBucket()).tryConsume(1);
	}

	private Bucket newBucket() {
		return Bucket.builder()
			.addLimit(Bandwidth.builder()
				.capacity(this.perMinute)
				.refillGreedy(this.perMinute, Duration.ofMinutes(1))
				.build())
			.withCustomTimePrecision(this.time)
			.build();
	}

}

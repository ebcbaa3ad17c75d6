package io.loopcrm.segmentation.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;
import org.springframework.security.concurrent.DelegatingSecurityContextRunnable;
import org.springframework.stereotype.Component;

/**
 * "Recompute now" from the page runs in the background so the page can show how far it
 * is: the step it is in and, from the previous run's duration, an estimate of the share
 * done. One page-started recompute runs at a time; pressing the button again while one
 * runs shows the running one.
 */
@Component
public class RecomputeJobs {

	private static final Logger log = LoggerFactory.getLogger(RecomputeJobs.class);

	private final Segmentation segmentation;

	private final TaskExecutor executor;

	private final Clock clock;

	private volatile Job current;

	RecomputeJobs(Segmentation segmentation, @Qualifier("applicationTaskExecutor") TaskExecutor executor, Clock clock) {
		this.segmentation = segmentation;
		this.executor = executor;
		this.clock = clock;
	}

	/** A recompute started from the page; pages render its {@link #snapshot()}. */
	public static final class Job {

		private final Clock clock;

		private final Instant started;

		private final double expectedSeconds;

		private volatile Segmentation.Step step = Segmentation.Step.WAITING;

		private volatile boolean finished;

		private volatile boolean failed;

		private volatile long customers;

		private volatile Instant ended;

		Job(Clock clock, double expectedSeconds) {
			this.clock = clock;
			this.started = clock.instant();
			this.expectedSeconds = expectedSeconds;
		}

		/** Its state now, all read at once. */
		public Snapshot snapshot() {
			return new Snapshot(this);
		}

	}

	/**
	 * A job's state at one moment, for a page to render: the job itself may finish while
	 * the page is half rendered.
	 */
	public static final class Snapshot {

		private final String step;

		private final boolean finished;

		private final boolean failed;

		private final long customers;

		private final long elapsedSeconds;

		private final int percent;

		private Snapshot(Job job) {
			// finished is written last: once it reads true, so do the others
			this.finished = job.finished;
			Segmentation.Step step = job.step;
			this.step = step.name();
			this.failed = job.failed;
			this.customers = job.customers;
			Instant now = job.clock.instant();
			Instant end = (this.finished && job.ended != null) ? job.ended : now;
			this.elapsedSeconds = Duration.between(job.started, end).toSeconds();
			this.percent = this.finished ? 100 : percent(job, step, now);
		}

		/**
		 * While it runs: the time so far against the previous run's duration (at most
		 * 95), or without a previous run the steps done of the four.
		 */
		private static int percent(Job job, Segmentation.Step step, Instant now) {
			int byStep = Math.min(95, Math.max(0, step.ordinal() - 1) * 25);
			if (job.expectedSeconds <= 0) {
				return byStep;
			}
			double elapsed = Duration.between(job.started, now).toMillis() / 1000.0;
			return (int) Math.max(byStep, Math.min(95, Math.round(100 * elapsed / job.expectedSeconds)));
		}

		public String getStep() {
			return this.step;
		}

		public boolean isFinished() {
			return this.finished;
		}

		public boolean isFailed() {
			return this.failed;
		}

		public long getCustomers() {
			return this.customers;
		}

		public long getElapsedSeconds() {
			return this.elapsedSeconds;
		}

		public int getPercent() {
			return this.percent;
		}

	}

	/**
	 * Starts a recompute as of the day, or answers with the one already running.
	 * @param asOf the day
	 * @return the job
	 */
	public synchronized Job start(LocalDate asOf) {
		Job running = this.current;
		if (running != null && !running.finished) {
			return running;
		}
		double expected = this.segmentation.latestRun().map(Segmentation.Run::seconds).orElse(0.0);
		Job job = new Job(this.clock, expected);
		this.current = job;
		this.executor.execute(new DelegatingSecurityContextRunnable(() -> run(job, asOf)));
		return job;
	}

	private void run(Job job, LocalDate asOf) {
		try {
			Segmentation.Summary summary = this.segmentation.recompute(asOf, (step) -> job.step = step);
			job.customers = summary.run().customers();
		}
		catch (RuntimeException ex) {
			log.error("Segmentation recompute as of {} failed; the previous results stay", asOf, ex);
			job.failed = true;
		}
		finally {
			job.ended = this.clock.instant();
			job.finished = true;
		}
	}

	/** The latest page-started recompute, if any. */
	public Optional<Job> current() {
		return Optional.ofNullable(this.current);
	}

}

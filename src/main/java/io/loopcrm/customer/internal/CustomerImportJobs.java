package io.loopcrm.customer.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.loopcrm.platform.CurrentUser;
import io.loopcrm.platform.Role;
import io.loopcrm.platform.ValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;
import org.springframework.security.concurrent.DelegatingSecurityContextRunnable;
import org.springframework.stereotype.Component;

/**
 * Imports started from the page run in the background so the page can show a progress
 * bar. A job is visible to the user who started it (and administrators) for a day.
 */
@Component
class CustomerImportJobs {

	private static final Logger log = LoggerFactory.getLogger(CustomerImportJobs.class);

	private static final Duration KEEP = Duration.ofDays(1);

	private final CustomerImporter importer;

	private final TaskExecutor executor;

	private final Clock clock;

	private final Map<String, Job> jobs = new ConcurrentHashMap<>();

	CustomerImportJobs(CustomerImporter importer, @Qualifier("applicationTaskExecutor") TaskExecutor executor,
			Clock clock) {
		this.importer = importer;
		this.executor = executor;
		this.clock = clock;
	}

	/** One import: how far it is, and its result. */
	public static final class Job implements CustomerImporter.Progress {

		private final String id;

		private final String owner;

		private final String fileName;

		private final long size;

		private final Path upload;

		private final Path rejected;

		private final Instant started;

		private volatile long bytes;

		private volatile CustomerImporter.Phase phase = CustomerImporter.Phase.READING;

		private volatile ImportResult result;

		private volatile ValidationException.FieldProblem problem;

		Job(String id, String owner, String fileName, long size, Path upload, Path rejected, Instant started) {
			this.id = id;
			this.owner = owner;
			this.fileName = fileName;
			this.size = size;
			this.upload = upload;
			this.rejected = rejected;
			this.started = started;
		}

		@Override
		public void bytesRead(long bytes) {
			this.bytes = bytes;
		}

		@Override
		public void phase(CustomerImporter.Phase phase) {
			this.phase = phase;
		}

		public String getId() {
			return this.id;
		}

		public String getFileName() {
			return this.fileName;
		}

		public String getPhase() {
			return this.phase.name();
		}

		public boolean isFinished() {
			return this.phase == CustomerImporter.Phase.DONE || this.phase == CustomerImporter.Phase.FAILED;
		}

		/** Reading counts for 90 % of the bar, merging for the rest. */
		public int getPercent() {
			if (isFinished()) {
				return 100;
			}
			int read = (this.size > 0) ? (int) Math.min(90, this.bytes * 90 / this.size) : 90;
			return (this.phase == CustomerImporter.Phase.MERGING) ? 95 : read;
		}

		public ImportResult getResult() {
			return this.result;
		}

		public ValidationException.FieldProblem getProblem() {
			return this.problem;
		}

		public Instant getStarted() {
			return this.started;
		}

		Path rejectedFile() {
			return this.rejected;
		}

	}

	Job start(Path upload, String fileName, Charset charset, Locale locale) {
		forgetOld();
		String id = UUID.randomUUID().toString();
		try {
			Path rejected = Files.createTempFile("loopcrm-rejected-", ".csv");
			Job job = new Job(id, CurrentUser.usernameOrSystem(), fileName, Files.size(upload), upload, rejected,
					this.clock.instant());
			this.jobs.put(id, job);
			this.executor.execute(new DelegatingSecurityContextRunnable(() -> run(job, charset, locale)));
			return job;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void run(Job job, Charset charset, Locale locale) {
		try (OutputStream rejected = Files.newOutputStream(job.rejected)) {
			job.result = this.importer.run(job.upload, job.fileName, charset, locale, rejected, job);
		}
		catch (ValidationException ex) {
			job.problem = ex.problems().get(0);
		}
		catch (IOException | RuntimeException ex) {
			log.error("Customer import {} of {} failed", job.id, job.fileName, ex);
			job.problem = new ValidationException.FieldProblem("file", "customer.import.failed");
			job.phase(CustomerImporter.Phase.FAILED);
		}
		finally {
			try {
				Files.deleteIfExists(job.upload);
			}
			catch (IOException ex) {
				log.warn("Could not delete upload {}", job.upload, ex);
			}
		}
	}

	/** The job, if the current user may see it. */
	Optional<Job> find(String id) {
		Job job = this.jobs.get(id);
		if (job == null) {
			return Optional.empty();
		}
		boolean mine = CurrentUser.username().map(job.owner::equals).orElse(false);
		return (mine || CurrentUser.hasRole(Role.ADMIN)) ? Optional.of(job) : Optional.empty();
	}

	private void forgetOld() {
		Instant limit = this.clock.instant().minus(KEEP);
		this.jobs.values().removeIf((job) -> {
			if (job.isFinished() && job.started.isBefore(limit)) {
				try {
					Files.deleteIfExists(job.rejected);
				}
				catch (IOException ex) {
					log.warn("Could not delete {}", job.rejected, ex);
				}
				return true;
			}
			return false;
		});
	}

}

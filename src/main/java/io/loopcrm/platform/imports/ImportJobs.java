package io.loopcrm.platform.imports;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.loopcrm.platform.CurrentUser;
import io.loopcrm.platform.NotFoundException;
import io.loopcrm.platform.Role;
import io.loopcrm.platform.ValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.core.task.TaskExecutor;
import org.springframework.security.concurrent.DelegatingSecurityContextRunnable;
import org.springframework.stereotype.Component;

/**
 * Imports started from a page run in the background so the page can show a progress bar.
 * A job is visible to the user who started it (and administrators) for a day; its
 * rejected rows stay downloadable as long.
 */
@Component
public class ImportJobs {

	private static final Logger log = LoggerFactory.getLogger(ImportJobs.class);

	private static final Duration KEEP = Duration.ofDays(1);

	private final TaskExecutor executor;

	private final Clock clock;

	private final Map<String, Job> jobs = new ConcurrentHashMap<>();

	ImportJobs(@Qualifier("applicationTaskExecutor") TaskExecutor executor, Clock clock) {
		this.executor = executor;
		this.clock = clock;
	}

	/** The import itself. */
	@FunctionalInterface
	public interface Task {

		/**
		 * Imports the upload in one transaction.
		 * @param upload the uploaded file
		 * @param rejectedRows where to write the rejected rows as CSV
		 * @param progress told how far it is
		 * @return what it did
		 * @throws IOException when a file cannot be read or written
		 */
		ImportResult run(Path upload, OutputStream rejectedRows, ImportProgress progress) throws IOException;

	}

	/** One import: how far it is, and its result. */
	public static final class Job implements ImportProgress {

		private final String kind;

		private final String id;

		private final String owner;

		private final String fileName;

		private final long size;

		private final Path upload;

		private final Path rejected;

		private final Instant started;

		private volatile long bytes;

		private volatile Phase phase = Phase.READING;

		private volatile ImportResult result;

		private volatile ValidationException.FieldProblem problem;

		Job(String kind, String id, String owner, String fileName, long size, Path upload, Path rejected,
				Instant started) {
			this.kind = kind;
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
		public void phase(Phase phase) {
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
			return this.phase == Phase.DONE || this.phase == Phase.FAILED;
		}

		/** Reading counts for 90 % of the bar, saving for the rest. */
		public int getPercent() {
			if (isFinished()) {
				return 100;
			}
			int read = (this.size > 0) ? (int) Math.min(90, this.bytes * 90 / this.size) : 90;
			return (this.phase == Phase.MERGING) ? 95 : read;
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

		/** The rejected rows as CSV. */
		public Path rejectedFile() {
			return this.rejected;
		}

	}

	/**
	 * Starts an import in the background.
	 * @param kind what is imported (jobs of one kind are found only under it)
	 * @param upload the uploaded file, deleted when the import ends
	 * @param fileName its name as uploaded
	 * @param task the import
	 * @return the job
	 */
	public Job start(String kind, Path upload, String fileName, Task task) {
		forgetOld();
		String id = UUID.randomUUID().toString();
		try {
			Path rejected = Files.createTempFile("loopcrm-rejected-", ".csv");
			Job job = new Job(kind, id, CurrentUser.usernameOrSystem(), fileName, Files.size(upload), upload, rejected,
					this.clock.instant());
			this.jobs.put(id, job);
			this.executor.execute(new DelegatingSecurityContextRunnable(() -> run(job, task)));
			return job;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void run(Job job, Task task) {
		try (OutputStream rejected = Files.newOutputStream(job.rejected)) {
			job.result = task.run(job.upload, rejected, job);
			job.phase(ImportProgress.Phase.DONE);
		}
		catch (ValidationException ex) {
			job.problem = ex.problems().get(0);
			job.phase(ImportProgress.Phase.FAILED);
		}
		catch (IOException | RuntimeException ex) {
			log.error("Import {} of {} ({}) failed", job.id, job.fileName, job.kind, ex);
			job.problem = new ValidationException.FieldProblem("file", "import.failed");
			job.phase(ImportProgress.Phase.FAILED);
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

	/**
	 * The job, if it is of this kind and the current user may see it.
	 * @param kind what is imported
	 * @param id the job's id
	 * @return the job
	 */
	public Optional<Job> find(String kind, String id) {
		Job job = this.jobs.get(id);
		if (job == null || !job.kind.equals(kind)) {
			return Optional.empty();
		}
		boolean mine = CurrentUser.username().map(job.owner::equals).orElse(false);
		return (mine || CurrentUser.hasRole(Role.ADMIN)) ? Optional.of(job) : Optional.empty();
	}

	/**
	 * The job, if it is of this kind and the current user may see it.
	 * @throws NotFoundException otherwise
	 */
	public Job get(String kind, String id) {
		return find(kind, id).orElseThrow(() -> new NotFoundException("import.notFound"));
	}

	/** The job's rejected rows as a CSV download named after the uploaded file. */
	public ResponseEntity<Resource> rejectedDownload(String kind, String id) {
		Job job = get(kind, id);
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment()
						.filename("rejected-" + job.getFileName(), java.nio.charset.StandardCharsets.UTF_8)
						.build()
						.toString())
			.contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
			.body(new FileSystemResource(job.rejectedFile()));
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

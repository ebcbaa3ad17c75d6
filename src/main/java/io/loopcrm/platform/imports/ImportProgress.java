package io.loopcrm.platform.imports;

/** Told how far an import is, for a progress bar. */
public interface ImportProgress {

	/** The phases a progress bar shows. */
	enum Phase {

		READING, MERGING, DONE, FAILED

	}

	/** Bytes of the file read so far. */
	void bytesRead(long bytes);

	/** The import moved on to this phase. */
	void phase(Phase phase);

	/** Progress nobody watches (API calls). */
	ImportProgress NONE = new ImportProgress() {
		@Override
		public void bytesRead(long bytes) {
		}

		@Override
		public void phase(Phase phase) {
		}
	};

}

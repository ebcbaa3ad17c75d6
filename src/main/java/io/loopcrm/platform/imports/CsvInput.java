package io.loopcrm.platform.imports;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.loopcrm.platform.ValidationException;
import org.apache.commons.csv.CSVFormat;

import org.springframework.util.MimeType;
import org.springframework.web.multipart.MultipartFile;

/**
 * Reading an uploaded CSV file: UTF-8 with or without byte-order mark, or the declared
 * encoding (GB18030 from a Chinese Excel); malformed bytes fail instead of turning into
 * replacement characters; comma or semicolon, whichever the header line uses.
 */
public final class CsvInput {

	private CsvInput() {
	}

	/**
	 * Opens the file for reading; progress hears of every byte read.
	 * @param file the file
	 * @param declared the declared encoding, {@code null} for UTF-8; a UTF-8 byte-order
	 * mark wins over it
	 * @param progress told how many bytes were read
	 * @return a reader positioned after any byte-order mark
	 * @throws IOException when the file cannot be read
	 */
	public static BufferedReader open(Path file, Charset declared, ImportProgress progress) throws IOException {
		InputStream in = new CountingInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16),
				progress);
		try {
			in.mark(3);
			byte[] bom = in.readNBytes(3);
			boolean utf8Bom = bom.length == 3 && (bom[0] & 0xFF) == 0xEF && (bom[1] & 0xFF) == 0xBB
					&& (bom[2] & 0xFF) == 0xBF;
			if (!utf8Bom) {
				in.reset();
			}
			Charset charset = (utf8Bom || declared == null) ? StandardCharsets.UTF_8 : declared;
			CharsetDecoder decoder = charset.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT);
			return new BufferedReader(new InputStreamReader(in, decoder), 1 << 16);
		}
		catch (IOException | RuntimeException ex) {
			in.close();
			throw ex;
		}
	}

	/**
	 * The CSV format of the file: semicolon when its header line has more semicolons than
	 * commas outside quotes, else comma; empty lines skipped, spaces around values
	 * ignored.
	 * @param reader the file, at its header line (left there)
	 * @return the format
	 * @throws IOException when the file cannot be read
	 */
	public static CSVFormat format(BufferedReader reader) throws IOException {
		reader.mark(1 << 16);
		String header = reader.readLine();
		reader.reset();
		int commas = 0;
		int semicolons = 0;
		boolean quoted = false;
		for (char c : (header != null) ? header.toCharArray() : new char[0]) {
			if (c == '"') {
				quoted = !quoted;
			}
			else if (!quoted && c == ',') {
				commas++;
			}
			else if (!quoted && c == ';') {
				semicolons++;
			}
		}
		return CSVFormat.DEFAULT.builder()
			.setDelimiter((semicolons > commas) ? ';' : ',')
			.setIgnoreEmptyLines(true)
			.setIgnoreSurroundingSpaces(true)
			.get();
	}

	/**
	 * The declared encoding: the form's or API's {@code encoding}, else the charset of
	 * the part's content type, else UTF-8 ({@code null}).
	 * @param encoding the {@code encoding} parameter, may be {@code null}
	 * @param contentType the part's content type, may be {@code null}
	 * @return the charset, {@code null} for UTF-8
	 * @throws ValidationException for an unknown encoding (field {@code encoding})
	 */
	public static Charset charset(String encoding, String contentType) {
		if ((encoding == null || encoding.isBlank()) && contentType != null) {
			try {
				return MimeType.valueOf(contentType).getCharset();
			}
			catch (RuntimeException ex) {
				return null;
			}
		}
		if (encoding == null || encoding.isBlank()) {
			return null;
		}
		try {
			return Charset.forName(encoding.strip());
		}
		catch (IllegalCharsetNameException | UnsupportedCharsetException ex) {
			throw ValidationException.of("encoding", "import.unknownEncoding", encoding);
		}
	}

	/**
	 * Saves an upload to a temporary file the caller deletes.
	 * @param file the upload
	 * @return the file
	 * @throws IOException when it cannot be saved
	 * @throws ValidationException when no file or an empty one was sent (field
	 * {@code file})
	 */
	public static Path save(MultipartFile file) throws IOException {
		if (file == null || file.isEmpty()) {
			throw ValidationException.of("file", "import.noFile");
		}
		Path upload = Files.createTempFile("loopcrm-import-", ".csv");
		file.transferTo(upload);
		return upload;
	}

	/** The upload's file name without any path, for messages and histories. */
	public static String fileName(MultipartFile file) {
		String name = file.getOriginalFilename();
		if (name == null || name.isBlank()) {
			return "upload.csv";
		}
		return Path.of(name.replace('\\', '/').replaceAll(".*/", "")).getFileName().toString();
	}

	/** Counts the bytes read, for the progress bar. */
	private static final class CountingInputStream extends FilterInputStream {

		private final ImportProgress progress;

		private long count;

		private long mark;

		CountingInputStream(InputStream in, ImportProgress progress) {
			super(in);
			this.progress = progress;
		}

		@Override
		public int read() throws IOException {
			int b = super.read();
			if (b >= 0) {
				advance(1);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = super.read(buffer, offset, length);
			if (n > 0) {
				advance(n);
			}
			return n;
		}

		@Override
		public synchronized void mark(int limit) {
			super.mark(limit);
			this.mark = this.count;
		}

		@Override
		public synchronized void reset() throws IOException {
			super.reset();
			this.count = this.mark;
		}

		private void advance(long n) {
			this.count += n;
			this.progress.bytesRead(this.count);
		}

	}

}

package io.loopcrm.customer.internal;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import javax.sql.DataSource;

import io.loopcrm.platform.CurrentUser;
import io.loopcrm.platform.ValidationException;
import io.loopcrm.platform.imports.BulkIndexes;
import io.loopcrm.platform.imports.CsvInput;
import io.loopcrm.platform.imports.DeferredIndexes;
import io.loopcrm.platform.imports.ImportProgress;
import io.loopcrm.platform.imports.ImportResult;
import io.loopcrm.platform.ValidationException.FieldProblem;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports customers from CSV in one transaction, so a failure anywhere leaves nothing
 * behind and running the file again is safe.
 * <ol>
 * <li>The file is read as a stream (UTF-8 with or without BOM, or GB18030 when declared;
 * comma or semicolon, found from the header line), each row is validated and normalised
 * in Java with the same rules as the form, and valid rows are streamed with COPY into a
 * temporary staging table. Invalid rows, and later rows repeating an external ID of the
 * file, are rejected with line, column and reason.</li>
 * <li>Set-based SQL then matches rows to customers by external ID (also an external ID of
 * a customer merged away), counts the unchanged ones, writes the history of every changed
 * field, updates the changed customers and inserts the new ones.</li>
 * </ol>
 * Columns the file does not have are left as they are; an empty cell in a column the file
 * has clears that value.
 */
@Component
class CustomerImporter {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(CustomerImporter.class);

	private static final List<DateTimeFormatter> DATES = List.of(DateTimeFormatter.ISO_LOCAL_DATE,
			DateTimeFormatter.ofPattern("yyyy/M/d"), DateTimeFormatter.ofPattern("yyyy-M-d"),
			DateTimeFormatter.ofPattern("yyyy.M.d"));

	private final CustomerValidator validator;

	private final DataSource dataSource;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final MessageSource messages;

	private final Clock clock;

	private final DeferredIndexes deferredIndexes;

	/** Runs between matching and writing; tests use it to fail in the middle. */
	volatile Runnable beforeWrite = () -> {
	};

	/**
	 * Runs after the new customers are written, before indexes are rebuilt; for tests.
	 */
	volatile Runnable afterInsert = () -> {
	};

	/** Takes the bulk path for any file with new customers; for tests. */
	volatile boolean bulkAlways;

	CustomerImporter(CustomerValidator validator, DataSource dataSource, JdbcTemplate jdbc,
			TransactionTemplate transactions, MessageSource messages, Clock clock, DeferredIndexes deferredIndexes) {
		this.validator = validator;
		this.dataSource = dataSource;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.messages = messages;
		this.clock = clock;
		this.deferredIndexes = deferredIndexes;
	}

	/**
	 * Imports a file.
	 * @param file the uploaded file
	 * @param fileName its name, for consent sources and the history
	 * @param charset the declared encoding, or {@code null} for UTF-8
	 * @param locale language of the messages
	 * @param rejectedRows where to write the rejected rows as CSV, or {@code null}
	 * @param progress told how far it is
	 * @throws ValidationException when the file as a whole cannot be imported (field
	 * {@code file})
	 */
	ImportResult run(Path file, String fileName, Charset charset, Locale locale, OutputStream rejectedRows,
			ImportProgress progress) {
		try {
			return this.transactions.execute((status) -> {
				try {
					return importInTransaction(file, fileName, charset, locale, rejectedRows, progress);
				}
				catch (IOException | SQLException ex) {
					throw new ImportFailedException(ex);
				}
			});
		}
		catch (RuntimeException ex) {
			if (ex instanceof ImportFailedException failed && failed.getCause() instanceof CharacterCodingException) {
				throw ValidationException.of("file", "import.encoding");
			}
			throw ex;
		}
	}

	private ImportResult importInTransaction(Path file, String fileName, Charset charset, Locale locale,
			OutputStream rejectedRows, ImportProgress progress) throws IOException, SQLException {
		progress.phase(ImportProgress.Phase.READING);
		Connection connection = DataSourceUtils.getConnection(this.dataSource);
		this.jdbc.execute("""
				create temporary table customer_import_stage (
				  line bigint, external_id text, name text, gender text, birthday date, age_band text,
				  occupation text, phones text[], emails text[], wechat_id text, city text, region text,
				  preferred_channel text, source_channel text, tags text[], notes text, consent_email boolean,
				  consent_sms boolean, consent_phone boolean, search_text text, name_grams text
				) on commit drop
				""");
		Reading reading;
		try (BufferedReader reader = CsvInput.open(file, charset, progress)) {
			PGCopyOutputStream copy = new PGCopyOutputStream(connection.unwrap(PGConnection.class), """
					copy customer_import_stage (line, external_id, name, gender, birthday, age_band, occupation,
					  phones, emails, wechat_id, city, region, preferred_channel, source_channel, tags, notes,
					  consent_email, consent_sms, consent_phone, search_text, name_grams) from stdin with (format csv)
					""", 1 << 16);
			Writer staged = new BufferedWriter(new OutputStreamWriter(copy, StandardCharsets.UTF_8), 1 << 16);
			try {
				reading = read(reader, fileName, locale, staged, rejectedRows);
				staged.flush();
				copy.endCopy();
			}
			catch (IOException | RuntimeException ex) {
				if (copy.isActive()) {
					copy.cancelCopy();
				}
				throw ex;
			}
		}
		progress.phase(ImportProgress.Phase.MERGING);
		MergeCounts counts = merge(reading.present(), reading.staged(), fileName);
		return new ImportResult(counts.inserted(), counts.updated(), counts.unchanged(), reading.rejected(),
				List.copyOf(reading.errors()), List.copyOf(reading.warnings()));
	}

	private record Reading(Set<ImportColumn> present, long staged, long rejected, List<ImportResult.RowError> errors,
			List<ImportResult.Warning> warnings) {
	}

	private Reading read(BufferedReader reader, String fileName, Locale locale, Writer staged,
			OutputStream rejectedRows) throws IOException {
		CSVParser parser = CSVParser.parse(reader, CsvInput.format(reader));
		var records = parser.iterator();
		if (!records.hasNext()) {
			throw ValidationException.of("file", "import.empty");
		}
		CSVRecord headerRecord = records.next();
		List<String> headers = headerRecord.toList();
		Map<ImportColumn, Integer> index = new EnumMap<>(ImportColumn.class);
		Map<ImportColumn, String> headerText = new EnumMap<>(ImportColumn.class);
		List<ImportResult.Warning> warnings = new ArrayList<>();
		for (int i = 0; i < headers.size(); i++) {
			String header = headers.get(i).replace("\uFEFF", "").strip();
			ImportColumn column = ImportColumn.of(header);
			if (column == null) {
				if (!header.isEmpty()) {
					warnings.add(new ImportResult.Warning(header, text("import.unknownColumn", locale, header)));
				}
			}
			else if (index.containsKey(column)) {
				warnings.add(new ImportResult.Warning(header, text("import.duplicateColumn", locale, header)));
			}
			else {
				index.put(column, i);
				headerText.put(column, header);
			}
		}
		if (!index.containsKey(ImportColumn.NAME)) {
			throw ValidationException.of("file", "customer.import.noNameColumn");
		}
		CSVPrinter rejected = null;
		if (rejectedRows != null) {
			rejectedRows.write(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF });
			rejected = new CSVPrinter(new OutputStreamWriter(rejectedRows, StandardCharsets.UTF_8), CSVFormat.DEFAULT);
			List<String> header = new ArrayList<>(headers);
			header.add("line");
			header.add("errors");
			rejected.printRecord(header);
		}
		Map<String, Long> firstLineOf = new HashMap<>();
		List<ImportResult.RowError> errors = new ArrayList<>();
		long rejectedCount = 0;
		long stagedCount = 0;
		long previousEnd = parser.getCurrentLineNumber();
		String source = "import:" + fileName;
		// rows are checked (validation, phone numbers, the staged text) on two
		// threads in batches while this one parses the file; results are taken in
		// file order, so line numbers, repeated external IDs, errors and rejected
		// rows come out as read
		ExecutorService checkers = Executors.newFixedThreadPool(CHECKERS, (task) -> {
			Thread thread = new Thread(task, "customer-import-check");
			thread.setDaemon(true);
			return thread;
		});
		try {
			Deque<Future<List<Checked>>> pending = new ArrayDeque<>();
			List<CSVRecord> batch = new ArrayList<>(BATCH);
			List<Long> lines = new ArrayList<>(BATCH);
			while (true) {
				boolean more = records.hasNext();
				if (more) {
					CSVRecord record = records.next();
					batch.add(record);
					lines.add(previousEnd + 1);
					previousEnd = parser.getCurrentLineNumber();
				}
				if (batch.size() == BATCH || !more && !batch.isEmpty()) {
					List<CSVRecord> records0 = batch;
					List<Long> lines0 = lines;
					pending.add(checkers.submit(() -> check(records0, lines0, index, headerText, source, locale)));
					batch = new ArrayList<>(BATCH);
					lines = new ArrayList<>(BATCH);
				}
				while (!pending.isEmpty() && (pending.size() > 2 * CHECKERS || !more)) {
					for (Checked checked : done(pending.poll())) {
						List<ImportResult.RowError> rowErrors = checked.rowErrors();
						String externalId = (checked.values() != null) ? checked.values().externalId() : null;
						if (rowErrors.isEmpty() && externalId != null) {
							Long first = firstLineOf.putIfAbsent(externalId, checked.line());
							if (first != null) {
								rowErrors.add(new ImportResult.RowError(checked.line(),
										headerText.get(ImportColumn.EXTERNAL_ID),
										text("customer.import.duplicateInFile", locale, externalId,
												String.valueOf(first))));
							}
						}
						if (rowErrors.isEmpty()) {
							staged.write(checked.staged());
							stagedCount++;
							continue;
						}
						rejectedCount++;
						for (ImportResult.RowError error : rowErrors) {
							if (errors.size() < ImportResult.MAX_ERRORS) {
								errors.add(error);
							}
						}
						if (rejected != null) {
							List<String> values = new ArrayList<>(checked.record().toList());
							values.add(String.valueOf(checked.line()));
							values.add(String.join("; ",
									rowErrors.stream().map((e) -> e.column() + ": " + e.message()).toList()));
							rejected.printRecord(values);
						}
					}
				}
				if (!more) {
					break;
				}
			}
		}
		finally {
			checkers.shutdownNow();
		}
		if (rejected != null) {
			rejected.flush();
		}
		return new Reading(index.keySet(), stagedCount, rejectedCount, errors, warnings);
	}

	/** Threads checking rows while the file is parsed, and rows per batch. */
	private static final int CHECKERS = 2;

	private static final int BATCH = 2_000;

	/** A checked row: its values and staged text when valid, else its problems. */
	private record Checked(CSVRecord record, long line, CustomerValues values, List<ImportResult.RowError> rowErrors,
			String staged) {
	}

	private List<Checked> check(List<CSVRecord> records, List<Long> lines, Map<ImportColumn, Integer> index,
			Map<ImportColumn, String> headerText, String source, Locale locale) {
		List<Checked> checked = new ArrayList<>(records.size());
		StringBuilder text = new StringBuilder(256);
		for (int i = 0; i < records.size(); i++) {
			CSVRecord record = records.get(i);
			long line = lines.get(i);
			List<ImportResult.RowError> rowErrors = new ArrayList<>();
			CustomerInput input = toInput(new Row(record, index), headerText, source, line, rowErrors, locale);
			CustomerValidator.Result result = this.validator.validate(input);
			for (FieldProblem problem : result.problems()) {
				ImportColumn column = ImportColumn.ofField(problem.field());
				rowErrors.add(new ImportResult.RowError(line,
						(column != null) ? headerText.getOrDefault(column, column.header) : problem.field(),
						text(problem.messageKey(), locale, problem.args())));
			}
			String staged = null;
			if (rowErrors.isEmpty()) {
				text.setLength(0);
				stage(text, line, result.values());
				staged = text.toString();
			}
			checked.add(new Checked(record, line, result.values(), rowErrors, staged));
		}
		return checked;
	}

	private static List<Checked> done(Future<List<Checked>> batch) throws IOException {
		try {
			return batch.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("import interrupted", ex);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (ex.getCause() instanceof IOException io) {
				throw io;
			}
			throw new IllegalStateException(ex.getCause());
		}
	}

	/** One record's values by column; a column the file lacks reads as {@code null}. */
	private record Row(CSVRecord record, Map<ImportColumn, Integer> index) {

		String get(ImportColumn column) {
			Integer i = this.index.get(column);
			if (i == null || i >= this.record.size()) {
				return null;
			}
			String value = this.record.get(i).strip();
			return value.isEmpty() ? null : value;
		}

		List<String> list(ImportColumn column) {
			String value = get(column);
			if (value == null) {
				return List.of();
			}
			List<String> values = new ArrayList<>(2);
			int start = 0;
			while (start <= value.length()) {
				int end = value.indexOf('|', start);
				if (end < 0) {
					end = value.length();
				}
				String part = value.substring(start, end).strip();
				if (!part.isEmpty()) {
					values.add(part);
				}
				start = end + 1;
			}
			return values;
		}

	}

	private CustomerInput toInput(Row row, Map<ImportColumn, String> headerText, String source, long line,
			List<ImportResult.RowError> errors, Locale locale) {
		LocalDate birthday = null;
		String rawBirthday = row.get(ImportColumn.BIRTHDAY);
		if (rawBirthday != null) {
			birthday = date(rawBirthday);
			if (birthday == null) {
				errors.add(new ImportResult.RowError(line, headerText.get(ImportColumn.BIRTHDAY),
						text("customer.import.badDate", locale, rawBirthday)));
			}
		}
		boolean[] consents = new boolean[3];
		ImportColumn[] consentColumns = { ImportColumn.CONSENT_EMAIL, ImportColumn.CONSENT_SMS,
				ImportColumn.CONSENT_PHONE };
		for (int i = 0; i < 3; i++) {
			String raw = row.get(consentColumns[i]);
			Boolean value = bool(raw);
			if (raw != null && value == null) {
				errors.add(new ImportResult.RowError(line, headerText.get(consentColumns[i]),
						text("customer.import.badBoolean", locale, raw)));
			}
			consents[i] = Boolean.TRUE.equals(value);
		}
		String sourceChannel = row.get(ImportColumn.SOURCE);
		return new CustomerInput(row.get(ImportColumn.EXTERNAL_ID), row.get(ImportColumn.NAME),
				gender(row.get(ImportColumn.GENDER)), birthday, row.get(ImportColumn.AGE_BAND),
				row.get(ImportColumn.OCCUPATION), row.list(ImportColumn.PHONE), row.list(ImportColumn.EMAIL),
				row.get(ImportColumn.WECHAT), row.get(ImportColumn.CITY), row.get(ImportColumn.REGION),
				row.get(ImportColumn.PREFERRED_CHANNEL), (sourceChannel != null) ? sourceChannel : "IMPORT",
				row.list(ImportColumn.TAGS), null, row.get(ImportColumn.NOTES), consents[0], consents[1], consents[2],
				source);
	}

	private static void stage(StringBuilder out, long line, CustomerValues v) {
		out.append(line);
		field(out, v.externalId());
		field(out, v.name());
		field(out, (v.gender() != null) ? v.gender().name() : null);
		field(out, (v.birthday() != null) ? v.birthday().toString() : null);
		field(out, (v.ageBand() != null) ? v.ageBand().label() : null);
		field(out, (v.occupation() != null) ? v.occupation().name() : null);
		array(out, v.phones());
		array(out, v.emails());
		field(out, v.wechatId());
		field(out, v.city());
		field(out, v.region());
		field(out, (v.preferredChannel() != null) ? v.preferredChannel().name() : null);
		field(out, (v.sourceChannel() != null) ? v.sourceChannel().name() : null);
		array(out, v.tags());
		field(out, v.notes());
		field(out, v.consentEmail() ? "t" : "f");
		field(out, v.consentSms() ? "t" : "f");
		field(out, v.consentPhone() ? "t" : "f");
		// the search columns as the database would compute them, or empty (null): then
		// it does
		field(out, SearchColumns.searchText(v.name(), v.externalId(), v.phones(), v.emails(), v.wechatId()));
		// grams never hold a space: one text, split when a new customer is inserted
		List<String> grams = SearchColumns.nameGrams(v.name());
		field(out, (grams != null) ? String.join(" ", grams) : null);
		out.append('\n');
	}

	/** A COPY CSV field: null is an empty unquoted field, text is always quoted. */
	private static void field(StringBuilder out, String value) {
		out.append(',');
		if (value == null) {
			return;
		}
		out.append('"');
		if (value.indexOf('"') < 0) {
			out.append(value);
		}
		else {
			out.append(value.replace("\"", "\"\""));
		}
		out.append('"');
	}

	/**
	 * A COPY CSV field holding a PostgreSQL array literal of text: each element quoted
	 * (backslash and quote escaped by a backslash), every quote then doubled for CSV.
	 */
	private static void array(StringBuilder out, List<String> values) {
		out.append(",\"{");
		for (int i = 0; i < values.size(); i++) {
			if (i > 0) {
				out.append(',');
			}
			out.append("\"\"");
			String value = values.get(i);
			for (int j = 0; j < value.length(); j++) {
				char c = value.charAt(j);
				if (c == '\\') {
					out.append("\\\\");
				}
				else if (c == '"') {
					out.append("\\\"\"");
				}
				else {
					out.append(c);
				}
			}
			out.append("\"\"");
		}
		out.append("}\"");
	}

	private record MergeCounts(long inserted, long updated, long unchanged) {
	}

	/**
	 * Database columns each file column writes, with how history names and shows them.
	 */
	private static final Map<ImportColumn, String[]> WRITES = new EnumMap<>(Map.ofEntries(
			Map.entry(ImportColumn.NAME, new String[] { "name", "name", "c.name", "s.name" }),
			Map.entry(ImportColumn.GENDER, new String[] { "gender", "gender", "c.gender", "s.gender" }),
			Map.entry(ImportColumn.BIRTHDAY,
					new String[] { "birthday", "birthday", "c.birthday::text", "s.birthday::text" }),
			Map.entry(ImportColumn.AGE_BAND, new String[] { "age_band", "ageBand", "c.age_band", "s.age_band" }),
			Map.entry(ImportColumn.OCCUPATION,
					new String[] { "occupation", "occupation", "c.occupation", "s.occupation" }),
			Map.entry(ImportColumn.PHONE,
					new String[] { "phones", "phones", "array_to_string(c.phones, ' | ')",
							"array_to_string(s.phones, ' | ')" }),
			Map.entry(ImportColumn.EMAIL,
					new String[] { "emails", "emails", "array_to_string(c.emails, ' | ')",
							"array_to_string(s.emails, ' | ')" }),
			Map.entry(ImportColumn.WECHAT, new String[] { "wechat_id", "wechatId", "c.wechat_id", "s.wechat_id" }),
			Map.entry(ImportColumn.CITY, new String[] { "city", "city", "c.city", "s.city" }),
			Map.entry(ImportColumn.REGION, new String[] { "region", "region", "c.region", "s.region" }),
			Map.entry(ImportColumn.PREFERRED_CHANNEL,
					new String[] { "preferred_channel", "preferredChannel", "c.preferred_channel",
							"s.preferred_channel" }),
			Map.entry(ImportColumn.SOURCE,
					new String[] { "source_channel", "sourceChannel", "c.source_channel", "s.source_channel" }),
			Map.entry(ImportColumn.TAGS,
					new String[] { "tags", "tags", "array_to_string(c.tags, ' | ')",
							"array_to_string(s.tags, ' | ')" }),
			Map.entry(ImportColumn.NOTES, new String[] { "notes", "notes", "c.notes", "s.notes" }),
			Map.entry(ImportColumn.CONSENT_EMAIL,
					new String[] { "consent_email", "consentEmail", "c.consent_email::text", "s.consent_email::text" }),
			Map.entry(ImportColumn.CONSENT_SMS,
					new String[] { "consent_sms", "consentSms", "c.consent_sms::text", "s.consent_sms::text" }),
			Map.entry(ImportColumn.CONSENT_PHONE, new String[] { "consent_phone", "consentPhone",
					"c.consent_phone::text", "s.consent_phone::text" })));

	private MergeCounts merge(Set<ImportColumn> present, long staged, String fileName) {
		Timestamp now = Timestamp.from(this.clock.instant());
		String actor = CurrentUser.usernameOrSystem();
		String source = "import:" + fileName;
		Set<ImportColumn> written = new LinkedHashSet<>(present);
		written.retainAll(WRITES.keySet());
		List<String> same = new ArrayList<>();
		List<String> historyValues = new ArrayList<>();
		List<String> assignments = new ArrayList<>();
		List<String> sameDirect = new ArrayList<>();
		for (ImportColumn column : written) {
			String[] w = WRITES.get(column);
			same.add("c." + w[0] + " is not distinct from s." + w[0]);
			sameDirect.add("d." + w[0] + " is not distinct from s." + w[0]);
			historyValues.add("('" + w[1] + "', " + w[2] + ", " + w[3] + ")");
			assignments.add(w[0] + " = s." + w[0]);
			if (column == ImportColumn.PHONE) {
				assignments.add("phone = s.phones[1]");
			}
			else if (column == ImportColumn.EMAIL) {
				assignments.add("email = s.emails[1]");
			}
			else if (column.name().startsWith("CONSENT_")) {
				String consent = w[0];
				assignments.add(consent + "_at = case when c." + consent + " is distinct from s." + consent
						+ " then cast(:now as timestamptz) else c." + consent + "_at end");
				assignments.add(consent + "_source = case when c." + consent + " is distinct from s." + consent
						+ " then :source else c." + consent + "_source end");
			}
		}
		String allSame = same.isEmpty() ? "true" : String.join(" and ", same);
		String allSameDirect = sameDirect.isEmpty() ? "true" : String.join(" and ", sameDirect);
		var named = new org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate(this.jdbc);
		var params = new org.springframework.jdbc.core.namedparam.MapSqlParameterSource("now", now)
			.addValue("actor", actor)
			.addValue("source", source)
			.addValue("detail", fileName);

		long started = System.nanoTime();
		this.jdbc.execute("analyze customer_import_stage");
		// sorts and hashes over a million staged rows stay in memory
		this.jdbc.execute("set local work_mem = '256MB'");
		// the rows that match a customer (by external ID, else by one of a customer
		// merged away), compared in the same pass; counting, history and updates
		// then only read the flag. New rows stay in the staging table: a first
		// migration copies nothing here.
		String values = """
				s.line, s.external_id, s.name, s.gender, s.birthday, s.age_band, s.occupation, s.phones, s.emails,
				s.wechat_id, s.city, s.region, s.preferred_channel, s.source_channel, s.tags, s.notes,
				s.consent_email, s.consent_sms, s.consent_phone""";
		this.jdbc.execute("""
				create temporary table customer_import_row on commit drop as
				select %1$s, d.id as target_id, not (%2$s) as changed
				from customer_import_stage s join customer d on d.external_id = s.external_id
				union all
				select %1$s, c.id, not (%3$s)
				from customer_import_stage s
				join customer_alias a on a.old_external_id = s.external_id
				join customer c on c.id = a.customer_id
				where not exists (select 1 from customer d where d.external_id = s.external_id)
				""".formatted(values, allSameDirect, allSame));
		this.jdbc.execute("analyze customer_import_row");
		long matched = System.nanoTime();
		Map<String, Object> matches = this.jdbc
			.queryForMap("select count(*) as rows, count(*) filter (where not changed) as unchanged"
					+ " from customer_import_row");
		long matchedRows = ((Number) matches.get("rows")).longValue();
		long unchanged = ((Number) matches.get("unchanged")).longValue();
		this.beforeWrite.run();
		long updated = 0;
		if (!same.isEmpty() && matchedRows > unchanged) {
			named
				.update("""
						insert into customer_history (customer_id, occurred_at, actor, action, field, old_value, new_value, detail)
						select c.id, :now, :actor, 'IMPORTED', v.field, v.old, v.new, :detail
						from customer_import_row s join customer c on c.id = s.target_id
						cross join lateral (values %s) as v(field, old, new)
						where s.changed and v.old is distinct from v.new
						"""
					.formatted(String.join(", ", historyValues)), params);
			updated = named.update("""
					update customer c set %s, version = c.version + 1, updated_at = :now, updated_by = :actor
					from customer_import_row s
					where c.id = s.target_id and s.changed
					""".formatted(String.join(", ", assignments)), params);
		}
		// a file that at least doubles the customers on file (typically the
		// first migration) rebuilds their indexes afterwards instead of updating
		// them row by row
		long newRows = staged - matchedRows;
		List<String> bulkTables = new ArrayList<>();
		for (String table : List.of("customer", "customer_history")) {
			if (this.bulkAlways && newRows > 0 || BulkIndexes.worthIt(this.jdbc, table, newRows)) {
				bulkTables.add(table);
			}
		}
		Optional<BulkIndexes> bulk = bulkTables.isEmpty() ? Optional.empty() : BulkIndexes.suspend(this.jdbc,
				DataSourceUtils.getConnection(this.dataSource), bulkTables.toArray(String[]::new));
		long writing = System.nanoTime();
		long inserted = (newRows == 0) ? 0 : named.update("""
				with inserted as (
				  insert into customer (external_id, name, gender, birthday, age_band, occupation, phone, phones,
				    email, emails, wechat_id, city, region, preferred_channel, source_channel, tags, notes,
				    consent_email, consent_email_at, consent_email_source, consent_sms, consent_sms_at,
				    consent_sms_source, consent_phone, consent_phone_at, consent_phone_source,
				    created_at, updated_at, updated_by, search_text, name_grams)
				  select s.external_id, s.name, s.gender, s.birthday, s.age_band, s.occupation, s.phones[1], s.phones,
				    s.emails[1], s.emails, s.wechat_id, s.city, s.region, s.preferred_channel,
				    coalesce(s.source_channel, 'IMPORT'), s.tags, s.notes,
				    s.consent_email, case when s.consent_email then cast(:now as timestamptz) end,
				    case when s.consent_email then :source end,
				    s.consent_sms, case when s.consent_sms then cast(:now as timestamptz) end,
				    case when s.consent_sms then :source end,
				    s.consent_phone, case when s.consent_phone then cast(:now as timestamptz) end,
				    case when s.consent_phone then :source end,
				    :now, :now, :actor, s.search_text, string_to_array(s.name_grams, ' ')
				  from customer_import_stage s
				  %s %s
				  returning id
				)
				insert into customer_history (customer_id, occurred_at, actor, action, detail)
				select id, :now, :actor, 'CREATED', :detail from inserted
				""".formatted(
				(matchedRows == 0) ? ""
						: "where not exists (select 1 from customer_import_row r where r.line = s.line)",
				bulk.isPresent() ? "" : "order by s.line"), params);
		long insertedAt = System.nanoTime();
		this.afterInsert.run();
		bulk.ifPresent((b) -> b.restore(this.deferredIndexes));
		log.debug("merge: matched {} ms, updates and bulk decision {} ms, inserts {} ms, indexes {} ms",
				(matched - started) / 1_000_000, (writing - matched) / 1_000_000, (insertedAt - writing) / 1_000_000,
				(System.nanoTime() - insertedAt) / 1_000_000);
		return new MergeCounts(inserted, updated, unchanged);
	}

	private static LocalDate date(String raw) {
		for (DateTimeFormatter format : DATES) {
			try {
				return LocalDate.parse(raw, format);
			}
			catch (DateTimeParseException ex) {
				// try the next format
			}
		}
		return null;
	}

	private static Boolean bool(String raw) {
		if (raw == null) {
			return null;
		}
		return switch (raw.strip().toLowerCase(Locale.ROOT)) {
			case "true", "yes", "y", "1", "是", "同意", "t" -> Boolean.TRUE;
			case "false", "no", "n", "0", "否", "不同意", "f" -> Boolean.FALSE;
			default -> null;
		};
	}

	private static String gender(String raw) {
		if (raw == null) {
			return null;
		}
		return switch (raw.strip().toLowerCase(Locale.ROOT)) {
			case "男", "m", "male" -> "MALE";
			case "女", "f", "female" -> "FEMALE";
			case "其他", "other" -> "OTHER";
			case "不透露", "保密", "undisclosed" -> "UNDISCLOSED";
			default -> raw;
		};
	}

	private String text(String key, Locale locale, Object... args) {
		return this.messages.getMessage(key, args, key, locale);
	}

	/** An I/O or SQL failure inside the import's transaction. */
	static class ImportFailedException extends RuntimeException {

		ImportFailedException(Exception cause) {
			super(cause);
		}

	}

}

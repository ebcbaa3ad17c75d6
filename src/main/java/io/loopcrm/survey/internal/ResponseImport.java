package io.loopcrm.survey.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.loopcrm.customer.CustomerQueries;
import io.loopcrm.customer.CustomerSummary;
import io.loopcrm.platform.ValidationException;
import io.loopcrm.platform.ValidationException.FieldProblem;
import io.loopcrm.platform.imports.CsvInput;
import io.loopcrm.platform.imports.ImportProgress;
import io.loopcrm.platform.imports.ImportResult;
import io.loopcrm.survey.internal.SurveyDefinition.Question;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.multipart.MultipartFile;

/**
 * Imports survey responses from CSV (interviews typed into a spreadsheet, another tool's
 * export): one line per response with the columns {@code external_id},
 * {@code customer_external_id}, {@code channel}, {@code responded_at}, {@code store},
 * {@code category} (Chinese headers accepted) and one column per question key; several
 * choices of a MULTI question separated by {@code |}. Every line goes through the same
 * checks as the API; a line with a problem is reported with its line number and column
 * and left out, the others are recorded in one transaction (all or nothing for the file).
 * Lines whose {@code external_id} was imported before count as unchanged, so re-importing
 * a file is safe.
 */
@Service
class ResponseImport {

	/** The fixed columns and the header names they are known by. */
	enum Column {

		EXTERNAL_ID("external_id", "外部編號", "外部编号", "回覆編號", "回复编号"),
		CUSTOMER_EXTERNAL_ID("customer_external_id", "客戶編號", "客户编号", "客戶外部編號", "客户外部编号"), CHANNEL("channel", "渠道"),
		RESPONDED_AT("responded_at", "回覆時間", "回复时间", "作答時間", "作答时间"), STORE("store", "門店", "门店"),
		CATEGORY("category", "品類", "品类");

		private final List<String> names;

		Column(String... names) {
			this.names = Arrays.asList(names);
		}

		String header() {
			return this.names.get(0);
		}

		static Column of(String header) {
			for (Column column : values()) {
				if (column.names.stream().anyMatch((n) -> n.equalsIgnoreCase(header))) {
					return column;
				}
			}
			return null;
		}

	}

	/**
	 * What an import did.
	 *
	 * @param inserted responses recorded
	 * @param updated always 0: responses are never changed by an import
	 * @param unchanged lines whose external id was recorded before
	 * @param rejected lines left out
	 * @param errors the first {@link ImportResult#MAX_ERRORS} problems by line and column
	 * @param warnings columns that were not understood
	 */
	record Result(long inserted, long updated, long unchanged, long rejected, List<ImportResult.RowError> errors,
			List<ImportResult.Warning> warnings) {
	}

	private final SurveyDefinitions surveys;

	private final ResponseRecorder recorder;

	private final CustomerQueries customers;

	private final MessageSource messages;

	private final Clock clock;

	ResponseImport(SurveyDefinitions surveys, ResponseRecorder recorder, CustomerQueries customers,
			MessageSource messages, Clock clock) {
		this.surveys = surveys;
		this.recorder = recorder;
		this.customers = customers;
		this.messages = messages;
		this.clock = clock;
	}

	/** Imports an uploaded file. */
	@Transactional
	public Result importCsv(long surveyId, MultipartFile upload, String user) {
		Charset charset = CsvInput.charset(null, upload.getContentType());
		Path file = null;
		try {
			file = CsvInput.save(upload);
			return importFile(surveyId, file, charset, user);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			if (file != null) {
				try {
					Files.deleteIfExists(file);
				}
				catch (IOException ex) {
					// a temporary file; the system cleans it up
				}
			}
		}
	}

	@Transactional
	Result importFile(long surveyId, Path file, Charset charset, String user) throws IOException {
		SurveyDefinition survey = this.surveys.get(surveyId);
		Locale locale = LocaleContextHolder.getLocale();
		try (BufferedReader reader = CsvInput.open(file, charset, ImportProgress.NONE)) {
			CSVParser parser = CSVParser.parse(reader, CsvInput.format(reader));
			var records = parser.iterator();
			if (!records.hasNext()) {
				throw ValidationException.of("file", "import.empty");
			}
			List<String> headers = records.next().toList();
			Map<Column, Integer> columns = new HashMap<>();
			Map<String, Integer> questionColumns = new LinkedHashMap<>();
			Map<String, String> headerOfField = new HashMap<>();
			List<ImportResult.Warning> warnings = new ArrayList<>();
			for (int i = 0; i < headers.size(); i++) {
				String header = headers.get(i).replace("\uFEFF", "").strip();
				Column column = Column.of(header);
				Optional<Question> question = survey.question(header.toLowerCase(Locale.ROOT));
				if (column != null && !columns.containsKey(column)) {
					columns.put(column, i);
					headerOfField.put(field(column), header);
				}
				else if (question.isPresent() && !questionColumns.containsKey(question.get().key())) {
					questionColumns.put(question.get().key(), i);
					headerOfField.put("answers." + question.get().key(), header);
				}
				else if (!header.isEmpty()) {
					warnings.add(new ImportResult.Warning(header, text("import.unknownColumn", locale, header)));
				}
			}
			long inserted = 0;
			long unchanged = 0;
			long rejected = 0;
			List<ImportResult.RowError> errors = new ArrayList<>();
			while (records.hasNext()) {
				CSVRecord record = records.next();
				long line = parser.getCurrentLineNumber();
				List<FieldProblem> problems = new ArrayList<>();
				try {
					NewResponse response = response(survey, record, columns, questionColumns, user, problems);
					if (problems.isEmpty()) {
						RecordedResponse recorded = this.recorder.record(response);
						if (recorded.created()) {
							inserted++;
						}
						else {
							unchanged++;
						}
						continue;
					}
				}
				catch (ValidationException ex) {
					problems.addAll(ex.problems());
				}
				rejected++;
				for (FieldProblem problem : problems) {
					if (errors.size() < ImportResult.MAX_ERRORS) {
						errors.add(new ImportResult.RowError(line,
								headerOfField.getOrDefault(problem.field(), problem.field().replace("answers.", "")),
								text(problem.messageKey(), locale, problem.args())));
					}
				}
			}
			return new Result(inserted, 0, unchanged, rejected, List.copyOf(errors), List.copyOf(warnings));
		}
	}

	private NewResponse response(SurveyDefinition survey, CSVRecord record, Map<Column, Integer> columns,
			Map<String, Integer> questionColumns, String user, List<FieldProblem> problems) {
		Long customerId = null;
		String customerExternalId = cell(record, columns.get(Column.CUSTOMER_EXTERNAL_ID));
		if (customerExternalId != null) {
			Optional<CustomerSummary> customer = this.customers.findByExternalId(customerExternalId);
			if (customer.isEmpty()) {
				problems.add(new FieldProblem(field(Column.CUSTOMER_EXTERNAL_ID), "survey.response.customer.unknown",
						customerExternalId));
			}
			else {
				customerId = customer.get().id();
			}
		}
		Instant respondedAt = null;
		String when = cell(record, columns.get(Column.RESPONDED_AT));
		try {
			respondedAt = Timestamps.parse(when, this.clock.getZone());
		}
		catch (DateTimeParseException ex) {
			problems.add(new FieldProblem(field(Column.RESPONDED_AT), "survey.response.respondedAt.format", when));
		}
		Map<String, Object> answers = new LinkedHashMap<>();
		questionColumns.forEach((key, index) -> {
			String value = cell(record, index);
			if (value != null) {
				boolean multi = survey.question(key).map((q) -> q.type() == QuestionType.MULTI).orElse(false);
				answers.put(key, multi ? Arrays.stream(value.split("\\|")).map(String::strip).toList() : value);
			}
		});
		String channel = cell(record, columns.get(Column.CHANNEL));
		return new NewResponse(survey.id(), null, cell(record, columns.get(Column.EXTERNAL_ID)), customerId,
				(channel != null) ? channel : "IMPORT", respondedAt, user, answers,
				cell(record, columns.get(Column.STORE)), cell(record, columns.get(Column.CATEGORY)));
	}

	private static String field(Column column) {
		return switch (column) {
			case EXTERNAL_ID -> "externalId";
			case CUSTOMER_EXTERNAL_ID -> "customerExternalId";
			case CHANNEL -> "channel";
			case RESPONDED_AT -> "respondedAt";
			case STORE -> "store";
			case CATEGORY -> "category";
		};
	}

	private static String cell(CSVRecord record, Integer index) {
		if (index == null || index >= record.size()) {
			return null;
		}
		String value = record.get(index).strip();
		return value.isEmpty() ? null : value;
	}

	private String text(String key, Locale locale, Object... args) {
		return this.messages.getMessage(key, args, key, locale);
	}

}

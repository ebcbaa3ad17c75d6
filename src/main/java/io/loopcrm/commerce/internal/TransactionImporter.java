package io.loopcrm.commerce.internal;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.StringReader;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

import io.loopcrm.commerce.OrdersChanged;
import io.loopcrm.customer.CustomerRegistration;
import io.loopcrm.platform.CurrentUser;
import io.loopcrm.platform.ValidationException;
import io.loopcrm.platform.imports.BulkIndexes;
import io.loopcrm.platform.imports.CsvInput;
import io.loopcrm.platform.imports.ImportProgress;
import io.loopcrm.platform.imports.ImportResult;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;

/**
 * Imports orders, one line per order line, in one transaction: a failure anywhere leaves
 * nothing behind, and running the same file again changes nothing.
 * <ol>
 * <li>The file is streamed; each line is checked in Java ({@link OrderLineParser}) and
 * valid lines go with COPY into a temporary staging table. Invalid lines are rejected
 * with line, column and reason.</li>
 * <li>Set-based SQL then rejects whole orders whose lines disagree on the order's
 * customer, time, channel, status or store, and orders of customers not on file (unless
 * missing customers are to be created as minimal profiles), adds new categories and
 * products, and compares each order with the one on file: new orders are inserted,
 * changed ones replaced (header and all lines), equal ones left alone.</li>
 * </ol>
 * The point-of-sale API goes through the same steps with the lines of one order. Counts
 * are in order lines: inserted = lines of new orders, updated = lines of changed orders,
 * unchanged = lines of orders equal to the one on file.
 */
@Component
class TransactionImporter {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(TransactionImporter.class);

	/** Orders of the API and of files without a source share one number space. */
	static final String DEFAULT_SOURCE = "default";

	private final DataSource dataSource;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final CustomerRegistration registration;

	private final MessageSource messages;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	/** Runs between checking and writing; tests use it to fail in the middle. */
	volatile Runnable beforeWrite = () -> {
	};

	/** Runs after the new orders are written, before indexes are rebuilt; for tests. */
	volatile Runnable afterInsert = () -> {
	};

	/** Takes the bulk path for any file with new orders; for tests. */
	volatile boolean bulkAlways;

	/**
	 * Refreshes what is derived from orders after a file import committed, one import at
	 * a time, so that the import itself ends when its orders are in.
	 */
	private final ExecutorService afterImport = Executors.newSingleThreadExecutor((task) -> {
		Thread thread = new Thread(task, "order-figures");
		thread.setDaemon(true);
		return thread;
	});

	/** The refresh after the latest file import; tests and benchmarks wait for it. */
	volatile CompletableFuture<Void> lastRefresh = CompletableFuture.completedFuture(null);

	TransactionImporter(DataSource dataSource, JdbcTemplate jdbc, TransactionTemplate transactions,
			CustomerRegistration registration, MessageSource messages, ApplicationEventPublisher events, Clock clock) {
		this.dataSource = dataSource;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.registration = registration;
		this.messages = messages;
		this.events = events;
		this.clock = clock;
	}

	/** What one import did, with what the listeners of {@link OrdersChanged} hear. */
	record Outcome(ImportResult result, Set<YearMonth> months) {
	}

	/**
	 * Imports a file.
	 * @param file the uploaded file
	 * @param fileName its name, for histories
	 * @param charset the declared encoding, {@code null} for UTF-8
	 * @param createMissingCustomers whether unknown customer external IDs become minimal
	 * profiles instead of rejecting their orders
	 * @param locale language of the messages
	 * @param rejectedRows where to write the rejected lines as CSV, or {@code null}
	 * @param progress told how far it is
	 * @return what it did
	 * @throws ValidationException when the file as a whole cannot be imported (field
	 * {@code file})
	 */
	ImportResult importFile(Path file, String fileName, Charset charset, boolean createMissingCustomers, Locale locale,
			OutputStream rejectedRows, ImportProgress progress) {
		Outcome outcome;
		try {
			outcome = this.transactions.execute((status) -> {
				try {
					return fileInTransaction(file, fileName, charset, createMissingCustomers, locale, rejectedRows,
							progress);
				}
				catch (IOException | SQLException ex) {
					throw new ImportFailedException(ex);
				}
			});
		}
		catch (ImportFailedException ex) {
			if (ex.getCause() instanceof CharacterCodingException) {
				throw ValidationException.of("file", "import.encoding");
			}
			throw ex;
		}
		publish(outcome, true);
		return outcome.result();
	}

	/**
	 * Records the lines of one order (the point-of-sale API).
	 * @param lines the order's lines by column
	 * @param createMissingCustomers whether an unknown customer becomes a minimal profile
	 * @param locale language of the messages
	 * @return what it did; a rejected order has its problems in {@code errors}, whose
	 * {@code line} is the 1-based index of the order line
	 */
	ImportResult importOrder(List<Map<OrderColumn, String>> lines, boolean createMissingCustomers, Locale locale) {
		Outcome outcome = this.transactions.execute((status) -> {
			try {
				return orderInTransaction(lines, createMissingCustomers, locale);
			}
			catch (IOException | SQLException ex) {
				throw new ImportFailedException(ex);
			}
		});
		publish(outcome, false);
		return outcome.result();
	}

	/**
	 * Tells the listeners (buying-behaviour figures, stored rules, category purchases)
	 * about changed months: in the background after a file import, which returns as soon
	 * as its orders are committed; directly after a single order (whose listeners wait
	 * for the nightly runs anyway).
	 */
	private void publish(Outcome outcome, boolean bulk) {
		if (outcome.months().isEmpty()) {
			return;
		}
		OrdersChanged changed = new OrdersChanged(Set.copyOf(outcome.months()), bulk);
		if (!bulk) {
			this.events.publishEvent(changed);
			return;
		}
		this.lastRefresh = CompletableFuture.runAsync(() -> {
			long start = System.nanoTime();
			try {
				this.events.publishEvent(changed);
				log.info("Figures derived from orders refreshed for {} months in {} ms", changed.months().size(),
						(System.nanoTime() - start) / 1_000_000);
			}
			catch (RuntimeException ex) {
				log.error("Refreshing the figures derived from orders failed; the nightly run repairs them", ex);
				throw ex;
			}
		}, this.afterImport);
	}

	@PreDestroy
	void stop() {
		this.afterImport.shutdownNow();
	}

	private Outcome fileInTransaction(Path file, String fileName, Charset charset, boolean createMissing, Locale locale,
			OutputStream rejectedRows, ImportProgress progress) throws IOException, SQLException {
		progress.phase(ImportProgress.Phase.READING);
		createStage();
		Reading reading;
		try (BufferedReader reader = CsvInput.open(file, charset, progress)) {
			PGCopyOutputStream copy = new PGCopyOutputStream(
					DataSourceUtils.getConnection(this.dataSource).unwrap(PGConnection.class), COPY, 1 << 16);
			Writer staged = new BufferedWriter(new OutputStreamWriter(copy, StandardCharsets.UTF_8), 1 << 16);
			try {
				reading = read(reader, locale, staged, rejectedRows);
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
		Merge merge = merge(createMissing, "import:" + fileName, locale, reading.headerText(), reading.blocks());
		if (rejectedRows != null && !merge.rejectedLines().isEmpty()) {
			appendRejected(file, charset, merge, rejectedRows);
		}
		List<ImportResult.RowError> errors = new ArrayList<>(reading.errors());
		for (ImportResult.RowError error : merge.errors()) {
			if (errors.size() < ImportResult.MAX_ERRORS) {
				errors.add(error);
			}
		}
		errors.sort((a, b) -> Long.compare(a.line(), b.line()));
		return new Outcome(
				new ImportResult(merge.inserted(), merge.updated(), merge.unchanged(),
						reading.rejected() + merge.rejected(), List.copyOf(errors), List.copyOf(reading.warnings())),
				merge.months());
	}

	private Outcome orderInTransaction(List<Map<OrderColumn, String>> lines, boolean createMissing, Locale locale)
			throws IOException, SQLException {
		createStage();
		OrderLineParser parser = new OrderLineParser(this.clock.getZone());
		OrderBlocks blocks = new OrderBlocks();
		StringBuilder staged = new StringBuilder();
		List<ImportResult.RowError> errors = new ArrayList<>();
		Map<OrderColumn, String> headerText = new EnumMap<>(OrderColumn.class);
		for (OrderColumn column : OrderColumn.values()) {
			headerText.put(column, column.getHeader());
		}
		for (int i = 0; i < lines.size(); i++) {
			Map<OrderColumn, String> cells = lines.get(i);
			List<OrderLineParser.Problem> problems = new ArrayList<>();
			OrderLineParser.Line line = parser.parse((c) -> blankToNull(cells.get(c)), problems);
			for (OrderLineParser.Problem problem : problems) {
				errors.add(new ImportResult.RowError(i + 1, problem.column().getHeader(),
						text(problem.messageKey(), locale, problem.args())));
			}
			if (line != null) {
				stage(staged, i + 1, line, blocks.next(i + 1, line));
			}
		}
		if (!errors.isEmpty()) {
			return new Outcome(new ImportResult(0, 0, 0, lines.size(), List.copyOf(errors), List.of()), Set.of());
		}
		Connection connection = DataSourceUtils.getConnection(this.dataSource);
		connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY, new StringReader(staged.toString()));
		Merge merge = merge(createMissing, "api", locale, headerText, blocks);
		return new Outcome(new ImportResult(merge.inserted(), merge.updated(), merge.unchanged(), merge.rejected(),
				merge.errors(), List.of()), merge.months());
	}

	private static String blankToNull(String value) {
		if (value == null) {
			return null;
		}
		String stripped = value.strip();
		return stripped.isEmpty() ? null : stripped;
	}

	private static final String COPY = """
			copy order_import_stage (line, customer_external_id, order_number, ordered_at, sku, product_name, category,
			  subcategory, quantity, unit_price, amount, channel, status, store, list_price, line_no) from stdin
			""";

	private void createStage() {
		this.jdbc.execute("""
				create temporary table order_import_stage (
				  line bigint not null, customer_external_id text not null, order_number text not null,
				  ordered_at timestamptz not null, sku text not null, product_name text, category text,
				  subcategory text, quantity numeric(12, 3) not null, unit_price numeric(14, 4) not null,
				  amount numeric(14, 2) not null, channel text not null, status text not null, store text,
				  list_price numeric(14, 2), line_no integer not null
				) on commit drop
				""");
	}

	private record Reading(long rejected, List<ImportResult.RowError> errors, List<ImportResult.Warning> warnings,
			Map<OrderColumn, String> headerText, OrderBlocks blocks) {
	}

	private Reading read(BufferedReader reader, Locale locale, Writer staged, OutputStream rejectedRows)
			throws IOException {
		CSVParser parser = CSVParser.parse(reader, CsvInput.format(reader));
		var records = parser.iterator();
		if (!records.hasNext()) {
			throw ValidationException.of("file", "import.empty");
		}
		List<String> headers = records.next().toList();
		int[] index = new int[OrderColumn.values().length];
		java.util.Arrays.fill(index, -1);
		Map<OrderColumn, String> headerText = new EnumMap<>(OrderColumn.class);
		List<ImportResult.Warning> warnings = new ArrayList<>();
		for (int i = 0; i < headers.size(); i++) {
			String header = headers.get(i).replace("\uFEFF", "").strip();
			OrderColumn column = OrderColumn.of(header);
			if (column == null) {
				if (!header.isEmpty()) {
					warnings.add(new ImportResult.Warning(header, text("import.unknownColumn", locale, header)));
				}
			}
			else if (index[column.ordinal()] >= 0) {
				warnings.add(new ImportResult.Warning(header, text("import.duplicateColumn", locale, header)));
			}
			else {
				index[column.ordinal()] = i;
				headerText.put(column, header);
			}
		}
		for (OrderColumn column : OrderColumn.values()) {
			if (column.isRequired() && index[column.ordinal()] < 0) {
				throw ValidationException.of("file", "commerce.import.missingColumn", column.getHeader());
			}
			headerText.putIfAbsent(column, column.getHeader());
		}
		CSVPrinter rejected = null;
		if (rejectedRows != null) {
			rejected = rejectedPrinter(rejectedRows, headers);
		}
		OrderLineParser lines = new OrderLineParser(this.clock.getZone());
		OrderBlocks blocks = new OrderBlocks();
		List<ImportResult.RowError> errors = new ArrayList<>();
		long rejectedCount = 0;
		long previousEnd = parser.getCurrentLineNumber();
		StringBuilder row = new StringBuilder(256);
		List<OrderLineParser.Problem> problems = new ArrayList<>();
		while (records.hasNext()) {
			CSVRecord record = records.next();
			long lineNumber = previousEnd + 1;
			previousEnd = parser.getCurrentLineNumber();
			problems.clear();
			Function<OrderColumn, String> cells = (column) -> {
				int i = index[column.ordinal()];
				return (i < 0 || i >= record.size()) ? null : blankToNull(record.get(i));
			};
			OrderLineParser.Line line = lines.parse(cells, problems);
			if (line != null) {
				row.setLength(0);
				stage(row, lineNumber, line, blocks.next(lineNumber, line));
				staged.append(row);
				continue;
			}
			rejectedCount++;
			List<String> reasons = new ArrayList<>();
			for (OrderLineParser.Problem problem : problems) {
				String column = headerText.get(problem.column());
				String message = text(problem.messageKey(), locale, problem.args());
				reasons.add(column + ": " + message);
				if (errors.size() < ImportResult.MAX_ERRORS) {
					errors.add(new ImportResult.RowError(lineNumber, column, message));
				}
			}
			if (rejected != null) {
				List<String> values = new ArrayList<>(record.toList());
				values.add(String.valueOf(lineNumber));
				values.add(String.join("; ", reasons));
				rejected.printRecord(values);
			}
		}
		if (rejected != null) {
			rejected.flush();
		}
		return new Reading(rejectedCount, errors, warnings, headerText, blocks);
	}

	private static CSVPrinter rejectedPrinter(OutputStream out, List<String> headers) throws IOException {
		out.write(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF });
		CSVPrinter printer = new CSVPrinter(new OutputStreamWriter(out, StandardCharsets.UTF_8), CSVFormat.DEFAULT);
		List<String> header = new ArrayList<>(headers);
		header.add("line");
		header.add("errors");
		printer.printRecord(header);
		return printer;
	}

	/** One staged line in COPY text format. */
	private static void stage(StringBuilder out, long lineNumber, OrderLineParser.Line l, int lineNo) {
		out.append(lineNumber);
		field(out, l.customerExternalId());
		field(out, l.orderNumber());
		field(out, l.orderedAt().toString());
		field(out, l.sku());
		field(out, l.productName());
		field(out, l.category());
		field(out, l.subcategory());
		field(out, l.quantity().toPlainString());
		field(out, l.unitPrice().toPlainString());
		field(out, l.amount().toPlainString());
		field(out, l.channel().name());
		field(out, l.status().name());
		field(out, l.store());
		field(out, (l.listPrice() != null) ? l.listPrice().toPlainString() : null);
		out.append('\t').append(lineNo);
		out.append('\n');
	}

	private static void field(StringBuilder out, String value) {
		out.append('\t');
		if (value == null) {
			out.append("\\N");
			return;
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '\\' -> out.append("\\\\");
				case '\t' -> out.append("\\t");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				default -> out.append(c);
			}
		}
	}

	/** What the set-based part did; counts in lines. */
	private record Merge(long inserted, long updated, long unchanged, long rejected, List<ImportResult.RowError> errors,
			BitSet rejectedLines, Set<YearMonth> months) {
	}

	private Merge merge(boolean createMissing, String detail, Locale locale, Map<OrderColumn, String> headerText,
			OrderBlocks blocks) {
		Timestamp now = Timestamp.from(this.clock.instant());
		String actor = CurrentUser.usernameOrSystem();
		Steps steps = new Steps();
		this.jdbc.execute("analyze order_import_stage");
		// sorts and hashes over a million staged lines stay in memory
		this.jdbc.execute("set local work_mem = '256MB'");
		steps.done("analyze");
		// one head per order: the values of its first line, which every other
		// line must repeat. Usually each order's lines follow each other in the
		// file: then they were numbered and compared with their order's first
		// line while reading, and the heads are the first lines; otherwise
		// sorting by order number finds them.
		this.jdbc.execute("""
				create temporary table order_import_head on commit drop as
				select order_number, line as first_line, customer_external_id, ordered_at, channel, status, store
				from order_import_stage where line_no = 1
				""");
		boolean inBlocks = Boolean.TRUE.equals(this.jdbc
			.queryForObject("select count(*) = count(distinct order_number) from order_import_head", Boolean.class));
		if (inBlocks) {
			this.jdbc.execute("""
					create temporary table order_import_bad (
					  order_number text, reason text, detail_line bigint, detail text
					) on commit drop
					""");
			this.jdbc.batchUpdate(
					"insert into order_import_bad (order_number, reason, detail_line, detail) values (?, 'conflict', ?, ?)",
					blocks.conflicts(), 1000, (ps, conflict) -> {
						ps.setString(1, conflict.orderNumber());
						ps.setLong(2, conflict.line());
						ps.setString(3, conflict.column());
					});
		}
		else {
			this.jdbc.execute("drop table order_import_head");
			this.jdbc.execute(
					"""
							create temporary table order_import_head on commit drop as
							select distinct on (order_number) order_number, line as first_line, customer_external_id, ordered_at,
							  channel, status, store
							from order_import_stage order by order_number, line
							""");
			this.jdbc.execute(
					"""
							create temporary table order_import_bad on commit drop as
							select distinct on (s.order_number) s.order_number, 'conflict'::text as reason, s.line as detail_line,
							  case when s.customer_external_id <> h.customer_external_id then 'customer_external_id'
							       when s.ordered_at <> h.ordered_at then 'ordered_at'
							       when s.channel <> h.channel then 'channel'
							       when s.status <> h.status then 'status'
							       else 'store' end as detail
							from order_import_stage s join order_import_head h on h.order_number = s.order_number
							where s.customer_external_id <> h.customer_external_id or s.ordered_at <> h.ordered_at
							  or s.channel <> h.channel or s.status <> h.status or s.store is distinct from h.store
							order by s.order_number, s.line
							""");
		}
		steps.done("heads and conflicts");
		this.jdbc.execute("""
				create temporary table order_import_customer on commit drop as
				select x.customer_external_id, k.customer_id
				from (select distinct customer_external_id from order_import_head) x
				left join customer_external_key k on k.external_id = x.customer_external_id
				""");
		if (createMissing) {
			List<String> missing = this.jdbc.queryForList(
					"select customer_external_id from order_import_customer where customer_id is null", String.class);
			if (!missing.isEmpty()) {
				this.registration.createMinimal(missing, detail);
				this.jdbc.update("""
						update order_import_customer c set customer_id = k.customer_id
						from customer_external_key k
						where c.customer_id is null and k.external_id = c.customer_external_id
						""");
			}
		}
		this.jdbc.update("""
				insert into order_import_bad (order_number, reason, detail_line, detail)
				select h.order_number, 'unknownCustomer', h.first_line, h.customer_external_id
				from order_import_head h join order_import_customer c on c.customer_external_id = h.customer_external_id
				where c.customer_id is null
				  and not exists (select 1 from order_import_bad b where b.order_number = h.order_number)
				""");
		steps.done("customers");
		List<ImportResult.RowError> errors = new ArrayList<>();
		BitSet rejectedLines = new BitSet();
		long rejected = 0;
		if (Boolean.TRUE
			.equals(this.jdbc.queryForObject("select exists (select 1 from order_import_bad)", Boolean.class))) {
			this.jdbc.query("""
					select s.line, s.order_number, b.reason, b.detail_line, b.detail, h.first_line
					from order_import_stage s join order_import_bad b on b.order_number = s.order_number
					join order_import_head h on h.order_number = s.order_number
					order by s.line
					""", (rs) -> {
				long line = rs.getLong(1);
				rejectedLines.set(Math.toIntExact(line));
				if (errors.size() < ImportResult.MAX_ERRORS) {
					String reason = rs.getString(3);
					if (reason.equals("unknownCustomer")) {
						errors.add(new ImportResult.RowError(line, headerText.get(OrderColumn.CUSTOMER_EXTERNAL_ID),
								text("commerce.import.unknownCustomer", locale, rs.getString(5))));
					}
					else {
						OrderColumn column = OrderColumn.of(rs.getString(5));
						errors.add(new ImportResult.RowError(line, headerText.get(column),
								text("commerce.import.orderConflict", locale, rs.getString(2), headerText.get(column),
										String.valueOf(rs.getLong(4)), String.valueOf(rs.getLong(6)))));
					}
				}
			});
			rejected = rejectedLines.cardinality();
			this.jdbc.update("""
					delete from order_import_stage s using order_import_bad b where b.order_number = s.order_number
					""");
		}
		steps.done("rejections");
		this.beforeWrite.run();
		upsertCategoriesAndProducts(now);
		steps.done("categories and products");
		// the orders as the file has them, with their lines numbered in file order
		this.jdbc.execute("""
				create temporary table order_import_line on commit drop as
				select s.order_number, %s as line_no, p.id as product_id, s.quantity, s.unit_price, s.amount
				from order_import_stage s join product p on p.sku = s.sku
				""".formatted(
				inBlocks ? "s.line_no" : "row_number() over (partition by s.order_number order by s.line)::int"));
		steps.done("lines numbered");
		String sequence = this.jdbc.queryForObject("select pg_get_serial_sequence('customer_order', 'id')",
				String.class);
		this.jdbc.execute(
				"""
						create temporary table order_import_order on commit drop as
						with lines as (
						  select order_number, sum(amount) as total, count(*)::int as line_count
						  from order_import_line group by order_number
						)
						select h.order_number, c.customer_id, h.ordered_at, h.channel, h.status, h.store, l.total, l.line_count,
						  o.id as existing_id,
						  case when o.id is null then nextval('%s'::regclass) end as new_id, o.ordered_at as existing_ordered_at, o.line_count as existing_line_count,
						  case when o.id is null then null
						       else not (o.customer_id = c.customer_id and o.ordered_at = h.ordered_at and o.channel = h.channel
						                 and o.status = h.status and o.store is not distinct from h.store
						                 and o.total = l.total and o.line_count = l.line_count) end as changed
						from order_import_head h
						join lines l on l.order_number = h.order_number
						join order_import_customer c on c.customer_external_id = h.customer_external_id
						left join customer_order o on o.source = '%s' and o.order_number = h.order_number
						"""
					.formatted(sequence.replace("'", "''"), DEFAULT_SOURCE));
		steps.done("orders staged");
		// headers equal (so the same number of lines, numbered 1..n on both sides): the
		// lines decide, compared pairwise by line number
		this.jdbc.update("""
				update order_import_order x set changed = true
				from (
				  select distinct x.existing_id
				  from order_import_order x
				  join order_import_line l on l.order_number = x.order_number
				  join order_line e on e.order_id = x.existing_id and e.line_no = l.line_no
				  where x.changed = false
				    and (e.product_id <> l.product_id or e.quantity <> l.quantity or e.unit_price <> l.unit_price
				         or e.amount <> l.amount)
				) d
				where x.existing_id = d.existing_id
				""");
		steps.done("lines compared");
		Set<YearMonth> months = new HashSet<>();
		this.jdbc.query("""
				select distinct date_trunc('month', t at time zone ?)::date from (
				  select ordered_at as t from order_import_order where existing_id is null or changed
				  union all
				  select existing_ordered_at from order_import_order where changed
				) m
				""", (rs) -> {
			months.add(YearMonth.from(rs.getObject(1, LocalDate.class)));
		}, this.clock.getZone().getId());
		steps.done("months");
		long unchanged = this.jdbc.queryForObject(
				"select coalesce(sum(line_count), 0) from order_import_order where existing_id is not null and not changed",
				Long.class);
		long updated = 0;
		if (this.jdbc.update("""
				update customer_order o set customer_id = x.customer_id, ordered_at = x.ordered_at, channel = x.channel,
				  status = x.status, store = x.store, total = x.total, line_count = x.line_count, updated_at = ?,
				  updated_by = ?, version = o.version + 1
				from order_import_order x where o.id = x.existing_id and x.changed
				""", now, actor) > 0) {
			this.jdbc.update("""
					delete from order_line where order_id in (select existing_id from order_import_order where changed)
					""");
			updated = this.jdbc.update("""
					insert into order_line (order_id, line_no, product_id, quantity, unit_price, amount)
					select x.existing_id, l.line_no, l.product_id, l.quantity, l.unit_price, l.amount
					from order_import_order x join order_import_line l on l.order_number = x.order_number
					where x.changed
					""");
		}
		steps.done("updates");
		// new orders got their ids while staging: orders and lines go in with plain
		// inserts; a file that at least doubles the orders on file rebuilds their
		// indexes afterwards instead of updating them line by line
		long newOrders = this.jdbc.queryForObject("select count(*) from order_import_order where existing_id is null",
				Long.class);
		Optional<BulkIndexes> bulk = (this.bulkAlways && newOrders > 0
				|| BulkIndexes.worthIt(this.jdbc, "customer_order", newOrders))
						? BulkIndexes.suspend(this.jdbc, DataSourceUtils.getConnection(this.dataSource),
								"customer_order", "order_line")
						: Optional.empty();
		// in key order when the indexes take each row, in file order when they
		// are built afterwards
		this.jdbc
			.update("""
					insert into customer_order (id, source, order_number, customer_id, ordered_at, channel, store, status, total,
					  line_count, created_at, updated_at, updated_by)
					overriding system value
					select new_id, '%s', order_number, customer_id, ordered_at, channel, store, status, total, line_count, ?, ?, ?
					from order_import_order where existing_id is null
					%s
					"""
				.formatted(DEFAULT_SOURCE, bulk.isPresent() ? "" : "order by new_id"), now, now, actor);
		long inserted = this.jdbc.update("""
				insert into order_line (order_id, line_no, product_id, quantity, unit_price, amount)
				select x.new_id, l.line_no, l.product_id, l.quantity, l.unit_price, l.amount
				from order_import_order x join order_import_line l on l.order_number = x.order_number
				where x.existing_id is null
				%s
				""".formatted(bulk.isPresent() ? "" : "order by x.new_id, l.line_no"));
		steps.done(bulk.isPresent() ? "inserts (bulk)" : "inserts");
		this.afterInsert.run();
		if (bulk.isPresent()) {
			bulk.get().restore();
			steps.done("indexes built");
		}
		return new Merge(inserted, updated, unchanged, rejected, errors, rejectedLines, months);
	}

	/**
	 * New categories (top level, then sub-categories) and products; a product on file
	 * takes the name, category and list price of the file's last line with its SKU when
	 * the file gives them.
	 */
	private void upsertCategoriesAndProducts(Timestamp now) {
		// one row per SKU first (the file's last line with it), so that the rest works on
		// products, not lines
		this.jdbc.execute("""
				create temporary table order_import_product on commit drop as
				select s.sku, s.product_name, s.list_price, s.category, s.subcategory, null::bigint as category_id
				from order_import_stage s
				join (select max(line) as line from order_import_stage group by sku) l on l.line = s.line
				""");
		this.jdbc
			.update("""
					insert into product_category (name)
					select distinct on (lower(category)) category from order_import_product x
					where category is not null
					  and not exists (select 1 from product_category c where c.parent_id is null and lower(c.name) = lower(x.category))
					order by lower(category), category
					on conflict do nothing
					""");
		this.jdbc.update("""
				update order_import_product x set category_id = c.id
				from product_category c where c.parent_id is null and lower(c.name) = lower(x.category)
				""");
		this.jdbc.update("""
				insert into product_category (parent_id, name)
				select distinct on (x.category_id, lower(x.subcategory)) x.category_id, x.subcategory
				from order_import_product x
				where x.subcategory is not null
				  and not exists (select 1 from product_category c where c.parent_id = x.category_id
				                  and lower(c.name) = lower(x.subcategory))
				order by x.category_id, lower(x.subcategory), x.subcategory
				on conflict do nothing
				""");
		this.jdbc.update("""
				update order_import_product x set category_id = c.id
				from product_category c
				where x.subcategory is not null and c.parent_id = x.category_id and lower(c.name) = lower(x.subcategory)
				""");
		this.jdbc.update("""
				insert into product (sku, name, category_id, list_price, created_at, updated_at)
				select x.sku, coalesce(x.product_name, x.sku), x.category_id, x.list_price, ?, ?
				from order_import_product x
				where not exists (select 1 from product p where p.sku = x.sku)
				order by x.sku
				on conflict (sku) do nothing
				""", now, now);
		this.jdbc.update(
				"""
						update product p set name = coalesce(x.product_name, p.name), category_id = coalesce(x.category_id, p.category_id),
						  list_price = coalesce(x.list_price, p.list_price), updated_at = ?, version = p.version + 1
						from order_import_product x
						where p.sku = x.sku
						  and (p.name is distinct from coalesce(x.product_name, p.name)
						    or p.category_id is distinct from coalesce(x.category_id, p.category_id)
						    or p.list_price is distinct from coalesce(x.list_price, p.list_price))
						""",
				now);
	}

	/**
	 * Adds the lines rejected by the set-based checks to the rejected rows, from the
	 * file.
	 */
	private void appendRejected(Path file, Charset charset, Merge merge, OutputStream out) throws IOException {
		try (BufferedReader reader = CsvInput.open(file, charset, ImportProgress.NONE)) {
			CSVParser parser = CSVParser.parse(reader, CsvInput.format(reader));
			var records = parser.iterator();
			records.next();
			Map<Long, String> reasons = new java.util.HashMap<>();
			for (ImportResult.RowError error : merge.errors()) {
				reasons.put(error.line(), error.column() + ": " + error.message());
			}
			CSVPrinter printer = new CSVPrinter(new OutputStreamWriter(out, StandardCharsets.UTF_8), CSVFormat.DEFAULT);
			long previousEnd = parser.getCurrentLineNumber();
			while (records.hasNext()) {
				CSVRecord record = records.next();
				long line = previousEnd + 1;
				previousEnd = parser.getCurrentLineNumber();
				if (line <= Integer.MAX_VALUE && merge.rejectedLines().get((int) line)) {
					List<String> values = new ArrayList<>(record.toList());
					values.add(String.valueOf(line));
					values.add(reasons.getOrDefault(line, ""));
					printer.printRecord(values);
				}
			}
			printer.flush();
		}
	}

	/** Logs how long each step of the merge took (DEBUG), for tuning large imports. */
	private static final class Steps {

		private long last = System.nanoTime();

		void done(String step) {
			long now = System.nanoTime();
			if (log.isDebugEnabled()) {
				log.debug("{}: {} ms", step, (now - this.last) / 1_000_000);
			}
			this.last = now;
		}

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

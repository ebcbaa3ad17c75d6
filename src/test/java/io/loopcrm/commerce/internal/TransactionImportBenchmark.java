package io.loopcrm.commerce.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Random;

import io.loopcrm.LoopCrmApplication;
import io.loopcrm.platform.imports.ImportProgress;
import io.loopcrm.platform.imports.ImportResult;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Transaction import throughput: writes a deterministic CSV of {@code bench.lines} order
 * lines (default 1,000,000: about 330,000 orders of 1–5 lines over two years, 2,000
 * products in 40 categories) for {@code bench.customers} customers (default 100,000,
 * created with SQL first), and imports it twice into a fresh embedded PostgreSQL: first
 * as new orders, then again (every order unchanged). Prints lines per second for reading
 * and checking (with COPY into staging) and for the merge. Run with
 * {@code bench/transaction-import/run.sh}.
 */
@Tag("bench")
class TransactionImportBenchmark {

	@Test
	void importThroughput() throws Exception {
		int lines = Integer.getInteger("bench.lines", 1_000_000);
		int customers = Integer.getInteger("bench.customers", 100_000);
		Path dir = Files.createDirectories(Path.of("target/bench"));
		Path csv = dir.resolve("order-lines-" + lines + "-" + customers + ".csv");
		if (!Files.exists(csv)) {
			write(csv, lines, customers);
		}
		System.out.printf("%nfile: %s, %,d lines, %,d bytes%n", csv, lines, Files.size(csv));
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(LoopCrmApplication.class).run(
				"--server.port=0", "--loopcrm.embedded-db.data-dir=", "--loopcrm.demo.enabled=false",
				"--logging.level.root=WARN", "--logging.level.io.loopcrm.platform.imports=INFO",
				"--logging.level.io.loopcrm.commerce.internal.TransactionImporter=DEBUG")) {
			JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
			jdbc.update("""
					insert into customer (external_id, name, created_at, updated_at, updated_by)
					select 'B' || n, 'Customer ' || n, now(), now(), 'bench' from generate_series(1, ?) n
					""", customers);
			jdbc.execute("vacuum analyze customer");
			TransactionImporter importer = app.getBean(TransactionImporter.class);
			for (String run : new String[] { "first import (all new)", "second import (all unchanged)" }) {
				Timing timing = new Timing();
				long start = System.nanoTime();
				ImportResult result = importer.importFile(csv, csv.getFileName().toString(), null, false,
						Locale.ENGLISH, null, timing);
				long end = System.nanoTime();
				double total = (end - start) / 1e9;
				double reading = (timing.merging - start) / 1e9;
				double merging = (end - timing.merging) / 1e9;
				System.out.printf("%s: inserted %,d, updated %,d, unchanged %,d, rejected %,d%n", run,
						result.inserted(), result.updated(), result.unchanged(), result.rejected());
				result.errors().stream().limit(3).forEach((e) -> System.out.println("  " + e));
				System.out.printf("  read + check + COPY  %6.1f s  %,9.0f lines/s%n", reading, lines / reading);
				System.out.printf("  merge                %6.1f s  %,9.0f lines/s%n", merging, lines / merging);
				System.out.printf("  total                %6.1f s  %,9.0f lines/s%n", total, lines / total);
				importer.lastRefresh.join();
				System.out.printf("  then, in the background: buying figures, rules and category purchases %.1f s%n",
						(System.nanoTime() - end) / 1e9);
				jdbc.execute("vacuum analyze customer_order");
				jdbc.execute("vacuum analyze order_line");
			}
		}
	}

	private static final class Timing implements ImportProgress {

		long merging;

		@Override
		public void bytesRead(long bytes) {
		}

		@Override
		public void phase(ImportProgress.Phase phase) {
			if (phase == ImportProgress.Phase.MERGING) {
				this.merging = System.nanoTime();
			}
		}

	}

	private static void write(Path csv, int lines, int customers) throws IOException {
		Random random = new Random(11);
		Instant start = Instant.parse("2024-11-01T00:00:00Z");
		long span = 730L * 86_400;
		DateTimeFormatter format = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(ZoneOffset.ofHours(8));
		String[] channels = { "store", "web", "app", "phone" };
		try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
			out.write("customer_external_id,order_id,ordered_at,sku,product_name,category,quantity,unit_price,amount,"
					+ "channel,status\n");
			int written = 0;
			int order = 0;
			while (written < lines) {
				order++;
				String head = "B" + (1 + random.nextInt(customers)) + ",BO-" + order + ","
						+ format.format(start.plusSeconds((long) (random.nextDouble() * span))) + ",";
				String tail = "," + channels[random.nextInt(4)] + ","
						+ ((random.nextInt(20) == 0) ? "refunded" : "completed") + "\n";
				int size = Math.min(lines - written, 1 + random.nextInt(5));
				for (int i = 0; i < size; i++) {
					int product = (int) Math.min(1999, Math.abs(random.nextGaussian() * 400));
					int quantity = 1 + random.nextInt(3);
					int cents = 500 + (product * 37) % 20_000;
					String price = (cents / 100) + "." + String.format("%02d", cents % 100);
					out.write(head + "SKU-" + product + ",Product " + product + ",Category " + (product % 40)
							+ " > Sub " + (product % 7) + "," + quantity + "," + price + "," + tail);
				}
				written += size;
			}
		}
	}

}

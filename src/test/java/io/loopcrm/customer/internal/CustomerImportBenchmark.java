package io.loopcrm.customer.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

import io.loopcrm.LoopCrmApplication;
import io.loopcrm.bench.BenchData;
import io.loopcrm.platform.imports.DeferredIndexes;
import io.loopcrm.platform.imports.ImportProgress;
import io.loopcrm.platform.imports.ImportResult;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Customer import throughput: writes a deterministic CSV of {@code bench.rows} customers
 * (default 1,000,000; Chinese and English names, mobile numbers, e-mails, cities, tags,
 * consents) and imports it twice into a fresh embedded PostgreSQL: first as new
 * customers, then again (every row unchanged). Prints rows per second for reading and
 * checking (with COPY into staging) and for the merge. With {@code bench.existing} that
 * many customers are generated first (then a file no larger than them is imported row by
 * row, without the bulk path). Run with {@code bench/customer-import/run.sh}.
 */
@Tag("bench")
class CustomerImportBenchmark {

	private static final String[] SURNAMES = { "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱",
			"胡", "郭", "何", "林", "高", "罗" };

	private static final String[] GIVEN = { "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "小美", "建华", "志强", "晓东", "雅婷", "怡君",
			"家豪", "淑芬", "俊杰", "思远", "子涵", "欣怡" };

	private static final String[] CITIES = { "上海", "北京", "广州", "深圳", "杭州", "成都", "南京", "武汉" };

	@Test
	void importThroughput() throws Exception {
		int rows = Integer.getInteger("bench.rows", 1_000_000);
		Path dir = Files.createDirectories(Path.of("target/bench"));
		Path csv = dir.resolve("customers-" + rows + ".csv");
		if (!Files.exists(csv)) {
			write(csv, rows);
		}
		System.out.printf("%nfile: %s, %,d rows, %,d bytes%n", csv, rows, Files.size(csv));
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(LoopCrmApplication.class).run(
				"--server.port=0", "--loopcrm.embedded-db.data-dir=", "--loopcrm.demo.enabled=false",
				"--logging.level.root=WARN", "--logging.level.io.loopcrm.platform.imports=INFO",
				"--logging.level.io.loopcrm.customer.internal.CustomerImporter=DEBUG")) {
			CustomerImporter importer = app.getBean(CustomerImporter.class);
			// customers already on file: with at least as many as the file adds, the
			// import updates the indexes row by row instead of taking the bulk path
			int existing = Integer.getInteger("bench.existing", 0);
			if (existing > 0) {
				JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
				long start = System.nanoTime();
				BenchData.generate(jdbc, 1, existing);
				jdbc.execute("vacuum analyze customer");
				System.out.printf("%,d customers on file before the import (generated in %.1f s)%n", existing,
						(System.nanoTime() - start) / 1e9);
			}
			for (String run : new String[] { "first import (all new)", "second import (all unchanged)" }) {
				Timing timing = new Timing();
				long start = System.nanoTime();
				ImportResult result = importer.run(csv, csv.getFileName().toString(), null, Locale.ENGLISH, null,
						timing);
				long end = System.nanoTime();
				double total = (end - start) / 1e9;
				double reading = (timing.merging - start) / 1e9;
				double merging = (end - timing.merging) / 1e9;
				System.out.printf("%s: inserted %,d, updated %,d, unchanged %,d, rejected %,d%n", run,
						result.inserted(), result.updated(), result.unchanged(), result.rejected());
				System.out.printf("  read + check + COPY  %6.1f s  %,9.0f rows/s%n", reading, rows / reading);
				System.out.printf("  merge                %6.1f s  %,9.0f rows/s%n", merging, rows / merging);
				System.out.printf("  total                %6.1f s  %,9.0f rows/s%n", total, rows / total);
				// search and sort indexes a bulk load left for after its commit
				app.getBean(DeferredIndexes.class).awaitBuilt(600);
				if (result.inserted() > 0) {
					System.out.printf("  then, after the commit, search and sort indexes built in %.1f s%n",
							(System.nanoTime() - end) / 1e9);
				}
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

	private static void write(Path csv, int rows) throws IOException {
		Random random = new Random(7);
		try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
			out.write("external_id,name,gender,birthday,phone,email,city,tags,consent_email,consent_sms\n");
			for (int i = 1; i <= rows; i++) {
				boolean english = random.nextInt(10) == 0;
				String name = english ? "Customer " + i
						: SURNAMES[random.nextInt(SURNAMES.length)] + GIVEN[random.nextInt(GIVEN.length)];
				out.write("IMP-" + i);
				out.write(',');
				out.write(name);
				out.write(',');
				out.write(random.nextBoolean() ? "女" : "男");
				out.write(',');
				out.write((random.nextInt(3) == 0) ? "" : String.format("%d-%02d-%02d", 1950 + random.nextInt(55),
						1 + random.nextInt(12), 1 + random.nextInt(28)));
				out.write(",1");
				out.write(new String[] { "38", "39", "86", "58", "37", "50" }[random.nextInt(6)]);
				out.write(String.format("%08d", random.nextInt(100_000_000)));
				out.write(",c" + i + "@example.cn,");
				out.write(CITIES[random.nextInt(CITIES.length)]);
				out.write(',');
				out.write(random.nextBoolean() ? "VIP|会员" : "");
				out.write(random.nextBoolean() ? ",是" : ",否");
				out.write(random.nextBoolean() ? ",true\n" : ",false\n");
			}
		}
	}

}

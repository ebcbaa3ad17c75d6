package io.loopcrm.commerce.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import io.loopcrm.platform.DemoData;
import io.loopcrm.platform.imports.ImportProgress;
import io.loopcrm.platform.imports.ImportResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * About 24 months of orders for the demo customers, through the transaction import:
 * seasonality (Chinese New Year dip, 618, Golden Week, Double 11, December), busier
 * weekends and evenings, product bundles bought together (so association rules exist),
 * list prices with discounted lines, a share of cancelled and refunded orders, customers
 * who never bought and customers who stopped buying (lapsed).
 */
@Component
class CommerceDemoData implements DemoData {

	private static final Logger log = LoggerFactory.getLogger(CommerceDemoData.class);

	/** SKU, name, category, list price; bundles refer to SKUs. */
	private static final String[][] PRODUCTS = { { "TEA-LJ", "西湖龙井 250g", "茶饮 > 茶叶", "168" },
			{ "TEA-OL", "安溪铁观音 250g", "茶饮 > 茶叶", "128" }, { "TEA-PE", "云南普洱茶饼 357g", "茶饮 > 茶叶", "198" },
			{ "COF-BN", "精品咖啡豆 500g", "茶饮 > 咖啡", "98" }, { "COF-DR", "挂耳咖啡 20 包", "茶饮 > 咖啡", "59" },
			{ "SNK-NT", "每日坚果 30 袋", "零食 > 坚果", "69" }, { "SNK-MG", "芒果干 500g", "零食 > 果干", "39" },
			{ "SNK-CK", "杏仁酥 400g", "零食 > 饼干", "45" }, { "KIT-CS", "青瓷茶杯套装", "厨房 > 茶具", "129" },
			{ "KIT-TP", "紫砂壶", "厨房 > 茶具", "239" }, { "KIT-CD", "锡制茶叶罐", "厨房 > 收纳", "89" },
			{ "CAR-FC", "保湿面霜 50ml", "个护 > 护肤", "259" }, { "CAR-SS", "防晒霜 SPF50", "个护 > 护肤", "139" },
			{ "CAR-SH", "无硅油洗发水", "个护 > 洗护", "79" }, { "APP-DJ", "轻薄羽绒服", "服饰 > 外套", "899" },
			{ "APP-WB", "防风外套", "服饰 > 外套", "499" }, { "APP-SC", "羊绒围巾", "服饰 > 配饰", "199" },
			{ "APP-GL", "触屏手套", "服饰 > 配饰", "99" }, { "HOM-DV", "蚕丝被", "家居 > 床品", "699" },
			{ "HOM-PL", "乳胶枕", "家居 > 床品", "199" } };

	/** A first product and what tends to go with it, with the chance for each. */
	private static final String[][] BUNDLES = { { "KIT-TP", "KIT-CS:0.6", "TEA-OL:0.5", "KIT-CD:0.3" },
			{ "KIT-CS", "TEA-LJ:0.45" }, { "TEA-PE", "KIT-CD:0.35" }, { "APP-DJ", "APP-SC:0.55", "APP-GL:0.4" },
			{ "APP-WB", "APP-GL:0.35" }, { "CAR-FC", "CAR-SS:0.6" }, { "COF-BN", "SNK-CK:0.45", "COF-DR:0.2" },
			{ "HOM-DV", "HOM-PL:0.7" }, { "SNK-NT", "SNK-MG:0.4" } };

	/** Orders per month relative to the average: CNY dip, 618, Golden Week, Double 11. */
	private static final double[] SEASON = { 1.0, 0.65, 0.9, 0.9, 1.0, 1.35, 0.9, 0.85, 1.0, 1.15, 1.7, 1.3 };

	/** Orders per hour of the day (local time), relative. */
	private static final double[] HOURS = { 0.2, 0.1, 0.05, 0.03, 0.03, 0.05, 0.2, 0.5, 0.8, 1.0, 1.2, 1.5, 2.0, 1.6,
			1.2, 1.1, 1.2, 1.4, 1.8, 2.4, 2.8, 2.6, 1.6, 0.7 };

	private static final String[] STORES = { "上海南京路店", "北京三里屯店", "广州天河店", "深圳万象城店", "杭州西湖店" };

	private final JdbcTemplate jdbc;

	private final TransactionImporter importer;

	private final Clock clock;

	CommerceDemoData(JdbcTemplate jdbc, TransactionImporter importer, Clock clock) {
		this.jdbc = jdbc;
		this.importer = importer;
		this.clock = clock;
	}

	@Override
	public String name() {
		return "commerce.orders";
	}

	@Override
	public int order() {
		return 20;
	}

	private record Buyer(String externalId, Instant since) {
	}

	@Override
	public void seed() {
		List<Buyer> buyers = this.jdbc.query(
				"select external_id, created_at from customer where external_id like 'DEMO-%' order by external_id",
				(rs, i) -> new Buyer(rs.getString(1), rs.getTimestamp(2).toInstant()));
		if (buyers.isEmpty()) {
			return;
		}
		try {
			Path csv = Files.createTempFile("loopcrm-demo-orders-", ".csv");
			try {
				long lines = write(csv, buyers);
				ImportResult result = this.importer.importFile(csv, "demo-orders.csv", null, false, Locale.ENGLISH,
						null, ImportProgress.NONE);
				log.info("Demo orders: {} order lines for {} customers ({} rejected)", lines, buyers.size(),
						result.rejected());
			}
			finally {
				Files.deleteIfExists(csv);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private long write(Path csv, List<Buyer> buyers) throws IOException {
		Random random = new Random(20261124L);
		ZoneId zone = this.clock.getZone();
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.SECONDS);
		LocalDate today = now.atZone(zone).toLocalDate();
		LocalDate earliest = today.minusMonths(24);
		DateTimeFormatter format = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
		long lines = 0;
		int orderNumber = 0;
		try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
			out.write("customer_external_id,order_id,ordered_at,sku,product_name,category,quantity,unit_price,amount,"
					+ "channel,status,store,list_price\n");
			for (Buyer buyer : buyers) {
				double persona = random.nextDouble();
				if (persona < 0.10) {
					continue; // never bought: a potential customer
				}
				// orders per year: log-normal, median about 5
				double perYear = Math.exp(Math.log(5) + 0.8 * random.nextGaussian());
				LocalDate start = later(buyer.since().atZone(zone).toLocalDate(), earliest);
				LocalDate end = today;
				if (persona < 0.35) {
					// lapsed: stopped buying 4 to 20 months ago
					end = today.minusDays(120 + random.nextInt(480));
				}
				String channel = pick(random, new String[] { "store", "web", "app", "phone" },
						new double[] { 0.45, 0.3, 0.2, 0.05 });
				String store = STORES[random.nextInt(STORES.length)];
				int favourite = random.nextInt(PRODUCTS.length);
				for (LocalDate day = start; !day.isAfter(end); day = day.plusDays(1)) {
					double weekday = (day.getDayOfWeek() == DayOfWeek.SATURDAY
							|| day.getDayOfWeek() == DayOfWeek.SUNDAY) ? 1.45 : 0.82;
					double chance = perYear / 365.0 * SEASON[day.getMonthValue() - 1] * weekday;
					if (random.nextDouble() >= chance) {
						continue;
					}
					ZonedDateTime at = day.atTime(hour(random), random.nextInt(60), random.nextInt(60)).atZone(zone);
					if (at.toInstant().isAfter(now)) {
						continue;
					}
					orderNumber++;
					String orderChannel = (random.nextDouble() < 0.8) ? channel : pick(random,
							new String[] { "store", "web", "app", "phone" }, new double[] { 0.4, 0.3, 0.25, 0.05 });
					String status = status(random, ChronoUnit.DAYS.between(day, today));
					String orderStore = orderChannel.equals("store") ? store : "";
					String head = buyer.externalId() + ",DEMO-O" + String.format("%06d", orderNumber) + ","
							+ at.format(format) + ",";
					boolean promotion = (day.getMonthValue() == 11 && day.getDayOfMonth() <= 11)
							|| (day.getMonthValue() == 6 && day.getDayOfMonth() <= 18);
					for (String sku : basket(random, favourite)) {
						String[] product = product(sku);
						BigDecimal list = new BigDecimal(product[3]);
						double discount = promotion ? 0.6 : 0.2;
						BigDecimal price = (random.nextDouble() < discount)
								? list.multiply(BigDecimal.valueOf(0.7 + random.nextInt(25) / 100.0))
									.setScale(2, RoundingMode.HALF_UP)
								: list;
						int quantity = (random.nextDouble() < 0.8) ? 1 : 2 + random.nextInt(2);
						out.write(head + sku + "," + product[1] + "," + product[2] + "," + quantity + ","
								+ price.toPlainString() + ",," + orderChannel + "," + status + "," + orderStore + ","
								+ list.toPlainString() + "\n");
						lines++;
					}
				}
			}
		}
		return lines;
	}

	/**
	 * The first product (often the customer's favourite) and what tends to go with it.
	 */
	private static List<String> basket(Random random, int favourite) {
		List<String> skus = new ArrayList<>();
		String first = (random.nextDouble() < 0.45) ? PRODUCTS[favourite][0]
				: PRODUCTS[random.nextInt(PRODUCTS.length)][0];
		skus.add(first);
		for (String[] bundle : BUNDLES) {
			if (bundle[0].equals(first)) {
				for (int i = 1; i < bundle.length; i++) {
					String[] partner = bundle[i].split(":");
					if (random.nextDouble() < Double.parseDouble(partner[1])) {
						skus.add(partner[0]);
					}
				}
			}
		}
		if (random.nextDouble() < 0.25) {
			String extra = PRODUCTS[random.nextInt(PRODUCTS.length)][0];
			if (!skus.contains(extra)) {
				skus.add(extra);
			}
		}
		return skus;
	}

	private static String[] product(String sku) {
		for (String[] product : PRODUCTS) {
			if (product[0].equals(sku)) {
				return product;
			}
		}
		throw new IllegalArgumentException(sku);
	}

	private static String status(Random random, long daysAgo) {
		if (daysAgo <= 2 && random.nextDouble() < 0.5) {
			return (random.nextBoolean()) ? "pending" : "paid";
		}
		if (daysAgo <= 6 && random.nextDouble() < 0.4) {
			return "shipped";
		}
		double r = random.nextDouble();
		return (r < 0.03) ? "cancelled" : (r < 0.06) ? "refunded" : "completed";
	}

	private static int hour(Random random) {
		double total = 0;
		for (double weight : HOURS) {
			total += weight;
		}
		double r = random.nextDouble() * total;
		for (int h = 0; h < HOURS.length; h++) {
			r -= HOURS[h];
			if (r < 0) {
				return h;
			}
		}
		return 23;
	}

	private static String pick(Random random, String[] values, double[] weights) {
		double r = random.nextDouble();
		for (int i = 0; i < values.length; i++) {
			r -= weights[i];
			if (r < 0) {
				return values[i];
			}
		}
		return values[values.length - 1];
	}

	private static LocalDate later(LocalDate a, LocalDate b) {
		return a.isAfter(b) ? a : b;
	}

}

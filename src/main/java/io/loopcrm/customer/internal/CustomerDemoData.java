package io.loopcrm.customer.internal;

import java.sql.Array;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import io.loopcrm.platform.DemoData;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * About 3,000 customers for the demo: Chinese and English names, mainland, Taiwan and
 * Hong Kong numbers, cities, tags, consents and owners, created over the last two years.
 * A few pairs share a phone or e-mail written differently, so the duplicates page has
 * something to show, and a few files lack contact details, for the data-quality page.
 * Deterministic: a fixed seed and the application clock.
 */
@Component
class CustomerDemoData implements DemoData {

	static final int COUNT = 3_000;

	static final int DUPLICATES = 15;

	private static final String[] SURNAMES = { "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱",
			"胡", "郭", "何", "林", "高", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "萧", "田", "董",
			"潘", "袁", "蔡", "蒋", "余" };

	private static final String[] SURNAMES_PINYIN = { "wang", "li", "zhang", "liu", "chen", "yang", "huang", "zhao",
			"wu", "zhou", "xu", "sun", "ma", "zhu", "hu", "guo", "he", "lin", "gao", "luo", "zheng", "liang", "xie",
			"song", "tang", "xu", "han", "feng", "deng", "cao", "peng", "zeng", "xiao", "tian", "dong", "pan", "yuan",
			"cai", "jiang", "yu" };

	private static final String[] GIVEN = { "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛",
			"明", "超", "秀英", "霞", "平", "刚", "桂英", "小美", "建华", "志强", "晓东", "雅婷", "怡君", "家豪", "淑芬", "俊杰", "思远", "子涵", "欣怡",
			"浩然", "梓萱", "宇轩", "雨桐", "嘉怡", "文博" };

	private static final String[] GIVEN_PINYIN = { "wei", "fang", "na", "min", "jing", "li", "qiang", "lei", "jun",
			"yang", "yong", "yan", "jie", "juan", "tao", "ming", "chao", "xiuying", "xia", "ping", "gang", "guiying",
			"xiaomei", "jianhua", "zhiqiang", "xiaodong", "yating", "yijun", "jiahao", "shufen", "junjie", "siyuan",
			"zihan", "xinyi", "haoran", "zixuan", "yuxuan", "yutong", "jiayi", "wenbo" };

	private static final String[] ENGLISH_FIRST = { "Emma", "Liam", "Olivia", "Noah", "Ava", "James", "Sophia", "Lucas",
			"Mia", "Ethan", "Grace", "Daniel", "Chloe", "Henry", "Zoe", "Jack", "Lily", "Ryan", "Ella", "Nathan" };

	private static final String[] ENGLISH_LAST = { "Smith", "Johnson", "Brown", "Taylor", "Wilson", "Evans", "Walker",
			"Wright", "Chan", "Wong", "Lee", "Ng", "Cheung", "Lau", "Martin", "Clarke" };

	/** city, region, phone country, share in percent. */
	private static final String[][] CITIES = { { "上海", "上海", "86", "18" }, { "北京", "北京", "86", "15" },
			{ "广州", "广东", "86", "11" }, { "深圳", "广东", "86", "11" }, { "杭州", "浙江", "86", "9" },
			{ "成都", "四川", "86", "8" }, { "南京", "江苏", "86", "7" }, { "武汉", "湖北", "86", "6" }, { "台北", "台湾", "886", "8" },
			{ "香港", "香港", "852", "7" } };

	private static final String[] TAGS = { "VIP", "会员", "新品偏好", "价格敏感", "高频到店", "线上购物", "家庭客户", "企业客户", "生日月", "投诉过",
			"推荐人", "summer-2026" };

	private static final String[] OCCUPATIONS = { "OFFICE", "PROFESSIONAL", "MANAGEMENT", "SERVICE", "MANUFACTURING",
			"SELF_EMPLOYED", "PUBLIC_SECTOR", "STUDENT", "RETIRED", "HOMEMAKER" };

	private static final String[] SOURCES = { "WEB_FORM", "STORE_VISIT", "STORE_VISIT", "PHONE", "EVENT", "REFERRAL" };

	private static final String[] PREFERRED = { "EMAIL", "SMS", "PHONE", "WECHAT", "WECHAT", "IN_PERSON" };

	private final JdbcTemplate jdbc;

	private final Clock clock;

	CustomerDemoData(JdbcTemplate jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	public String name() {
		return "customer.customers";
	}

	@Override
	public int order() {
		return 10;
	}

	@Override
	public void seed() {
		List<Long> owners = this.jdbc.queryForList(
				"select id from app_user where username in ('staff', 'staff2', 'agent', 'agent2', 'manager') order by id",
				Long.class);
		Random random = new Random(20261123L);
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.SECONDS);
		List<Object[]> rows = new ArrayList<>(COUNT);
		for (int i = 1; i <= COUNT - DUPLICATES; i++) {
			rows.add(customer(i, random, owners, now));
		}
		// the same person registered twice: same phone, the name written with a space
		for (int i = COUNT - DUPLICATES + 1; i <= COUNT; i++) {
			Object[] original = rows.get(random.nextInt(rows.size()));
			Object[] copy = customer(i, random, owners, now);
			copy[1] = ((String) original[1]).replaceFirst("^(\\p{IsHan})", "$1 ");
			copy[6] = original[6];
			copy[7] = original[7];
			copy[11] = original[11];
			copy[12] = original[12];
			rows.add(copy);
		}
		this.jdbc.batchUpdate(
				"""
						insert into customer (external_id, name, gender, birthday, age_band, occupation, phone, phones, email,
						  emails, wechat_id, city, region, preferred_channel, source_channel, tags, owner_id, notes,
						  consent_email, consent_email_at, consent_email_source, consent_sms, consent_sms_at, consent_sms_source,
						  consent_phone, consent_phone_at, consent_phone_source, created_at, updated_at, updated_by)
						values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'system')
						""",
				rows, 500, this::bind);
		this.jdbc.update("""
				insert into customer_history (customer_id, occurred_at, actor, action, detail)
				select id, created_at, 'system', 'CREATED', 'demo' from customer where external_id like 'DEMO-%'
				""");
	}

	private Object[] customer(int i, Random random, List<Long> owners, Instant now) {
		String[] city = pickCity(random);
		boolean english = random.nextInt(100) < ("86".equals(city[2]) ? 8 : 35);
		String name;
		String mailName;
		if (english) {
			String first = ENGLISH_FIRST[random.nextInt(ENGLISH_FIRST.length)];
			String last = ENGLISH_LAST[random.nextInt(ENGLISH_LAST.length)];
			name = first + " " + last;
			mailName = (first + "." + last).toLowerCase(Locale.ROOT);
		}
		else {
			int s = random.nextInt(SURNAMES.length);
			int g = random.nextInt(GIVEN.length);
			name = SURNAMES[s] + GIVEN[g];
			mailName = SURNAMES_PINYIN[s] + "." + GIVEN_PINYIN[g];
		}
		boolean noContact = random.nextInt(100) < 4;
		String phone = noContact ? null : phone(city[2], random);
		String email = (noContact || random.nextInt(100) < 25) ? null : mailName + (10 + random.nextInt(990)) + "@"
				+ new String[] { "example.cn", "example.com", "mail.example.tw" }[random.nextInt(3)];
		String wechat = (!"86".equals(city[2]) || random.nextInt(100) < 40) ? null
				: "wx_" + mailName.replace(".", "_") + random.nextInt(1000);
		LocalDate birthday = (random.nextInt(100) < 55)
				? LocalDate.of(1950 + random.nextInt(55), 1 + random.nextInt(12), 1 + random.nextInt(28)) : null;
		String ageBand = (birthday == null && random.nextInt(100) < 50)
				? new String[] { "18-24", "25-34", "35-44", "45-54", "55-64" }[random.nextInt(5)] : null;
		String gender = new String[] { "FEMALE", "MALE", "FEMALE", "MALE", null, "UNDISCLOSED" }[random.nextInt(6)];
		List<String> tags = new ArrayList<>();
		int tagCount = random.nextInt(4);
		for (int t = 0; t < tagCount; t++) {
			String tag = TAGS[random.nextInt(TAGS.length)];
			if (!tags.contains(tag)) {
				tags.add(tag);
			}
		}
		Instant created = now.minus(1 + random.nextInt(730), ChronoUnit.DAYS)
			.minus(random.nextInt(86_400), ChronoUnit.SECONDS);
		boolean consentEmail = email != null && random.nextInt(100) < 55;
		boolean consentSms = phone != null && random.nextInt(100) < 45;
		boolean consentPhone = phone != null && random.nextInt(100) < 20;
		Long owner = (owners.isEmpty() || random.nextInt(100) < 20) ? null : owners.get(random.nextInt(owners.size()));
		String source = SOURCES[random.nextInt(SOURCES.length)];
		String notes = (random.nextInt(100) < 10) ? "偏好周末到店，喜欢新品试用。" : null;
		return new Object[] { "DEMO-" + String.format("%05d", i), name, gender, birthday, ageBand,
				OCCUPATIONS[random.nextInt(OCCUPATIONS.length)], phone, (phone != null) ? List.of(phone) : List.of(),
				email, (email != null) ? List.of(email) : List.of(), wechat, city[0], city[1],
				PREFERRED[random.nextInt(PREFERRED.length)], source, tags, owner, notes, consentEmail,
				consentEmail ? created : null, consentEmail ? "demo:" + source.toLowerCase(Locale.ROOT) : null,
				consentSms, consentSms ? created : null, consentSms ? "demo:" + source.toLowerCase(Locale.ROOT) : null,
				consentPhone, consentPhone ? created : null,
				consentPhone ? "demo:" + source.toLowerCase(Locale.ROOT) : null, created,
				created.plus(random.nextInt(200), ChronoUnit.DAYS).isBefore(now)
						? created.plus(random.nextInt(200), ChronoUnit.DAYS) : created };
	}

	private void bind(PreparedStatement ps, Object[] row) throws SQLException {
		for (int i = 0; i < row.length; i++) {
			Object value = row[i];
			int index = i + 1;
			if (value instanceof List<?> list) {
				Array array = ps.getConnection().createArrayOf("text", list.toArray());
				ps.setArray(index, array);
			}
			else if (value instanceof Instant instant) {
				ps.setTimestamp(index, Timestamp.from(instant));
			}
			else if (value instanceof LocalDate date) {
				ps.setDate(index, Date.valueOf(date));
			}
			else if (value == null) {
				ps.setNull(index, Types.OTHER);
			}
			else {
				ps.setObject(index, value);
			}
		}
	}

	private static String[] pickCity(Random random) {
		int roll = random.nextInt(100);
		int sum = 0;
		for (String[] city : CITIES) {
			sum += Integer.parseInt(city[3]);
			if (roll < sum) {
				return city;
			}
		}
		return CITIES[0];
	}

	private static String phone(String country, Random random) {
		return switch (country) {
			case "886" -> "+8869" + digits(random, 8);
			case "852" -> "+852" + new String[] { "5", "6", "9" }[random.nextInt(3)] + digits(random, 7);
			default -> "+861" + new String[] { "38", "39", "86", "58", "37", "50", "88" }[random.nextInt(7)]
					+ digits(random, 8);
		};
	}

	private static String digits(Random random, int count) {
		StringBuilder digits = new StringBuilder();
		for (int i = 0; i < count; i++) {
			digits.append(random.nextInt(10));
		}
		return digits.toString();
	}

}

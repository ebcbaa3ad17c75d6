package io.loopcrm.bench;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Deterministic bulk customers for benchmarks, generated in SQL from a hash of the row
 * number: Chinese names (90 %) from 40 surnames and 40 × 40 given-name parts, English
 * names (10 %), mainland, Taiwan and Hong Kong mobile numbers, e-mails, ten cities, tags,
 * consents and creation dates spread over three years.
 */
public final class BenchData {

	private BenchData() {
	}

	public static void generate(JdbcTemplate jdbc, int from, int to) {
		int batch = 100_000;
		for (int start = from; start <= to; start += batch) {
			int end = Math.min(to, start + batch - 1);
			jdbc.update(
					"""
							insert into customer (external_id, name, gender, phone, phones, email, emails, city, region,
							  source_channel, tags, consent_email, consent_sms, created_at, updated_at, updated_by)
							select 'B' || lpad(i::text, 7, '0'), name,
							  (array['FEMALE', 'MALE', 'FEMALE', 'MALE', 'UNDISCLOSED'])[1 + h % 5],
							  phone, case when phone is null then '{}' else array[phone] end,
							  email, case when email is null then '{}' else array[email] end,
							  (array['上海','北京','广州','深圳','杭州','成都','南京','武汉','台北','香港'])[1 + (h / 7) % 10],
							  (array['上海','北京','广东','广东','浙江','四川','江苏','湖北','台湾','香港'])[1 + (h / 7) % 10],
							  'IMPORT',
							  case when h % 4 = 0 then array['VIP'] when h % 4 = 1 then array['会员', '价格敏感'] else '{}' end,
							  email is not null and h % 3 = 0, phone is not null and h % 2 = 0,
							  timestamptz '2023-11-01 00:00:00+08' + make_interval(secs => (h % 94608000)),
							  timestamptz '2023-11-01 00:00:00+08' + make_interval(secs => (h % 94608000)), 'bench'
							from (
							  select i, h,
							    case when h % 10 = 0 then
							      (array['Emma','Liam','Olivia','Noah','Ava','James','Sophia','Lucas','Mia','Ethan','Grace',
							             'Daniel','Chloe','Henry','Zoe','Jack','Lily','Ryan','Ella','Nathan'])[1 + (h / 10) % 20]
							      || ' ' ||
							      (array['Smith','Johnson','Brown','Taylor','Wilson','Evans','Walker','Wright','Chan','Wong',
							             'Lee','Ng','Cheung','Lau','Martin','Clarke'])[1 + (h / 200) % 16]
							    else
							      (array['王','李','张','刘','陈','杨','黄','赵','吴','周','徐','孙','马','朱','胡','郭','何','林','高',
							             '罗','郑','梁','谢','宋','唐','许','韩','冯','邓','曹','彭','曾','萧','田','董','潘','袁','蔡',
							             '蒋','欧阳'])[1 + h % 40]
							      || (array['伟','芳','娜','敏','静','丽','强','磊','军','洋','勇','艳','杰','娟','涛','明','超',
							             '秀','霞','平','刚','桂','小','建','志','晓','雅','怡','家','淑','俊','思','子','欣','浩',
							             '梓','宇','雨','嘉','文'])[1 + (h / 40) % 40]
							      || (array['','华','美','东','强','婷','君','豪','芬','杰','远','涵','怡','然','萱','轩','桐',
							             '博','英','明','伟','娜','宁','琳','峰','鹏','斌','辉','玲','燕','霞','龙','凤','云',
							             '海','波','亮','红','梅','兰'])[1 + (h / 1600) % 40]
							    end as name,
							    case when h % 25 = 0 then null
							         when (h / 7) % 10 = 8 then '+8869' || lpad(((h / 3) % 100000000)::text, 8, '0')
							         when (h / 7) % 10 = 9 then '+8526' || lpad(((h / 3) % 10000000)::text, 7, '0')
							         else '+861' || (array['38','39','86','58','37','50','88'])[1 + (h / 11) % 7]
							              || lpad(((h / 3) % 100000000)::text, 8, '0') end as phone,
							    case when h % 4 = 3 then null
							         else (array['wang','li','zhang','liu','chen','yang','huang','zhao','wu','zhou'])[1 + h % 10]
							              || '.' || (array['wei','na','min','jing','li','qiang','lei','jun','yang','fang'])[1 + (h / 13) % 10]
							              || (i % 1000)::text || '@' || (array['example.cn','example.com','mail.example.tw'])[1 + (h / 17) % 3]
							    end as email
							  from (select i, (hashint4(i)::bigint & 2147483647) as h from generate_series(?, ?) as i) seq
							) s
							""",
					start, end);
		}
	}

}

package io.loopcrm.bench;

import java.net.CookieManager;
import java.net.http.HttpClient;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

import io.loopcrm.LoopCrmApplication;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The agent queue at scale: fills an embedded PostgreSQL under
 * {@code target/bench/tickets-pg} with {@code bench.tickets} tickets (default 500,000;
 * generated once, deterministically, set-based in SQL: 80 % closed over two years, 20 %
 * open over the last five days in every open status, owned by the demo manager and 49
 * bench agents — ten of them one team — or nobody, some breached, some paused; flags and
 * escalations as the SLA job would have left them, so that it finds nothing to do),
 * starts LoopCRM on it and times each queue page over HTTP on loopback as the signed-in
 * manager after a warm-up. Prints p50/p95/p99. Run with
 * {@code bench/ticket-queue/run.sh}.
 */
@Tag("bench")
class TicketQueueBenchmark {

	static final int WARM_UP = 50;

	static final int MEASURED = 300;

	static final List<String> QUEUES = List.of("mine", "team", "unassigned", "due-soon", "breached", "all");

	@Test
	void queuePages() throws Exception {
		int tickets = Integer.getInteger("bench.tickets", 500_000);
		String dataDir = System.getProperty("bench.dataDir", "target/bench/tickets-pg");
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(LoopCrmApplication.class).run(
				"--server.port=0", "--loopcrm.embedded-db.data-dir=" + dataDir, "--loopcrm.demo.enabled=true",
				"--logging.level.root=WARN")) {
			JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
			long existing = jdbc.queryForObject("select count(*) from ticket where created_by = 'bench'", Long.class);
			if (existing < tickets) {
				long start = System.nanoTime();
				generate(jdbc, (int) existing + 1, tickets);
				System.out.printf("generated %,d tickets in %.1f s%n", tickets - existing,
						(System.nanoTime() - start) / 1e9);
			}
			jdbc.execute("vacuum analyze ticket");
			long total = jdbc.queryForObject("select count(*) from ticket", Long.class);
			long open = jdbc.queryForObject("select count(*) from ticket where status <> 'CLOSED'", Long.class);
			String base = "http://localhost:" + app.getBean(Environment.class).getProperty("local.server.port");
			HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
			BenchHttp.signIn(http, base);
			Random random = new Random(42);
			System.out.printf("%n%,d tickets in the database, %,d open%n", total, open);
			// warm every page up once before measuring any (JIT, caches, connection pool)
			for (int i = 0; i < 4 * WARM_UP; i++) {
				BenchHttp.get(http, base + "/tickets?queue=" + QUEUES.get(i % QUEUES.size()) + variant(random));
			}
			for (String owner : List.of("manager", "bench.agent07")) {
				String plan = String.join("\n",
						jdbc.queryForList(
								"explain (analyze, buffers) select id from ticket "
										+ "where status <> 'CLOSED' and owner = ? order by next_due, id limit 26",
								String.class, owner));
				System.out.printf("plan of 'mine' for %s:%n%s%n", owner, plan);
			}
			for (String queue : QUEUES) {
				// first page mostly, sometimes a filter or a later page, as agents click
				double[] millis = measure(http, () -> base + "/tickets?queue=" + queue + variant(random));
				print("queue " + queue, millis);
			}
			List<Long> ids = jdbc.queryForList(
					"select id from ticket where created_by = 'bench' and status <> 'CLOSED' order by hashint4(cast(id as int)) limit 500",
					Long.class);
			print("ticket page", measure(http, () -> base + "/tickets/" + ids.get(random.nextInt(ids.size()))));
			print("queue mine again (at the end)", measure(http, () -> base + "/tickets?queue=mine" + variant(random)));
			print("queue mine, priority filter",
					measure(http, () -> base + "/tickets?queue=mine&priority=" + (random.nextBoolean() ? "HIGH" : "")));
		}
	}

	private static String variant(Random random) {
		int r = random.nextInt(10);
		return switch (r) {
			case 0 -> "&priority=URGENT";
			case 1 -> "&kind=COMPLAINT";
			case 2 -> "&page=1";
			case 3 -> "&status=IN_PROGRESS";
			default -> "";
		};
	}

	static void generate(JdbcTemplate jdbc, int from, int to) {
		jdbc.update(
				"""
						insert into app_user (username, password_hash, display_name, created_at, updated_at)
						select 'bench.agent' || lpad(i::text, 2, '0'), (select password_hash from app_user where username = 'manager'),
						       'Bench agent ' || i, now(), now()
						from generate_series(1, 49) i
						on conflict (username) do nothing
						""");
		jdbc.update("""
				insert into app_user_role (user_id, role)
				select id, 'AGENT' from app_user where username like 'bench.agent%' on conflict do nothing
				""");
		jdbc.update("insert into app_team (name, created_at) values ('Bench team', now()) on conflict do nothing");
		jdbc.update(
				"""
						insert into app_team_member (team_id, user_id)
						select t.id, u.id from app_team t, app_user u
						where t.name = 'Bench team' and (u.username = 'manager' or u.username between 'bench.agent01' and 'bench.agent09')
						on conflict do nothing
						""");
		int batch = 100_000;
		for (int start = from; start <= to; start += batch) {
			int end = Math.min(to, start + batch - 1);
			jdbc.update(
					"""
							insert into ticket (customer_id, kind, channel, category_id, priority, subject, description, status,
							  owner, first_response_minutes, resolution_minutes, warn_percent, first_response_due,
							  first_response_warn_at, first_response_at, resolution_due, resolution_warn_at,
							  resolution_breached_at, resolution_warned_at, first_response_warned_at, first_response_breached_at,
							  escalated_at, escalated_to, paused_since, closed_at, closed_by, customer_confirmed,
							  satisfied, created_at, created_by, updated_at, updated_by)
							select c.ids[1 + h % c.n], (array['INQUIRY','SUGGESTION','PRAISE','COMPLAINT'])[1 + h % 4],
							  (array['WEB_FORM','SOCIAL','CHAT','PHONE','EMAIL','FACE_TO_FACE','SURVEY'])[1 + (h / 4) % 7],
							  k.ids[1 + (h / 28) % k.n], (array['LOW','NORMAL','NORMAL','HIGH','URGENT'])[1 + (h / 7) % 5],
							  'Bench ticket ' || i, 'Generated for the queue benchmark', status,
							  case when status <> 'CLOSED' and h % 10 = 0 then null
							       when (h / 10) % 50 = 0 then 'manager'
							       else 'bench.agent' || lpad(((h / 10) % 50)::text, 2, '0') end,
							  240, 1620, 75, created + interval '4 hours', created + interval '3 hours',
							  case when status = 'RECEIVED' or status = 'VERIFIED' then null else created + interval '1 hour' end,
							  due, due - interval '1 day',
							  case when breached then due end,
							  case when breached or (status <> 'CLOSED' and due - interval '1 day' <= now()) then due - interval '1 day' end,
							  case when fr_late then created + interval '3 hours' end,
							  case when fr_late then created + interval '4 hours' end,
							  case when status <> 'CLOSED' and (breached or fr_late) then now() end,
							  case when status <> 'CLOSED' and (breached or fr_late) then 'manager' end,
							  case when status = 'WAITING_CUSTOMER' then now() - interval '1 hour' end,
							  case when status = 'CLOSED' then created + interval '1 day' end,
							  case when status = 'CLOSED' then 'bench' end,
							  case when status = 'CLOSED' then true end,
							  case when status = 'CLOSED' then h % 5 <> 0 end,
							  created, 'bench', created, 'bench'
							from (
							  select i, h, status, created,
							    case when status <> 'CLOSED' and h % 100 < 15 then now() - make_interval(secs => h % 86400)
							         when status <> 'CLOSED' then now() + make_interval(hours => (1 + h % 168)::int)
							         else created + interval '3 days' end as due,
							    (status <> 'CLOSED' and h % 100 < 15) or (status = 'CLOSED' and h % 10 = 0) as breached,
							    -- as the SLA job would have left them: first responses past due are flagged
							    status in ('RECEIVED', 'VERIFIED') and created + interval '4 hours' <= now() as fr_late
							  from (
							    select i, h,
							      case when i % 5 <> 0 then 'CLOSED'
							           else (array['RECEIVED','VERIFIED','IN_PROGRESS','WAITING_CUSTOMER','REPLIED','REOPENED'])[1 + (h / 3) % 6]
							      end as status,
							      case when i % 5 <> 0 then now() - make_interval(secs => h % (730 * 86400))
							           else now() - make_interval(secs => h % (5 * 86400)) end as created
							    from (select i, (hashint4(i)::bigint & 2147483647) as h from generate_series(?, ?) as i) s
							  ) s2
							) t,
							(select array_agg(customer_id order by customer_id) as ids, count(*)::int as n from customer_directory) c,
							(select array_agg(id order by id) as ids, count(*)::int as n from feedback_category where code is not null) k
							""",
					start, end);
		}
	}

	private static double[] measure(HttpClient http, Supplier<String> url) throws Exception {
		for (int i = 0; i < WARM_UP; i++) {
			BenchHttp.get(http, url.get());
		}
		double[] millis = new double[MEASURED];
		for (int i = 0; i < MEASURED; i++) {
			String u = url.get();
			long start = System.nanoTime();
			BenchHttp.get(http, u);
			millis[i] = (System.nanoTime() - start) / 1e6;
		}
		Arrays.sort(millis);
		return millis;
	}

	private static void print(String what, double[] sorted) {
		System.out.printf("%-28s n=%d  p50 %6.1f ms  p95 %6.1f ms  p99 %6.1f ms  max %6.1f ms%n", what, sorted.length,
				BenchHttp.percentile(sorted, 50), BenchHttp.percentile(sorted, 95), BenchHttp.percentile(sorted, 99),
				sorted[sorted.length - 1]);
	}

}

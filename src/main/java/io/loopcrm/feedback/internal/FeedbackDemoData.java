package io.loopcrm.feedback.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;

import io.loopcrm.feedback.TicketChannel;
import io.loopcrm.feedback.TicketKind;
import io.loopcrm.feedback.TicketPriority;
import io.loopcrm.feedback.TicketStatus;
import io.loopcrm.platform.DemoData;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * About 900 demo tickets over the last 24 months, each played through the workflow on the
 * business calendar by the demo agents: most are closed (some late, some reopened, some
 * with a dissatisfied customer), the recent ones stand in every status — unassigned,
 * waiting on the customer (paused), replied — and the SLA job then flags and escalates
 * the open ones that are past due. One recent complaint stands in each status whatever
 * the random ones came to. Also: category managers, two teams and the demo users' e-mail
 * addresses. Deterministic: a fixed seed and the application clock.
 */
@Component
class FeedbackDemoData implements DemoData {

	static final int COUNT = 900;

	private static final String[] AGENTS = { "agent", "agent2", "manager" };

	private static final String[][] SUBJECTS = {
			{ "PRODUCT_QUALITY", "羽绒服拉链坏了", "Teapot lid cracked after a week", "面霜用后过敏", "保温杯漏水" },
			{ "SERVICE_QUALITY", "门店店员态度冷淡", "Waited 40 minutes at the counter", "客服电话一直占线", "店员推荐很专业" },
			{ "AFTER_SALES", "申请退货三天无人处理", "Warranty repair of the kettle", "换货进度查询", "退款未到账" },
			{ "DELIVERY", "快递延误五天", "Parcel delivered to the wrong address", "包装破损", "能否指定送货时间" },
			{ "PRICE_BILLING", "发票抬头开错", "Charged twice for one order", "会员折扣未生效", "优惠券无法使用" },
			{ "OTHER", "建议增加夜间营业时间", "Thank you for the birthday gift", "希望开通微信支付", "门店停车位太少" } };

	private final JdbcClient jdbc;

	private final TicketRepository tickets;

	private final TicketHistory history;

	private final Categories categories;

	private final SlaPolicies policies;

	private final BusinessCalendars calendars;

	private final SlaMonitor monitor;

	private final Clock clock;

	FeedbackDemoData(JdbcClient jdbc, TicketRepository tickets, TicketHistory history, Categories categories,
			SlaPolicies policies, BusinessCalendars calendars, SlaMonitor monitor, Clock clock) {
		this.jdbc = jdbc;
		this.tickets = tickets;
		this.history = history;
		this.categories = categories;
		this.policies = policies;
		this.calendars = calendars;
		this.monitor = monitor;
		this.clock = clock;
	}

	@Override
	public String name() {
		return "feedback.tickets";
	}

	@Override
	public int order() {
		return 40;
	}

	@Override
	public void seed() {
		this.jdbc.sql("update feedback_category set escalation_manager = 'manager' where code is not null").update();
		this.jdbc
			.sql("update app_user set email = username || '@demo.loopcrm.example' where email is null "
					+ "and username in ('admin', 'manager', 'agent', 'agent2', 'staff', 'staff2')")
			.update();
		team("一线客服 Front desk", "agent", "agent2", "manager");
		team("售后 After-sales", "agent2");
		List<Long> customers = this.jdbc.sql("select customer_id from customer_directory order by customer_id")
			.query(Long.class)
			.list();
		if (customers.isEmpty()) {
			return;
		}
		List<Categories.Category> categoryList = this.categories.all();
		BusinessCalendar calendar = this.calendars.current();
		Instant now = this.clock.instant();
		Random random = new Random(20261123);
		for (int i = 0; i < COUNT; i++) {
			long customer = customers.get(random.nextInt(customers.size()));
			// 15 % in the last fortnight, so every open status has tickets; the rest over
			// 24 months
			long ageMinutes = (random.nextDouble() < 0.15) ? random.nextInt(14 * 24 * 60)
					: random.nextInt(730 * 24 * 60);
			Instant created = now.minus(Duration.ofMinutes(ageMinutes));
			play(random, calendar, now, created, customer, categoryList);
		}
		// one recent ticket in every open status, whatever the random ones came to
		int n = 0;
		for (TicketStatus status : TicketStatus.values()) {
			showcase(status, customers.get((37 * n++) % customers.size()), categoryList, calendar, now);
		}
		this.tickets.flush();
		this.monitor.run();
	}

	private void showcase(TicketStatus target, long customer, List<Categories.Category> categoryList,
			BusinessCalendar calendar, Instant now) {
		Categories.Category category = categoryList.get(target.ordinal() % Math.min(6, categoryList.size()));
		String subject = subjectsOf(category.code())[1 + target.ordinal() % 4];
		Instant at = now.minus(Duration.ofHours(30));
		Ticket t = new Ticket(customer, TicketKind.COMPLAINT, TicketChannel.PHONE, category.id(), TicketPriority.HIGH,
				subject, subject + " — 顾客来电投诉。 The customer called to complain.", null,
				this.policies.of(category.id(), TicketPriority.HIGH), calendar, at, "staff");
		this.tickets.save(t);
		this.tickets.flush();
		long id = t.getId();
		event(id, at, "staff", "opened", null, TicketStatus.RECEIVED, null);
		List<TicketStatus> path = switch (target) {
			case RECEIVED -> List.of();
			case VERIFIED -> List.of(TicketStatus.VERIFIED);
			case IN_PROGRESS -> List.of(TicketStatus.VERIFIED, TicketStatus.IN_PROGRESS);
			case WAITING_CUSTOMER ->
				List.of(TicketStatus.VERIFIED, TicketStatus.IN_PROGRESS, TicketStatus.WAITING_CUSTOMER);
			case REPLIED -> List.of(TicketStatus.VERIFIED, TicketStatus.IN_PROGRESS, TicketStatus.REPLIED);
			case CLOSED ->
				List.of(TicketStatus.VERIFIED, TicketStatus.IN_PROGRESS, TicketStatus.REPLIED, TicketStatus.CLOSED);
			case REOPENED -> List.of(TicketStatus.VERIFIED, TicketStatus.IN_PROGRESS, TicketStatus.REPLIED,
					TicketStatus.CLOSED, TicketStatus.REOPENED);
		};
		for (TicketStatus step : path) {
			at = at.plus(Duration.ofMinutes(20));
			TicketStatus from = t.getStatus();
			String action;
			String body = null;
			switch (step) {
				case VERIFIED -> {
					t.moveTo(TicketStatus.VERIFIED, at, "agent");
					action = "verify";
				}
				case IN_PROGRESS -> {
					t.start(at, "agent");
					action = "start";
				}
				case WAITING_CUSTOMER -> {
					t.waitForCustomer(at, "agent");
					this.history.paused(id, at, "agent");
					action = "wait-customer";
					body = "等待顾客寄回商品。 Waiting for the customer to send the item back.";
				}
				case REPLIED -> {
					t.reply(at, "agent");
					action = "reply";
					body = "我们已安排上门取件。 We arranged a pick-up.";
				}
				case CLOSED -> {
					t.close(calendar, at, "agent", Boolean.TRUE, null);
					action = "close";
				}
				default -> {
					t.reopen(calendar, at, "agent");
					action = "reopen";
					body = "取件未到。 The pick-up did not come.";
				}
			}
			event(id, at, "agent", action, from, t.getStatus(), body);
		}
	}

	private void team(String name, String... members) {
		Long id = this.jdbc.sql("""
				insert into app_team (name, created_at) values (?, now()) on conflict do nothing returning id
				""").param(name).query(Long.class).optional().orElse(null);
		if (id == null) {
			return;
		}
		for (String member : members) {
			this.jdbc
				.sql("insert into app_team_member (team_id, user_id) select ?, id from app_user where username = ?")
				.params(id, member)
				.update();
		}
	}

	private void play(Random random, BusinessCalendar calendar, Instant now, Instant created, long customer,
			List<Categories.Category> categoryList) {
		Categories.Category category = categoryList.get(random.nextInt(Math.min(6, categoryList.size())));
		String[] subjects = subjectsOf(category.code());
		String subject = subjects[1 + random.nextInt(subjects.length - 1)];
		double k = random.nextDouble();
		TicketKind kind = (k < 0.35) ? TicketKind.INQUIRY
				: (k < 0.65) ? TicketKind.COMPLAINT : (k < 0.85) ? TicketKind.SUGGESTION : TicketKind.PRAISE;
		TicketChannel channel = TicketChannel.values()[random.nextInt(6)];
		double p = random.nextDouble();
		TicketPriority priority = (p < 0.15) ? TicketPriority.LOW
				: (p < 0.65) ? TicketPriority.NORMAL : (p < 0.9) ? TicketPriority.HIGH : TicketPriority.URGENT;
		String staff = (random.nextBoolean()) ? "staff" : "staff2";
		Ticket t = new Ticket(customer, kind, channel, category.id(), priority, subject,
				subject + " — " + "顾客来电说明情况，请跟进。 Customer asked for a follow-up.", null,
				this.policies.of(category.id(), priority), calendar, created, staff);
		this.tickets.save(t);
		this.tickets.flush();
		long id = t.getId();
		event(id, created, staff, "opened", null, TicketStatus.RECEIVED, null);
		String agent = AGENTS[random.nextInt(AGENTS.length)];
		// a late agent now and then, so that some targets are missed
		double pace = (random.nextDouble() < 0.2) ? 4 : 1;
		Instant at = created.plus(minutes(random, 5, 90, pace));
		if (!step(t, at, now)) {
			return;
		}
		TicketStatus from = t.getStatus();
		t.moveTo(TicketStatus.VERIFIED, at, agent);
		event(id, at, agent, "verify", from, t.getStatus(), null);
		at = at.plus(minutes(random, 10, 180, pace));
		if (!step(t, at, now)) {
			return;
		}
		from = t.getStatus();
		t.start(at, agent);
		event(id, at, agent, "start", from, t.getStatus(), null);
		if (random.nextDouble() < 0.3) {
			at = at.plus(minutes(random, 10, 120, 1));
			if (!step(t, at, now)) {
				return;
			}
			t.touch(at, agent);
			event(id, at, agent, "note", null, null, "已联系仓库核实。 Checked with the warehouse.");
		}
		if (random.nextDouble() < 0.25) {
			at = at.plus(minutes(random, 10, 120, 1));
			if (!step(t, at, now)) {
				return;
			}
			from = t.getStatus();
			t.waitForCustomer(at, agent);
			this.history.paused(id, at, agent);
			event(id, at, agent, "wait-customer", from, t.getStatus(), "等待顾客提供照片。 Waiting for photos.");
			at = at.plus(minutes(random, 60, 4 * 24 * 60, 1));
			if (!step(t, at, now)) {
				return;
			}
			from = t.getStatus();
			Duration paused = t.resume(calendar, at, agent);
			this.history.resumed(id, at, agent, paused.getSeconds());
			event(id, at, agent, "resume", from, t.getStatus(), null);
		}
		at = at.plus(minutes(random, 20, 600, pace));
		if (!step(t, at, now)) {
			return;
		}
		from = t.getStatus();
		t.reply(at, agent);
		event(id, at, agent, "reply", from, t.getStatus(), "您好，我们已为您安排处理。 We have arranged a fix for you.");
		at = at.plus(minutes(random, 60, 3 * 24 * 60, pace));
		if (!step(t, at, now)) {
			return;
		}
		if (random.nextDouble() < 0.08) {
			from = t.getStatus();
			t.reopen(calendar, at, agent);
			event(id, at, agent, "reopen", from, t.getStatus(), "顾客表示问题仍未解决。 Still not solved.");
			at = at.plus(minutes(random, 30, 600, 1));
			if (!step(t, at, now)) {
				return;
			}
			from = t.getStatus();
			t.start(at, agent);
			event(id, at, agent, "start", from, t.getStatus(), null);
			at = at.plus(minutes(random, 30, 900, pace));
			if (!step(t, at, now)) {
				return;
			}
			from = t.getStatus();
			t.reply(at, agent);
			event(id, at, agent, "reply", from, t.getStatus(), "已补发新品。 A replacement is on its way.");
			at = at.plus(minutes(random, 60, 2 * 24 * 60, 1));
			if (!step(t, at, now)) {
				return;
			}
		}
		from = t.getStatus();
		boolean satisfied = random.nextDouble() < 0.8;
		t.close(calendar, at, agent, satisfied, null);
		event(id, at, agent, "close", from, t.getStatus(), null);
	}

	/** Whether the step happened already; otherwise the ticket stays where it is. */
	private boolean step(Ticket ticket, Instant at, Instant now) {
		return at.isBefore(now);
	}

	private static Duration minutes(Random random, int min, int max, double pace) {
		return Duration.ofMinutes((long) ((min + random.nextInt(max - min)) * pace));
	}

	private void event(long id, Instant at, String actor, String action, TicketStatus from, TicketStatus to,
			String body) {
		this.history.record(id, at, actor, action, (from != null) ? from.name() : null, (to != null) ? to.name() : null,
				body, null);
	}

	private static String[] subjectsOf(String code) {
		for (String[] s : SUBJECTS) {
			if (s[0].equals(code)) {
				return s;
			}
		}
		return SUBJECTS[SUBJECTS.length - 1];
	}

}

package io.loopcrm.complaint.internal;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.loopcrm.platform.DemoData;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * About 400 complaint cases over the demo period (the last 24 months), each taken through
 * the real workflow ({@link ComplaintCase}'s steps, so every history is a legal one) with
 * step times that grow with lower severity: most closed, some invalid, some sent back
 * before approval, some reopened by an unsatisfied customer, a few stalled (overdue) and
 * the newest ones still in progress. Ten recent cases stop at each of the ten statuses.
 * Order complaints refer to demo orders (and so to their stores), product complaints to
 * demo SKUs. Eight CAPA items link cases by cause. Deterministic: a fixed seed and the
 * application clock.
 */
@Component
class ComplaintDemoData implements DemoData {

	static final int CASES = 400;

	private static final String[] STORES = { "上海南京路店", "北京三里屯店", "广州天河店", "深圳万象城店", "杭州西湖店" };

	private static final String[] DEPARTMENTS = { "客服部", "质量部", "门店运营部", "物流部", "售后服务部" };

	private static final String[] PRODUCT_TEXTS = { "收到的商品有明显划痕，包装也破了。", "用了两次就坏了，质量太差。", "实物颜色和网页图片差很多。",
			"保质期只剩一个月，和宣传不符。", "尺码不对，和尺码表不一致。" };

	private static final String[] ORDER_TEXTS = { "订单超过一周还没发货，客服一直说在处理。", "少发了一件商品。", "收到的商品和订单不一致。", "退款申请提交十天了还没到账。",
			"快递放在驿站没有通知，差点过期退回。" };

	private static final String[] STAFF_TEXTS = { "店员态度冷淡，问问题爱理不理。", "店员推销过度，拒绝后还一直跟着。", "收银员多收了钱，指出后还不承认。" };

	private static final String[] STORE_TEXTS = { "门店排队结账等了四十分钟，只开一个收银台。", "门店试衣间脏乱，没有人打扫。", "门店缺货严重，网上显示有货白跑一趟。" };

	private static final String[] SERVICE_TEXTS = { "客服热线一直占线，打了五次都没人接。", "在线客服答非所问，问题没解决就结束了对话。", "会员积分被清零，没有任何通知。" };

	private static final String[] DEMANDS = { "要求退货退款。", "要求换一件新的。", "希望给个说法并道歉。", "要求赔偿来回路费。", "希望尽快处理。" };

	private static final String[] CAUSE_TEXTS = { "供应商批次质量问题，抽检发现同批次不良率偏高。", "客户未按说明书使用，产品本身无质量问题。",
			"当班人员服务意识不足，高峰期人手不够。", "退款流程需要三个部门审批，时间过长。" };

	private final JdbcTemplate jdbc;

	private final ComplaintCaseRepository cases;

	private final ComplaintProperties properties;

	private final Clock clock;

	ComplaintDemoData(JdbcTemplate jdbc, ComplaintCaseRepository cases, ComplaintProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.cases = cases;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public String name() {
		return "complaint.cases";
	}

	@Override
	public int order() {
		return 40;
	}

	private record OrderRow(long id, String number, long customerId, Instant at, String store) {
	}

	@Override
	public void seed() {
		List<Long> customers = this.jdbc
			.queryForList("select id from customer where external_id like 'DEMO-%' order by external_id", Long.class);
		if (customers.isEmpty()) {
			return;
		}
		List<OrderRow> orders = this.jdbc.query("""
				select order_id, order_number, customer_id, ordered_at, store from commerce_order_reference
				where order_number like 'DEMO-O%' and order_id % 13 = 0 order by order_id
				""", (rs, n) -> new OrderRow(rs.getLong(1), rs.getString(2), rs.getLong(3),
				rs.getTimestamp(4).toInstant(), rs.getString(5)));
		List<String> skus = this.jdbc.queryForList("select sku from commerce_product_reference order by sku",
				String.class);
		Random random = new Random(20261125L);
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.SECONDS);
		Instant earliest = now.minus(Duration.ofDays(730));
		List<Object[]> steps = new ArrayList<>();
		List<ComplaintCase> created = new ArrayList<>();
		Status[] showcase = Status.values();
		for (int i = 0; i < CASES + showcase.length; i++) {
			boolean forced = i >= CASES;
			Status stopAt = forced ? showcase[i - CASES] : null;
			AboutType type = pickAbout(random, orders.isEmpty(), skus.isEmpty());
			Instant at = forced ? now.minus(Duration.ofHours(60 + 6L * (i - CASES)))
					: earliest.plusSeconds((long) (random.nextDouble() * Duration.between(earliest, now).toSeconds()));
			long customerId = customers.get(random.nextInt(customers.size()));
			ResolvedAbout about;
			String description;
			switch (type) {
				case ORDER -> {
					OrderRow order = orders.get(random.nextInt(orders.size()));
					customerId = order.customerId();
					if (!forced) {
						at = order.at().plus(Duration.ofHours(12 + random.nextInt(24 * 14)));
						if (at.isAfter(now)) {
							at = now.minus(Duration.ofHours(1 + random.nextInt(48)));
						}
					}
					String store = (order.store() == null || order.store().isBlank()) ? null : order.store();
					about = new ResolvedAbout(type, order.number(), order.id(), null, store);
					description = pick(random, ORDER_TEXTS);
				}
				case PRODUCT -> {
					String sku = skus.get(random.nextInt(skus.size()));
					about = new ResolvedAbout(type, sku, null, sku, null);
					description = pick(random, PRODUCT_TEXTS);
				}
				case STORE -> {
					String store = pick(random, STORES);
					about = new ResolvedAbout(type, store, null, null, store);
					description = pick(random, STORE_TEXTS);
				}
				case STAFF -> {
					about = new ResolvedAbout(type, "店员 " + pick(random, new String[] { "小王", "小李", "阿强", "小陈" }) + " ("
							+ pick(random, STORES) + ")", null, null, null);
					description = pick(random, STAFF_TEXTS);
				}
				default -> {
					about = new ResolvedAbout(type, random.nextBoolean() ? "400 客服热线" : null, null, null, null);
					description = pick(random, SERVICE_TEXTS);
				}
			}
			Severity severity = pickSeverity(random);
			Channel channel = pick(random, new Channel[] { Channel.PHONE, Channel.PHONE, Channel.WECHAT, Channel.WECHAT,
					Channel.STORE, Channel.WEB, Channel.APP, Channel.EMAIL, Channel.SOCIAL_MEDIA });
			String registeredBy = pick(random, new String[] { "staff", "staff2", "agent", "agent2" });
			ComplaintCase c = new ComplaintCase(customerId, about, description, pick(random, DEMANDS), channel,
					severity, at.plus(this.properties.target(severity)), null, at, registeredBy);
			this.cases.save(c);
			Sim sim = new Sim(c, at, now, stopAt, forced ? 0.05 : speed(severity, random), random, steps);
			sim.record(ComplaintStep.REGISTER, null, registeredBy, null);
			run(sim, random, forced, stopAt);
			created.add(c);
		}
		this.cases.flush();
		this.jdbc.batchUpdate("""
				insert into complaint_step (case_id, action, from_status, to_status, actor, occurred_at, detail)
				values (?, ?, ?, ?, ?, ?, ?)
				""", steps);
		capa(created, random, now);
	}

	/**
	 * Takes a case through its steps until the clock, a stall or the showcase status
	 * stops it.
	 */
	private void run(Sim sim, Random random, boolean forced, Status stopAt) {
		boolean invalid = forced ? stopAt == Status.INVALID : random.nextDouble() < 0.1;
		boolean reopen = forced ? stopAt == Status.REOPENED : random.nextDouble() < 0.07;
		boolean sendBack = !forced && random.nextDouble() < 0.1;
		double stall = forced ? 0 : 0.012;
		ComplaintCase c = sim.c;
		String agent = random.nextBoolean() ? "agent" : "agent2";
		String owner = (random.nextDouble() < 0.1) ? "manager" : agent;
		if (invalid) {
			if (!sim.next(1 + random.nextInt(10), stall)) {
				return;
			}
			String explanation = "经核实，商品在保修期外且为人为损坏，不属于质量问题，已向客户说明。";
			c.validate(false, explanation, sim.t, agent);
			sim.record("validate", Status.REGISTERED, agent, explanation);
			if (!sim.next(4 + random.nextInt(24), stall)) {
				return;
			}
			boolean accepted = random.nextDouble() < 0.8;
			String comment = accepted ? "客户接受解释。" : "客户不接受解释，要求重新核实。";
			c.close(accepted, comment, sim.t, agent);
			sim.record("close", Status.INVALID, agent, comment);
			if (accepted) {
				return;
			}
		}
		if (!sim.next(1 + random.nextInt(12), stall)) {
			return;
		}
		Status from = c.getStatus();
		c.validate(true, null, sim.t, agent);
		sim.record("validate", from, agent, null);
		if (!sim.next(1 + random.nextInt(8), stall)) {
			return;
		}
		String department = pick(random, DEPARTMENTS);
		String assigner = owner.equals("manager") ? "manager" : owner;
		c.assign(department, owner, sim.t, assigner);
		sim.record("assign", Status.VALIDATED, assigner, department + " · " + owner);
		int cause = causeIndex(random);
		if (!cause(sim, random, cause, owner, stall)) {
			return;
		}
		if (sendBack) {
			if (!propose(sim, random, cause, owner, stall)) {
				return;
			}
			if (!sim.next(2 + random.nextInt(20), stall)) {
				return;
			}
			String approver = approver(c, owner);
			String comment = "方案不够具体，请补充处理时限。";
			c.sendBack(comment, sim.t, approver);
			sim.record("send-back", Status.PROPOSED, approver, comment);
		}
		if (!propose(sim, random, cause, owner, stall) || !approveAndImplement(sim, random, owner, stall)) {
			return;
		}
		if (!sim.next(12 + random.nextInt(72), stall)) {
			return;
		}
		if (reopen) {
			String comment = "客户对处理结果不满意，认为补偿不足。";
			c.close(false, comment, sim.t, owner);
			sim.record("close", Status.IMPLEMENTED, owner, comment);
			if (!cause(sim, random, cause, owner, stall) || !propose(sim, random, cause, owner, stall)
					|| !approveAndImplement(sim, random, owner, stall) || !sim.next(12 + random.nextInt(48), stall)) {
				return;
			}
		}
		String comment = (random.nextDouble() < 0.7) ? "客户表示满意。" : null;
		c.close(true, comment, sim.t, owner);
		sim.record("close", Status.IMPLEMENTED, owner, comment);
	}

	private boolean cause(Sim sim, Random random, int cause, String owner, double stall) {
		if (!sim.next(4 + random.nextInt(40), stall)) {
			return false;
		}
		Status from = sim.c.getStatus();
		sim.c.rootCause(CauseCategory.values()[cause], CAUSE_TEXTS[cause], (cause == 1) ? null : "当班主管", sim.t, owner);
		sim.record("root-cause", from, owner, CAUSE_TEXTS[cause]);
		return true;
	}

	private boolean propose(Sim sim, Random random, int cause, String owner, double stall) {
		if (!sim.next(2 + random.nextInt(20), stall)) {
			return false;
		}
		ProposalType type = switch (cause) {
			case 0 -> pick(random, new ProposalType[] { ProposalType.RETURN, ProposalType.EXCHANGE, ProposalType.REPAIR,
					ProposalType.REFUND, ProposalType.COMPENSATION });
			case 1 -> pick(random, new ProposalType[] { ProposalType.APOLOGY, ProposalType.OTHER });
			case 2 -> pick(random, new ProposalType[] { ProposalType.APOLOGY, ProposalType.COMPENSATION });
			default -> pick(random, new ProposalType[] { ProposalType.COMPENSATION, ProposalType.OTHER });
		};
		BigDecimal amount = null;
		if (type == ProposalType.COMPENSATION) {
			amount = BigDecimal
				.valueOf((random.nextDouble() < 0.12) ? 1200 + random.nextInt(30) * 50 : 50 + random.nextInt(16) * 50);
		}
		else if (type == ProposalType.REFUND) {
			amount = BigDecimal.valueOf(39 + random.nextInt(800));
		}
		String text = switch (type) {
			case RETURN -> "为客户办理退货，运费由我方承担。";
			case EXCHANGE -> "为客户更换同款新品，加急发货。";
			case REPAIR -> "免费维修并延长保修期半年。";
			case REFUND -> "全额退款，三个工作日内到账。";
			case COMPENSATION -> "向客户致歉并给予现金补偿。";
			case APOLOGY -> "由门店店长当面致歉。";
			default -> "向客户详细说明使用方法并赠送优惠券。";
		};
		Status from = sim.c.getStatus();
		sim.c.propose(type, (amount != null) ? amount.setScale(2) : null, text, sim.t, owner);
		sim.record("propose", from, owner, (amount != null) ? amount.toPlainString() + " · " + text : text);
		return true;
	}

	private boolean approveAndImplement(Sim sim, Random random, String owner, double stall) {
		if (!sim.next(1 + random.nextInt(24), stall)) {
			return false;
		}
		String approver = approver(sim.c, owner);
		sim.c.approve(null, sim.t, approver);
		sim.record("approve", Status.PROPOSED, approver, null);
		if (!sim.next(4 + random.nextInt(60), stall)) {
			return false;
		}
		String notes = "方案已执行，已电话通知客户。";
		sim.c.implement(notes, true, sim.t, owner);
		sim.record("implement", Status.APPROVED, owner, notes);
		return true;
	}

	/**
	 * Four-eyes: never the owner; compensation above the limit needs the administrator.
	 */
	private String approver(ComplaintCase c, String owner) {
		boolean needsAdmin = c.getProposalType() == ProposalType.COMPENSATION
				&& c.getProposalAmount().compareTo(this.properties.adminApprovalAbove()) > 0;
		return (needsAdmin || owner.equals("manager")) ? "admin" : "manager";
	}

	private void capa(List<ComplaintCase> created, Random random, Instant now) {
		LocalDate today = LocalDate.ofInstant(now, this.clock.getZone());
		String[][] items = { { "CORRECTIVE", "更换羽绒服拉链供应商", "QUALITY", "VERIFIED", "-120" },
				{ "CORRECTIVE", "退款审批改为客服主管一级审批", "PROCESS", "DONE", "-20" },
				{ "PREVENTIVE", "高峰期门店增开收银台排班", "ATTITUDE_EFFICIENCY", "IN_PROGRESS", "15" },
				{ "PREVENTIVE", "新员工服务礼仪培训", "ATTITUDE_EFFICIENCY", "OPEN", "-5" },
				{ "CORRECTIVE", "入库抽检比例由 2% 提高到 5%", "QUALITY", "IN_PROGRESS", "30" },
				{ "PREVENTIVE", "商品详情页补充使用说明视频", "CUSTOMER", "VERIFIED", "-60" },
				{ "CORRECTIVE", "快递到驿站后短信通知客户", "PROCESS", "OPEN", "45" },
				{ "PREVENTIVE", "客服热线高峰期增加外包坐席", "PROCESS", "DONE", "-3" } };
		for (String[] item : items) {
			List<Long> linked = created.stream()
				.filter((c) -> c.getCauseCategory() != null && c.getCauseCategory().name().equals(item[2]))
				.map(ComplaintCase::getId)
				.filter((id) -> random.nextDouble() < 0.08)
				.limit(6)
				.toList();
			if (linked.isEmpty()) {
				continue;
			}
			String status = item[3];
			boolean checked = status.equals("VERIFIED") || (status.equals("DONE") && item[1].contains("退款"));
			Long id = this.jdbc.queryForObject("""
					insert into complaint_capa (kind, title, description, owner, due_date, status, effect_result,
					  effect_note, effect_checked_at, effect_checked_by, created_at, created_by, updated_at, updated_by)
					values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'manager', ?, 'manager') returning id
					""", Long.class, item[0], item[1], "针对同类投诉的根本原因采取的措施。", random.nextBoolean() ? "agent" : "manager",
					Date.valueOf(today.plusDays(Long.parseLong(item[4]))), status, checked ? "EFFECTIVE" : null,
					checked ? "措施实施后连续两个月同类投诉下降一半以上。" : null, checked ? Timestamp.from(now) : null,
					checked ? "manager" : null, Timestamp.from(now.minus(Duration.ofDays(90))), Timestamp.from(now));
			for (Long caseId : linked) {
				this.jdbc.update("insert into complaint_capa_case (capa_id, case_id) values (?, ?)", id, caseId);
			}
		}
	}

	private static int causeIndex(Random random) {
		double r = random.nextDouble();
		return (r < 0.45) ? 0 : (r < 0.57) ? 1 : (r < 0.82) ? 2 : 3;
	}

	private static AboutType pickAbout(Random random, boolean noOrders, boolean noProducts) {
		double r = random.nextDouble();
		AboutType type = (r < 0.35) ? AboutType.ORDER : (r < 0.65) ? AboutType.PRODUCT
				: (r < 0.77) ? AboutType.STORE : (r < 0.87) ? AboutType.STAFF : AboutType.SERVICE;
		if ((type == AboutType.ORDER && noOrders) || (type == AboutType.PRODUCT && noProducts)) {
			return AboutType.SERVICE;
		}
		return type;
	}

	private static Severity pickSeverity(Random random) {
		double r = random.nextDouble();
		return (r < 0.3) ? Severity.LOW : (r < 0.7) ? Severity.MEDIUM : (r < 0.92) ? Severity.HIGH : Severity.CRITICAL;
	}

	/** How fast steps go: urgent cases move faster, with some spread. */
	private static double speed(Severity severity, Random random) {
		double base = switch (severity) {
			case CRITICAL -> 0.1;
			case HIGH -> 0.3;
			case MEDIUM -> 0.55;
			case LOW -> 0.9;
		};
		return base * (0.5 + random.nextDouble() * 1.6);
	}

	private static <T> T pick(Random random, T[] values) {
		return values[random.nextInt(values.length)];
	}

	/**
	 * A case being simulated: its clock, where to stop, and the history rows it wrote.
	 */
	private static final class Sim {

		private final ComplaintCase c;

		private final Instant now;

		private final Status stopAt;

		private final double speed;

		private final Random random;

		private final List<Object[]> steps;

		private Instant t;

		Sim(ComplaintCase c, Instant start, Instant now, Status stopAt, double speed, Random random,
				List<Object[]> steps) {
			this.c = c;
			this.t = start;
			this.now = now;
			this.stopAt = stopAt;
			this.speed = speed;
			this.random = random;
			this.steps = steps;
		}

		/**
		 * Moves the clock on to the next step; false when that step would lie in the
		 * future, the case stalls here or has reached the status it should stay in.
		 */
		boolean next(double hours, double stall) {
			if (this.c.getStatus() == this.stopAt || this.random.nextDouble() < stall) {
				return false;
			}
			Instant next = this.t.plusSeconds((long) (hours * this.speed * 3600) + 60);
			if (next.isAfter(this.now)) {
				return false;
			}
			this.t = next;
			return true;
		}

		void record(String action, Status from, String actor, String detail) {
			this.steps.add(new Object[] { this.c.getId(), action, (from != null) ? from.name() : null,
					this.c.getStatus().name(), actor, Timestamp.from(this.t), detail });
		}

	}

}

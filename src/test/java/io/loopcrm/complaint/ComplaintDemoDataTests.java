package io.loopcrm.complaint;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.loopcrm.IntegrationTest;
import io.loopcrm.complaint.internal.CaseAction;
import io.loopcrm.complaint.internal.ComplaintWorkflow;
import io.loopcrm.complaint.internal.Status;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo complaints: every status, spread over the demo period, CAPA items, and every
 * history a legal walk through the workflow that respects four-eyes approval. The history
 * check holds for every case in the database, whoever made it.
 */
@IntegrationTest
class ComplaintDemoDataTests {

	@Autowired
	JdbcClient jdbc;

	@Test
	void demoCasesCoverEveryStatusOverTheDemoPeriodWithCorrectiveActions() {
		Instant since = Instant.now().minus(Duration.ofDays(731));
		String demo = "from complaint_case c join customer u on u.id = c.customer_id"
				+ " where u.external_id like 'DEMO-%' and c.registered_at >= ?";
		assertThat(this.jdbc.sql("select count(*) " + demo).param(Timestamp.from(since)).query(Long.class).single())
			.isGreaterThanOrEqualTo(400);
		assertThat(
				this.jdbc.sql("select distinct status " + demo).param(Timestamp.from(since)).query(String.class).list())
			.containsExactlyInAnyOrder(java.util.Arrays.stream(Status.values()).map(Enum::name).toArray(String[]::new));
		assertThat(this.jdbc.sql("select count(distinct to_char(c.registered_at, 'YYYY-MM')) " + demo)
			.param(Timestamp.from(since))
			.query(Long.class)
			.single()).isGreaterThanOrEqualTo(22);
		assertThat(this.jdbc.sql("select count(distinct about_type) " + demo)
			.param(Timestamp.from(since))
			.query(Long.class)
			.single()).isEqualTo(5);
		assertThat(this.jdbc.sql("select count(*) from complaint_capa where created_by = 'manager'")
			.query(Long.class)
			.single()).isGreaterThanOrEqualTo(6);
		assertThat(this.jdbc.sql("select count(distinct status) from complaint_capa").query(Long.class).single())
			.isEqualTo(4);
	}

	@Test
	void everyHistoryIsALegalWalkAndNobodyApprovedTheirOwnProposal() {
		record Step(long caseId, String action, String from, String to, String actor) {
		}
		List<Step> steps = this.jdbc.sql(
				"select case_id, action, from_status, to_status, actor from complaint_step order by case_id, occurred_at, id")
			.query((rs, n) -> new Step(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getString(5)))
			.list();
		Map<Long, String> status = new HashMap<>();
		Map<Long, String> proposer = new HashMap<>();
		List<String> problems = new ArrayList<>();
		for (Step step : steps) {
			String previous = status.get(step.caseId());
			if (step.action().equals("register")) {
				if (previous != null || !step.to().equals("REGISTERED")) {
					problems.add(step.toString());
				}
			}
			else {
				CaseAction action = java.util.Arrays.stream(CaseAction.values())
					.filter((a) -> a.slug().equals(step.action()))
					.findFirst()
					.orElseThrow();
				if (previous == null || !previous.equals(step.from())
						|| !ComplaintWorkflow.allows(Status.valueOf(previous), action)) {
					problems.add(step.toString());
				}
				if (action == CaseAction.PROPOSE) {
					proposer.put(step.caseId(), step.actor());
				}
				if (action == CaseAction.APPROVE && step.actor().equals(proposer.get(step.caseId()))) {
					problems.add("own approval " + step);
				}
			}
			status.put(step.caseId(), step.to());
		}
		assertThat(problems).isEmpty();
		Map<Long, String> current = new HashMap<>();
		this.jdbc.sql("select id, status from complaint_case").query((rs) -> {
			current.put(rs.getLong(1), rs.getString(2));
		});
		assertThat(status).isEqualTo(current);
	}

}

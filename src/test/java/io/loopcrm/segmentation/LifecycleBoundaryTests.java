package io.loopcrm.segmentation;

import java.time.LocalDate;
import java.util.UUID;

import io.loopcrm.IntegrationTest;
import io.loopcrm.segmentation.internal.Segmentation;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every lifecycle boundary and the tier cut-offs, on customers whose purchases all lie in
 * 2008–2009 (no other test buys before 2010), as of 2009-12-31 with the defaults: new
 * below 30 days, active within 1.5 × the gap, churned from 365 days, tiers 20 % / 30 %.
 */
@IntegrationTest
class LifecycleBoundaryTests {

	@Autowired
	Segmentation segmentation;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	org.springframework.test.web.servlet.assertj.MockMvcTester mvc;

	@Test
	void eachStageStartsExactlyAtItsThreshold() throws Exception {
		String p = "L" + UUID.randomUUID().toString().substring(0, 6) + "-";
		long new29 = customer(p + "N29", 800, "2009-12-02");
		long new30 = customer(p + "N30", 700, "2009-12-01");
		long dormant60 = customer(p + "G1", 600, "2009-10-02", "2009-11-01");
		long active15 = customer(p + "G2", 500, "2009-11-16", "2009-12-16");
		long active45 = customer(p + "G3", 400, "2009-10-17", "2009-11-16");
		long dormant46 = customer(p + "G4", 300, "2009-10-16", "2009-11-15");
		long dormant364 = customer(p + "C364", 200, "2008-12-01", "2009-01-01");
		long churned365 = customer(p + "C365", 100, "2008-11-30", "2008-12-31");
		long potential = customer(p + "P", 0);

		Segmentation.Summary summary = this.segmentation.recompute(LocalDate.of(2009, 12, 31));
		long run = summary.run().id();
		// 29 days after the first purchase still new, 30 days not (a one-time buyer then
		// compares with the median gap of everybody: 30 days here, so 30 <= 45 is active)
		assertThat(stage(run, new29)).isEqualTo("NEW");
		assertThat(stage(run, new30)).isEqualTo("ACTIVE");
		// gap 30 days: active up to 45 days after the last purchase, dormant from 46
		assertThat(stage(run, active15)).isEqualTo("ACTIVE");
		assertThat(stage(run, active45)).isEqualTo("ACTIVE");
		assertThat(stage(run, dormant46)).isEqualTo("DORMANT");
		assertThat(stage(run, dormant60)).isEqualTo("DORMANT");
		// 364 days without a purchase is dormant, 365 churned
		assertThat(stage(run, dormant364)).isEqualTo("DORMANT");
		assertThat(stage(run, churned365)).isEqualTo("CHURNED");
		assertThat(stage(run, potential)).isEqualTo("POTENTIAL");

		// eight buyers: HIGH while rank − 1 < 1.6, MID while < 4.0
		assertThat(tier(run, new29)).isEqualTo("HIGH");
		assertThat(tier(run, new30)).isEqualTo("HIGH");
		assertThat(tier(run, dormant60)).isEqualTo("MID");
		assertThat(tier(run, active15)).isEqualTo("MID");
		assertThat(tier(run, active45)).isEqualTo("LOW");
		assertThat(tier(run, churned365)).isEqualTo("LOW");
		assertThat(tier(run, potential)).isEqualTo("LOW");
		assertThat(summary.valueTier()).containsEntry("HIGH", 2L).containsEntry("MID", 2L);
		assertThat(summary.run().fallbackGap()).isEqualByComparingTo("30.0");

		// the customer list filters on the stages written to the customer files
		String dormant = this.mvc.get()
			.uri("/customers?q={q}&stage=DORMANT", p)
			.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
				.user("staff")
				.roles("STAFF"))
			.exchange()
			.getResponse()
			.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
		assertThat(dormant).contains(p + "G1", p + "G4", p + "C364")
			.doesNotContain(p + "G2", p + "C365", p + "N29", p + "P<");

		// a deleted customer's stage goes with it
		this.jdbc.sql("delete from customer where id = ?").param(potential).update();
		assertThat(this.jdbc.sql("select count(*) from customer_lifecycle where customer_id = ?")
			.param(potential)
			.query(Long.class)
			.single()).isZero();
	}

	String stage(long run, long customer) {
		return value(run, customer, "lifecycle");
	}

	String tier(long run, long customer) {
		return value(run, customer, "value_tier");
	}

	String value(long run, long customer, String column) {
		return this.jdbc.sql("select " + column + " from customer_segment where run_id = ? and customer_id = ?")
			.params(run, customer)
			.query(String.class)
			.single();
	}

	/**
	 * A customer with completed orders at noon (Shanghai) on the days, the total spread
	 * over them.
	 */
	long customer(String externalId, int total, String... days) {
		long id = this.jdbc
			.sql("insert into customer (external_id, name, created_at, updated_at, updated_by)"
					+ " values (?, ?, now(), now(), 'test') returning id")
			.params(externalId, "Boundary " + externalId)
			.query(Long.class)
			.single();
		for (int i = 0; i < days.length; i++) {
			this.jdbc
				.sql("""
						insert into customer_order (order_number, customer_id, ordered_at, channel, status, total, line_count,
						  created_at, updated_at, updated_by)
						values (?, ?, cast(? as timestamptz), 'STORE', 'COMPLETED', ?, 1, now(), now(), 'test')
						""")
				.params(externalId + "-" + i, id, days[i] + " 12:00+08", (double) total / days.length)
				.update();
		}
		return id;
	}

}

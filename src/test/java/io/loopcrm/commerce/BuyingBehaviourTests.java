package io.loopcrm.commerce;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.loopcrm.IntegrationTest;
import io.loopcrm.commerce.internal.BuyingBehaviour;
import io.loopcrm.commerce.internal.BuyingBehaviour.Cohort;
import io.loopcrm.commerce.internal.BuyingBehaviour.MonthRow;
import io.loopcrm.commerce.internal.BuyingBehaviour.Report;
import io.loopcrm.commerce.internal.BuyingBehaviour.Share;
import io.loopcrm.commerce.internal.BuyingBehaviourRollup;
import io.loopcrm.commerce.internal.BuyingStatistics;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The buying-behaviour figures against values computed by hand from
 * {@link BuyingBehaviourFixture}'s orders; cancelled and refunded orders (with huge
 * totals) must not show in any of them.
 */
@IntegrationTest
class BuyingBehaviourTests {

	static final Offset<Double> CENT = within(0.005);

	@Autowired
	JdbcClient jdbc;

	@Autowired
	BuyingBehaviourRollup rollup;

	@Autowired
	BuyingBehaviour buying;

	@BeforeEach
	void orders() {
		BuyingBehaviourFixture.ensure(this.jdbc);
		this.rollup.refreshAll();
	}

	@Test
	void monthlyFiguresMatchHandComputedValues() {
		Report report = report("2019-01", "2019-03");
		assertThat(report.months()).extracting((m) -> m.month().toString())
			.containsExactly("2019-01", "2019-02", "2019-03");
		MonthRow january = report.months().get(0);
		// 100, 200, 300, 400: mean 250, sd sqrt(50000 / 3), type-7 percentiles
		assertThat(january.orders()).isEqualTo(4);
		assertThat(january.revenue()).isEqualByComparingTo("1000.00");
		assertThat(january.customers()).isEqualTo(3);
		assertThat(january.aov()).isEqualByComparingTo("250.00");
		assertThat(january.sd()).isEqualByComparingTo("129.10");
		assertThat(List.of(january.min(), january.p10(), january.p25(), january.median(), january.p75(), january.p90(),
				january.max()))
			.usingElementComparator(BigDecimal::compareTo)
			.containsExactly(dec("100"), dec("130"), dec("175"), dec("250"), dec("325"), dec("370"), dec("400"));
		// 50 (01:00 on 1 February in Shanghai, still 31 January in UTC), 150, 70
		MonthRow february = report.months().get(1);
		assertThat(february.orders()).isEqualTo(3);
		assertThat(february.revenue()).isEqualByComparingTo("270.00");
		assertThat(february.customers()).isEqualTo(3);
		assertThat(february.aov()).isEqualByComparingTo("90.00");
		assertThat(february.sd()).isEqualByComparingTo("52.92");
		assertThat(List.of(february.p10(), february.p25(), february.median(), february.p75(), february.p90()))
			.usingElementComparator(BigDecimal::compareTo)
			.containsExactly(dec("54"), dec("60"), dec("70"), dec("110"), dec("134"));
		MonthRow march = report.months().get(2);
		assertThat(march.orders()).isEqualTo(2);
		assertThat(march.revenue()).isEqualByComparingTo("630.00");
		assertThat(march.aov()).isEqualByComparingTo("315.00");
		assertThat(march.sd()).isEqualByComparingTo("403.05");
		assertThat(List.of(march.p10(), march.p25(), march.median(), march.p75(), march.p90()))
			.usingElementComparator(BigDecimal::compareTo)
			.containsExactly(dec("87"), dec("172.50"), dec("315"), dec("457.50"), dec("543"));
		assertThat(report.totals().orders()).isEqualTo(9);
		assertThat(report.totals().revenue()).isEqualByComparingTo("1900.00");
		assertThat(report.totals().customers()).isEqualTo(5);
	}

	@Test
	void summaryDescribesTheMonthsWithSampleSdAndInterpolatedPercentiles() {
		Map<String, BuyingStatistics> summary = report("2019-01", "2019-03").summary();
		// monthly revenue 1000, 270, 630
		BuyingStatistics revenue = summary.get("revenue");
		assertThat(revenue.n()).isEqualTo(3);
		assertThat(revenue.mean()).isCloseTo(633.333, within(0.001));
		assertThat(revenue.median()).isCloseTo(630, CENT);
		assertThat(revenue.sd()).isCloseTo(365.012, within(0.001));
		assertThat(revenue.p10()).isCloseTo(342, CENT);
		assertThat(revenue.p90()).isCloseTo(926, CENT);
		// orders 4, 3, 2
		BuyingStatistics orders = summary.get("orders");
		assertThat(orders.mean()).isCloseTo(3, CENT);
		assertThat(orders.sd()).isCloseTo(1, CENT);
		assertThat(orders.p10()).isCloseTo(2.2, CENT);
		assertThat(orders.p90()).isCloseTo(3.8, CENT);
		// AOV 250, 90, 315; customers 3, 3, 2
		assertThat(summary.get("aov").median()).isCloseTo(250, CENT);
		assertThat(summary.get("aov").sd()).isCloseTo(115.794, within(0.001));
		assertThat(summary.get("customers").mean()).isCloseTo(2.667, within(0.001));
		assertThat(summary.get("customers").sd()).isCloseTo(0.577, within(0.001));
		// a year with two months of orders and ten without: zeros count for revenue
		BuyingStatistics year = report("2019-01", "2019-12").summary().get("revenue");
		assertThat(year.n()).isEqualTo(12);
		assertThat(year.median()).isCloseTo(0, CENT);
		assertThat(year.mean()).isCloseTo(1900 / 12.0, CENT);
	}

	@Test
	void breakdownsByChannelCategoryAndRegion() {
		Report report = report("2019-01", "2019-03");
		Map<String, Share> channels = byKey(report.channels());
		assertThat(channels.keySet()).containsExactlyInAnyOrder("STORE", "WEB", "APP", "PHONE");
		assertThat(channels.get("STORE").orders()).isEqualTo(4);
		assertThat(channels.get("STORE").revenue()).isEqualByComparingTo("680");
		assertThat(channels.get("WEB").revenue()).isEqualByComparingTo("900");
		assertThat(channels.get("APP").revenue()).isEqualByComparingTo("270");
		assertThat(channels.get("PHONE").revenue()).isEqualByComparingTo("50");
		assertThat(channels.get("WEB").share()).isCloseTo(900 / 1900.0, within(1e-9));

		List<Share> categories = report.categories();
		Map<String, Share> tops = byKey(categories.stream().filter((c) -> c.parent() == null).toList());
		assertThat(tops.keySet()).containsExactly("BB家居", "BB食品", "");
		assertThat(tops.get("BB食品").orders()).isEqualTo(5);
		assertThat(tops.get("BB食品").revenue()).isEqualByComparingTo("680");
		assertThat(tops.get("BB家居").orders()).isEqualTo(3);
		assertThat(tops.get("BB家居").revenue()).isEqualByComparingTo("950");
		assertThat(tops.get("").revenue()).isEqualByComparingTo("270");
		Map<String, Share> subs = byKey(categories.stream().filter((c) -> c.parent() != null).toList());
		assertThat(subs.keySet()).containsExactly("BB零食", "BB饮料");
		assertThat(subs.get("BB零食").parent()).isEqualTo("BB食品");
		assertThat(subs.get("BB零食").orders()).isEqualTo(3);
		assertThat(subs.get("BB零食").revenue()).isEqualByComparingTo("560");
		assertThat(subs.get("BB饮料").orders()).isEqualTo(3);
		assertThat(subs.get("BB饮料").revenue()).isEqualByComparingTo("120");

		Map<String, Share> regions = byKey(report.regions());
		assertThat(regions.keySet()).containsExactlyInAnyOrder("BB华东", "BB杭州", "", "=BB华南");
		assertThat(regions.get("BB杭州").orders()).isEqualTo(4);
		assertThat(regions.get("BB杭州").revenue()).isEqualByComparingTo("900");
		assertThat(regions.get("BB华东").revenue()).isEqualByComparingTo("550");
		assertThat(regions.get("").revenue()).isEqualByComparingTo("400");
		assertThat(regions.get("=BB华南").revenue()).isEqualByComparingTo("50");
	}

	@Test
	void heatmapBucketsAreWeekdayAndHourInTheConfiguredZone() {
		long[][] march = report("2019-03", "2019-03").heatmap();
		// 2019-03-03T23:30Z is Monday 07:30 in Shanghai (row 0 = Monday); the refunded
		// order at 07:45 the same morning is not counted
		assertThat(march[0][7]).isEqualTo(1);
		assertThat(march[6][7]).isZero();
		// 2019-03-10 14:00 +08, a Sunday
		assertThat(march[6][14]).isEqualTo(1);
		assertThat(Arrays.stream(march).flatMapToLong(Arrays::stream).sum()).isEqualTo(2);
		// 2019-01-31T17:00Z: Friday 01:00 in Shanghai (Thursday 17:00 in UTC)
		long[][] february = report("2019-02", "2019-02").heatmap();
		assertThat(february[4][1]).isEqualTo(1);
		assertThat(february[3][17]).isZero();
	}

	@Test
	void repurchaseShareCountsCustomersWithTwoOrMoreOrdersInThePeriod() {
		// A (2 in January), B (January and March), E (February and March) of A-E
		BuyingBehaviour.Repurchase quarter = report("2019-01", "2019-03").repurchase();
		assertThat(quarter.customers()).isEqualTo(5);
		assertThat(quarter.repeaters()).isEqualTo(3);
		assertThat(quarter.share()).isCloseTo(0.6, within(1e-9));
		// E's December order is before the period: only E bought twice in February-March
		BuyingBehaviour.Repurchase late = report("2019-02", "2019-03").repurchase();
		assertThat(late.customers()).isEqualTo(4);
		assertThat(late.repeaters()).isEqualTo(1);
		BuyingBehaviour.Repurchase january = report("2019-01", "2019-01").repurchase();
		assertThat(january.customers()).isEqualTo(3);
		assertThat(january.repeaters()).isEqualTo(1);
	}

	@Test
	void cohortRetentionByFirstPurchaseMonth() {
		List<Cohort> cohorts = report("2019-01", "2019-03").cohorts();
		assertThat(cohorts).extracting((c) -> c.first().toString()).containsExactly("2019-01", "2019-02");
		// January: A, B, C; A bought again in February, B in March; nothing after the
		// period
		Cohort january = cohorts.get(0);
		assertThat(january.size()).isEqualTo(3);
		assertThat(january.retention().subList(0, 3)).containsExactly(1.0, 1 / 3.0, 1 / 3.0);
		assertThat(january.retention().subList(3, 12)).containsOnlyNulls();
		// February: D only, did not come back in March
		assertThat(cohorts.get(1).size()).isEqualTo(1);
		assertThat(cohorts.get(1).retention().subList(0, 2)).containsExactly(1.0, 0.0);
		// December 2018: E, who came back in February and March
		Cohort december = report("2018-12", "2019-03").cohorts().get(0);
		assertThat(december.first()).isEqualTo(YearMonth.of(2018, 12));
		assertThat(december.retention().subList(0, 4)).containsExactly(1.0, 0.0, 1.0, 1.0);
	}

	@Test
	void cancelledAndRefundedOrdersCountNowhere() {
		Report report = report("2019-01", "2019-03");
		assertThat(report.months()).allSatisfy((m) -> assertThat(m.max()).isLessThan(dec("1000")));
		assertThat(report.regions()).extracting(Share::key).doesNotContain("BB华北");
		assertThat(report.channels()).allSatisfy((c) -> assertThat(c.revenue()).isLessThan(dec("1000")));
		assertThat(report.categories()).allSatisfy((c) -> assertThat(c.revenue()).isLessThan(dec("1000")));
		assertThat(report.seasonality().get(0).revenue()).isEqualByComparingTo("1000.00");
		// F has only a cancelled order: not a buyer, not a cohort member
		assertThat(report.repurchase().customers()).isEqualTo(5);
		assertThat(report.cohorts().get(0).size()).isEqualTo(3);
	}

	@Test
	void seasonalityAveragesEachCalendarMonthOverThePeriod() {
		List<BuyingBehaviour.Season> seasons = report("2019-01", "2019-12").seasonality();
		assertThat(seasons).hasSize(12);
		assertThat(seasons.get(0).years()).isEqualTo(1);
		assertThat(seasons.get(0).revenue()).isEqualByComparingTo("1000.00");
		// January's 1000 against a mean month of 1900 / 12
		assertThat(seasons.get(0).index()).isCloseTo(1000 / (1900 / 12.0) * 100, within(1e-6));
		assertThat(seasons.get(5).revenue()).isEqualByComparingTo("0");
	}

	@Test
	void incrementalRefreshRecomputesOnlyTheMonthsGiven() {
		this.jdbc.sql("""
				insert into customer (external_id, name, region, created_at, updated_at, updated_by)
				values ('BB-INC', '增量', 'BB增量', now(), now(), 'test')
				""").update();
		BuyingBehaviourFixture.order(this.jdbc, "BB-INC", "BB-I1", "2017-05-10 10:00+08", "STORE", "COMPLETED",
				"BB-P3:100");
		long june = BuyingBehaviourFixture.order(this.jdbc, "BB-INC", "BB-I2", "2017-06-10 10:00+08", "WEB",
				"COMPLETED", "BB-P3:200");
		this.rollup.refreshAll();
		BuyingBehaviourFixture.order(this.jdbc, "BB-INC", "BB-I3", "2017-05-20 10:00+08", "APP", "COMPLETED",
				"BB-P4:50");
		this.jdbc.sql("update customer_order set total = 999 where id = :id").param("id", june).update();

		this.rollup.refreshMonths(List.of(YearMonth.of(2017, 5)));

		Report report = report("2017-05", "2017-06");
		assertThat(report.months().get(0).orders()).isEqualTo(2);
		assertThat(report.months().get(0).revenue()).isEqualByComparingTo("150.00");
		assertThat(report.months().get(1).revenue()).isEqualByComparingTo("200.00");
		assertThat(report("2017-05", "2017-05").repurchase().repeaters()).isEqualTo(1);
		assertThat(this.buying.refreshState().kind()).isEqualTo("MONTHS");
		assertThat(this.buying.refreshState().months()).isEqualTo("2017-05");

		this.rollup.refreshMonths(List.of(YearMonth.of(2017, 6)));
		assertThat(report("2017-05", "2017-06").months().get(1).revenue()).isEqualByComparingTo("999.00");
	}

	private Report report(String from, String to) {
		return this.buying.report(this.buying.period(YearMonth.parse(from), YearMonth.parse(to)));
	}

	private static Map<String, Share> byKey(List<Share> shares) {
		return shares.stream()
			.collect(Collectors.toMap(Share::key, Function.identity(), (a, b) -> a, java.util.LinkedHashMap::new));
	}

	private static BigDecimal dec(String value) {
		return new BigDecimal(value);
	}

}

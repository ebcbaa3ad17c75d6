package io.loopcrm.segmentation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.loopcrm.IntegrationTest;
import io.loopcrm.segmentation.internal.CustomerClusters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * Clusters and decision rules end to end, on three planted groups of constructed
 * customers whose purchases all lie in 2003–2005 (no other test and no demo data buys
 * before 2008), segmented as of 2005-12-31, so they are the only customers with
 * purchases. They are deleted afterwards, as other tests take medians over everybody's
 * purchases before their own years.
 * <ul>
 * <li>A: twelve small orders in 2005, all tea;</li>
 * <li>B: two large orders in 2005, all apparel;</li>
 * <li>C: one or two orders in the first half of 2004, all home goods (churned by the end
 * of 2005).</li>
 * </ul>
 */
@IntegrationTest
class ClustersTests {

	static final int PER_GROUP = 15;

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	CustomerClusters clusters;

	/** Prefix of this test's customers, products and categories. */
	String p = "K" + UUID.randomUUID().toString().substring(0, 6);

	@AfterEach
	void deleteConstructedData() {
		// orders go with their customers, lines with their orders
		this.jdbc.sql("delete from customer where external_id like ?").param(this.p + "-%").update();
		this.jdbc.sql("delete from product where sku like ?").param(this.p + "-%").update();
		this.jdbc.sql("delete from product_category where name like ?").param(this.p + " %").update();
	}

	@Test
	void clustersPlantedGroupsAndExplainsChurnThroughTheDatabase() throws Exception {
		assertThat(this.jdbc
			.sql("select count(*) from app_setting where key = 'demo.seeded.segmentation.clusters.first-run'")
			.query(Long.class)
			.single()).as("the demo start ran a cluster run").isEqualTo(1);

		String p = this.p;
		long tea = product(p, "Tea");
		long apparel = product(p, "Apparel");
		long home = product(p, "Home");
		List<Long> a = new ArrayList<>();
		List<Long> b = new ArrayList<>();
		List<Long> c = new ArrayList<>();
		for (int i = 0; i < PER_GROUP; i++) {
			long customer = customer(p + "-A" + i);
			for (int m = 1; m <= 12; m++) {
				order(customer, String.format("2005-%02d-%02d", m, 3 + (i + m) % 20), tea, 25 + (i * 7 + m * 3) % 15);
			}
			a.add(customer);
			customer = customer(p + "-B" + i);
			order(customer, String.format("2005-03-%02d", 2 + i), apparel, 1400 + 37 * i);
			order(customer, String.format("2005-09-%02d", 5 + i), apparel, 1600 - 23 * i);
			b.add(customer);
			customer = customer(p + "-C" + i);
			order(customer, String.format("2004-01-%02d", 5 + i), home, 180 + 9 * i);
			if (i % 2 == 0) {
				order(customer, String.format("2004-05-%02d", 5 + i), home, 220 - 5 * i);
			}
			c.add(customer);
		}
		assertThat(this.mvc.post()
			.uri("/api/v1/segmentation/recompute")
			.with(httpBasic("manager", "demo"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"asOf\":\"2005-12-31\"}")).hasStatusOk();

		// k suggested by the silhouette: the three groups
		MvcTestResult suggested = this.mvc.post()
			.uri("/api/v1/segmentation/clusters")
			.with(httpBasic("manager", "demo"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{}")
			.exchange();
		assertThat(suggested).hasStatusOk();
		assertThat(suggested).bodyJson().extractingPath("$.suggested").isEqualTo(true);
		assertThat(suggested).bodyJson().extractingPath("$.k").isEqualTo(3);
		assertThat(suggested).bodyJson().extractingPath("$.asOf").isEqualTo("2005-12-31");
		assertThat(suggested).bodyJson().extractingPath("$.customers").isEqualTo(3 * PER_GROUP);
		assertThat(suggested).bodyJson().extractingPath("$.silhouettes.3").asNumber().satisfies((s) -> {
			assertThat(s.doubleValue()).isGreaterThan(0.5);
		});

		// each group lands in one cluster of its own, of the group's size
		int clusterA = sameCluster(a);
		int clusterB = sameCluster(b);
		int clusterC = sameCluster(c);
		assertThat(Set.of(clusterA, clusterB, clusterC)).hasSize(3);
		assertThat(suggested).bodyJson()
			.extractingPath("$.clusters[*].size")
			.asArray()
			.containsExactly(PER_GROUP, PER_GROUP, PER_GROUP);

		// described in plain words from the centroids, with the centroid in its units
		String catTea = p + " Tea";
		String catApparel = p + " Apparel";
		String catHome = p + " Home";
		assertThat(description(suggested, clusterA)).containsIgnoringCase("buy often").contains("mostly " + catTea);
		assertThat(description(suggested, clusterB)).contains("large baskets").contains("mostly " + catApparel);
		assertThat(description(suggested, clusterC)).contains("not bought for a while").contains("mostly " + catHome);
		assertThat(suggested).bodyJson()
			.extractingPath("$.clusters[" + (clusterA - 1) + "].centroid.categoryShares['" + catTea + "']")
			.isEqualTo(1.0);
		assertThat(suggested).bodyJson()
			.extractingPath("$.clusters[" + (clusterB - 1) + "].centroid.frequency")
			.asNumber()
			.satisfies((f) -> assertThat(f.doubleValue()).isCloseTo(2.0, org.assertj.core.data.Offset.offset(0.01)));

		// the customer API, the profile and the page show it
		MvcTestResult customer = this.mvc.get()
			.uri("/api/v1/customers/{id}", a.get(0))
			.with(httpBasic("staff", "demo"))
			.exchange();
		assertThat(customer).bodyJson().extractingPath("$.cluster").isEqualTo(clusterA);
		assertThat(this.mvc.get().uri("/customers/{id}", c.get(0)).with(user("staff").roles("STAFF"))).bodyText()
			.contains("Cluster " + clusterC + " of 3")
			.contains("mostly " + catHome);
		assertThat(this.mvc.get().uri("/segmentation/clusters").with(user("manager").roles("MANAGER", "STAFF")))
			.hasStatusOk()
			.bodyText()
			.contains("k = 3, suggested by the silhouette")
			.contains("share of " + catApparel)
			.contains("Cluster " + clusterB);
		assertThat(this.mvc.get().uri("/api/v1/segmentation/clusters").with(httpBasic("manager", "demo"))).bodyJson()
			.extractingPath("$.k")
			.isEqualTo(3);

		// a chosen k
		MvcTestResult four = this.mvc.post()
			.uri("/api/v1/segmentation/clusters")
			.with(httpBasic("manager", "demo"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"k\":4}")
			.exchange();
		assertThat(four).bodyJson().extractingPath("$.k").isEqualTo(4);
		assertThat(four).bodyJson().extractingPath("$.suggested").isEqualTo(false);
		assertThat(four).bodyJson().extractingPath("$.clusters").asArray().hasSize(4);

		// a run failing before its commit leaves the last good run and everybody's
		// cluster
		List<Integer> fourOfA = clustersOf(a);
		ReflectionTestUtils.setField(this.clusters, "beforeCommit", (Runnable) () -> {
			throw new IllegalStateException("database gone");
		});
		try {
			assertThat(this.mvc.post()
				.uri("/api/v1/segmentation/clusters")
				.with(httpBasic("manager", "demo"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"k\":2}")).hasStatus(500);
		}
		finally {
			ReflectionTestUtils.setField(this.clusters, "beforeCommit", (Runnable) () -> {
			});
		}
		assertThat(this.mvc.get().uri("/api/v1/segmentation/clusters").with(httpBasic("manager", "demo"))).bodyJson()
			.extractingPath("$.k")
			.isEqualTo(4);
		assertThat(clustersOf(a)).isEqualTo(fourOfA);

		// decision rules: churned (group C) against active (A and B), without the days
		// since the last purchase the stage is computed from
		MvcTestResult tree = this.mvc.post()
			.uri("/api/v1/segmentation/tree")
			.with(httpBasic("manager", "demo"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"target\":\"CHURNED\",\"maxDepth\":2}")
			.exchange();
		assertThat(tree).hasStatusOk();
		assertThat(tree).bodyJson().extractingPath("$.customers").isEqualTo(3 * PER_GROUP);
		assertThat(tree).bodyJson().extractingPath("$.targetCustomers").isEqualTo(PER_GROUP);
		assertThat(tree).bodyJson().extractingPath("$.excludedFeatures").asArray().containsExactly("recencyDays");
		assertThat(tree).bodyJson().extractingPath("$.heldOutAccuracy").isEqualTo(1.0);
		assertThat(tree).bodyJson().extractingPath("$.heldOutTargetFound").isEqualTo(1.0);
		assertThat(tree).bodyJson().extractingPath("$.rules[0].then").isEqualTo("CHURNED");
		assertThat(tree).bodyJson().extractingPath("$.rules[0].targetShare").isEqualTo(1.0);
		assertThat(tree).bodyJson().extractingPath("$.rules[*].targetShare").asArray().allSatisfy((share) -> {
			assertThat(((Number) share).doubleValue()).isIn(0.0, 1.0);
		});
		String treeJson = tree.getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
		int trainRows = com.jayway.jsonpath.JsonPath.read(treeJson, "$.trainRows");
		int heldOutRows = com.jayway.jsonpath.JsonPath.read(treeJson, "$.heldOutRows");
		List<Integer> supports = com.jayway.jsonpath.JsonPath.read(treeJson, "$.rules[*].support");
		assertThat(trainRows + heldOutRows).isEqualTo(3 * PER_GROUP);
		assertThat(trainRows).isBetween(31, 32);
		assertThat(supports.stream().mapToInt(Integer::intValue).sum()).as("every training customer in one rule")
			.isEqualTo(trainRows);
		assertThat(this.mvc.get()
			.uri("/segmentation/tree?target=CHURNED&maxDepth=2")
			.with(user("manager").roles("MANAGER", "STAFF"))).hasStatusOk()
			.bodyText()
			.contains("Held-out accuracy 100%")
			.contains("Left out because the target is computed from it: days since the last purchase.");
	}

	@Test
	void refusesBadInputWithAClearMessageAndOnlyForManagers() {
		MvcTestResult badK = this.mvc.post()
			.uri("/api/v1/segmentation/clusters")
			.with(httpBasic("manager", "demo"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"k\":1}")
			.exchange();
		assertThat(badK).hasStatus(400);
		assertThat(badK).bodyJson().extractingPath("$.errors[0].field").isEqualTo("k");
		assertThat(badK).bodyJson().extractingPath("$.errors[0].message").isEqualTo("Choose k from 2 to 12.");

		MvcTestResult badTree = this.mvc.post()
			.uri("/api/v1/segmentation/tree")
			.with(httpBasic("manager", "demo"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"target\":\"TALL\",\"maxDepth\":9}")
			.exchange();
		assertThat(badTree).hasStatus(400);
		assertThat(badTree).bodyJson()
			.extractingPath("$.errors[*].field")
			.asArray()
			.containsExactly("target", "maxDepth");
		assertThat(badTree).bodyJson().extractingPath("$.errors[1].message").isEqualTo("Choose a depth from 1 to 6.");
		assertThat(this.mvc.get()
			.uri("/segmentation/tree?target=CHURNED&maxDepth=3&minLeaf=zero")
			.with(user("manager").roles("MANAGER", "STAFF"))).hasStatusOk()
			.bodyText()
			.contains("Enter a whole number of at least 1.");

		assertThat(this.mvc.post().uri("/api/v1/segmentation/clusters").with(httpBasic("staff", "demo")))
			.hasStatus(403);
		assertThat(this.mvc.post().uri("/api/v1/segmentation/tree").with(httpBasic("staff", "demo"))).hasStatus(403);
		assertThat(this.mvc.get().uri("/segmentation/clusters").with(user("staff").roles("STAFF"))).hasStatus(403);
		assertThat(this.mvc.get()
			.uri("/segmentation/clusters")
			.with(user("manager").roles("MANAGER", "STAFF"))
			.header("Accept-Language", "zh-TW")).bodyText().contains("顧客聚類");
	}

	/** Each customer's cluster in the latest run. */
	List<Integer> clustersOf(List<Long> customers) {
		List<Integer> clusters = new ArrayList<>();
		for (long id : customers) {
			clusters.add(this.jdbc.sql("""
					select cluster from customer_cluster
					where run_id = (select max(id) from cluster_run) and customer_id = ?
					""").param(id).query(Integer.class).single());
		}
		return clusters;
	}

	/**
	 * The one cluster all these customers share in the latest run (naming the saved
	 * segments rely on).
	 */
	int sameCluster(List<Long> customers) {
		Set<Integer> clusters = new HashSet<>();
		for (long id : customers) {
			clusters.add(this.jdbc.sql("""
					select cluster from customer_cluster
					where run_id = (select max(id) from cluster_run) and customer_id = ?
					""").param(id).query(Integer.class).single());
		}
		assertThat(clusters).hasSize(1);
		return clusters.iterator().next();
	}

	static String description(MvcTestResult result, int cluster) throws java.io.UnsupportedEncodingException {
		Object value = com.jayway.jsonpath.JsonPath.read(
				result.getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8),
				"$.clusters[" + (cluster - 1) + "].description");
		return String.valueOf(value);
	}

	long product(String prefix, String name) {
		long category = this.jdbc.sql("insert into product_category (name) values (?) returning id")
			.param(prefix + " " + name)
			.query(Long.class)
			.single();
		return this.jdbc.sql("""
				insert into product (sku, name, category_id, list_price, created_at, updated_at)
				values (?, ?, ?, 10, now(), now()) returning id""")
			.params(prefix + "-" + name, name, category)
			.query(Long.class)
			.single();
	}

	long customer(String externalId) {
		return this.jdbc
			.sql("insert into customer (external_id, name, created_at, updated_at, updated_by)"
					+ " values (?, ?, now(), now(), 'test') returning id")
			.params(externalId, "Cluster " + externalId)
			.query(Long.class)
			.single();
	}

	/** A completed order at noon (Shanghai) with one line of the product. */
	void order(long customerId, String day, long productId, double amount) {
		long order = this.jdbc.sql("""
				insert into customer_order (order_number, customer_id, ordered_at, channel, status, total, line_count,
				  created_at, updated_at, updated_by)
				values (?, ?, cast(? as timestamptz), 'STORE', 'COMPLETED', ?, 1, now(), now(), 'test') returning id
				""")
			.params("CL-" + customerId + "-" + day, customerId, day + " 12:00+08", amount)
			.query(Long.class)
			.single();
		this.jdbc.sql("""
				insert into order_line (order_id, line_no, product_id, quantity, unit_price, amount)
				values (?, 1, ?, 1, ?, ?)""").params(order, productId, amount, amount).update();
	}

}

package io.loopcrm.segmentation.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Date;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

import javax.sql.DataSource;

import io.loopcrm.platform.ConflictException;
import io.loopcrm.platform.CurrentUser;
import io.loopcrm.platform.ValidationException;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Customer clusters (聚類分析): k-means++ ({@link KMeansClustering}) on standardised features
 * ({@link FeatureScaling}) of the customers with a purchase in the latest segmentation
 * run's window ({@link CustomerFeatures}): days since the last purchase, orders and spend
 * in the window and the average order value (each through {@code log(1 + x)}), days since
 * the first purchase, and the shares of the top categories. k is given
 * (2–{@value #MAX_K}) or suggested by the silhouette (2–8).
 * <p>
 * A run stores its silhouettes, features with their standardisation, centroids, sizes and
 * every clustered customer's cluster ({@code customer_cluster}) in one transaction; the
 * latest run is the one with the highest id, the last {@value #KEEP_RUNS} are kept, and
 * two runs never overlap. Clusters are numbered 1..k by size in each run, largest first.
 */
@Service
public class CustomerClusters {

	private static final Logger log = LoggerFactory.getLogger(CustomerClusters.class);

	static final int KEEP_RUNS = 3;

	static final int MIN_K = 2;

	static final int MAX_K = 12;

	private final JdbcClient jdbc;

	private final DataSource dataSource;

	private final Segmentation segmentation;

	private final CustomerFeatures features;

	private final Clock clock;

	private final KMeansClustering.Options options;

	/** Runs between storing the run and committing it; tests use it to fail there. */
	volatile Runnable beforeCommit = () -> {
	};

	CustomerClusters(JdbcClient jdbc, DataSource dataSource, Segmentation segmentation, CustomerFeatures features,
			Clock clock, @Value("${loopcrm.segmentation.clusters.silhouette-sample:5000}") int silhouetteSample,
			@Value("${loopcrm.segmentation.clusters.fit-sample:100000}") int fitSample,
			@Value("${loopcrm.segmentation.clusters.seed:20260401}") long seed) {
		this.jdbc = jdbc;
		this.dataSource = dataSource;
		this.segmentation = segmentation;
		this.features = features;
		this.clock = clock;
		KMeansClustering.Options defaults = KMeansClustering.Options.defaults();
		this.options = new KMeansClustering.Options(defaults.kMin(), defaults.kMax(), silhouetteSample, fitSample,
				defaults.maxIterations(), defaults.trials(), seed);
	}

	/**
	 * A feature of a run.
	 *
	 * @param name recency, frequency, monetary, order_value, tenure or category
	 * @param categoryId the category of a category share
	 * @param label the category's name
	 * @param log whether it went through log(1 + x)
	 * @param mean mean after the log
	 * @param sd standard deviation after the log
	 */
	public record Feature(String name, Long categoryId, String label, boolean log, double mean, double sd) {

		public boolean isCategory() {
			return this.categoryId != null;
		}

	}

	/**
	 * A cluster of a run.
	 *
	 * @param number 1..k, largest first
	 * @param size customers
	 * @param share share of the clustered customers
	 * @param values centroid per feature in the feature's unit (days, orders, money,
	 * share)
	 * @param z centroid per feature, standardised
	 * @param traits what sets it apart, for the plain-words description
	 */
	public record Cluster(int number, long size, double share, List<Double> values, List<Double> z,
			List<ClusterDescription.Trait> traits) {

		public double value(int position) {
			return this.values.get(position);
		}

	}

	/**
	 * A finished run.
	 *
	 * @param id id
	 * @param segmentationRunId the segmentation run its features came from
	 * @param asOf that run's day
	 * @param windowMonths that run's window
	 * @param k clusters
	 * @param suggested whether k was suggested by the silhouette
	 * @param silhouette mean silhouette of the clustering (on the sample)
	 * @param customers customers clustered
	 * @param silhouetteSample customers the silhouettes were computed on
	 * @param fitted customers k-means ran on (the others were assigned to the nearest
	 * centroid)
	 * @param finishedAt when it finished
	 * @param startedBy who ran it
	 * @param seconds how long it took
	 * @param silhouettes mean silhouette per k tried
	 * @param features the features in column order
	 * @param clusters the clusters, largest first
	 */
	public record Run(long id, long segmentationRunId, LocalDate asOf, int windowMonths, int k, boolean suggested,
			double silhouette, long customers, int silhouetteSample, int fitted, Instant finishedAt, String startedBy,
			double seconds, SortedMap<Integer, Double> silhouettes, List<Feature> features, List<Cluster> clusters) {

		/** The highest silhouette per k tried. */
		public double bestSilhouette() {
			return this.silhouettes.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
		}

	}

	/**
	 * A customer's cluster in the latest run.
	 *
	 * @param run the run (its clusters included)
	 * @param cluster the customer's cluster
	 */
	public record Membership(Run run, Cluster cluster) {
	}

	/**
	 * Clusters the customers of the latest segmentation run.
	 * @param k the number of clusters, or {@code null} for the one the silhouette
	 * suggests
	 * @return the finished run
	 * @throws ValidationException for a k outside 2–12 or above the number of different
	 * customers
	 * @throws ConflictException without a segmentation run, with too few customers, or
	 * while another run is under way
	 */
	@Transactional
	public Run run(Integer k) {
		if (k != null && (k < MIN_K || k > MAX_K)) {
			throw ValidationException.of("k", "segmentation.clusters.badK", MIN_K, MAX_K);
		}
		Boolean locked = this.jdbc.sql("select pg_try_advisory_xact_lock(hashtext('loopcrm.segmentation.clusters'))")
			.query(Boolean.class)
			.single();
		if (!Boolean.TRUE.equals(locked)) {
			throw new ConflictException("segmentation.clusters.busy");
		}
		Segmentation.Run source = this.segmentation.latestRun()
			.orElseThrow(() -> new ConflictException("segmentation.clusters.noSegmentation"));
		Instant started = this.clock.instant();
		long begin = System.nanoTime();
		CustomerFeatures.Table table = this.features.load(source, CustomerFeatures.Scope.WINDOW_BUYERS);
		double loadSeconds = (System.nanoTime() - begin) / 1e9;
		boolean[] logged = new boolean[table.features().size()];
		for (int i = 0; i < logged.length; i++) {
			logged[i] = table.features().get(i).log();
		}
		double[][] rows = table.rows();
		FeatureScaling scaling = FeatureScaling.standardise(rows, logged);
		KMeansClustering.Outcome outcome;
		try {
			outcome = KMeansClustering.cluster(rows, k, this.options);
		}
		catch (KMeansClustering.TooFewPoints ex) {
			if (k != null && ex.distinct() >= MIN_K) {
				throw ValidationException.of("k", "segmentation.clusters.kAboveCustomers", k, ex.distinct());
			}
			throw new ConflictException("segmentation.clusters.tooFew", table.size(), source.asOf().toString());
		}
		long saveBegin = System.nanoTime();
		long runId = this.jdbc
			.sql("""
					insert into cluster_run (segmentation_run_id, as_of, window_months, k, k_suggested, silhouette, customers,
					  silhouette_sample, fitted, seed, started_at, finished_at, started_by)
					values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id
					""")
			.params(source.id(), Date.valueOf(source.asOf()), source.settings().windowMonths(), outcome.k(),
					outcome.suggested(), outcome.silhouette(), table.size(), outcome.sampled(), outcome.fitted(),
					this.options.seed(), Timestamp.from(started), Timestamp.from(started),
					CurrentUser.usernameOrSystem())
			.query(Long.class)
			.single();
		outcome.silhouettes()
			.forEach((kk, s) -> this.jdbc.sql("insert into cluster_silhouette (run_id, k, silhouette) values (?, ?, ?)")
				.params(runId, kk, s)
				.update());
		for (int f = 0; f < table.features().size(); f++) {
			CustomerFeatures.Feature feature = table.features().get(f);
			this.jdbc.sql("""
					insert into cluster_feature (run_id, position, name, category_id, label, log_scale, mean, sd)
					values (?, ?, ?, ?, ?, ?, ?, ?)
					""")
				.params(runId, f, feature.name(), feature.categoryId(), feature.label(), feature.log(),
						scaling.mean()[f], scaling.sd()[f])
				.update();
		}
		for (int c = 0; c < outcome.k(); c++) {
			this.jdbc.sql("insert into cluster_centroid (run_id, cluster, size) values (?, ?, ?)")
				.params(runId, c + 1, outcome.sizes()[c])
				.update();
			for (int f = 0; f < table.features().size(); f++) {
				double z = outcome.centroids()[c][f];
				this.jdbc.sql("""
						insert into cluster_centroid_value (run_id, cluster, position, value, z) values (?, ?, ?, ?, ?)
						""").params(runId, c + 1, f, scaling.original(f, z), z).update();
			}
		}
		copyMembers(runId, table.customers(), outcome.labels());
		this.beforeCommit.run();
		this.jdbc.sql("update cluster_run set finished_at = ? where id = ?")
			.params(Timestamp.from(this.clock.instant()), runId)
			.update();
		this.jdbc.sql("delete from cluster_run where id not in (select id from cluster_run order by id desc limit ?)")
			.param(KEEP_RUNS)
			.update();
		log.info(
				"Cluster run {}: {} customers, k = {} ({}), silhouette {}; features {} s, silhouette per k {} s, "
						+ "k-means {} s, saving {} s",
				runId, table.size(), outcome.k(), outcome.suggested() ? "suggested" : "given",
				String.format("%.3f", outcome.silhouette()), String.format("%.1f", loadSeconds),
				String.format("%.1f", outcome.curveSeconds()), String.format("%.1f", outcome.fitSeconds()),
				String.format("%.1f", (System.nanoTime() - saveBegin) / 1e9));
		return run(runId);
	}

	/** Every clustered customer's cluster (1-based), with COPY. */
	private void copyMembers(long runId, long[] customers, int[] labels) {
		Connection connection = DataSourceUtils.getConnection(this.dataSource);
		try {
			PGCopyOutputStream copy = new PGCopyOutputStream(connection.unwrap(PGConnection.class),
					"copy customer_cluster (run_id, customer_id, cluster) from stdin", 1 << 16);
			try (Writer out = new BufferedWriter(new OutputStreamWriter(copy, StandardCharsets.UTF_8), 1 << 16)) {
				String prefix = runId + "\t";
				for (int i = 0; i < customers.length; i++) {
					out.write(prefix);
					out.write(Long.toString(customers[i]));
					out.write('\t');
					out.write(Integer.toString(labels[i] + 1));
					out.write('\n');
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("could not store the customers' clusters", ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			DataSourceUtils.releaseConnection(connection, this.dataSource);
		}
	}

	/** The latest run, if any. */
	@Transactional(readOnly = true)
	public Optional<Run> latest() {
		return latestId().map(this::run);
	}

	/** The customer's cluster in the latest run, if they were clustered. */
	@Transactional(readOnly = true)
	public Optional<Membership> forCustomer(long customerId) {
		return latestId().flatMap(
				(runId) -> this.jdbc.sql("select cluster from customer_cluster where run_id = ? and customer_id = ?")
					.params(runId, customerId)
					.query(Integer.class)
					.optional()
					.map((number) -> {
						Run run = run(runId);
						return new Membership(run, run.clusters().get(number - 1));
					}));
	}

	/** The customer's cluster number in the latest run, if they were clustered. */
	@Transactional(readOnly = true)
	public Optional<Integer> numberOf(long customerId) {
		return this.jdbc.sql("""
				select cluster from customer_cluster
				where run_id = (select max(id) from cluster_run) and customer_id = ?
				""").param(customerId).query(Integer.class).optional();
	}

	private Optional<Long> latestId() {
		return this.jdbc.sql("select id from cluster_run order by id desc limit 1").query(Long.class).optional();
	}

	private Run run(long id) {
		SortedMap<Integer, Double> silhouettes = new TreeMap<>();
		this.jdbc.sql("select k, silhouette from cluster_silhouette where run_id = ? order by k")
			.param(id)
			.query((rs) -> {
				silhouettes.put(rs.getInt(1), rs.getDouble(2));
			});
		List<Feature> features = this.jdbc
			.sql("""
					select name, category_id, label, log_scale, mean, sd from cluster_feature where run_id = ? order by position
					""")
			.param(id)
			.query((rs, i) -> new Feature(rs.getString(1), (Long) rs.getObject(2), rs.getString(3), rs.getBoolean(4),
					rs.getDouble(5), rs.getDouble(6)))
			.list();
		List<long[]> sizes = this.jdbc
			.sql("select cluster, size from cluster_centroid where run_id = ? order by cluster")
			.param(id)
			.query((rs, i) -> new long[] { rs.getInt(1), rs.getLong(2) })
			.list();
		long total = sizes.stream().mapToLong((s) -> s[1]).sum();
		List<List<Double>> values = new ArrayList<>();
		List<List<Double>> zs = new ArrayList<>();
		for (int c = 0; c < sizes.size(); c++) {
			values.add(new ArrayList<>(Collections.nCopies(features.size(), 0.0)));
			zs.add(new ArrayList<>(Collections.nCopies(features.size(), 0.0)));
		}
		this.jdbc.sql("select cluster, position, value, z from cluster_centroid_value where run_id = ?")
			.param(id)
			.query((rs) -> {
				values.get(rs.getInt(1) - 1).set(rs.getInt(2), rs.getDouble(3));
				zs.get(rs.getInt(1) - 1).set(rs.getInt(2), rs.getDouble(4));
			});
		List<Cluster> clusters = new ArrayList<>();
		for (int c = 0; c < sizes.size(); c++) {
			clusters.add(new Cluster(c + 1, sizes.get(c)[1], (total > 0) ? sizes.get(c)[1] / (double) total : 0,
					List.copyOf(values.get(c)), List.copyOf(zs.get(c)),
					ClusterDescription.traits(features, values.get(c), zs.get(c))));
		}
		return this.jdbc.sql("""
				select segmentation_run_id, as_of, window_months, k, k_suggested, silhouette, customers,
				  silhouette_sample, fitted, finished_at, started_by, extract(epoch from finished_at - started_at)
				from cluster_run where id = ?
				""")
			.param(id)
			.query((rs, i) -> new Run(id, rs.getLong(1), rs.getDate(2).toLocalDate(), rs.getInt(3), rs.getInt(4),
					rs.getBoolean(5), rs.getDouble(6), rs.getLong(7), rs.getInt(8), rs.getInt(9),
					rs.getTimestamp(10).toInstant(), rs.getString(11), rs.getDouble(12),
					Collections.unmodifiableSortedMap(silhouettes), List.copyOf(features), List.copyOf(clusters)))
			.single();
	}

}

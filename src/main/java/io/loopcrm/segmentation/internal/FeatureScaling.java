package io.loopcrm.segmentation.internal;

/**
 * Puts features on one scale for k-means: skewed ones through {@code log(1 + x)} first,
 * then every column to mean 0 and standard deviation 1 (population standard deviation; a
 * constant column becomes 0 everywhere). Rows are changed in place, so a million
 * customers need no second copy.
 *
 * @param log which columns were log-transformed
 * @param mean each column's mean after the log
 * @param sd each column's standard deviation after the log (0 = constant)
 */
record FeatureScaling(boolean[] log, double[] mean, double[] sd) {

	/** Standardises the rows in place and answers how, to map centroids back. */
	static FeatureScaling standardise(double[][] rows, boolean[] log) {
		int dimension = log.length;
		double[] mean = new double[dimension];
		double[] sd = new double[dimension];
		for (double[] row : rows) {
			for (int d = 0; d < dimension; d++) {
				if (log[d]) {
					row[d] = Math.log1p(Math.max(0, row[d]));
				}
				mean[d] += row[d];
			}
		}
		int n = Math.max(1, rows.length);
		for (int d = 0; d < dimension; d++) {
			mean[d] /= n;
		}
		for (double[] row : rows) {
			for (int d = 0; d < dimension; d++) {
				double diff = row[d] - mean[d];
				sd[d] += diff * diff;
			}
		}
		for (int d = 0; d < dimension; d++) {
			sd[d] = Math.sqrt(sd[d] / n);
			if (sd[d] < 1e-12) {
				sd[d] = 0;
			}
		}
		for (double[] row : rows) {
			for (int d = 0; d < dimension; d++) {
				row[d] = (sd[d] > 0) ? (row[d] - mean[d]) / sd[d] : 0;
			}
		}
		return new FeatureScaling(log.clone(), mean, sd);
	}

	/** A standardised value of column d back in the column's own unit. */
	double original(int d, double z) {
		double value = this.mean[d] + z * this.sd[d];
		return this.log[d] ? Math.expm1(value) : value;
	}

	/** A value in the column's own unit on the standardised scale. */
	double standardised(int d, double value) {
		double v = this.log[d] ? Math.log1p(Math.max(0, value)) : value;
		return (this.sd[d] > 0) ? (v - this.mean[d]) / this.sd[d] : 0;
	}

}

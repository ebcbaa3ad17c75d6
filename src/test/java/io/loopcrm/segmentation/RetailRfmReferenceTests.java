package io.loopcrm.segmentation;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import io.loopcrm.IntegrationTest;
import io.loopcrm.segmentation.internal.Segmentation;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

/**
 * The UCI Online Retail invoices (18,532 invoices of 4,338 customers, 2010-12-01 to
 * 2011-12-09) imported through the transaction import and segmented as of 2011-12-10:
 * recency, frequency and monetary of every customer equal an independent analysis of the
 * same data (no other test buys before 2012).
 */
@IntegrationTest
class RetailRfmReferenceTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Segmentation segmentation;

	@Test
	void recencyFrequencyAndMonetaryMatchTheReference() throws IOException {
		byte[] invoices;
		try (InputStream in = getClass().getResourceAsStream("/data/retail-invoices.csv")) {
			invoices = in.readAllBytes();
		}
		MvcTestResult imported = this.mvc.post()
			.uri("/api/v1/transactions/import")
			.with(httpBasic("staff", "demo"))
			.multipart()
			.file(new MockMultipartFile("file", "retail-invoices.csv", "text/csv", invoices))
			.param("createMissingCustomers", "true")
			.exchange();
		assertThat(imported).hasStatusOk();
		assertThat(imported).bodyJson().extractingPath("$.rejected").isEqualTo(0);

		Segmentation.Summary summary = this.segmentation.recompute(java.time.LocalDate.of(2011, 12, 10));
		Map<String, Object[]> ours = new HashMap<>();
		this.jdbc.sql("""
				select c.external_id, s.recency_days, s.frequency, s.monetary
				from customer_segment s join customer c on c.id = s.customer_id
				where s.run_id = ? and c.external_id like 'R%' and s.frequency is not null
				""").param(summary.run().id()).query((rs) -> {
			ours.put(rs.getString(1).substring(1), new Object[] { rs.getInt(2), rs.getInt(3), rs.getBigDecimal(4) });
		});

		int compared = 0;
		try (InputStream in = getClass().getResourceAsStream("/data/retail-rfm-reference.csv")) {
			for (CSVRecord reference : CSVFormat.DEFAULT.builder()
				.setHeader()
				.setSkipHeaderRecord(true)
				.get()
				.parse(new InputStreamReader(in, StandardCharsets.UTF_8))) {
				String id = reference.get("CustomerID");
				Object[] mine = ours.get(id);
				assertThat(mine).as("customer %s", id).isNotNull();
				assertThat(mine[0]).as("recency of %s", id).isEqualTo(Integer.parseInt(reference.get("Recency")));
				assertThat(mine[1]).as("frequency of %s", id).isEqualTo(Integer.parseInt(reference.get("Frequency")));
				assertThat(((BigDecimal) mine[2]).doubleValue()).as("monetary of %s", id)
					.isCloseTo(Double.parseDouble(reference.get("Monetary")),
							org.assertj.core.api.Assertions.within(0.005));
				compared++;
			}
		}
		assertThat(compared).isEqualTo(4338);
		assertThat(ours).hasSize(4338);
	}

}

package io.loopcrm.customer;

import java.util.Map;

import io.loopcrm.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

@IntegrationTest
class CustomerQualityTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JdbcClient jdbc;

	@Test
	void checksCountTheFilesThatNeedAttentionAndListThem() throws Exception {
		String before = page("/customers/quality?months=12");
		long missingContact = count(before, "missingContact");
		long invalid = count(before, "invalidValues");
		long stale = count(before, "stale");
		insert("QUAL-1", "无联系方式", "{}", "{}", null, "now()");
		insert("QUAL-2", "Future Birthday", "{+8613800002222}", "{}", "2999-01-01", "now()");
		insert("QUAL-3", "Bad Mail", "{}", "{Not@Valid}", null, "now() - interval '10 years'");
		String after = page("/customers/quality?months=12");
		assertThat(count(after, "missingContact")).isEqualTo(missingContact + 1);
		assertThat(count(after, "invalidValues")).isEqualTo(invalid + 2);
		assertThat(count(after, "stale")).isEqualTo(stale + 1);
		assertThat(page("/customers/quality?check=missingContact&months=12")).contains("无联系方式");
		assertThat(page("/customers/quality?check=invalidValues&months=12")).contains("Future Birthday")
			.contains("Bad Mail");
		assertThat(page("/customers/quality?check=stale&months=12")).contains("Bad Mail");
	}

	@Test
	void duplicatesNeedTheSameCityForSimilarNamesAndNormalisedContacts() throws Exception {
		long a = insert("DUP-1", "Grace Lee", "{}", "{grace.lee@example.com}", null, "now()", "香港");
		long b = insert("DUP-2", "grace lee", "{}", "{}", null, "now()", "香港");
		long c = insert("DUP-3", "Grace Lee", "{}", "{}", null, "now()", "台北");
		long d = insert("DUP-4", "G. Lee", "{}", "{grace.lee@example.com}", null, "now()", "台北");
		String duplicates = allDuplicatePages();
		assertThat(duplicates).contains("a=" + a + "&amp;b=" + b).contains("a=" + a + "&amp;b=" + d);
		assertThat(duplicates).doesNotContain("a=" + a + "&amp;b=" + c).doesNotContain("a=" + b + "&amp;b=" + c);
	}

	private long insert(String externalId, String name, String phones, String emails, String birthday, String updated) {
		return insert(externalId, name, phones, emails, birthday, updated, "上海");
	}

	private long insert(String externalId, String name, String phones, String emails, String birthday, String updated,
			String city) {
		return this.jdbc.sql("""
				insert into customer (external_id, name, city, phone, phones, email, emails, birthday, created_at,
				  updated_at, updated_by)
				values (:ext, :name, :city, (cast(:phones as text[]))[1], cast(:phones as text[]),
				  (cast(:emails as text[]))[1], cast(:emails as text[]), cast(:birthday as date), now(), %s, 'test')
				returning id
				""".formatted(updated))
			.params(Map.of("ext", externalId, "name", name, "city", city, "phones", phones, "emails", emails))
			.param("birthday", birthday)
			.query(Long.class)
			.single();
	}

	/** Every page of possible duplicates, up to the first page without a pair. */
	private String allDuplicatePages() throws Exception {
		StringBuilder all = new StringBuilder();
		for (int page = 0; page < 100; page++) {
			String html = page("/customers/duplicates?page=" + page);
			if (!html.contains("/customers/merge?a=")) {
				break;
			}
			all.append(html);
		}
		return all.toString();
	}

	private String page(String uri) throws Exception {
		return this.mvc.get()
			.uri(uri)
			.with(user("manager").roles("MANAGER", "AGENT", "STAFF"))
			.exchange()
			.getResponse()
			.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
	}

	/** The number on the card that links to a check. */
	private static long count(String page, String check) {
		String marker = "id=\"count-" + check + "\">";
		int start = page.indexOf(marker) + marker.length();
		int end = page.indexOf('<', start);
		return Long.parseLong(page.substring(start, end).replace(",", ""));
	}

}

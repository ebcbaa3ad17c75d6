package io.loopcrm.customer;

import java.util.UUID;

import io.loopcrm.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

@IntegrationTest
class CustomerSearchTests {

	@Autowired
	MockMvcTester mvc;

	String marker;

	@BeforeEach
	void createCustomers() {
		this.marker = "t" + UUID.randomUUID().toString().substring(0, 8);
		create("欧阳娜娜", "+86 139 8765 4321", "nana." + this.marker + "@example.cn", "深圳");
		create("司马懿明", "+886 912 345 678", null, "台北");
		create("Chloe Ng", null, "chloe." + this.marker + "@example.com", "香港");
	}

	@Test
	void findsACustomerByTwoCharactersFromTheMiddleOfAChineseName() throws Exception {
		assertThat(search("阳娜", "tag=" + this.marker)).contains("欧阳娜娜").doesNotContain("司马懿明");
		assertThat(search("懿明", "tag=" + this.marker)).contains("司马懿明").doesNotContain("欧阳娜娜");
	}

	@Test
	void findsByOneChineseCharacterAndByTheWholeName() throws Exception {
		assertThat(search("懿", "tag=" + this.marker)).contains("司马懿明");
		assertThat(search("欧阳娜娜", "tag=" + this.marker)).contains("欧阳娜娜");
	}

	@Test
	void findsByPhoneAsPeopleTypeIt() throws Exception {
		assertThat(search("912 345", "tag=" + this.marker)).contains("司马懿明").doesNotContain("欧阳娜娜");
		assertThat(search("+886912345", "tag=" + this.marker)).contains("司马懿明");
	}

	@Test
	void findsByPartOfAnEmailAndIgnoresCase() throws Exception {
		assertThat(search("CHLOE." + this.marker.toUpperCase(), null)).contains("Chloe Ng");
		assertThat(search("nana." + this.marker, null)).contains("欧阳娜娜").doesNotContain("Chloe Ng");
	}

	@Test
	void filtersCombineWithTheSearchAndTheCountIsShown() throws Exception {
		assertThat(search(null, "tag=" + this.marker + "&city=香港")).contains("Chloe Ng")
			.doesNotContain("欧阳娜娜")
			.contains("1 customers");
	}

	@Test
	void htmxGetsOnlyTheResultsAndLinksKeepTheFilter() throws Exception {
		var result = this.mvc.get()
			.uri("/customers?q=娜娜&tag=" + this.marker)
			.header("HX-Request", "true")
			.header("HX-Target", "results")
			.with(user("staff").roles("STAFF"))
			.exchange();
		assertThat(result).hasStatusOk().bodyText().contains("欧阳娜娜").doesNotContain("<nav class=\"navbar");
		assertThat(result).bodyText().contains("sort=name").contains("tag=" + this.marker);
	}

	@Test
	void apiListsMatchesWithTheDocumentedShape() throws Exception {
		var result = this.mvc.get()
			.uri("/api/v1/customers?q=阳娜&tag=" + this.marker + "&page=0&size=10")
			.with(httpBasic("staff", "demo"))
			.exchange();
		assertThat(result).hasStatusOk().hasContentType(MediaType.APPLICATION_JSON);
		assertThat(result).bodyJson().extractingPath("$.total").isEqualTo(1);
		assertThat(result).bodyJson().extractingPath("$.page").isEqualTo(0);
		assertThat(result).bodyJson().extractingPath("$.size").isEqualTo(10);
		assertThat(result).bodyJson().extractingPath("$.items[0].name").isEqualTo("欧阳娜娜");
		assertThat(result).bodyJson().extractingPath("$.items[0].city").isEqualTo("深圳");
		assertThat(result).bodyJson().extractingPath("$.items[0].tags").asArray().containsExactly(this.marker);
		assertThat(result).bodyJson().extractingPath("$.items[0].phone").asString().startsWith("+86139");
	}

	private String search(String q, String extra) throws Exception {
		String uri = "/customers?" + ((q != null) ? "q=" + q : "") + ((extra != null) ? "&" + extra : "");
		return this.mvc.get()
			.uri(uri)
			.with(user("staff").roles("STAFF"))
			.exchange()
			.getResponse()
			.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
	}

	private void create(String name, String phone, String email, String city) {
		StringBuilder json = new StringBuilder(
				"{\"name\":\"" + name + "\",\"city\":\"" + city + "\",\"tags\":[\"" + this.marker + "\"]");
		if (phone != null) {
			json.append(",\"phone\":\"").append(phone).append('"');
		}
		if (email != null) {
			json.append(",\"email\":\"").append(email).append('"');
		}
		json.append('}');
		assertThat(this.mvc.post()
			.uri("/api/v1/customers")
			.with(httpBasic("staff", "demo"))
			.contentType(MediaType.APPLICATION_JSON)
			.content(json.toString())).hasStatus(201);
	}

}

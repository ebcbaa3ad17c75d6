package io.loopcrm.customer;

import io.loopcrm.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

@IntegrationTest
class CustomerFormTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JdbcClient jdbc;

	@Test
	void invalidValuesAreExplainedBesideTheirFieldsAndNothingIsSaved() {
		var result = this.mvc.post()
			.uri("/customers")
			.with(user("staff").roles("STAFF"))
			.with(csrf())
			.param("name", "   ")
			.param("emails", "not-an-email, ok@example.com")
			.param("phones", "12345")
			.param("birthday", "2999-01-01")
			.exchange();
		assertThat(result).hasStatusOk()
			.bodyText()
			.contains("Enter a name.")
			.contains("not-an-email is not a valid e-mail address.")
			.contains("12345 is not a valid phone number.")
			.contains("The birthday cannot be in the future.");
		assertThat(this.jdbc.sql("select count(*) from customer where emails @> '{ok@example.com}'")
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void messagesAreInTheUsersLanguage() {
		var result = this.mvc.post()
			.uri("/customers")
			.with(user("staff").roles("STAFF"))
			.with(csrf())
			.header("Accept-Language", "zh-TW")
			.param("name", "")
			.param("emails", "壞地址")
			.param("birthday", "not-a-date")
			.exchange();
		assertThat(result).hasStatusOk()
			.bodyText()
			.contains("請輸入姓名。")
			.contains("壞地址 不是有效的電子郵件地址。")
			.contains("請依 YYYY-MM-DD 格式輸入日期。");
	}

	@Test
	void valuesAreNormalisedOnSaveAndTextIsKeptAsTypedButShownEscaped() throws Exception {
		var created = this.mvc.post()
			.uri("/customers")
			.with(user("staff").roles("STAFF"))
			.with(csrf())
			.param("name", "  =Zoë <b>O'Brien</b> & 张三  ")
			.param("phones", "138 0013 8000, +852 6123-4567")
			.param("emails", "  Zoe.OBrien@Example.COM ")
			.param("externalId", " NORM-1 ")
			.param("tags", "VIP, 会员 ,VIP")
			.param("notes", "=1+2 <script>x</script>")
			.exchange();
		assertThat(created).hasStatus3xxRedirection();
		var row = this.jdbc.sql(
				"select id, name, phone, phones, email, external_id, tags, notes from customer where external_id = 'NORM-1'")
			.query((rs, n) -> new Object[] { rs.getLong(1), rs.getString(2), rs.getString(3),
					java.util.Arrays.asList((String[]) rs.getArray(4).getArray()), rs.getString(5), rs.getString(6),
					java.util.Arrays.asList((String[]) rs.getArray(7).getArray()), rs.getString(8) })
			.single();
		assertThat(row[1]).isEqualTo("=Zoë <b>O'Brien</b> & 张三");
		assertThat(row[2]).isEqualTo("+8613800138000");
		assertThat(row[3]).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
			.containsExactly("+8613800138000", "+85261234567");
		assertThat(row[4]).isEqualTo("zoe.obrien@example.com");
		assertThat(row[5]).isEqualTo("NORM-1");
		assertThat(row[6]).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
			.containsExactly("VIP", "会员");
		assertThat(row[7]).isEqualTo("=1+2 <script>x</script>");

		String profile = this.mvc.get()
			.uri("/customers/{id}", row[0])
			.with(user("staff").roles("STAFF"))
			.exchange()
			.getResponse()
			.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
		assertThat(profile).contains("=Zoë &lt;b&gt;O&#39;Brien&lt;/b&gt; &amp; 张三")
			.contains("=1+2 &lt;script&gt;x&lt;/script&gt;")
			.doesNotContain("<script>x</script>")
			.doesNotContain("<b>O'Brien</b>");
	}

	@Test
	void takenExternalIdIsAFieldError() {
		this.mvc.post()
			.uri("/customers")
			.with(user("staff").roles("STAFF"))
			.with(csrf())
			.param("name", "First holder")
			.param("externalId", "TAKEN-1")
			.exchange();
		assertThat(this.mvc.post()
			.uri("/customers")
			.with(user("staff").roles("STAFF"))
			.with(csrf())
			.param("name", "Second holder")
			.param("externalId", "TAKEN-1")).hasStatusOk()
			.bodyText()
			.contains("The external ID TAKEN-1 is already used by another customer.");
	}

}

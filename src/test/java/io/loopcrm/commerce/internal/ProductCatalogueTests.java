package io.loopcrm.commerce.internal;

import io.loopcrm.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

@IntegrationTest
class ProductCatalogueTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JdbcClient jdbc;

	@Test
	void staffFindProductsAndManagersEditThemWithoutLosingAnotherEdit() {
		String p = TransactionImportTests.prefix();
		long id = this.jdbc
			.sql("""
					insert into product (sku, name, list_price, created_at, updated_at) values (?, '<b>Oolong</b> & more', 88, now(), now())
					returning id""")
			.param(p + "OOLONG")
			.query(Long.class)
			.single();
		assertThat(this.mvc.get()
			.uri("/transactions/products?q={q}", p.toLowerCase() + "oolong")
			.with(user("staff").roles("STAFF"))).bodyText()
			.contains(p + "OOLONG")
			.contains("&lt;b&gt;Oolong&lt;/b&gt; &amp; more")
			.doesNotContain("/transactions/products/" + id + "/edit");
		assertThat(this.mvc.get().uri("/transactions/products/{id}/edit", id).with(user("staff").roles("STAFF")))
			.hasStatus(403);

		assertThat(this.mvc.post()
			.uri("/transactions/products/{id}/edit", id)
			.with(user("manager").roles("MANAGER", "STAFF"))
			.with(csrf())
			.param("version", "0")
			.param("name", " ")
			.param("listPrice", "12.345")).hasStatusOk()
			.bodyText()
			.contains("A name is required.")
			.contains("12.345 is not a price");

		assertThat(this.mvc.post()
			.uri("/transactions/products/{id}/edit", id)
			.with(user("manager").roles("MANAGER", "STAFF"))
			.with(csrf())
			.param("version", "0")
			.param("name", "Oolong tea")
			.param("listPrice", "98.50")).hasStatus3xxRedirection();
		assertThat(this.jdbc.sql("select name || ' ' || list_price || ' ' || version from product where id = ?")
			.param(id)
			.query(String.class)
			.single()).isEqualTo("Oolong tea 98.50 1");

		// a second manager still editing version 0 is told, and nothing is overwritten
		assertThat(this.mvc.post()
			.uri("/transactions/products/{id}/edit", id)
			.with(user("manager").roles("MANAGER", "STAFF"))
			.with(csrf())
			.param("version", "0")
			.param("name", "Other name")
			.param("listPrice", "1")).bodyText().contains("Someone else saved this product in the meantime.");
		assertThat(this.jdbc.sql("select name from product where id = ?").param(id).query(String.class).single())
			.isEqualTo("Oolong tea");
	}

}

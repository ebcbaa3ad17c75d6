package io.loopcrm.segmentation.segments;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import io.loopcrm.platform.ValidationException;
import io.loopcrm.platform.ValidationException.FieldProblem;
import io.loopcrm.segmentation.segments.SegmentDefinition.Group;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How definitions are read and turned into SQL, without a database: names only from the
 * whitelist, every value a bind parameter, problems named by their path.
 */
class SegmentSqlTests {

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final SegmentSql.Context CONTEXT = new SegmentSql.Context(7, LocalDate.of(1999, 12, 31),
			ZoneId.of("Asia/Shanghai"));

	static final String EVIL = "x' or 1=1; drop table customer; --";

	@Test
	void everyValueIsABindParameterNeverPartOfTheStatement() {
		Group definition = parse("""
				{"match":"ANY","conditions":[
				 {"field":"city","op":"eq","value":"%1$s"},
				 {"field":"city","op":"in","value":["%1$s","b"]},
				 {"field":"region","op":"contains","value":"%1$s"},
				 {"field":"owner","op":"notIn","value":["%1$s"]},
				 {"field":"tag","op":"eq","value":"%1$s"},
				 {"field":"rfmSegment","op":"in","value":["Champions","Loyal"]},
				 {"field":"spentLastDays","days":90,"op":"gte","value":1000},
				 {"group":{"match":"ALL","conditions":[
				   {"field":"boughtCategory","days":30,"op":"in","value":["%1$s","茶饮 > 茶叶"]},
				   {"field":"createdAt","op":"between","value":["1999-01-01","1999-06-30"]},
				   {"field":"cluster","op":"in","value":[1, 2]}]}}]}
				""".formatted(EVIL.replace("\"", "\\\"")));
		SegmentSql.Query query = SegmentSql.compile(definition, CONTEXT);
		String sql = query.count();
		assertThat(sql).doesNotContain("'")
			.doesNotContain("drop")
			.doesNotContain("1=1")
			.doesNotContain("--")
			.doesNotContain("Champions")
			.doesNotContain("1000")
			.doesNotContain("茶");
		// the statement is made of fixed words, whitelisted columns and :pN parameters
		assertThat(sql.replaceAll(":p\\d+", "?")).matches("[a-z0-9_ .,()=<>&@:\\[\\]*?\\n]+");
		assertThat(query.params().values()).anySatisfy((v) -> assertThat(v).isEqualTo(EVIL))
			.anySatisfy((v) -> assertThat(v).isEqualTo(new String[] { EVIL, "b" }))
			.anySatisfy((v) -> assertThat(v).isEqualTo("%" + EVIL + "%"))
			.anySatisfy((v) -> assertThat(v).isEqualTo(new String[] { "CHAMPIONS", "LOYAL" }))
			.anySatisfy((v) -> assertThat(v).isEqualTo(new String[] { EVIL.toLowerCase(), "茶饮 > 茶叶" }));
		assertThat(sql).contains("c.city = :p1")
			.contains("left join customer_segment s on s.run_id = :run")
			.contains("customer_cluster k")
			.contains(" or ");
		assertThat(query.params()).containsEntry("run", 7L);
	}

	@Test
	void likePatternsEscapeWildcards() {
		SegmentSql.Query query = SegmentSql.compile(parse("""
				{"match":"ALL","conditions":[{"field":"city","op":"prefix","value":"50%_Off\\\\"}]}"""), CONTEXT);
		assertThat(query.params()).containsEntry("p1", "50\\%\\_off\\\\%");
	}

	@Test
	void purchaseConditionsCompareZeroForCustomersWithoutPurchases() {
		// "at least 1,000" cannot hold for 0: the plain value (an inner join is possible)
		assertThat(where("{\"field\":\"spentLastDays\",\"days\":90,\"op\":\"gte\",\"value\":1000}"))
			.isEqualTo("(a1.v >= :p2)");
		// "at most 100" holds for 0: customers without purchases count as 0
		assertThat(where("{\"field\":\"spentLastDays\",\"days\":90,\"op\":\"lte\",\"value\":100}"))
			.isEqualTo("(coalesce(a1.v, 0) <= :p2)");
		assertThat(where("{\"field\":\"ordersLastDays\",\"days\":7,\"op\":\"ne\",\"value\":0}"))
			.isEqualTo("(a1.v <> :p2)");
		assertThat(where("{\"field\":\"ordersLastDays\",\"days\":7,\"op\":\"between\",\"value\":[0,2]}"))
			.isEqualTo("(coalesce(a1.v, 0) between :p2 and :p3)");
		SegmentSql.Query query = SegmentSql.compile(
				parse("{\"conditions\":[{\"field\":\"spentLastDays\",\"days\":90,\"op\":\"gte\",\"value\":1000}]}"),
				CONTEXT);
		// spend is compared in cents
		assertThat((java.math.BigDecimal) query.params().get("p2")).isEqualByComparingTo("100000");
		// 90 days including 1999-12-31 begin on 1999-10-03 in Shanghai
		assertThat(query.params().get("p1"))
			.isEqualTo(java.sql.Timestamp.from(java.time.Instant.parse("1999-10-02T16:00:00Z")));
	}

	@Test
	void problemsAreNamedByTheirPath() {
		assertThat(problems("""
				{"match":"SOME","conditions":[
				 {"field":"colour","op":"eq","value":"red"},
				 {"field":"city","op":"like","value":"x"},
				 {"field":"rfmSegment","op":"contains","value":"Cham"},
				 {"field":"spentLastDays","op":"gte","value":"a lot"},
				 {"field":"tag","op":"in","value":"vip"},
				 {"group":{"match":"ANY","conditions":[{"field":"gender","op":"eq","value":"X","vlaue":1}]}},
				 {"field":"createdAt","op":"between","value":["2020-02-01","2020-01-01"]},
				 {"field":"city","days":3,"op":"eq","value":""},
				 {"field":"rfmSegment","op":"eq","value":"Winners"},
				 {"field":"recencyDays","op":"gte","value":1.5}]}
				""")).containsExactly("match segments.error.match", "conditions[0].field segments.error.field.unknown",
				"conditions[1].op segments.error.op.unknown", "conditions[2].op segments.error.op.notForField",
				"conditions[3].days segments.error.days.missing", "conditions[3].value segments.error.value.notNumber",
				"conditions[4].value segments.error.value.notList",
				"conditions[5].group.conditions[0].vlaue segments.error.property.unknown",
				"conditions[5].group.conditions[0].value segments.error.value.unknown",
				"conditions[6].value segments.error.value.between",
				"conditions[7].days segments.error.days.notApplicable",
				"conditions[7].value segments.error.value.empty", "conditions[8].value segments.error.value.unknown",
				"conditions[9].value segments.error.value.notInteger");
		assertThat(problems("{\"match\":\"ALL\"}")).containsExactly("conditions segments.error.conditions.missing");
		assertThat(problems("{\"conditions\":[]}")).containsExactly("conditions segments.error.conditions.missing");
		assertThat(problems("{\"conditions\":[{\"field\":\"spentLastDays\",\"days\":0,\"op\":\"gte\",\"value\":1}]}"))
			.containsExactly("conditions[0].days segments.error.days.range");
		assertThat(problems("{\"conditions\":[{\"group\":{\"conditions\":[{\"group\":{\"conditions\":"
				+ "[{\"group\":{\"conditions\":[{\"field\":\"city\",\"op\":\"eq\",\"value\":\"x\"}]}}]}}]}}]}"))
			.containsExactly(
					"conditions[0].group.conditions[0].group.conditions[0].group segments.error.group.tooDeep");
		// field names are whitelisted as written: SQL in a field name is just an unknown
		// field
		assertThat(problems("{\"conditions\":[{\"field\":\"city = city or 1=1 --\",\"op\":\"eq\",\"value\":\"x\"}]}"))
			.containsExactly("conditions[0].field segments.error.field.unknown");
	}

	@Test
	void canonicalJsonReadsBackTheSame() {
		Group definition = parse("""
				{"match":"any","conditions":[{"field":"rfmSegment","op":"in","value":["champions","LOYAL","Champions"]},
				 {"field":"monetary","op":"between","value":[100.50, 2000]},
				 {"field":"boughtCategory","op":"eq","value":" 茶饮>茶叶 "},
				 {"group":{"conditions":[{"field":"owner","op":"eq","value":"Manager"}]}}]}""");
		String json = JSON.writeValueAsString(SegmentDefinitions.toJson(definition));
		assertThat(json).isEqualTo("{\"match\":\"ANY\",\"conditions\":[{\"field\":\"rfmSegment\",\"op\":\"in\","
				+ "\"value\":[\"Champions\",\"Loyal\"]},{\"field\":\"monetary\",\"op\":\"between\",\"value\":[100.5,2000]},"
				+ "{\"field\":\"boughtCategory\",\"op\":\"eq\",\"value\":\"茶饮 > 茶叶\"},"
				+ "{\"group\":{\"match\":\"ALL\",\"conditions\":[{\"field\":\"owner\",\"op\":\"eq\",\"value\":\"manager\"}]}}]}");
		assertThat(SegmentDefinitions.toJson(parse(json))).isEqualTo(SegmentDefinitions.toJson(definition));
	}

	static String where(String condition) {
		return SegmentSql.compile(parse("{\"conditions\":[" + condition + "]}"), CONTEXT).where();
	}

	static Group parse(String json) {
		return SegmentDefinitions.parse(JSON.readTree(json));
	}

	static List<String> problems(String json) {
		try {
			parse(json);
			throw new AssertionError("no problem found in " + json);
		}
		catch (ValidationException ex) {
			return ex.problems().stream().map((FieldProblem p) -> p.field() + " " + p.messageKey()).toList();
		}
	}

}

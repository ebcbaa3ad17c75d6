package io.loopcrm;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What a bulk load drops and builds again, to compare before and after: every index and
 * every primary, unique and foreign key of some tables, as {@code table: definition},
 * sorted.
 */
public final class TableDefinitions {

	private TableDefinitions() {
	}

	public static List<String> indexesAndKeys(JdbcClient jdbc, String... tables) {
		return jdbc.sql("""
				select t from (
				  select tablename || ': ' || indexdef as t from pg_indexes where tablename = any (?)
				  union all
				  select conrelid::regclass || ': ' || conname || ' ' || pg_get_constraintdef(oid) from pg_constraint
				  where conrelid::regclass::text = any (?) and contype in ('u', 'f', 'p')
				) d order by t
				""").params(tables, tables).query(String.class).list();
	}

}

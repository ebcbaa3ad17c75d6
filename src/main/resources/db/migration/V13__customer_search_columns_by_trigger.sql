-- The two search columns were generated columns, computed in SQL for every inserted row
-- (about 7 s of a 1,000,000-customer import). They become ordinary columns kept by
-- triggers: an insert without them (forms, API, minimal profiles, SQL) and every update
-- of a column they are made of computes them with the same functions as before; the
-- customer import computes them while reading the file (same rules, tested against these
-- functions) and brings them along. Existing values stay as they are.
alter table customer alter column search_text drop expression;
alter table customer alter column name_grams drop expression;

create function customer_search_columns() returns trigger language plpgsql as
$$
begin
    new.search_text := customer_search_text(new.name, new.external_id, new.phones, new.emails, new.wechat_id);
    new.name_grams := customer_bigrams(new.name);
    return new;
end
$$;

create trigger customer_search_columns_on_insert before insert on customer
    for each row when (new.search_text is null or new.name_grams is null)
    execute function customer_search_columns();

create trigger customer_search_columns_on_update before update of name, external_id, phones, emails, wechat_id, search_text, name_grams
    on customer for each row execute function customer_search_columns();

-- The customer file. Search: a lower-cased search_text (name, external ID, phones as digits,
-- e-mails, WeChat ID) with a trigram index answers "contains" for 3+ characters; name_grams
-- (character bigrams of the name) answers 2-character parts of Chinese names, which
-- trigrams cannot.
create extension if not exists pg_trgm;

create function customer_search_text(name text, external_id text, phones text[], emails text[], wechat text)
    returns text language sql immutable parallel safe as
$$
select lower(coalesce(name, '') || ' ' || coalesce(external_id, '') || ' '
    || coalesce(regexp_replace(array_to_string(phones, ' '), '[^0-9 ]', '', 'g'), '') || ' '
    || coalesce(array_to_string(emails, ' '), '') || ' ' || coalesce(wechat, ''))
$$;

-- Character bigrams of a name, plus its single non-ASCII characters, so that any one or two
-- characters of a Chinese name can be looked up in a GIN index. (PL/pgSQL: several times
-- faster per row than a set-returning SQL version, which matters for bulk imports.)
create function customer_bigrams(value text) returns text[] language plpgsql immutable parallel safe as
$$
declare
    v     text    := lower(coalesce(value, ''));
    n     integer := length(v);
    grams text[]  := '{}';
    c     text;
    g     text;
begin
    for i in 1 .. n loop
        c := substr(v, i, 1);
        continue when c in (' ', E'\t', E'\n', E'\r', E'\u3000');
        if ascii(c) > 127 and not c = any (grams) then
            grams := grams || c;
        end if;
        if i < n then
            g := substr(v, i, 2);
            if substr(g, 2, 1) not in (' ', E'\t', E'\n', E'\r', E'\u3000') and not g = any (grams) then
                grams := grams || g;
            end if;
        end if;
    end loop;
    return grams;
end
$$;

create table customer (
    id                   bigint generated always as identity primary key,
    external_id          varchar(64),
    name                 varchar(200) not null,
    gender               varchar(16),
    birthday             date,
    age_band             varchar(16),
    occupation           varchar(32),
    phone                varchar(20),
    phones               text[]       not null default '{}',
    email                varchar(254),
    emails               text[]       not null default '{}',
    wechat_id            varchar(64),
    city                 varchar(64),
    region               varchar(64),
    preferred_channel    varchar(16),
    source_channel       varchar(16),
    tags                 text[]       not null default '{}',
    lifecycle_stage      varchar(16),
    owner_id             bigint references app_user (id),
    notes                text,
    consent_email        boolean      not null default false,
    consent_email_at     timestamptz,
    consent_email_source varchar(64),
    consent_sms          boolean      not null default false,
    consent_sms_at       timestamptz,
    consent_sms_source   varchar(64),
    consent_phone        boolean      not null default false,
    consent_phone_at     timestamptz,
    consent_phone_source varchar(64),
    created_at           timestamptz  not null,
    updated_at           timestamptz  not null,
    updated_by           varchar(64)  not null,
    version              bigint       not null default 0,
    search_text          text generated always as (customer_search_text(name, external_id, phones, emails, wechat_id)) stored,
    name_grams           text[] generated always as (customer_bigrams(name)) stored,
    constraint customer_gender_known check (gender in ('FEMALE', 'MALE', 'OTHER', 'UNDISCLOSED')),
    constraint customer_source_known check (source_channel in ('WEB_FORM', 'STORE_VISIT', 'PHONE', 'EVENT', 'REFERRAL', 'IMPORT', 'API')),
    constraint customer_preferred_known check (preferred_channel in ('EMAIL', 'SMS', 'PHONE', 'WECHAT', 'IN_PERSON')),
    constraint customer_name_present check (length(btrim(name)) > 0),
    constraint customer_primary_phone check (phone is not distinct from phones[1]),
    constraint customer_primary_email check (email is not distinct from emails[1])
);
create unique index customer_external_id_uk on customer (external_id) where external_id is not null;
create index customer_search_trgm_idx on customer using gin (search_text gin_trgm_ops);
create index customer_name_grams_idx on customer using gin (name_grams);
create index customer_tags_idx on customer using gin (tags);
create index customer_created_idx on customer (created_at desc, id desc);
create index customer_updated_idx on customer (updated_at, id);
create index customer_name_idx on customer (name, id);
create index customer_city_idx on customer (city, id);
create index customer_lifecycle_idx on customer (lifecycle_stage, id);
create index customer_owner_idx on customer (owner_id, id);

-- IDs of customers merged into another one: old links and old external IDs keep working.
create table customer_alias (
    old_customer_id bigint primary key,
    customer_id     bigint      not null references customer (id) on delete cascade,
    old_external_id varchar(64),
    merged_at       timestamptz not null
);
create unique index customer_alias_external_uk on customer_alias (old_external_id) where old_external_id is not null;
create index customer_alias_customer_idx on customer_alias (customer_id);

-- Everything that happened to a customer file; kept after a deletion (no foreign key).
create table customer_history (
    id          bigint generated always as identity primary key,
    customer_id bigint       not null,
    occurred_at timestamptz  not null,
    actor       varchar(64)  not null,
    action      varchar(16)  not null,
    field       varchar(64),
    old_value   text,
    new_value   text,
    detail      text,
    constraint customer_history_action_known check (action in ('CREATED', 'UPDATED', 'IMPORTED', 'MERGED', 'EXPORTED', 'DELETED'))
);
create index customer_history_customer_idx on customer_history (customer_id, occurred_at desc, id desc);

-- Saved segments: a name, who made it and its conditions (the JSON the API takes, in its
-- canonical form; SegmentDefinitions reads it). Names are unique regardless of case.
create table segment (
    id          bigint generated always as identity primary key,
    name        varchar(100) not null,
    owner       varchar(64)  not null,
    definition  jsonb        not null,
    created_at  timestamptz  not null,
    updated_at  timestamptz  not null,
    updated_by  varchar(64)  not null,
    version     bigint       not null default 0,
    constraint segment_name_present check (length(btrim(name)) > 0)
);
create unique index segment_name_uk on segment (lower(name));

-- A segment's size per day (in loopcrm.zone), recorded by the daily job and on every save;
-- the last count of a day wins. Drawn as "size over time" on the segment's page.
create table segment_size (
    segment_id  bigint      not null references segment (id) on delete cascade,
    day         date        not null,
    members     bigint      not null,
    recorded_at timestamptz not null,
    primary key (segment_id, day)
);

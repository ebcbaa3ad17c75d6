-- Satisfaction counts per day, survey and a PAIR of dimensions, so that a breakdown by one
-- dimension under a filter on another (store = X, by channel) reads rollups too. d1 < d2
-- alphabetically (category, channel, segment, stage, store: ten pairs); a response without a
-- value for either dimension has no row of that pair. Same additive columns as survey_rollup;
-- filled and rebuilt with it by SatisfactionRollup.
create table survey_pair_rollup (
    day       date         not null,
    survey_id bigint       not null references survey (id) on delete cascade,
    d1        varchar(8)   not null,
    v1        varchar(100) not null,
    d2        varchar(8)   not null,
    v2        varchar(100) not null,
    responses bigint       not null,
    n0 bigint not null, n1 bigint not null, n2 bigint not null, n3 bigint not null,
    n4 bigint not null, n5 bigint not null, n6 bigint not null, n7 bigint not null,
    n8 bigint not null, n9 bigint not null, n10 bigint not null,
    c1 bigint not null, c2 bigint not null, c3 bigint not null, c4 bigint not null, c5 bigint not null,
    ces_n bigint not null, ces_sum bigint not null, ces_sq bigint not null,
    primary key (d1, d2, v1, day, survey_id, v2),
    constraint survey_pair_rollup_order check (d1 < d2)
);
-- the filter on the second dimension of a pair
create index survey_pair_rollup_v2_idx on survey_pair_rollup (d1, d2, v2, day);

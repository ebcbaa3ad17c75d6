-- Satisfaction dashboard rollups: additive counts per day (in the configured zone), survey
-- and one dimension value, so the dashboard and /api/v1/satisfaction/summary read a few
-- thousand rows instead of millions of responses. dim is one of
--   all      (dim_value '')            every response
--   channel, store, category           the response's columns
--   segment                            survey_response.segment (RFM segment snapshot)
--   stage                              survey_response.lifecycle_stage
-- A response with no value for a dimension (no store, say) has no row of that dimension.
-- Every column is a sum, so rows of any days add up. Filled by SatisfactionRollup from
-- survey_response_pending within a minute; rebuilt from the responses every night (the
-- repair path, which also takes out responses deleted since).
create table survey_rollup (
    day       date         not null,
    survey_id bigint       not null references survey (id) on delete cascade,
    dim       varchar(8)   not null,
    dim_value varchar(100) not null,
    responses bigint       not null,
    -- answers 0..10 of the NPS question
    n0 bigint not null, n1 bigint not null, n2 bigint not null, n3 bigint not null,
    n4 bigint not null, n5 bigint not null, n6 bigint not null, n7 bigint not null,
    n8 bigint not null, n9 bigint not null, n10 bigint not null,
    -- answers 1..5 of the CSAT question
    c1 bigint not null, c2 bigint not null, c3 bigint not null, c4 bigint not null, c5 bigint not null,
    -- CES (1..7): count, sum, sum of squares
    ces_n bigint not null, ces_sum bigint not null, ces_sq bigint not null,
    primary key (dim, dim_value, day, survey_id),
    constraint survey_rollup_dim_known check (dim in ('all', 'channel', 'store', 'category', 'segment', 'stage'))
);
create index survey_rollup_dim_day_idx on survey_rollup (dim, day);

-- Dimension ratings (1..5) per day, survey, dimension value and rated dimension: count,
-- sum and sum of squares of the ratings, and for the ratings given together with an NPS
-- (nps_*) or CSAT (csat_*) answer the paired sums Pearson's correlation needs
-- (n, Σx, Σx², Σy, Σy², Σxy with x the rating and y the NPS or CSAT answer).
create table survey_rating_rollup (
    day          date         not null,
    survey_id    bigint       not null references survey (id) on delete cascade,
    dim          varchar(8)   not null,
    dim_value    varchar(100) not null,
    dimension    varchar(40)  not null,
    n            bigint       not null,
    sum          bigint       not null,
    sq           bigint       not null,
    nps_n        bigint       not null,
    nps_x        bigint       not null,
    nps_xx       bigint       not null,
    nps_y        bigint       not null,
    nps_yy       bigint       not null,
    nps_xy       bigint       not null,
    csat_n       bigint       not null,
    csat_x       bigint       not null,
    csat_xx      bigint       not null,
    csat_y       bigint       not null,
    csat_yy      bigint       not null,
    csat_xy      bigint       not null,
    primary key (dim, dim_value, day, survey_id, dimension),
    constraint survey_rating_rollup_dim_known check (dim in ('all', 'channel', 'store', 'category', 'segment', 'stage'))
);
create index survey_rating_rollup_dim_day_idx on survey_rating_rollup (dim, day);

-- The response rate counts the invitations sent in a period without reading their rows.
create index survey_invitation_created_idx on survey_invitation (created_at)
    include (survey_id, channel, store, category, responded_at);


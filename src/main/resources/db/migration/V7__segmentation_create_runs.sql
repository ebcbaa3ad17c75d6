-- Segmentation runs and their results per customer. A run writes its rows and marks itself
-- DONE in one transaction, so readers (who read the latest DONE run) never see half a run
-- and a failed run leaves the previous one in place. Earlier runs are kept for the
-- transitions between runs; only the last few are kept.
create table segmentation_run (
    id             bigint generated always as identity primary key,
    as_of          date          not null,
    window_months  integer       not null,
    new_days       integer       not null,
    active_factor  numeric(6, 2) not null,
    churn_days     integer       not null,
    high_share     numeric(5, 4) not null,
    mid_share      numeric(5, 4) not null,
    fallback_gap   numeric(10, 1),
    started_at     timestamptz   not null,
    finished_at    timestamptz   not null,
    started_by     varchar(64)   not null,
    customers      bigint        not null
);

create table customer_segment (
    run_id          bigint         not null references segmentation_run (id) on delete cascade,
    customer_id     bigint         not null,
    first_purchase  date,
    last_purchase   date,
    orders_total    integer        not null,
    expected_gap    numeric(10, 1),
    recency_days    integer,
    frequency       integer,
    monetary        numeric(16, 2),
    r               smallint,
    f               smallint,
    m               smallint,
    rfm_segment     varchar(24),
    lifecycle       varchar(16)    not null,
    value_tier      varchar(8)     not null,
    primary key (run_id, customer_id)
);
create index customer_segment_customer_idx on customer_segment (customer_id, run_id desc);

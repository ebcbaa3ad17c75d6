-- Precomputed figures for the "Buying behaviour" page (BuyingBehaviourRollup fills them,
-- BuyingBehaviour reads them). Only orders with counts = true (not cancelled, not refunded)
-- go into any of them. Months are calendar months in loopcrm.zone, kept as their first day.

-- Per month: counting orders, revenue (sum of order totals), distinct customers buying and
-- the distribution of the order value (mean, sample standard deviation, percentiles by
-- linear interpolation, PostgreSQL's percentile_cont).
create table buying_month (
    month       date           primary key,
    orders      bigint         not null,
    revenue     numeric(18, 2) not null,
    customers   bigint         not null,
    value_mean  numeric(16, 2) not null,
    value_sd    numeric(16, 2),
    value_min   numeric(14, 2) not null,
    value_p10   numeric(16, 2) not null,
    value_p25   numeric(16, 2) not null,
    value_p50   numeric(16, 2) not null,
    value_p75   numeric(16, 2) not null,
    value_p90   numeric(16, 2) not null,
    value_max   numeric(14, 2) not null
);

create table buying_month_channel (
    month     date           not null,
    channel   varchar(16)    not null,
    orders    bigint         not null,
    revenue   numeric(18, 2) not null,
    primary key (month, channel)
);

-- Line amounts per category: one row per top-level category (parent_id null; its whole
-- subtree) and one per sub-category (parent_id = its top-level category). category_id 0:
-- products without a category. orders = orders with at least one line in the category.
create table buying_month_category (
    month       date           not null,
    category_id bigint         not null,
    parent_id   bigint,
    orders      bigint         not null,
    quantity    numeric(18, 3) not null,
    revenue     numeric(18, 2) not null,
    primary key (month, category_id)
);

-- Region of the customer (customer.region, else city, else '' for unknown) as it is at
-- refresh time.
create table buying_month_region (
    month   date           not null,
    region  varchar(64)    not null,
    orders  bigint         not null,
    revenue numeric(18, 2) not null,
    primary key (month, region)
);

-- Orders by ISO weekday (1 = Monday .. 7 = Sunday) and hour (0-23) in loopcrm.zone.
create table buying_month_hour (
    month   date           not null,
    weekday smallint       not null,
    hour    smallint       not null,
    orders  bigint         not null,
    revenue numeric(18, 2) not null,
    primary key (month, weekday, hour)
);

-- Which customer bought in which month (the base of the cohort and repurchase tables).
create table buying_customer_month (
    customer_id bigint  not null,
    month       date    not null,
    orders      integer not null,
    primary key (customer_id, month)
);
create index buying_customer_month_month_idx on buying_customer_month (month);

-- Cohorts: customers whose first counting order was in first_month and who bought in month.
create table buying_cohort (
    first_month date   not null,
    month       date   not null,
    customers   bigint not null,
    primary key (first_month, month)
);

-- Customer-months counted by their shape, so that "customers with one / two or more orders
-- between any two months" is a sum over this small table instead of a pass over
-- buying_customer_month: prev1 and prev2 are the customer's previous two active months
-- (null when there is none), multi says the month itself has 2+ orders, prev1_single that
-- prev1 has exactly one.
create table buying_repeat_shape (
    month        date    not null,
    prev1        date,
    prev2        date,
    multi        boolean not null,
    prev1_single boolean,
    customers    bigint  not null
);
create index buying_repeat_shape_month_idx on buying_repeat_shape (month);

-- When the figures were computed and what the last refresh covered (one row, id 1).
create table buying_rollup_state (
    id                  integer      primary key check (id = 1),
    refreshed_at        timestamptz  not null,
    full_refreshed_at   timestamptz,
    last_kind           varchar(8)   not null,
    last_months         text,
    duration_ms         bigint       not null,
    zone                varchar(64)  not null,
    source_orders       bigint       not null,
    source_updated_at   timestamptz
);

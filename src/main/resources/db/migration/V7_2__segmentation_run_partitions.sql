-- Each run's rows live in a partition of their own: a run loads its rows into a fresh
-- table without indexes (then indexed once and attached), and dropping an old run drops
-- its table instead of deleting a million rows. The foreign key to segmentation_run goes;
-- removing a run drops its partition.
alter table customer_segment rename to customer_segment_old;
alter table customer_segment_old rename constraint customer_segment_pkey to customer_segment_old_pkey;
drop index customer_segment_customer_idx;

create table customer_segment (
    run_id          bigint         not null,
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
) partition by list (run_id);

do $$
declare
    run record;
begin
    for run in select id from segmentation_run loop
        execute format('create table customer_segment_r%s partition of customer_segment for values in (%s)',
                       run.id, run.id);
    end loop;
end
$$;

insert into customer_segment select * from customer_segment_old;
drop table customer_segment_old;

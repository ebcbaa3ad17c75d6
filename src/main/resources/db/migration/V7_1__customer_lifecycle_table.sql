-- The lifecycle stage moves from the wide customer table (ten indexes, three of them GIN
-- over search text) to a narrow table of its own: segmentation rewrites the stages of up
-- to every customer on each run, and changing a column of the customer row re-indexed the
-- whole row (about 100 s for 1,000,000 customers). The customer module still owns it and
-- shows and filters it as before; a customer without a row has no stage yet.
-- No foreign key: checking one locks every referenced customer row (a write to each of a
-- million wide rows on a first run); a trigger removes a deleted customer's stage instead.
create table customer_lifecycle (
    customer_id  bigint       primary key,
    stage        varchar(16)  not null
);
create index customer_lifecycle_stage_idx on customer_lifecycle (stage, customer_id);

insert into customer_lifecycle (customer_id, stage)
select id, lifecycle_stage from customer where lifecycle_stage is not null;

drop index customer_lifecycle_idx;
alter table customer drop column lifecycle_stage;

create function customer_lifecycle_forget() returns trigger language plpgsql as $$
begin
    delete from customer_lifecycle where customer_id = old.id;
    return old;
end
$$;

create trigger customer_lifecycle_forget after delete on customer
    for each row execute function customer_lifecycle_forget();

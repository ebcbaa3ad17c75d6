-- Indexes a bulk load dropped and left to be built after its commit (search and sort
-- indexes; keys and unique indexes are always rebuilt inside the load's transaction).
-- A row is written in the load's transaction and deleted once the index is built, so an
-- application stopped in between builds it on its next start.
create table platform_deferred_index (
    name         text        primary key,
    table_name   text        not null,
    definition   text        not null,
    requested_at timestamptz not null default now()
);

-- Products, orders and order lines. Orders keep the customer's id; a merge re-points them
-- (CustomersMerged) and deleting a customer erases their orders with them.

-- Two levels: a top category (parent_id null) and its sub-categories.
create table product_category (
    id        bigint generated always as identity primary key,
    parent_id bigint references product_category (id),
    name      varchar(100) not null,
    version   bigint       not null default 0
);
create unique index product_category_name_key on product_category (coalesce(parent_id, 0), lower(name));

create table product (
    id          bigint generated always as identity primary key,
    sku         varchar(64)   not null,
    name        varchar(200)  not null,
    category_id bigint references product_category (id),
    list_price  numeric(14, 2),
    created_at  timestamptz   not null,
    updated_at  timestamptz   not null,
    version     bigint        not null default 0,
    constraint product_sku_key unique (sku),
    constraint product_list_price_positive check (list_price is null or list_price >= 0)
);
create index product_category_idx on product (category_id);

-- status: PENDING, PAID, SHIPPED, COMPLETED, CANCELLED, REFUNDED; cancelled and refunded
-- orders never count as purchases (column counts).
create table customer_order (
    id           bigint generated always as identity primary key,
    source       varchar(32)    not null default 'default',
    order_number varchar(64)    not null,
    customer_id  bigint         not null references customer (id) on delete cascade,
    ordered_at   timestamptz    not null,
    channel      varchar(16)    not null,
    store        varchar(100),
    status       varchar(16)    not null,
    total        numeric(14, 2) not null,
    line_count   integer        not null,
    counts       boolean generated always as (status not in ('CANCELLED', 'REFUNDED')) stored,
    created_at   timestamptz    not null,
    updated_at   timestamptz    not null,
    updated_by   varchar(64)    not null,
    version      bigint         not null default 0,
    constraint customer_order_number_key unique (source, order_number),
    constraint customer_order_channel_known check (channel in ('STORE', 'WEB', 'APP', 'PHONE')),
    constraint customer_order_status_known
        check (status in ('PENDING', 'PAID', 'SHIPPED', 'COMPLETED', 'CANCELLED', 'REFUNDED'))
);
create index customer_order_customer_idx on customer_order (customer_id, ordered_at desc);
create index customer_order_ordered_at_idx on customer_order (ordered_at);

-- Order lines carry no foreign keys: a row-by-row key check locks the referenced order and
-- product once per line, which halved the speed of bulk imports. Lines are only ever
-- written by the set-based import, which takes order and product ids from the rows it has
-- just written or joined; deleting orders deletes their lines (statement trigger below).
create table order_line (
    order_id   bigint         not null,
    line_no    integer        not null,
    product_id bigint         not null,
    quantity   numeric(12, 3) not null,
    unit_price numeric(14, 4) not null,
    amount     numeric(14, 2) not null,
    primary key (order_id, line_no)
);
create index order_line_product_idx on order_line (product_id);

create function order_line_delete_with_orders() returns trigger language plpgsql as
$$
begin
    delete from order_line where order_id in (select id from deleted_orders);
    return null;
end
$$;

create trigger customer_order_delete_lines
    after delete on customer_order
    referencing old table as deleted_orders
    for each statement execute function order_line_delete_with_orders();

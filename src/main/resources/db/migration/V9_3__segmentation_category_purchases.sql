-- Who bought in which product category, first and last (counting purchases only), for
-- "bought in category" segment conditions: the commerce module's commerce_purchase_category
-- view reduced to one row per customer and category, because reading ten million order
-- lines for every count is far too slow. Kept by CategoryPurchases: refreshed for the
-- customers of every file import (OrdersChanged), moved on a merge, rebuilt every night.
create table segment_category_purchase (
    customer_id bigint      not null,
    category_id bigint      not null,
    first_at    timestamptz not null,
    last_at     timestamptz not null,
    primary key (category_id, customer_id)
);
create index segment_category_purchase_last_idx on segment_category_purchase (category_id, last_at) include (customer_id);
create index segment_category_purchase_customer_idx on segment_category_purchase (customer_id);

insert into segment_category_purchase (customer_id, category_id, first_at, last_at)
select customer_id, category_id, min(ordered_at), max(ordered_at)
from commerce_purchase_category
group by customer_id, category_id;

-- Spend and order counts in the last N days read only this index (index-only scans), not
-- the order rows themselves.
create index customer_order_counting_recent_idx on customer_order (ordered_at) include (customer_id, total) where counts;

-- The commerce module's published views for "bought in category" conditions (segments).

-- Every product category with its path as shown and imported: "top" or "top > sub".
create view commerce_category as
select c.id as category_id, c.parent_id,
       case when p.id is null then c.name else p.name || ' > ' || c.name end as path
from product_category c
left join product_category p on p.id = c.parent_id;

-- Every lower-cased name a category answers to: its own name, its path, and for a
-- sub-category its top category's name (a top category includes its sub-categories).
create view commerce_category_key as
select c.id as category_id, lower(c.name) as key
from product_category c
union all
select c.id, lower(p.name || ' > ' || c.name)
from product_category c join product_category p on p.id = c.parent_id
union all
select c.id, lower(p.name)
from product_category c join product_category p on p.id = c.parent_id;

-- The categories of the lines of every order that counts as a purchase (cancelled and
-- refunded orders never do), one row per line with a categorised product.
create view commerce_purchase_category as
select o.customer_id, o.ordered_at, p.category_id
from customer_order o
join order_line l on l.order_id = o.id
join product p on p.id = l.product_id
where o.counts and p.category_id is not null;

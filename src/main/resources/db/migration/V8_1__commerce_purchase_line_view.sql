-- The commerce module's published views of what was bought, line by line, for set-based
-- work in other modules (segmentation's category shares): every line of an order that
-- counts as a purchase (cancelled and refunded never do), with the order's customer and
-- time and the product's top-level category (null: a product without a category).
create view commerce_purchase_line as
select o.id as order_id, o.customer_id, o.ordered_at, coalesce(c.parent_id, c.id) as category_id, l.amount
from customer_order o
join order_line l on l.order_id = o.id
join product p on p.id = l.product_id
left join product_category c on c.id = p.category_id
where o.counts;

-- The top-level categories and their names.
create view commerce_top_category as
select id as category_id, name
from product_category
where parent_id is null;

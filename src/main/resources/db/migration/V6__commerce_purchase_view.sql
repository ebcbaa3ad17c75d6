-- The commerce module's published view for set-based work in other modules (segmentation,
-- loyalty): every order that counts as a purchase (cancelled and refunded never do).
create view commerce_purchase as
select id as order_id, customer_id, ordered_at, total
from customer_order
where counts;

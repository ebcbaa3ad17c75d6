-- Counting purchases of one customer in a time window (the satisfaction dashboard's
-- repurchase and churn rates probe this once per respondent): without it the planner walks
-- the time-ordered counting index and filters by customer.
create index customer_order_counting_customer_idx on customer_order (customer_id, ordered_at) where counts;

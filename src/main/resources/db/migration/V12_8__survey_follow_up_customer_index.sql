-- A customer's content answer marks their earlier follow-ups recovered (in the answer's
-- transaction, on the public page's path): find them by customer, not by scanning.
create index survey_follow_up_customer_idx on survey_follow_up (customer_id) where recovered is not true;

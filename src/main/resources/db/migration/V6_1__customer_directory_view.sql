-- Every customer file, for modules that compute something for all customers
-- (segmentation); published by the customer module like customer_external_key.
create view customer_directory as
select id as customer_id, created_at
from customer;

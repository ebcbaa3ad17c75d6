-- The customer module's published look-up for set-based work in other modules: every
-- external ID that leads to a customer, including those of customers merged away (they
-- lead to the survivor). Other modules join this view, never the customer tables.
create view customer_external_key as
select external_id, id as customer_id
from customer
where external_id is not null
union all
select a.old_external_id, a.customer_id
from customer_alias a
where a.old_external_id is not null
  and not exists (select 1 from customer c where c.external_id = a.old_external_id);

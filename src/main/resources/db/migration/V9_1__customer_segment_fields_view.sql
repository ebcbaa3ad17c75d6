-- The customer module's published profile fields for segment conditions and member lists
-- (like customer_directory): the age band follows the birthday when there is one, the
-- owner is given by username. Other modules read this view, never the customer tables.
create view customer_segment_fields as
select c.id as customer_id, c.external_id, c.name, c.gender,
       case when c.birthday is null then c.age_band
            when c.birthday > current_date - interval '18 years' then '<18'
            when c.birthday > current_date - interval '25 years' then '18-24'
            when c.birthday > current_date - interval '35 years' then '25-34'
            when c.birthday > current_date - interval '45 years' then '35-44'
            when c.birthday > current_date - interval '55 years' then '45-54'
            when c.birthday > current_date - interval '65 years' then '55-64'
            else '65+' end as age_band,
       c.occupation, c.phone, c.email, c.city, c.region, c.preferred_channel, c.source_channel, c.tags,
       c.consent_email, c.consent_sms, c.consent_phone, c.owner_id, u.username as owner_username,
       l.stage as lifecycle_stage, c.created_at
from customer c
left join app_user u on u.id = c.owner_id
left join customer_lifecycle l on l.customer_id = c.id;

-- Customer attributes other modules may describe customers by (segmentation's decision
-- rules); published by the customer module like customer_directory. age_band is the label
-- of the birthday's band today (as AgeBand.of), else the band the customer gave; region is
-- the region, else the city.
create view customer_attribute as
select id as customer_id, gender,
       coalesce(case when birthday is null then null
                     when extract(year from age(current_date, birthday)) < 18 then '<18'
                     when extract(year from age(current_date, birthday)) < 25 then '18-24'
                     when extract(year from age(current_date, birthday)) < 35 then '25-34'
                     when extract(year from age(current_date, birthday)) < 45 then '35-44'
                     when extract(year from age(current_date, birthday)) < 55 then '45-54'
                     when extract(year from age(current_date, birthday)) < 65 then '55-64'
                     else '65+' end, age_band) as age_band,
       coalesce(nullif(region, ''), nullif(city, '')) as region,
       source_channel
from customer;

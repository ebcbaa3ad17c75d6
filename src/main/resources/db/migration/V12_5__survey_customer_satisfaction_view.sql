-- What a customer last said in surveys, for segment conditions ("detractors", "CSAT 1–2",
-- "not surveyed since"): the latest NPS, CSAT and CES answers and the latest answer time.
create view survey_customer_satisfaction as
select customer_id,
       (array_agg(nps order by responded_at desc, id desc) filter (where nps is not null))[1]   as last_nps,
       (array_agg(csat order by responded_at desc, id desc) filter (where csat is not null))[1] as last_csat,
       (array_agg(ces order by responded_at desc, id desc) filter (where ces is not null))[1]   as last_ces,
       max(responded_at)                                                                         as last_responded_at
from survey_response
where customer_id is not null
group by customer_id;

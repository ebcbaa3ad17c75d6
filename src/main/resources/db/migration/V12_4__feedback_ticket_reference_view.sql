-- What other modules may read of a ticket (the survey module counts its follow-up tickets
-- as contacted once the customer got a first response, recovered once closed satisfied).
create view feedback_ticket_reference as
select id as ticket_id, customer_id, kind, status, source_ref, created_at, first_response_at, closed_at, satisfied
from ticket;

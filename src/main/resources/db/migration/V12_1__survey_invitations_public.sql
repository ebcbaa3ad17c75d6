-- Survey invitations and the public response page.

-- The commerce module's order reference gains the order's status and the time of its last
-- change at the end (nothing else changes): the survey module invites the customers of
-- orders that became COMPLETED since its last look.
create or replace view commerce_order_reference as
select id as order_id, source, order_number, customer_id, ordered_at, store, counts, status, updated_at
from customer_order;

-- What happened to the e-mail of an invitation sent by e-mail (channel EMAIL): SENT,
-- NO_ADDRESS (the customer has no e-mail or did not agree to e-mail), FAILED (the mail
-- server refused it). Null: not tried yet; the mail job takes those.
alter table survey_invitation add column mail_outcome varchar(16);
alter table survey_invitation add constraint survey_invitation_mail_outcome_known
    check (mail_outcome in ('SENT', 'NO_ADDRESS', 'FAILED'));
create index survey_invitation_mail_pending_idx on survey_invitation (id)
    where channel = 'EMAIL' and mail_outcome is null;

-- How far the invitation jobs have looked (the ORDER_COMPLETED job: the last change time of
-- the orders it has seen). A run locks its row, so overlapping runs skip.
create table survey_job_watermark (
    job       varchar(40) primary key,
    watermark timestamptz not null
);

-- Keys the survey module signs with when none is configured (the render time stamp of the
-- public form): made once at random, kept so that forms shown before a restart still count.
create table survey_secret (
    name       varchar(40) primary key,
    value      bytea       not null,
    created_at timestamptz not null
);

-- Feedback tickets (顧客反饋): categories with their escalation manager, SLA policies per
-- category and priority, the business calendar's holidays, tickets, their pause ledger and
-- their history (changes, internal notes and replies to the customer).

create table feedback_category (
    id                 bigint generated always as identity primary key,
    -- built-in categories have a code and are named by message key feedback.category.<code>
    code               varchar(32),
    name               varchar(100) not null,
    escalation_manager varchar(64),
    active             boolean      not null default true,
    version            bigint       not null default 0
);
create unique index feedback_category_code_key on feedback_category (code);
create unique index feedback_category_name_key on feedback_category (lower(name));

insert into feedback_category (code, name) values
    ('PRODUCT_QUALITY', 'Product quality'),
    ('SERVICE_QUALITY', 'Service quality'),
    ('AFTER_SALES', 'After-sales'),
    ('DELIVERY', 'Delivery'),
    ('PRICE_BILLING', 'Price and billing'),
    ('OTHER', 'Other');

-- Targets in business minutes (the business calendar's working hours, without holidays).
create table feedback_sla_policy (
    id                     bigint generated always as identity primary key,
    category_id            bigint      not null references feedback_category (id) on delete cascade,
    priority               varchar(8)  not null,
    first_response_minutes integer     not null,
    resolution_minutes     integer     not null,
    warn_percent           integer     not null default 75,
    version                bigint      not null default 0,
    constraint feedback_sla_policy_key unique (category_id, priority),
    constraint feedback_sla_policy_priority_known check (priority in ('LOW', 'NORMAL', 'HIGH', 'URGENT')),
    constraint feedback_sla_policy_positive check (first_response_minutes > 0 and resolution_minutes > 0),
    constraint feedback_sla_policy_warn check (warn_percent between 1 and 99)
);

insert into feedback_sla_policy (category_id, priority, first_response_minutes, resolution_minutes)
select c.id, p.priority, p.first_response, p.resolution
from feedback_category c
cross join (values ('URGENT', 60, 480), ('HIGH', 120, 1080), ('NORMAL', 240, 1620), ('LOW', 480, 2700))
    as p (priority, first_response, resolution);

create table feedback_holiday (
    day  date primary key,
    name varchar(100) not null
);

-- status: RECEIVED, VERIFIED, IN_PROGRESS, WAITING_CUSTOMER, REPLIED, CLOSED, REOPENED.
-- The SLA targets are copied from the policy when the ticket is opened. *_warn_at is when
-- the warning is due (warn_percent of the target used up), *_warned_at / *_breached_at when
-- the SLA job raised the flag. Waiting on the customer stops the clock: the resume moves
-- every running due and warning time back by the paused business time (ticket_pause).
create table ticket (
    id                          bigint generated always as identity primary key,
    customer_id                 bigint       not null references customer (id) on delete cascade,
    kind                        varchar(16)  not null,
    channel                     varchar(16)  not null,
    category_id                 bigint       not null references feedback_category (id),
    priority                    varchar(8)   not null,
    subject                     varchar(200) not null,
    description                 text         not null,
    status                      varchar(20)  not null,
    owner                       varchar(64),
    source_ref                  varchar(100),
    first_response_minutes      integer      not null,
    resolution_minutes          integer      not null,
    warn_percent                integer      not null,
    first_response_due          timestamptz  not null,
    first_response_warn_at      timestamptz  not null,
    first_response_at           timestamptz,
    first_response_warned_at    timestamptz,
    first_response_breached_at  timestamptz,
    resolution_due              timestamptz  not null,
    resolution_warn_at          timestamptz  not null,
    resolution_warned_at        timestamptz,
    resolution_breached_at      timestamptz,
    resolution_consumed_seconds bigint,
    paused_since                timestamptz,
    paused_seconds              bigint       not null default 0,
    escalated_at                timestamptz,
    escalated_to                varchar(64),
    closed_at                   timestamptz,
    closed_by                   varchar(64),
    customer_confirmed          boolean,
    satisfied                   boolean,
    close_comment               text,
    complaint_case_id           bigint,
    created_at                  timestamptz  not null,
    created_by                  varchar(64)  not null,
    updated_at                  timestamptz  not null,
    updated_by                  varchar(64)  not null,
    version                     bigint       not null default 0,
    -- the next deadline that matters: the first response until it is given, then the resolution
    next_due                    timestamptz generated always as (
        case when first_response_at is null then least(first_response_due, resolution_due)
             else resolution_due end) stored,
    breached                    boolean generated always as (
        first_response_breached_at is not null or resolution_breached_at is not null) stored,
    constraint ticket_kind_known check (kind in ('INQUIRY', 'SUGGESTION', 'PRAISE', 'COMPLAINT')),
    constraint ticket_channel_known
        check (channel in ('WEB_FORM', 'SOCIAL', 'CHAT', 'PHONE', 'EMAIL', 'FACE_TO_FACE', 'SURVEY')),
    constraint ticket_priority_known check (priority in ('LOW', 'NORMAL', 'HIGH', 'URGENT')),
    constraint ticket_status_known check (status in ('RECEIVED', 'VERIFIED', 'IN_PROGRESS', 'WAITING_CUSTOMER',
                                                     'REPLIED', 'CLOSED', 'REOPENED'))
);
create unique index ticket_source_ref_key on ticket (source_ref);
create index ticket_customer_idx on ticket (customer_id, created_at desc);
-- the queues: open tickets, most urgent first
create index ticket_open_due_idx on ticket (next_due, id) where status <> 'CLOSED';
create index ticket_open_owner_idx on ticket (owner, next_due, id) where status <> 'CLOSED';
create index ticket_unassigned_idx on ticket (next_due, id) where status <> 'CLOSED' and owner is null;
create index ticket_breached_idx on ticket (next_due, id) where status <> 'CLOSED' and breached;
create index ticket_running_idx on ticket (next_due, id)
    where status not in ('CLOSED', 'WAITING_CUSTOMER') and not breached;
-- the SLA job: only tickets whose clock runs and whose flag is not raised yet
create index ticket_first_response_watch_idx on ticket (first_response_warn_at)
    where first_response_at is null and first_response_breached_at is null
      and status not in ('CLOSED', 'WAITING_CUSTOMER');
create index ticket_resolution_watch_idx on ticket (resolution_warn_at)
    where resolution_breached_at is null and status not in ('CLOSED', 'WAITING_CUSTOMER');
create index ticket_escalation_idx on ticket (id) where breached and escalated_at is null and status <> 'CLOSED';
-- agent performance: tickets closed in a period
create index ticket_closed_idx on ticket (closed_at) where closed_at is not null;

create table ticket_pause (
    id               bigint generated always as identity primary key,
    ticket_id        bigint      not null references ticket (id) on delete cascade,
    paused_at        timestamptz not null,
    paused_by        varchar(64) not null,
    resumed_at       timestamptz,
    resumed_by       varchar(64),
    business_seconds bigint
);
create index ticket_pause_ticket_idx on ticket_pause (ticket_id, paused_at);

-- Everything that happened to a ticket. action: opened, verify, start, reply, note,
-- wait-customer, resume, close, reopen, assign, escalate, sla-warning, sla-breach,
-- complaint-linked, customer-merged. body: the text of a reply or a note.
create table ticket_event (
    id          bigint generated always as identity primary key,
    ticket_id   bigint      not null references ticket (id) on delete cascade,
    at          timestamptz not null,
    actor       varchar(64) not null,
    action      varchar(32) not null,
    from_status varchar(20),
    to_status   varchar(20),
    body        text,
    detail      varchar(500)
);
create index ticket_event_ticket_idx on ticket_event (ticket_id, at, id);

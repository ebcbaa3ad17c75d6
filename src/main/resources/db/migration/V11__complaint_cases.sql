-- Complaint cases (客戶投訴) with their seven-step workflow, the history of every step, and
-- corrective/preventive actions (CAPA) linked to cases.

-- Published by the commerce module for references from other modules: an order by its
-- number, a product by its SKU, and which products an order holds. Other modules join
-- these views, never the commerce tables.
create view commerce_order_reference as
select id as order_id, source, order_number, customer_id, ordered_at, store, counts
from customer_order;

create view commerce_product_reference as
select id as product_id, sku, name
from product;

create view commerce_order_product as
select distinct l.order_id, p.sku
from order_line l
         join product p on p.id = l.product_id;

-- One complaint. The columns of each step are filled when the step is taken; a case keeps
-- the customer's id (a merge re-points it, deleting the customer deletes their cases, as
-- with orders). order_id / product_sku / store are what about_reference resolved to:
-- store is the STORE reference or the store of the referenced order.
create table complaint_case (
    id                   bigint generated always as identity primary key,
    customer_id          bigint         not null references customer (id) on delete cascade,
    about_type           varchar(16)    not null,
    about_reference      varchar(200),
    order_id             bigint,
    product_sku          varchar(64),
    store                varchar(100),
    description          text           not null,
    demands              text,
    channel              varchar(16)    not null,
    severity             varchar(16)    not null,
    status               varchar(24)    not null,
    registered_at        timestamptz    not null,
    registered_by        varchar(64)    not null,
    due_at               timestamptz    not null,
    source_ticket_id     bigint,
    -- 2 validity
    valid                boolean,
    validity_explanation text,
    -- 3 assignment
    department           varchar(100),
    owner                varchar(64),
    -- 4 root cause
    cause_category       varchar(24),
    cause_detail         text,
    responsible          varchar(200),
    -- 5 proposal
    proposal_type        varchar(16),
    proposal_amount      numeric(14, 2),
    proposal_text        text,
    proposed_by          varchar(64),
    -- 6 approval
    approved_by          varchar(64),
    approved_at          timestamptz,
    approval_comment     text,
    -- 7 implementation and closing
    implementation_notes text,
    customer_notified    boolean,
    implemented_at       timestamptz,
    customer_satisfied   boolean,
    feedback_comment     text,
    closed_at            timestamptz,
    reopen_count         integer        not null default 0,
    updated_at           timestamptz    not null,
    updated_by           varchar(64)    not null,
    version              bigint         not null default 0,
    constraint complaint_case_about_known
        check (about_type in ('PRODUCT', 'ORDER', 'STAFF', 'STORE', 'SERVICE')),
    constraint complaint_case_severity_known check (severity in ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL')),
    constraint complaint_case_status_known check (status in ('REGISTERED', 'VALIDATED', 'INVALID', 'ASSIGNED',
                                                             'ROOT_CAUSE_FOUND', 'PROPOSED', 'APPROVED',
                                                             'IMPLEMENTED', 'CLOSED', 'REOPENED')),
    constraint complaint_case_cause_known
        check (cause_category is null or cause_category in ('QUALITY', 'CUSTOMER', 'ATTITUDE_EFFICIENCY', 'PROCESS')),
    constraint complaint_case_proposal_known check (proposal_type is null or proposal_type in
                                                                             ('RETURN', 'EXCHANGE', 'REPAIR', 'REFUND',
                                                                              'COMPENSATION', 'APOLOGY', 'OTHER')),
    constraint complaint_case_amount_positive check (proposal_amount is null or proposal_amount > 0)
);
create index complaint_case_customer_idx on complaint_case (customer_id, registered_at desc);
create index complaint_case_registered_idx on complaint_case (registered_at);
create index complaint_case_open_idx on complaint_case (status, due_at) where status <> 'CLOSED';
create index complaint_case_owner_idx on complaint_case (owner) where status <> 'CLOSED';

-- Every step taken, with who and when: the case page's history and "average time per step".
create table complaint_step (
    id          bigint generated always as identity primary key,
    case_id     bigint      not null references complaint_case (id) on delete cascade,
    action      varchar(16) not null,
    from_status varchar(24),
    to_status   varchar(24) not null,
    actor       varchar(64) not null,
    occurred_at timestamptz not null,
    detail      text
);
create index complaint_step_case_idx on complaint_step (case_id, occurred_at, id);

-- Corrective and preventive actions (CAPA, 糾正預防措施), each linked to one or more cases.
create table complaint_capa (
    id                bigint generated always as identity primary key,
    kind              varchar(16)  not null,
    title             varchar(200) not null,
    description       text,
    owner             varchar(64)  not null,
    due_date          date         not null,
    status            varchar(16)  not null,
    effect_result     varchar(16),
    effect_note       text,
    effect_checked_at timestamptz,
    effect_checked_by varchar(64),
    created_at        timestamptz  not null,
    created_by        varchar(64)  not null,
    updated_at        timestamptz  not null,
    updated_by        varchar(64)  not null,
    version           bigint       not null default 0,
    constraint complaint_capa_kind_known check (kind in ('CORRECTIVE', 'PREVENTIVE')),
    constraint complaint_capa_status_known check (status in ('OPEN', 'IN_PROGRESS', 'DONE', 'VERIFIED')),
    constraint complaint_capa_effect_known check (effect_result is null or effect_result in ('EFFECTIVE', 'NOT_EFFECTIVE'))
);
create index complaint_capa_due_idx on complaint_capa (status, due_date);

create table complaint_capa_case (
    capa_id bigint not null references complaint_capa (id) on delete cascade,
    case_id bigint not null references complaint_case (id) on delete cascade,
    primary key (capa_id, case_id)
);
create index complaint_capa_case_case_idx on complaint_capa_case (case_id);

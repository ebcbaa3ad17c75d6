-- Satisfaction surveys (顧客滿意度調查): definitions with versioned questions, the
-- dimensions customers rate, invitations with their unguessable tokens, responses and the
-- per-dimension ratings the driver analysis reads.

-- Dimensions rated by RATING questions (1–5). Built-in ones are named by message key
-- survey.dimension.<code>; an administrator adds more with a name.
create table survey_dimension (
    code     varchar(40)  primary key,
    name     varchar(100) not null,
    position integer      not null,
    active   boolean      not null default true,
    constraint survey_dimension_code_format check (code ~ '^[a-z][a-z0-9_]*$')
);
insert into survey_dimension (code, name, position) values
    ('product_quality', 'Product quality', 1),
    ('service_attitude', 'Service attitude', 2),
    ('after_sales', 'After-sales', 3),
    ('shopping_experience', 'Shopping / visit experience', 4),
    ('price', 'Price', 5);

-- purpose: RELATIONSHIP (periodic, about the business as a whole) or TRANSACTIONAL (after
-- an order, a ticket, a complaint). trigger_type: MANUAL, ORDER_COMPLETED, TICKET_CLOSED,
-- COMPLAINT_CLOSED, PERIODIC. languages: comma-separated locale tags, the first is the
-- default. follow_up: whether a detractor (NPS 0–6) or CSAT 1–2 answer opens a ticket.
create table survey (
    id                 bigint generated always as identity primary key,
    name               varchar(200) not null,
    purpose            varchar(16)  not null,
    trigger_type       varchar(20)  not null default 'MANUAL',
    periodic_days      integer,
    segment_id         bigint,
    languages          varchar(40)  not null default 'en',
    expiry_days        integer      not null default 30,
    follow_up          boolean      not null default true,
    follow_up_category varchar(32)  not null default 'SERVICE_QUALITY',
    current_version    integer      not null default 1,
    active             boolean      not null default true,
    created_at         timestamptz  not null,
    created_by         varchar(64)  not null,
    updated_at         timestamptz  not null,
    version            bigint       not null default 0,
    constraint survey_name_present check (length(btrim(name)) > 0),
    constraint survey_purpose_known check (purpose in ('RELATIONSHIP', 'TRANSACTIONAL')),
    constraint survey_trigger_known check (trigger_type in
        ('MANUAL', 'ORDER_COMPLETED', 'TICKET_CLOSED', 'COMPLAINT_CLOSED', 'PERIODIC')),
    constraint survey_periodic_days check (periodic_days is null or periodic_days > 0),
    constraint survey_expiry_days check (expiry_days between 1 and 365)
);
create unique index survey_name_key on survey (lower(name));

-- A survey's questions per version: editing the questions of a survey that has responses
-- adds a version; responses keep the version they answered. texts / options hold the
-- wording per locale tag: {"en": "...", "zh-CN": "...", "zh-TW": "..."}; options of a
-- choice question: [{"value": "web", "texts": {"en": "Website"}}].
-- type: NPS (0–10), CSAT (1–5), CES (1–7), RATING (1–5, of a dimension), SINGLE, MULTI, TEXT.
create table survey_question (
    id             bigint generated always as identity primary key,
    survey_id      bigint      not null references survey (id) on delete cascade,
    survey_version integer     not null,
    position       integer     not null,
    question_key   varchar(40) not null,
    type           varchar(8)  not null,
    dimension      varchar(40) references survey_dimension (code),
    required       boolean     not null default false,
    texts          jsonb       not null default '{}',
    options        jsonb,
    constraint survey_question_key unique (survey_id, survey_version, question_key),
    constraint survey_question_type_known check (type in ('NPS', 'CSAT', 'CES', 'RATING', 'SINGLE', 'MULTI', 'TEXT')),
    constraint survey_question_rating_dimension check ((type = 'RATING') = (dimension is not null))
);

-- One invitation per customer and occasion (trigger_ref: order:17, ticket:5,
-- complaint:3, periodic:2026-11-01, manual:<batch>). The token is 32 random bytes,
-- base64url; it opens /s/{token} once until expires_at.
create table survey_invitation (
    id           bigint generated always as identity primary key,
    survey_id    bigint       not null references survey (id) on delete cascade,
    customer_id  bigint       not null references customer (id) on delete cascade,
    token        varchar(64)  not null,
    language     varchar(8)   not null,
    channel      varchar(16)  not null,
    trigger_ref  varchar(100) not null,
    store        varchar(100),
    category     varchar(100),
    created_at   timestamptz  not null,
    created_by   varchar(64)  not null,
    expires_at   timestamptz  not null,
    emailed_at   timestamptz,
    opened_at    timestamptz,
    responded_at timestamptz,
    constraint survey_invitation_token_key unique (token),
    constraint survey_invitation_occasion_key unique (survey_id, customer_id, trigger_ref)
);
create index survey_invitation_customer_idx on survey_invitation (customer_id);
create index survey_invitation_survey_idx on survey_invitation (survey_id, created_at desc);

-- A response. nps / csat / ces are copied out of the answers for scoring; store, category,
-- segment (the customer's RFM segment) and lifecycle_stage are what they were when the
-- customer answered, so figures by them do not move when the customer later changes.
-- channel: WEB (the public page), EMAIL, SMS, WECHAT, PHONE, STORE, APP, IMPORT, API.
-- verbatim joins the free-text answers for search. external_id makes the API and the CSV
-- import idempotent per survey.
create table survey_response (
    id               bigint generated always as identity primary key,
    survey_id        bigint       not null references survey (id) on delete cascade,
    survey_version   integer      not null,
    invitation_id    bigint       references survey_invitation (id) on delete set null,
    external_id      varchar(100),
    customer_id      bigint       references customer (id) on delete cascade,
    channel          varchar(16)  not null,
    store            varchar(100),
    category         varchar(100),
    segment          varchar(24),
    lifecycle_stage  varchar(16),
    responded_at     timestamptz  not null,
    entered_by       varchar(64),
    nps              smallint,
    csat             smallint,
    ces              smallint,
    answers          jsonb        not null,
    verbatim         text,
    created_at       timestamptz  not null,
    constraint survey_response_external_key unique (survey_id, external_id),
    constraint survey_response_invitation_key unique (invitation_id),
    constraint survey_response_nps_range check (nps between 0 and 10),
    constraint survey_response_csat_range check (csat between 1 and 5),
    constraint survey_response_ces_range check (ces between 1 and 7)
);
create index survey_response_survey_time_idx on survey_response (survey_id, responded_at);
create index survey_response_time_idx on survey_response (responded_at);
create index survey_response_customer_idx on survey_response (customer_id, responded_at desc);
create index survey_response_verbatim_idx on survey_response using gin (verbatim gin_trgm_ops)
    where verbatim is not null;

-- Dimension ratings (1–5) of a response, one row per rated dimension.
create table survey_rating (
    response_id bigint      not null references survey_response (id) on delete cascade,
    dimension   varchar(40) not null references survey_dimension (code),
    rating      smallint    not null,
    primary key (response_id, dimension),
    constraint survey_rating_range check (rating between 1 and 5)
);

-- Responses not yet counted in the dashboard rollups: written with the response in one
-- transaction, taken (deleted) by the rollup job in its own.
create table survey_response_pending (
    response_id bigint primary key
);

-- The follow-up of a detractor (NPS 0–6) or dissatisfied (CSAT 1–2) response: the ticket it
-- opened, when the customer was contacted (the ticket's first response), and whether they
-- were recovered (ticket closed with the customer satisfied, or a later answer of 7+).
create table survey_follow_up (
    response_id  bigint      primary key references survey_response (id) on delete cascade,
    ticket_id    bigint      not null,
    customer_id  bigint      not null,
    opened_at    timestamptz not null,
    contacted_at timestamptz,
    closed_at    timestamptz,
    recovered    boolean
);
create index survey_follow_up_ticket_idx on survey_follow_up (ticket_id);

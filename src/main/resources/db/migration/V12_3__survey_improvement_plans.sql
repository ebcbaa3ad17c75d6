-- Improvement plans (改進措施): what a manager does about an issue the surveys showed, the
-- metric that should move (NPS, CSAT, CES or one dimension's mean rating), on one survey
-- or on all of them, from a start date; its actions with owners, resources, milestones
-- and due dates; and its history. The effect is computed from the raw responses, never
-- stored.
create table survey_plan (
    id          bigint generated always as identity primary key,
    issue       varchar(2000) not null,
    metric      varchar(8)    not null,
    dimension   varchar(40)   references survey_dimension (code),
    survey_id   bigint        references survey (id),
    owner       varchar(64)   not null,
    start_date  date          not null,
    status      varchar(12)   not null default 'DRAFT',
    created_at  timestamptz   not null,
    created_by  varchar(64)   not null,
    updated_at  timestamptz   not null,
    updated_by  varchar(64)   not null,
    version     bigint        not null default 0,
    constraint survey_plan_issue_present check (length(btrim(issue)) > 0),
    constraint survey_plan_metric_known check (metric in ('NPS', 'CSAT', 'CES', 'RATING')),
    constraint survey_plan_rating_dimension check ((metric = 'RATING') = (dimension is not null)),
    constraint survey_plan_status_known check (status in ('DRAFT', 'ACTIVE', 'DONE', 'CANCELLED'))
);
create index survey_plan_status_idx on survey_plan (status, start_date desc);

create table survey_plan_action (
    id          bigint generated always as identity primary key,
    plan_id     bigint        not null references survey_plan (id) on delete cascade,
    description varchar(1000) not null,
    owner       varchar(64)   not null,
    resources   varchar(1000),
    milestone   varchar(200),
    due_date    date          not null,
    status      varchar(8)    not null default 'OPEN',
    done_at     timestamptz,
    done_by     varchar(64),
    created_at  timestamptz   not null,
    created_by  varchar(64)   not null,
    constraint survey_plan_action_description_present check (length(btrim(description)) > 0),
    constraint survey_plan_action_status_known check (status in ('OPEN', 'DONE'))
);
create index survey_plan_action_plan_idx on survey_plan_action (plan_id, due_date);
create index survey_plan_action_open_idx on survey_plan_action (due_date) where status = 'OPEN';

-- Every change of a plan and its actions, shown on the plan's page (the platform audit
-- log gets the same entries for administrators).
create table survey_plan_event (
    id      bigint generated always as identity primary key,
    plan_id bigint       not null references survey_plan (id) on delete cascade,
    at      timestamptz  not null,
    actor   varchar(64)  not null,
    action  varchar(32)  not null,
    detail  varchar(2000)
);
create index survey_plan_event_plan_idx on survey_plan_event (plan_id, at);

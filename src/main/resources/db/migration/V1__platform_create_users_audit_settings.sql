-- Users and their roles. Usernames are unique regardless of case.
create table app_user (
    id            bigint generated always as identity primary key,
    username      varchar(64)  not null,
    password_hash varchar(255) not null,
    display_name  varchar(128) not null,
    enabled       boolean      not null default true,
    created_at    timestamptz  not null,
    updated_at    timestamptz  not null,
    version       bigint       not null default 0,
    constraint app_user_username_format check (username ~ '^[a-z0-9][a-z0-9._-]{1,63}$')
);
create unique index app_user_username_uk on app_user (username);

create table app_user_role (
    user_id bigint      not null references app_user (id) on delete cascade,
    role    varchar(16) not null,
    primary key (user_id, role),
    constraint app_user_role_known check (role in ('STAFF', 'AGENT', 'MANAGER', 'ADMIN'))
);

-- Failed sign-ins per typed username, whether or not such a user exists, so that the
-- lockout answer never tells an attacker which usernames are real.
create table login_throttle (
    username        varchar(128) primary key,
    failures        integer      not null,
    last_failure_at timestamptz  not null,
    locked_until    timestamptz
);

create table audit_event (
    id           bigint generated always as identity primary key,
    occurred_at  timestamptz  not null,
    actor        varchar(64)  not null,
    action       varchar(64)  not null,
    subject_type varchar(64)  not null,
    subject_id   varchar(64),
    detail       text
);
create index audit_event_occurred_idx on audit_event (occurred_at desc, id desc);
create index audit_event_subject_idx on audit_event (subject_type, subject_id);

-- Small key/value settings, and markers such as which demo data parts were seeded.
create table app_setting (
    key        varchar(128) primary key,
    value      text         not null,
    updated_at timestamptz  not null
);

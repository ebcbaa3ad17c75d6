-- In-app notifications (the bell in the navigation bar), for every module. The text is a
-- message key with arguments, resolved in the reader's language when shown.
create table notification (
    id          bigint generated always as identity primary key,
    recipient   varchar(64)  not null,
    created_at  timestamptz  not null,
    message_key varchar(128) not null,
    args        text[]       not null default '{}',
    link        varchar(512),
    read_at     timestamptz
);
create index notification_recipient_idx on notification (recipient, created_at desc);
create index notification_unread_idx on notification (recipient) where read_at is null;

-- Where a user is reached by e-mail (escalations, later reminders); optional.
alter table app_user add column email varchar(254);

-- Teams of users ("my team's tickets"); a user may belong to several.
create table app_team (
    id         bigint generated always as identity primary key,
    name       varchar(100) not null,
    created_at timestamptz  not null,
    version    bigint       not null default 0
);
create unique index app_team_name_key on app_team (lower(name));

create table app_team_member (
    team_id bigint not null references app_team (id) on delete cascade,
    user_id bigint not null references app_user (id) on delete cascade,
    primary key (team_id, user_id)
);
create index app_team_member_user_idx on app_team_member (user_id);

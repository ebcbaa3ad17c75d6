-- Customer clusters: k-means++ on features of the customers in the latest segmentation run.
-- A run writes its silhouettes, features, centroids and every customer's cluster in one
-- transaction, so readers never see half a run; the latest run is the one with the highest
-- id. Only the last few runs are kept. Clusters are numbered 1..k in each run.
create table cluster_run (
    id                  bigint generated always as identity primary key,
    -- no reference: segmentation keeps only its last few runs, a cluster run may outlive its
    segmentation_run_id bigint           not null,
    as_of               date             not null,
    window_months       integer          not null,
    k                   smallint         not null,
    k_suggested         boolean          not null,
    silhouette          double precision not null,
    customers           bigint           not null,
    silhouette_sample   integer          not null,
    fitted              integer          not null,
    seed                bigint           not null,
    started_at          timestamptz      not null,
    finished_at         timestamptz      not null,
    started_by          varchar(64)      not null
);

-- Mean silhouette of a sample clustered with each k tried.
create table cluster_silhouette (
    run_id     bigint           not null references cluster_run (id) on delete cascade,
    k          smallint         not null,
    silhouette double precision not null,
    primary key (run_id, k)
);

-- The features in column order with their standardisation (after log(1 + x) when
-- log_scale): z = (x - mean) / sd. name is recency, frequency, monetary, order_value,
-- tenure or category (then category_id and label say which top-level category).
create table cluster_feature (
    run_id      bigint           not null references cluster_run (id) on delete cascade,
    position    smallint         not null,
    name        varchar(32)      not null,
    category_id bigint,
    label       varchar(100),
    log_scale   boolean          not null,
    mean        double precision not null,
    sd          double precision not null,
    primary key (run_id, position)
);

create table cluster_centroid (
    run_id  bigint   not null references cluster_run (id) on delete cascade,
    cluster smallint not null,
    size    bigint   not null,
    primary key (run_id, cluster)
);

-- A centroid per feature: in the feature's own unit (days, orders, money, share) and
-- standardised.
create table cluster_centroid_value (
    run_id   bigint           not null,
    cluster  smallint         not null,
    position smallint         not null,
    value    double precision not null,
    z        double precision not null,
    primary key (run_id, cluster, position),
    foreign key (run_id, cluster) references cluster_centroid (run_id, cluster) on delete cascade
);

-- Every clustered customer's cluster in the run (saved segments read the latest run's).
create table customer_cluster (
    run_id      bigint   not null references cluster_run (id) on delete cascade,
    customer_id bigint   not null,
    cluster     smallint not null,
    primary key (run_id, customer_id)
);
create index customer_cluster_customer_idx on customer_cluster (customer_id, run_id desc);

-- Product-level association rules X => {y} stored for "customers who bought X also bought"
-- recommendations; replaced as a whole by each recompute (nightly and after imports).
-- antecedent: product ids, ascending. A rule disappears with its consequent product; an
-- antecedent product that no longer exists simply never matches a customer's purchases.
create table commerce_association_rule (
    id                    bigint generated always as identity primary key,
    antecedent            bigint[]         not null,
    consequent_product_id bigint           not null references product (id) on delete cascade,
    baskets               integer          not null,
    support               double precision not null,
    confidence            double precision not null,
    lift                  double precision not null,
    computed_at           timestamptz      not null
);
-- a customer's recommendations: rules whose antecedent is contained in what they bought
create index commerce_association_rule_antecedent_idx on commerce_association_rule using gin (antecedent);
create index commerce_association_rule_consequent_idx on commerce_association_rule (consequent_product_id);

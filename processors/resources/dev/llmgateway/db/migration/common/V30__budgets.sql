-- Monthly budgets: what each team (feature '*') and each budgeted feature of a team has spent in a calendar month
-- (UTC, 'YYYY-MM'), and what calls in flight have reserved. A call is admitted only by an UPDATE that keeps
-- spent + reserved within the limit, so concurrent calls on any number of instances never overshoot it.
CREATE TABLE budget_spend (
    team          VARCHAR(64)    NOT NULL,
    feature       VARCHAR(64)    NOT NULL,
    budget_month  CHAR(7)        NOT NULL,
    spent_usd     NUMERIC(20, 10) NOT NULL DEFAULT 0,
    reserved_usd  NUMERIC(20, 10) NOT NULL DEFAULT 0,
    PRIMARY KEY (team, feature, budget_month)
);

-- One row per call in flight and budget it reserved from. Whoever deletes the row (the call's settlement, or the
-- sweep of reservations left by an instance that died) moves its amount out of reserved_usd, exactly once.
CREATE TABLE budget_reservations (
    id            VARCHAR(40)    NOT NULL,
    team          VARCHAR(64)    NOT NULL,
    feature       VARCHAR(64)    NOT NULL,
    budget_month  CHAR(7)        NOT NULL,
    amount_usd    NUMERIC(20, 10) NOT NULL,
    expires_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (id, feature)
);
CREATE INDEX budget_reservations_expiry ON budget_reservations (expires_at);

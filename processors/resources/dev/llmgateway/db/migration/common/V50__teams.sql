-- Teams managed at run time: one row per team, its settings as the admin API shows them (snake_case JSON). A
-- deleted team keeps its row with deleted_at set, so the configuration's seed does not bring it back. version grows
-- with every change of a row and rows are never removed, so SUM(version) changes whenever any team does: every
-- instance polls it and reloads the teams when it moved.
CREATE TABLE teams (
    team        VARCHAR(64)    PRIMARY KEY,
    settings    VARCHAR(65536) NOT NULL,
    version     BIGINT         NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    deleted_at  TIMESTAMP WITH TIME ZONE
);

-- The models an API key may call (a JSON array of aliases within its team's), or NULL: whatever its team may.
ALTER TABLE api_keys ADD COLUMN models VARCHAR(8192);
-- When the key stops working, or NULL: never.
ALTER TABLE api_keys ADD COLUMN expires_at TIMESTAMP WITH TIME ZONE;
-- A rotated key's previous secret (its hash), which keeps working until previous_valid_until.
ALTER TABLE api_keys ADD COLUMN previous_key_hash CHAR(64);
ALTER TABLE api_keys ADD COLUMN previous_valid_until TIMESTAMP WITH TIME ZONE;
CREATE INDEX api_keys_previous_hash ON api_keys (previous_key_hash);

-- Every change made through the admin API (and the configuration's seed): who, when, what, the object before and
-- after as JSON. Key secrets and their hashes are never written here.
CREATE TABLE admin_audit (
    id          VARCHAR(40)    PRIMARY KEY,
    changed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    actor       VARCHAR(128)   NOT NULL,
    action      VARCHAR(32)    NOT NULL,
    team        VARCHAR(64),
    target      VARCHAR(64)    NOT NULL,
    before_json VARCHAR(65536),
    after_json  VARCHAR(65536)
);
CREATE INDEX admin_audit_time ON admin_audit (changed_at);
CREATE INDEX admin_audit_team_time ON admin_audit (team, changed_at);

-- Budget alerts raised: one row per budget (team, or feature of a team), month and threshold. An instance raises an
-- alert only if its INSERT made the row, so an alert is raised once per month however many instances cross it.
CREATE TABLE budget_alerts (
    team          VARCHAR(64)    NOT NULL,
    feature       VARCHAR(64)    NOT NULL,
    budget_month  CHAR(7)        NOT NULL,
    threshold     INTEGER        NOT NULL,
    raised_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (team, feature, budget_month, threshold)
);

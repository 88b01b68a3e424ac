-- Budget alerts on their way to the webhook: one row per alert until it is delivered or given up, so retries survive
-- a restart. An instance claims a due row (claimed_until in the future) before it sends it, so one instance sends it
-- at a time; the claim of an instance that stopped runs out, and any instance then takes the row over.
CREATE TABLE budget_alert_deliveries (
    id              VARCHAR(40)   PRIMARY KEY,
    body            VARCHAR(4096) NOT NULL,
    attempts        INTEGER       NOT NULL,
    next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL,
    claimed_until   TIMESTAMP WITH TIME ZONE
);
CREATE INDEX budget_alert_deliveries_due ON budget_alert_deliveries (next_attempt_at);

-- The cost ledger: one row per finished call. entry_id is given by the gateway when the call is recorded and travels
-- with the record through the disk spool, so a record written twice (a replay after an outage) is stored once.
-- request_id is not unique: callers may send their own x-request-id and reuse it on retries, which are calls too.
CREATE TABLE call_ledger (
    entry_id               VARCHAR(36)    NOT NULL,
    request_id             VARCHAR(128),
    received_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    received_day           DATE           NOT NULL,
    route                  VARCHAR(64),
    team                   VARCHAR(64),
    feature                VARCHAR(64),
    key_id                 VARCHAR(40),
    model_alias            VARCHAR(128),
    model_id               VARCHAR(256),
    region                 VARCHAR(32),
    template               VARCHAR(128),
    streamed               BOOLEAN        NOT NULL,
    input_tokens           BIGINT         NOT NULL,
    output_tokens          BIGINT         NOT NULL,
    cache_read_tokens      BIGINT         NOT NULL,
    cache_write_tokens     BIGINT         NOT NULL,
    cost_usd               NUMERIC(24, 12) NOT NULL,
    cache_hit              VARCHAR(16),
    saved_cost_usd         NUMERIC(24, 12) NOT NULL,
    latency_ms             BIGINT         NOT NULL,
    time_to_first_token_ms BIGINT         NOT NULL,
    status                 INTEGER        NOT NULL,
    outcome                VARCHAR(64),
    CONSTRAINT call_ledger_pk PRIMARY KEY (entry_id)
);
-- usage reports select a time range, for every team or for one
CREATE INDEX call_ledger_time ON call_ledger (received_at);
CREATE INDEX call_ledger_team_time ON call_ledger (team, received_at);
-- operators look a call up by the id its caller was given
CREATE INDEX call_ledger_request ON call_ledger (request_id);

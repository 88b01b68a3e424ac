-- API keys: only a SHA-256 of each key is kept; the key itself is shown once, when it is created.
CREATE TABLE api_keys (
    id              VARCHAR(40)  PRIMARY KEY,
    key_hash        CHAR(64)     NOT NULL UNIQUE,
    key_prefix      VARCHAR(16)  NOT NULL,
    team            VARCHAR(64)  NOT NULL,
    name            VARCHAR(128) NOT NULL,
    default_feature VARCHAR(64),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at      TIMESTAMP WITH TIME ZONE
);
CREATE INDEX api_keys_team ON api_keys (team);

-- Responses kept for the Responses API (store: true): previous_response_id, GET and DELETE /v1/responses/{id}.
-- A response is its team's: every read and delete names the team. conversation holds the input items the response
-- answered (the stored conversation it followed, then the caller's input), response the response object as sent;
-- a follow-up reads both. Rows past expires_at (responses.retentionDays) are never read and are swept.
CREATE TABLE stored_responses (
    id           VARCHAR(64)              PRIMARY KEY,
    team         VARCHAR(64)              NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    conversation TEXT                     NOT NULL,
    response     TEXT                     NOT NULL
);
CREATE INDEX stored_responses_expiry ON stored_responses (expires_at);

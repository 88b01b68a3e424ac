-- A key's own rate limits, set through the admin API; NULL: limits.perKey applies to the key.
ALTER TABLE api_keys ADD COLUMN requests_per_minute INTEGER;
ALTER TABLE api_keys ADD COLUMN tokens_per_minute INTEGER;

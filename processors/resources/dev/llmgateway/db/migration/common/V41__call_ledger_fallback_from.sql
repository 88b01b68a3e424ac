-- The alias a caller named when one of its fallback models answered (model_alias is then the fallback's); null when
-- the named model answered, or none did.
ALTER TABLE call_ledger ADD COLUMN fallback_from VARCHAR(128);

-- Contracts retired and removed (`contract retire ID [--from YYYY-MM]`, `contract remove ID`):
-- one row per change, never changed or deleted (the triggers below), chained by hash as the
-- audit log is (schema/contract_change_store.hpp): chain_sha256 = SHA-256 of previous_sha256 and
-- the row's fields. verify walks the chain, and checks it against the count and chain head each
-- audit log entry's summary recorded, so a row edited, inserted or deleted by hand is found.
-- A contract is retired from `from_period` by its latest `retire` row that comes after its
-- latest `remove` row (a contract id removed and added again starts afresh).
-- IF NOT EXISTS: a database whose user_version was set back migrates again.
CREATE TABLE IF NOT EXISTS contract_change (
    change_id       INTEGER PRIMARY KEY,
    contract_id     TEXT    NOT NULL,
    kind            TEXT    NOT NULL CHECK (kind IN ('retire', 'remove')),
    from_period     TEXT    CHECK ((kind = 'retire') = (from_period IS NOT NULL)),  -- YYYY-MM for retire
    changed_at      TEXT    NOT NULL,   -- UTC, ISO 8601 (REVSHARE_NOW when set)
    detail          TEXT    NOT NULL,   -- what the change did: the texts and runs a remove deleted
    previous_sha256 TEXT    NOT NULL,   -- '' for the first row
    chain_sha256    TEXT    NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS contract_change_by_contract ON contract_change (contract_id, change_id);

CREATE TRIGGER IF NOT EXISTS contract_change_no_update BEFORE UPDATE ON contract_change
BEGIN
    SELECT RAISE(ABORT, 'contract_change is append-only: changes are never changed');
END;

CREATE TRIGGER IF NOT EXISTS contract_change_no_delete BEFORE DELETE ON contract_change
BEGIN
    SELECT RAISE(ABORT, 'contract_change is append-only: changes are never deleted');
END;

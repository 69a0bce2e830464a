-- The audit log as a hash chain: each entry records the chain hash of the entries before it
-- (previous_sha256) and its own (chain_sha256 = SHA-256 of previous_sha256 and the entry's
-- fields, schema/audit_store.hpp). verify walks the chain from the first entry, so an entry
-- changed or deleted breaks every link after it. Entries written before this migration have
-- NULL hashes: the chain still covers them (the first hashed entry's previous_sha256 is their
-- chain), since the chain is computed from the fields alone.
ALTER TABLE audit_log ADD COLUMN previous_sha256 TEXT;
ALTER TABLE audit_log ADD COLUMN chain_sha256 TEXT;

-- Where the stored chain begins: every entry from this id on is written with its hashes, so an
-- entry there without them was cleared or inserted by hand (verify names it). One row.
CREATE TABLE audit_chain_start (
    first_hashed_entry_id INTEGER NOT NULL
) STRICT;
INSERT INTO audit_chain_start SELECT coalesce(max(entry_id), 0) + 1 FROM audit_log;

-- Signed closes: `close --sign-key FILE` signs the close record (schema/close_store.hpp,
-- close_record_text) with an Ed25519 key kept off the database. The signature is stored beside
-- the close; `verify --public-key FILE` checks it against a public key kept outside, so a close
-- rewritten with its hashes recomputed is found without trusting the database. Like closes,
-- signatures are never changed or deleted.
CREATE TABLE close_signature (
    contract_id       TEXT NOT NULL,
    period            TEXT NOT NULL,
    public_key_sha256 TEXT NOT NULL,  -- SHA-256 of the raw 32-byte Ed25519 public key, hex
    signature_hex     TEXT NOT NULL,  -- the 64-byte Ed25519 signature of the close record, hex
    PRIMARY KEY (contract_id, period)
) STRICT;

CREATE TRIGGER close_signature_no_update BEFORE UPDATE ON close_signature
BEGIN
    SELECT RAISE(ABORT, 'close_signature is append-only: signatures are never changed');
END;

CREATE TRIGGER close_signature_no_delete BEFORE DELETE ON close_signature
BEGIN
    SELECT RAISE(ABORT, 'close_signature is append-only: signatures are never deleted');
END;

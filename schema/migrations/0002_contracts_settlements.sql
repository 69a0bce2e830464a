-- Contracts (their exact texts) and settlement runs with their statement, net and journal.

-- Every text ever added for a contract id; the newest is the one in force.
CREATE TABLE contract_text (
    contract_text_id INTEGER PRIMARY KEY,
    contract_id      TEXT    NOT NULL,
    sha256           TEXT    NOT NULL,
    text             TEXT    NOT NULL,
    file_name        TEXT    NOT NULL,
    added_at         TEXT    NOT NULL
) STRICT;
CREATE INDEX contract_text_by_id ON contract_text (contract_id, contract_text_id);

-- One run per settle of a (contract, period). A later run replaces an open period's run;
-- the replaced run is kept (replaced_by) for the audit trail.
CREATE TABLE settlement_run (
    run_id            INTEGER PRIMARY KEY,
    contract_id       TEXT    NOT NULL,
    period            TEXT    NOT NULL,           -- YYYY-MM
    contract_text_id  INTEGER NOT NULL REFERENCES contract_text (contract_text_id),
    currency          TEXT    NOT NULL,
    inputs_sha256     TEXT    NOT NULL,           -- fingerprint of everything the run read
    import_high_water INTEGER NOT NULL,           -- largest import id that existed
    statement_sha256  TEXT    NOT NULL,           -- of statement.csv as written
    settled_at        TEXT    NOT NULL,
    is_current        INTEGER NOT NULL DEFAULT 1 CHECK (is_current IN (0, 1)),
    replaced_by       INTEGER REFERENCES settlement_run (run_id)
) STRICT;
CREATE UNIQUE INDEX settlement_run_current ON settlement_run (contract_id, period) WHERE is_current = 1;

CREATE TABLE statement_row (
    run_id        INTEGER NOT NULL REFERENCES settlement_run (run_id),
    row_number    INTEGER NOT NULL,
    kind          TEXT    NOT NULL CHECK (kind IN ('current', 'adjustment')),
    for_period    TEXT    NOT NULL,
    version_id    TEXT    NOT NULL,
    rule_id       TEXT    NOT NULL,
    payer         TEXT    NOT NULL,
    payee         TEXT    NOT NULL,
    currency      TEXT    NOT NULL,
    segment_start TEXT    NOT NULL,               -- YYYY-MM-DD, inclusive
    segment_end   TEXT    NOT NULL,               -- YYYY-MM-DD, exclusive
    basis         TEXT    NOT NULL,               -- exact decimal
    share         TEXT    NOT NULL,               -- decimal in minor units
    share_minor   INTEGER NOT NULL,               -- the same share as an integer of minor units
    lines         INTEGER NOT NULL,
    PRIMARY KEY (run_id, row_number)
) STRICT;

CREATE TABLE net_row (
    run_id       INTEGER NOT NULL REFERENCES settlement_run (run_id),
    from_party   TEXT    NOT NULL,
    to_party     TEXT    NOT NULL,
    currency     TEXT    NOT NULL,
    amount       TEXT    NOT NULL,
    amount_minor INTEGER NOT NULL,
    PRIMARY KEY (run_id, from_party, to_party)
) STRICT;

-- Double entry: the entries of one run sum to exactly zero (checked on insert and by verify).
CREATE TABLE journal_entry (
    run_id        INTEGER NOT NULL REFERENCES settlement_run (run_id),
    entry_number  INTEGER NOT NULL,
    party         TEXT    NOT NULL,
    counterparty  TEXT    NOT NULL,
    account       TEXT    NOT NULL CHECK (account IN ('payable', 'receivable')),
    currency      TEXT    NOT NULL,
    amount        TEXT    NOT NULL,
    amount_minor  INTEGER NOT NULL,
    rule_id       TEXT    NOT NULL,
    version_id    TEXT    NOT NULL,
    segment_start TEXT    NOT NULL,
    PRIMARY KEY (run_id, entry_number)
) STRICT;

-- Lifetime totals per cap group after the run (what the next period's caps start from).
CREATE TABLE run_cap_total (
    run_id    INTEGER NOT NULL REFERENCES settlement_run (run_id),
    cap_group TEXT    NOT NULL,
    total     TEXT    NOT NULL,
    PRIMARY KEY (run_id, cap_group)
) STRICT;

-- The imports whose lines the run read.
CREATE TABLE run_import (
    run_id    INTEGER NOT NULL REFERENCES settlement_run (run_id),
    import_id INTEGER NOT NULL REFERENCES import (import_id),
    PRIMARY KEY (run_id, import_id)
) STRICT;

-- Closed periods: frozen statements, chained by hash (each close includes the previous one's).
CREATE TABLE period_close (
    contract_id           TEXT    NOT NULL,
    period                TEXT    NOT NULL,
    run_id                INTEGER NOT NULL REFERENCES settlement_run (run_id),
    statement_sha256      TEXT    NOT NULL,
    import_high_water     INTEGER NOT NULL,
    contract_sha256       TEXT    NOT NULL,
    previous_chain_sha256 TEXT    NOT NULL,       -- '' for the first close of the contract
    chain_sha256          TEXT    NOT NULL,
    closed_at             TEXT    NOT NULL,
    PRIMARY KEY (contract_id, period)
) STRICT;

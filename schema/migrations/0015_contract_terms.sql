-- The terms of contract.md steps 5a and 7a–7c, and statements that explain themselves.
--
-- statement_row gains the row kinds true-up, advance, recoupment and withholding (a CHECK
-- cannot be altered in SQLite: the table is rebuilt, rows kept as they were) and the columns
-- of statement.csv that say why a share is what it is (cli.md): owed (0 for a memo rule's
-- row), share_before_limits and cap_remaining (NULL where not given) and limited_by
-- ('minimum;maximum;cap' in the order applied, '' when none).
CREATE TABLE statement_row_0015 (
    run_id              INTEGER NOT NULL REFERENCES settlement_run (run_id),
    row_number          INTEGER NOT NULL,
    kind                TEXT    NOT NULL CHECK (kind IN ('current', 'adjustment', 'true-up', 'advance', 'recoupment',
                                                         'withholding')),
    for_period          TEXT    NOT NULL,
    version_id          TEXT    NOT NULL,
    rule_id             TEXT    NOT NULL,
    payer               TEXT    NOT NULL,
    payee               TEXT    NOT NULL,
    currency            TEXT    NOT NULL,
    segment_start       TEXT    NOT NULL,
    segment_end         TEXT    NOT NULL,
    basis               TEXT    NOT NULL,
    share               TEXT    NOT NULL,
    share_minor         INTEGER NOT NULL,
    lines               INTEGER NOT NULL,
    owed                INTEGER NOT NULL DEFAULT 1 CHECK (owed IN (0, 1)),
    share_before_limits TEXT,
    limited_by          TEXT    NOT NULL DEFAULT '',
    cap_remaining       TEXT,
    PRIMARY KEY (run_id, row_number)
) STRICT;
INSERT INTO statement_row_0015 (run_id, row_number, kind, for_period, version_id, rule_id, payer, payee, currency,
                                segment_start, segment_end, basis, share, share_minor, lines)
    SELECT run_id, row_number, kind, for_period, version_id, rule_id, payer, payee, currency, segment_start, segment_end,
           basis, share, share_minor, lines
    FROM statement_row;
DROP TABLE statement_row;
ALTER TABLE statement_row_0015 RENAME TO statement_row;

-- Which statement.csv a run's statement_sha256 is of: 12 columns (period..lines) for the runs
-- stored before this migration, 16 (the explanation columns and owed) after. Reports of a
-- run are written in its own layout, so a closed period keeps the file its close hashed.
ALTER TABLE settlement_run ADD COLUMN statement_columns INTEGER NOT NULL DEFAULT 12 CHECK (statement_columns IN (12, 16));

-- What a run started from beside its cap totals (run_cap_before): per rule id the contract
-- year's bases (step 5a) and shares (step 7a) posted by earlier periods, per advance id what
-- its recoupment rows took so far (step 7b). Zero totals are not stored; runs stored before
-- this migration carried nothing (their contract texts had none of these terms).
CREATE TABLE run_carried_before (
    run_id  INTEGER NOT NULL REFERENCES settlement_run (run_id),
    measure TEXT    NOT NULL CHECK (measure IN ('year_basis', 'year_share', 'recouped')),
    name    TEXT    NOT NULL,
    total   TEXT    NOT NULL,
    PRIMARY KEY (run_id, measure, name)
) STRICT;

-- Period close, late-data adjustments, audit replay and the audit log (issue 4).

-- The largest fx_rate rowid that existed when the run was computed: a replay uses the FX table
-- as it stood then. NULL for runs stored before this migration (replay then uses every rate).
ALTER TABLE settlement_run ADD COLUMN fx_high_water INTEGER;

-- Lifetime totals per cap group the run started from (adjustments it posted included), so a
-- replay starts from the same totals whatever happened to earlier periods since.
CREATE TABLE run_cap_before (
    run_id    INTEGER NOT NULL REFERENCES settlement_run (run_id),
    cap_group TEXT    NOT NULL,
    total     TEXT    NOT NULL,
    PRIMARY KEY (run_id, cap_group)
) STRICT;

-- The closed periods whose late data a run recomputed (one row each, whether or not a
-- difference was posted): a replay recomputes exactly these.
CREATE TABLE run_adjusted_period (
    run_id        INTEGER NOT NULL REFERENCES settlement_run (run_id),
    for_period    TEXT    NOT NULL,               -- YYYY-MM, a closed period
    closed_run_id INTEGER NOT NULL REFERENCES settlement_run (run_id),
    PRIMARY KEY (run_id, for_period)
) STRICT;

-- Who ran which command that changes the database, when, and what it left behind.
-- Append-only: the triggers below refuse any UPDATE or DELETE.
CREATE TABLE audit_log (
    entry_id  INTEGER PRIMARY KEY,
    at        TEXT    NOT NULL,                   -- UTC, ISO 8601 (REVSHARE_NOW when set)
    os_user   TEXT    NOT NULL,
    command   TEXT    NOT NULL,
    arguments TEXT    NOT NULL,                   -- the words after the command, shell-quoted
    exit_code INTEGER NOT NULL,
    summary   TEXT    NOT NULL                    -- counts and the latest run/close hashes
) STRICT;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only: entries are never changed');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only: entries are never deleted');
END;

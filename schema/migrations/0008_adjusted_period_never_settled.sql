-- A period before a contract's last close that was never settled counts as closed with no rows
-- (contract.md "Closed periods and late data"): the earliest open run recomputes its late data
-- with no closed run to subtract, so closed_run_id is NULL for such a period.
-- SQLite cannot drop a NOT NULL constraint in place: the table is made anew and its rows copied.
CREATE TABLE run_adjusted_period_0008 (
    run_id        INTEGER NOT NULL REFERENCES settlement_run (run_id),
    for_period    TEXT    NOT NULL,               -- YYYY-MM, a closed period (or one before the last close)
    closed_run_id INTEGER REFERENCES settlement_run (run_id),  -- NULL: never settled, closed with no rows
    PRIMARY KEY (run_id, for_period)
) STRICT;
INSERT INTO run_adjusted_period_0008 (run_id, for_period, closed_run_id)
    SELECT run_id, for_period, closed_run_id FROM run_adjusted_period;
DROP TABLE run_adjusted_period;
ALTER TABLE run_adjusted_period_0008 RENAME TO run_adjusted_period;

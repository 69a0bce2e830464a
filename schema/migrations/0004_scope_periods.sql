-- Where each scope's lines are, per charge month (issue 7, performance). Settling a period
-- reads only these row ranges of `line`, in rowid order, instead of looking every line up
-- through an index; the imports and scopes of a period, and the periods that have lines,
-- come from here instead of from a scan of every line. Written by the importer with the lines.

CREATE TABLE scope_period (
    scope_id      INTEGER NOT NULL REFERENCES import_scope (scope_id),
    period_start  INTEGER NOT NULL,   -- first second (UTC) of the month of the lines' ChargePeriodStart
    lines         INTEGER NOT NULL,   -- lines of the scope charged in that month
    first_line_id INTEGER NOT NULL,   -- smallest and largest line_id of those lines: every one of
    last_line_id  INTEGER NOT NULL,   -- them is in [first_line_id, last_line_id]
    PRIMARY KEY (scope_id, period_start)
) STRICT;

-- Lines stored before this migration.
INSERT INTO scope_period (scope_id, period_start, lines, first_line_id, last_line_id)
SELECT scope_id, CAST(strftime('%s', charge_period_start, 'unixepoch', 'start of month') AS INTEGER),
       count(*), min(line_id), max(line_id)
FROM line GROUP BY 1, 2;

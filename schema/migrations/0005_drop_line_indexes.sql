-- Issue 7 (performance): the two indexes on `line` cost about a third of the SQLite work of
-- every imported line (line_by_charge_period: each insert lands at a random place in it,
-- about 2 s per million lines; line_by_import: about 0.5 s) and 35 MB per million lines on
-- disk, and nothing needs them any more:
--   - a period's lines are found through scope_period (migration 0004): their scopes and
--     line_id ranges, read in rowid order by settle, report, replay and verify;
--   - verify counts each import's lines in one pass over the table in rowid order.
DROP INDEX line_by_charge_period;
DROP INDEX line_by_import;

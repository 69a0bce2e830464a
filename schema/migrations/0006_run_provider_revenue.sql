-- Issue 7 (performance): statement.html charts the matched revenue by provider of the last 12
-- settled periods. Recomputing each earlier period's lines for it cost one settlement pass per
-- period shown; settle now stores it with the run (the same pass, grouped by provider too).
--
-- A run is in run_revenue_stored once its revenue is stored (no provider rows = nothing
-- matched). Runs stored before this migration are not: nothing here can compute their revenue
-- in SQL (it takes the contract's match rules and FX conversion), so the report recomputes
-- such a run's revenue from its lines, as before, until the period is settled again.
-- IF NOT EXISTS: a database whose user_version was set back migrates again.

CREATE TABLE IF NOT EXISTS run_revenue_stored (
    run_id INTEGER PRIMARY KEY REFERENCES settlement_run (run_id)
) STRICT;

CREATE TABLE IF NOT EXISTS run_provider_revenue (
    run_id        INTEGER NOT NULL REFERENCES run_revenue_stored (run_id),
    provider_name TEXT    NOT NULL,
    revenue       TEXT    NOT NULL,  -- exact decimal, in the run's currency
    PRIMARY KEY (run_id, provider_name)
) STRICT;

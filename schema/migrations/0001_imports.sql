-- Imports, normalised lines, quarantined rows and FX rates.
-- Money and quantities are canonical decimal TEXT (exact; never REAL). Use decimal_sum()
-- (the sqlite3 shell's decimal extension) rather than SUM(), which would convert to floating point.
-- Instants are INTEGER seconds since 1970-01-01T00:00:00Z (UTC).

CREATE TABLE import (
    import_id        INTEGER PRIMARY KEY,
    file_name        TEXT    NOT NULL,            -- as named on the command line
    size_bytes       INTEGER NOT NULL,
    sha256           TEXT    NOT NULL UNIQUE,     -- of the bytes as delivered
    format           TEXT    NOT NULL,
    rows_read        INTEGER NOT NULL,
    rows_imported    INTEGER NOT NULL,
    rows_quarantined INTEGER NOT NULL,
    imported_at      TEXT    NOT NULL,            -- UTC, ISO 8601
    archive_name     TEXT    NOT NULL,            -- file in the archive beside the database
    CHECK (rows_read = rows_imported + rows_quarantined)
) STRICT;

-- Each (provider, billing account, billing period) an import delivers. A later import of the
-- same scope supersedes it: its lines stop counting, nothing is deleted.
CREATE TABLE import_scope (
    scope_id             INTEGER PRIMARY KEY,
    import_id            INTEGER NOT NULL REFERENCES import (import_id),
    provider_name        TEXT    NOT NULL,
    billing_account_id   TEXT    NOT NULL,
    billing_period_start INTEGER NOT NULL,
    billing_period_end   INTEGER NOT NULL,
    lines                INTEGER NOT NULL,
    superseded_by        INTEGER REFERENCES import (import_id),
    UNIQUE (import_id, provider_name, billing_account_id, billing_period_start)
) STRICT;
CREATE INDEX import_scope_by_key ON import_scope (provider_name, billing_account_id, billing_period_start);

-- Distinct text values of the normalised lines' text columns, stored once.
CREATE TABLE text_value (
    text_id INTEGER PRIMARY KEY,
    value   TEXT NOT NULL UNIQUE
) STRICT;

-- One normalised line per imported row. Text columns hold text_value ids (no REFERENCES
-- clause: the importer writes them and an FK check per column would slow every insert).
CREATE TABLE line (
    line_id                 INTEGER PRIMARY KEY,
    import_id               INTEGER NOT NULL REFERENCES import (import_id),
    scope_id                INTEGER NOT NULL REFERENCES import_scope (scope_id),
    source_line             INTEGER NOT NULL,
    charge_period_start     INTEGER NOT NULL,
    charge_period_end       INTEGER NOT NULL,
    billing_period_start    INTEGER NOT NULL,
    billing_period_end      INTEGER NOT NULL,
    provider_name           INTEGER NOT NULL,
    publisher_name          INTEGER NOT NULL,
    invoice_issuer_name     INTEGER NOT NULL,
    billing_account_id      INTEGER NOT NULL,
    sub_account_id          INTEGER NOT NULL,
    charge_category         INTEGER NOT NULL,
    charge_class            INTEGER NOT NULL,
    service_name            INTEGER NOT NULL,
    sku_id                  INTEGER NOT NULL,
    sku_meter               INTEGER NOT NULL,
    region_id               INTEGER NOT NULL,
    billing_currency        INTEGER NOT NULL,
    consumed_unit           INTEGER NOT NULL,
    x_service_code          INTEGER NOT NULL,
    x_usage_type            INTEGER NOT NULL,
    x_operation             INTEGER NOT NULL,
    x_sku_meter_category    INTEGER NOT NULL,
    x_sku_meter_subcategory INTEGER NOT NULL,
    x_sku_meter_name        INTEGER NOT NULL,
    x_publisher_category    INTEGER NOT NULL,
    tags                    INTEGER NOT NULL,
    billed_cost             TEXT,
    effective_cost          TEXT,
    list_cost               TEXT,
    contracted_cost         TEXT,
    consumed_quantity       TEXT
) STRICT;
CREATE INDEX line_by_charge_period ON line (charge_period_start);
CREATE INDEX line_by_import ON line (import_id, source_line);

-- Rows that could not be imported, kept with the reason and the exact bytes delivered.
CREATE TABLE quarantine (
    quarantine_id INTEGER PRIMARY KEY,
    import_id     INTEGER NOT NULL REFERENCES import (import_id),
    source_line   INTEGER NOT NULL,
    column_number INTEGER NOT NULL,               -- 0 when the whole row is at fault
    field         TEXT    NOT NULL,
    code          TEXT    NOT NULL,
    reason        TEXT    NOT NULL,
    raw           BLOB    NOT NULL
) STRICT;
CREATE INDEX quarantine_by_import ON quarantine (import_id, source_line);

CREATE TABLE fx_rate (
    rate_date TEXT NOT NULL,                      -- YYYY-MM-DD
    base      TEXT NOT NULL,
    quote     TEXT NOT NULL,
    rate      TEXT NOT NULL,                      -- 1 base = rate quote, exact decimal
    file_name TEXT NOT NULL,
    PRIMARY KEY (rate_date, base, quote)
) STRICT;

-- The normalised lines with FOCUS column names, for people querying with sqlite3.
CREATE VIEW normalised_line AS
SELECT l.line_id, l.import_id, l.source_line, s.superseded_by IS NULL AS is_current,
       datetime(l.charge_period_start, 'unixepoch') AS ChargePeriodStart,
       datetime(l.charge_period_end, 'unixepoch') AS ChargePeriodEnd,
       datetime(l.billing_period_start, 'unixepoch') AS BillingPeriodStart,
       datetime(l.billing_period_end, 'unixepoch') AS BillingPeriodEnd,
       (SELECT value FROM text_value WHERE text_id = l.provider_name) AS ProviderName,
       (SELECT value FROM text_value WHERE text_id = l.publisher_name) AS PublisherName,
       (SELECT value FROM text_value WHERE text_id = l.invoice_issuer_name) AS InvoiceIssuerName,
       (SELECT value FROM text_value WHERE text_id = l.billing_account_id) AS BillingAccountId,
       (SELECT value FROM text_value WHERE text_id = l.sub_account_id) AS SubAccountId,
       (SELECT value FROM text_value WHERE text_id = l.charge_category) AS ChargeCategory,
       (SELECT value FROM text_value WHERE text_id = l.charge_class) AS ChargeClass,
       (SELECT value FROM text_value WHERE text_id = l.service_name) AS ServiceName,
       (SELECT value FROM text_value WHERE text_id = l.sku_id) AS SkuId,
       (SELECT value FROM text_value WHERE text_id = l.sku_meter) AS SkuMeter,
       (SELECT value FROM text_value WHERE text_id = l.region_id) AS RegionId,
       l.billed_cost AS BilledCost, l.effective_cost AS EffectiveCost, l.list_cost AS ListCost,
       l.contracted_cost AS ContractedCost,
       (SELECT value FROM text_value WHERE text_id = l.billing_currency) AS BillingCurrency,
       l.consumed_quantity AS ConsumedQuantity,
       (SELECT value FROM text_value WHERE text_id = l.consumed_unit) AS ConsumedUnit,
       (SELECT value FROM text_value WHERE text_id = l.x_service_code) AS x_ServiceCode,
       (SELECT value FROM text_value WHERE text_id = l.x_usage_type) AS x_UsageType,
       (SELECT value FROM text_value WHERE text_id = l.x_operation) AS x_Operation,
       (SELECT value FROM text_value WHERE text_id = l.x_sku_meter_category) AS x_SkuMeterCategory,
       (SELECT value FROM text_value WHERE text_id = l.x_sku_meter_subcategory) AS x_SkuMeterSubcategory,
       (SELECT value FROM text_value WHERE text_id = l.x_sku_meter_name) AS x_SkuMeterName,
       (SELECT value FROM text_value WHERE text_id = l.x_publisher_category) AS x_PublisherCategory,
       (SELECT value FROM text_value WHERE text_id = l.tags) AS Tags
FROM line l JOIN import_scope s ON s.scope_id = l.scope_id;

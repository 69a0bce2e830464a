-- Issue 7 (performance): a line's 21 text columns and its billing period repeat from line to
-- line (a million-line CUR has about 28,000 distinct combinations). They are now stored once
-- per distinct combination per import, in line_dimensions (FOCUS calls these columns
-- dimensions), and each line names its combination. A line shrinks from 34 columns to 12:
-- about 40 % less to insert, write to the WAL, checkpoint and read back, per line.
--
-- Readers keep the combinations they met in a bounded cache (schema/line_dimensions.*), so a
-- line still costs one row read. The view normalised_line shows the same columns as before.

CREATE TABLE line_dimensions (
    dimensions_id           INTEGER PRIMARY KEY,
    import_id               INTEGER NOT NULL REFERENCES import (import_id),
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
    tags                    INTEGER NOT NULL
) STRICT;

-- The lines already stored: one combination per distinct value set of each import, numbered
-- in the order of their first line (as the importer numbers them).
INSERT INTO line_dimensions (import_id, billing_period_start, billing_period_end, provider_name, publisher_name, invoice_issuer_name, billing_account_id, sub_account_id, charge_category, charge_class, service_name, sku_id, sku_meter, region_id, billing_currency, consumed_unit, x_service_code, x_usage_type, x_operation, x_sku_meter_category, x_sku_meter_subcategory, x_sku_meter_name, x_publisher_category, tags)
SELECT import_id, billing_period_start, billing_period_end, provider_name, publisher_name, invoice_issuer_name, billing_account_id, sub_account_id, charge_category, charge_class, service_name, sku_id, sku_meter, region_id, billing_currency, consumed_unit, x_service_code, x_usage_type, x_operation, x_sku_meter_category, x_sku_meter_subcategory, x_sku_meter_name, x_publisher_category, tags
FROM line GROUP BY import_id, billing_period_start, billing_period_end, provider_name, publisher_name, invoice_issuer_name, billing_account_id, sub_account_id, charge_category, charge_class, service_name, sku_id, sku_meter, region_id, billing_currency, consumed_unit, x_service_code, x_usage_type, x_operation, x_sku_meter_category, x_sku_meter_subcategory, x_sku_meter_name, x_publisher_category, tags
ORDER BY min(line_id);
CREATE INDEX line_dimensions_by_value ON line_dimensions (import_id, billing_period_start, billing_period_end, provider_name, publisher_name, invoice_issuer_name, billing_account_id, sub_account_id, charge_category, charge_class, service_name, sku_id, sku_meter, region_id, billing_currency, consumed_unit, x_service_code, x_usage_type, x_operation, x_sku_meter_category, x_sku_meter_subcategory, x_sku_meter_name, x_publisher_category, tags);

-- Text columns and dimensions_id hold ids without a REFERENCES clause, as before: the importer
-- writes them, and an FK check per column would slow every insert.
CREATE TABLE line_compact (
    line_id             INTEGER PRIMARY KEY,
    import_id           INTEGER NOT NULL REFERENCES import (import_id),
    scope_id            INTEGER NOT NULL REFERENCES import_scope (scope_id),
    source_line         INTEGER NOT NULL,
    charge_period_start INTEGER NOT NULL,
    charge_period_end   INTEGER NOT NULL,
    dimensions_id       INTEGER NOT NULL,
    billed_cost         TEXT,
    effective_cost      TEXT,
    list_cost           TEXT,
    contracted_cost     TEXT,
    consumed_quantity   TEXT
) STRICT;
INSERT INTO line_compact
SELECT l.line_id, l.import_id, l.scope_id, l.source_line, l.charge_period_start, l.charge_period_end,
       d.dimensions_id, l.billed_cost, l.effective_cost, l.list_cost, l.contracted_cost, l.consumed_quantity
FROM line l JOIN line_dimensions d ON d.import_id = l.import_id AND d.billing_period_start = l.billing_period_start AND d.billing_period_end = l.billing_period_end AND d.provider_name = l.provider_name AND d.publisher_name = l.publisher_name AND d.invoice_issuer_name = l.invoice_issuer_name AND d.billing_account_id = l.billing_account_id AND d.sub_account_id = l.sub_account_id AND d.charge_category = l.charge_category AND d.charge_class = l.charge_class AND d.service_name = l.service_name AND d.sku_id = l.sku_id AND d.sku_meter = l.sku_meter AND d.region_id = l.region_id AND d.billing_currency = l.billing_currency AND d.consumed_unit = l.consumed_unit AND d.x_service_code = l.x_service_code AND d.x_usage_type = l.x_usage_type AND d.x_operation = l.x_operation AND d.x_sku_meter_category = l.x_sku_meter_category AND d.x_sku_meter_subcategory = l.x_sku_meter_subcategory AND d.x_sku_meter_name = l.x_sku_meter_name AND d.x_publisher_category = l.x_publisher_category AND d.tags = l.tags
ORDER BY l.line_id;
DROP INDEX line_dimensions_by_value;
DROP VIEW normalised_line;
DROP TABLE line;
ALTER TABLE line_compact RENAME TO line;

-- The normalised lines with FOCUS column names, for people querying with sqlite3 (as in 0001).
CREATE VIEW normalised_line AS
SELECT l.line_id, l.import_id, l.source_line, s.superseded_by IS NULL AS is_current,
       datetime(l.charge_period_start, 'unixepoch') AS ChargePeriodStart,
       datetime(l.charge_period_end, 'unixepoch') AS ChargePeriodEnd,
       datetime(d.billing_period_start, 'unixepoch') AS BillingPeriodStart,
       datetime(d.billing_period_end, 'unixepoch') AS BillingPeriodEnd,
       (SELECT value FROM text_value WHERE text_id = d.provider_name) AS ProviderName,
       (SELECT value FROM text_value WHERE text_id = d.publisher_name) AS PublisherName,
       (SELECT value FROM text_value WHERE text_id = d.invoice_issuer_name) AS InvoiceIssuerName,
       (SELECT value FROM text_value WHERE text_id = d.billing_account_id) AS BillingAccountId,
       (SELECT value FROM text_value WHERE text_id = d.sub_account_id) AS SubAccountId,
       (SELECT value FROM text_value WHERE text_id = d.charge_category) AS ChargeCategory,
       (SELECT value FROM text_value WHERE text_id = d.charge_class) AS ChargeClass,
       (SELECT value FROM text_value WHERE text_id = d.service_name) AS ServiceName,
       (SELECT value FROM text_value WHERE text_id = d.sku_id) AS SkuId,
       (SELECT value FROM text_value WHERE text_id = d.sku_meter) AS SkuMeter,
       (SELECT value FROM text_value WHERE text_id = d.region_id) AS RegionId,
       l.billed_cost AS BilledCost, l.effective_cost AS EffectiveCost, l.list_cost AS ListCost,
       l.contracted_cost AS ContractedCost,
       (SELECT value FROM text_value WHERE text_id = d.billing_currency) AS BillingCurrency,
       l.consumed_quantity AS ConsumedQuantity,
       (SELECT value FROM text_value WHERE text_id = d.consumed_unit) AS ConsumedUnit,
       (SELECT value FROM text_value WHERE text_id = d.x_service_code) AS x_ServiceCode,
       (SELECT value FROM text_value WHERE text_id = d.x_usage_type) AS x_UsageType,
       (SELECT value FROM text_value WHERE text_id = d.x_operation) AS x_Operation,
       (SELECT value FROM text_value WHERE text_id = d.x_sku_meter_category) AS x_SkuMeterCategory,
       (SELECT value FROM text_value WHERE text_id = d.x_sku_meter_subcategory) AS x_SkuMeterSubcategory,
       (SELECT value FROM text_value WHERE text_id = d.x_sku_meter_name) AS x_SkuMeterName,
       (SELECT value FROM text_value WHERE text_id = d.x_publisher_category) AS x_PublisherCategory,
       (SELECT value FROM text_value WHERE text_id = d.tags) AS Tags
FROM line l JOIN line_dimensions d ON d.dimensions_id = l.dimensions_id
     JOIN import_scope s ON s.scope_id = l.scope_id;

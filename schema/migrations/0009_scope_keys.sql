-- Scope keys (engine/core/scope_key.hpp). A scope was keyed by its lines' BillingAccountId as
-- delivered: exports with an empty billing account replaced each other whoever they billed,
-- and an Azure id in another letter case replaced nothing. The key is now
-- `BillingAccountId=<id>`, or `SubAccountId=<id>` when the billing account is blank, the id
-- without surrounding spaces and tabs and, for Microsoft, in lower case. key_column and
-- key_text say which column keyed the scope and its value as delivered.
-- The table is rebuilt without its UNIQUE constraint: two scopes of one import stored before
-- now may share a key (`ABC` and `abc`); the importer never writes two. What counts does not
-- change: every line keeps its scope's supersession. Foreign keys are checked after the
-- migrations (schema/database.cpp).

CREATE TABLE import_scope_keyed (
    scope_id             INTEGER PRIMARY KEY,
    import_id            INTEGER NOT NULL REFERENCES import (import_id),
    provider_name        TEXT    NOT NULL,
    scope_key            TEXT    NOT NULL,    -- what a later import's scope is compared with
    key_column           TEXT    NOT NULL CHECK (key_column IN ('BillingAccountId', 'SubAccountId')),
    key_text             TEXT    NOT NULL,    -- that column's value as delivered
    billing_period_start INTEGER NOT NULL,
    billing_period_end   INTEGER NOT NULL,
    lines                INTEGER NOT NULL,
    superseded_by        INTEGER REFERENCES import (import_id)
) STRICT;

-- Scopes with a billing account keep their id and lines.
INSERT INTO import_scope_keyed
SELECT scope_id, import_id, provider_name,
       'BillingAccountId=' || CASE WHEN provider_name = 'Microsoft' THEN lower(trim(billing_account_id, ' ' || char(9)))
                                   ELSE trim(billing_account_id, ' ' || char(9)) END,
       'BillingAccountId', billing_account_id, billing_period_start, billing_period_end, lines, superseded_by
FROM import_scope WHERE trim(billing_account_id, ' ' || char(9)) <> '';

-- A scope without one held the lines of every sub-account of its import: it becomes one scope
-- per sub-account key, as the importer forms them now (the part with the scope's first line
-- keeps its id). Lines with no sub-account either can never be keyed: their part gets a key
-- no import forms (`unkeyed:<scope id>`), so that nothing supersedes it.
CREATE TEMP TABLE unkeyed_line (
    line_id  INTEGER PRIMARY KEY,
    scope_id INTEGER NOT NULL,
    text     TEXT    NOT NULL,  -- SubAccountId as delivered
    value    TEXT    NOT NULL   -- as the key compares it
);
INSERT INTO unkeyed_line
SELECT l.line_id, s.scope_id, sub.value,
       CASE WHEN s.provider_name = 'Microsoft' THEN lower(trim(sub.value, ' ' || char(9)))
            ELSE trim(sub.value, ' ' || char(9)) END
FROM import_scope s
JOIN scope_period p ON p.scope_id = s.scope_id
JOIN line l ON l.line_id BETWEEN p.first_line_id AND p.last_line_id AND l.scope_id = s.scope_id
     AND CAST(strftime('%s', l.charge_period_start, 'unixepoch', 'start of month') AS INTEGER) = p.period_start
JOIN line_dimensions d ON d.dimensions_id = l.dimensions_id
JOIN text_value sub ON sub.text_id = d.sub_account_id
WHERE trim(s.billing_account_id, ' ' || char(9)) = '';

CREATE TEMP TABLE scope_part_lines AS
SELECT scope_id, value, text, min(line_id) AS first_line_id, count(*) AS lines
FROM unkeyed_line GROUP BY scope_id, value;
CREATE TEMP TABLE scope_part AS
SELECT p.scope_id, p.value, p.text, p.first_line_id, p.lines,
       CASE WHEN p.first_line_id = f.first_line_id THEN p.scope_id
            ELSE (SELECT max(scope_id) FROM import_scope) +
                 row_number() OVER (PARTITION BY p.first_line_id = f.first_line_id ORDER BY p.first_line_id) END AS new_scope_id
FROM scope_part_lines p
JOIN (SELECT scope_id, min(first_line_id) AS first_line_id FROM scope_part_lines GROUP BY scope_id) f ON f.scope_id = p.scope_id;

INSERT INTO import_scope_keyed
SELECT p.new_scope_id, s.import_id, s.provider_name,
       CASE WHEN p.value = '' THEN 'unkeyed:' || p.new_scope_id ELSE 'SubAccountId=' || p.value END,
       CASE WHEN p.value = '' THEN 'BillingAccountId' ELSE 'SubAccountId' END,
       CASE WHEN p.value = '' THEN s.billing_account_id ELSE p.text END,
       s.billing_period_start, s.billing_period_end, p.lines, s.superseded_by
FROM scope_part p JOIN import_scope s ON s.scope_id = p.scope_id;
-- A scope without lines (none is written so) stays, unkeyed.
INSERT INTO import_scope_keyed
SELECT scope_id, import_id, provider_name, 'unkeyed:' || scope_id, 'BillingAccountId', billing_account_id,
       billing_period_start, billing_period_end, lines, superseded_by
FROM import_scope WHERE trim(billing_account_id, ' ' || char(9)) = '' AND scope_id NOT IN (SELECT scope_id FROM scope_part);

UPDATE line SET scope_id = (SELECT p.new_scope_id FROM unkeyed_line u JOIN scope_part p ON p.scope_id = u.scope_id AND p.value = u.value
                            WHERE u.line_id = line.line_id)
WHERE line_id IN (SELECT u.line_id FROM unkeyed_line u JOIN scope_part p ON p.scope_id = u.scope_id AND p.value = u.value
                  WHERE p.new_scope_id <> p.scope_id);

DELETE FROM scope_period WHERE scope_id IN (SELECT scope_id FROM scope_part);
INSERT INTO scope_period (scope_id, period_start, lines, first_line_id, last_line_id)
SELECT p.new_scope_id, CAST(strftime('%s', l.charge_period_start, 'unixepoch', 'start of month') AS INTEGER),
       count(*), min(l.line_id), max(l.line_id)
FROM unkeyed_line u JOIN scope_part p ON p.scope_id = u.scope_id AND p.value = u.value JOIN line l ON l.line_id = u.line_id
GROUP BY 1, 2;

DROP TABLE unkeyed_line;
DROP TABLE scope_part_lines;
DROP TABLE scope_part;

-- The view names import_scope: it goes while the table is replaced, then comes back as 0007 left it.
DROP VIEW normalised_line;
DROP TABLE import_scope;
ALTER TABLE import_scope_keyed RENAME TO import_scope;
CREATE INDEX import_scope_by_key ON import_scope (provider_name, scope_key, billing_period_start);
CREATE INDEX import_scope_by_import ON import_scope (import_id);
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

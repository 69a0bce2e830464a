-- The sellers' marketplace feeds (formats.md, "Seller-side marketplace feeds"): eight text
-- columns a contract may match, and supersession per event instead of per scope.
-- The lines stored before were mapped without the columns: they read as empty.
INSERT OR IGNORE INTO text_value (value) VALUES ('');
ALTER TABLE line_dimensions ADD COLUMN invoice_id INTEGER NOT NULL DEFAULT 0;
ALTER TABLE line_dimensions ADD COLUMN x_marketplace_action INTEGER NOT NULL DEFAULT 0;
ALTER TABLE line_dimensions ADD COLUMN x_transaction_type INTEGER NOT NULL DEFAULT 0;
ALTER TABLE line_dimensions ADD COLUMN x_payment_status INTEGER NOT NULL DEFAULT 0;
ALTER TABLE line_dimensions ADD COLUMN x_product_id INTEGER NOT NULL DEFAULT 0;
ALTER TABLE line_dimensions ADD COLUMN x_offer_id INTEGER NOT NULL DEFAULT 0;
ALTER TABLE line_dimensions ADD COLUMN x_agreement_id INTEGER NOT NULL DEFAULT 0;
ALTER TABLE line_dimensions ADD COLUMN x_broker_id INTEGER NOT NULL DEFAULT 0;
UPDATE line_dimensions SET invoice_id = (SELECT text_id FROM text_value WHERE value = ''), x_marketplace_action = (SELECT text_id FROM text_value WHERE value = ''), x_transaction_type = (SELECT text_id FROM text_value WHERE value = ''), x_payment_status = (SELECT text_id FROM text_value WHERE value = ''), x_product_id = (SELECT text_id FROM text_value WHERE value = ''), x_offer_id = (SELECT text_id FROM text_value WHERE value = ''), x_agreement_id = (SELECT text_id FROM text_value WHERE value = ''), x_broker_id = (SELECT text_id FROM text_value WHERE value = '');

-- Every line a seller feed delivered, as a version of its event (S4). A seller import's scopes
-- only index its lines by period: they are never superseded. Instead each line is its event's
-- current line until `superseded_by`, the import from which it no longer is (a later version
-- or a deletion of the event; its own import for a version that never was current: an older
-- version imported late, or a deleted one). A run with import high-water mark H counts the
-- line when line.import_id <= H and (superseded_by IS NULL OR superseded_by > H).
CREATE TABLE event_line (
    line_id       INTEGER PRIMARY KEY REFERENCES line (line_id),
    import_id     INTEGER NOT NULL REFERENCES import (import_id),
    format        TEXT    NOT NULL,   -- the event key is per format
    event_key     TEXT    NOT NULL,   -- billing_event_id / earningId
    valid_from    INTEGER,            -- AWS: the version, (valid_from, update_date) in seconds;
    update_date   INTEGER,            -- NULL for microsoft-payouts (versions are the order of import)
    deleted       INTEGER NOT NULL CHECK (deleted IN (0, 1)),  -- the version has a delete_date
    content       TEXT    NOT NULL,   -- what "repeats what is known" compares (S4)
    outcome       TEXT    NOT NULL CHECK (outcome IN ('new', 'newer', 'older')),
    superseded_by INTEGER REFERENCES import (import_id),
    CHECK (superseded_by IS NULL OR superseded_by >= import_id)
) STRICT;
CREATE INDEX event_line_by_key ON event_line (format, event_key);
CREATE INDEX event_line_superseded ON event_line (superseded_by) WHERE superseded_by IS NOT NULL;

-- The rows of a seller delivery that repeated a version already known (S4): they store no
-- line; `line_id` is the line that first delivered that version.
CREATE TABLE event_known_row (
    import_id   INTEGER NOT NULL REFERENCES import (import_id),
    source_line INTEGER NOT NULL,
    line_id     INTEGER NOT NULL REFERENCES line (line_id),
    PRIMARY KEY (import_id, source_line)
) STRICT, WITHOUT ROWID;

-- What each row of a seller import did (S4): rows_imported = lines stored + rows_already_known.
-- 0 for every other format.
ALTER TABLE import ADD COLUMN rows_already_known INTEGER NOT NULL DEFAULT 0;

DROP VIEW normalised_line;
CREATE VIEW normalised_line AS
SELECT l.line_id, l.import_id, l.source_line, s.superseded_by IS NULL AND NOT EXISTS (SELECT 1 FROM event_line e WHERE e.line_id = l.line_id AND e.superseded_by IS NOT NULL) AS is_current,
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
       (SELECT value FROM text_value WHERE text_id = d.host_provider_name) AS HostProviderName,
       (SELECT value FROM text_value WHERE text_id = d.service_provider_name) AS ServiceProviderName,
       (SELECT value FROM text_value WHERE text_id = d.x_sku_price_model_developer) AS "x_SkuPriceDetails.ModelDeveloper",
       (SELECT value FROM text_value WHERE text_id = d.x_sku_price_model_family) AS "x_SkuPriceDetails.ModelFamily",
       (SELECT value FROM text_value WHERE text_id = d.x_sku_price_model_id) AS "x_SkuPriceDetails.ModelId",
       (SELECT value FROM text_value WHERE text_id = d.x_sku_price_model_version) AS "x_SkuPriceDetails.ModelVersion",
       (SELECT value FROM text_value WHERE text_id = d.x_sku_price_token_direction) AS "x_SkuPriceDetails.TokenDirection",
       (SELECT value FROM text_value WHERE text_id = d.x_sku_price_token_cache_action) AS "x_SkuPriceDetails.TokenCacheAction",
       (SELECT value FROM text_value WHERE text_id = d.invoice_id) AS InvoiceId,
       (SELECT value FROM text_value WHERE text_id = d.x_marketplace_action) AS x_MarketplaceAction,
       (SELECT value FROM text_value WHERE text_id = d.x_transaction_type) AS x_TransactionType,
       (SELECT value FROM text_value WHERE text_id = d.x_payment_status) AS x_PaymentStatus,
       (SELECT value FROM text_value WHERE text_id = d.x_product_id) AS x_ProductId,
       (SELECT value FROM text_value WHERE text_id = d.x_offer_id) AS x_OfferId,
       (SELECT value FROM text_value WHERE text_id = d.x_agreement_id) AS x_AgreementId,
       (SELECT value FROM text_value WHERE text_id = d.x_broker_id) AS x_BrokerId,
       (SELECT value FROM text_value WHERE text_id = d.tags) AS Tags
FROM line l JOIN line_dimensions d ON d.dimensions_id = l.dimensions_id
     JOIN import_scope s ON s.scope_id = l.scope_id;

-- Who hosts and who provides the service (FOCUS 1.3's HostProviderName and ServiceProviderName),
-- and the documented AI-model keys of FOCUS's SkuPriceDetails (x_SkuPriceDetails.ModelDeveloper,
-- ...): text columns a contract may match, so that "a share of one developer's model revenue on
-- any cloud" can be written when only SkuPriceDetails names the developer (importers/MAPPING.md).
-- The lines stored before were mapped without them (mapping 1): they read as empty.
INSERT OR IGNORE INTO text_value (value) VALUES ('');
ALTER TABLE line_dimensions ADD COLUMN host_provider_name INTEGER NOT NULL DEFAULT 0;
ALTER TABLE line_dimensions ADD COLUMN service_provider_name INTEGER NOT NULL DEFAULT 0;
ALTER TABLE line_dimensions ADD COLUMN x_sku_price_model_developer INTEGER NOT NULL DEFAULT 0;
ALTER TABLE line_dimensions ADD COLUMN x_sku_price_model_family INTEGER NOT NULL DEFAULT 0;
ALTER TABLE line_dimensions ADD COLUMN x_sku_price_model_id INTEGER NOT NULL DEFAULT 0;
ALTER TABLE line_dimensions ADD COLUMN x_sku_price_model_version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE line_dimensions ADD COLUMN x_sku_price_token_direction INTEGER NOT NULL DEFAULT 0;
ALTER TABLE line_dimensions ADD COLUMN x_sku_price_token_cache_action INTEGER NOT NULL DEFAULT 0;
UPDATE line_dimensions SET host_provider_name = (SELECT text_id FROM text_value WHERE value = ''), service_provider_name = (SELECT text_id FROM text_value WHERE value = ''), x_sku_price_model_developer = (SELECT text_id FROM text_value WHERE value = ''), x_sku_price_model_family = (SELECT text_id FROM text_value WHERE value = ''), x_sku_price_model_id = (SELECT text_id FROM text_value WHERE value = ''), x_sku_price_model_version = (SELECT text_id FROM text_value WHERE value = ''), x_sku_price_token_direction = (SELECT text_id FROM text_value WHERE value = ''), x_sku_price_token_cache_action = (SELECT text_id FROM text_value WHERE value = '');

-- The normalised lines with FOCUS column names, for people querying with sqlite3 (as in 0001).
DROP VIEW normalised_line;
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
       (SELECT value FROM text_value WHERE text_id = d.host_provider_name) AS HostProviderName,
       (SELECT value FROM text_value WHERE text_id = d.service_provider_name) AS ServiceProviderName,
       (SELECT value FROM text_value WHERE text_id = d.x_sku_price_model_developer) AS "x_SkuPriceDetails.ModelDeveloper",
       (SELECT value FROM text_value WHERE text_id = d.x_sku_price_model_family) AS "x_SkuPriceDetails.ModelFamily",
       (SELECT value FROM text_value WHERE text_id = d.x_sku_price_model_id) AS "x_SkuPriceDetails.ModelId",
       (SELECT value FROM text_value WHERE text_id = d.x_sku_price_model_version) AS "x_SkuPriceDetails.ModelVersion",
       (SELECT value FROM text_value WHERE text_id = d.x_sku_price_token_direction) AS "x_SkuPriceDetails.TokenDirection",
       (SELECT value FROM text_value WHERE text_id = d.x_sku_price_token_cache_action) AS "x_SkuPriceDetails.TokenCacheAction",
       (SELECT value FROM text_value WHERE text_id = d.tags) AS Tags
FROM line l JOIN line_dimensions d ON d.dimensions_id = l.dimensions_id
     JOIN import_scope s ON s.scope_id = l.scope_id;

#pragma once
// Puts a database written by this revshare back into the shape an older schema version had,
// for tests of the migrations that bring such a database up to date.
#include <SQLiteCpp/Database.h>

#include <string>

namespace revshare::testing {

// line_dimensions without the host/service provider and SkuPriceDetails columns, as before
// migration 0014. The view normalised_line becomes a stand-in that 0014 replaces.
inline void restore_provider_columns_before_0014(SQLite::Database& db) {
    db.exec("DROP VIEW normalised_line");
    for (const char* column : {"host_provider_name", "service_provider_name", "x_sku_price_model_developer",
                               "x_sku_price_model_family", "x_sku_price_model_id", "x_sku_price_model_version",
                               "x_sku_price_token_direction", "x_sku_price_token_cache_action"}) {
        db.exec(std::string("ALTER TABLE line_dimensions DROP COLUMN ") + column);
    }
    db.exec("CREATE VIEW normalised_line AS SELECT 1 AS stand_in");
}

// import without mapping and member_name, as before migration 0013 (its imports were all mapped
// by version 1 then), and what later migrations added undone.
inline void restore_import_mapping_before_0013(SQLite::Database& db) {
    restore_provider_columns_before_0014(db);
    db.exec("ALTER TABLE import DROP COLUMN mapping");
    db.exec("ALTER TABLE import DROP COLUMN member_name");
}

// No fx_rate_seal table, as before migration 0012 (the rates stay), and what later migrations
// added undone.
inline void restore_fx_rate_seal_before_0012(SQLite::Database& db) {
    restore_import_mapping_before_0013(db);
    db.exec("DROP TABLE fx_rate_seal");
}

// No close_signature table, as before migration 0011, and what later migrations added undone.
inline void restore_close_signature_before_0011(SQLite::Database& db) {
    restore_fx_rate_seal_before_0012(db);
    db.exec("DROP TABLE close_signature");
}

// audit_log as migrations before 0010 left it: no chain columns, no audit_chain_start (its
// entries stay), and what later migrations added undone.
inline void restore_audit_log_before_0010(SQLite::Database& db) {
    restore_close_signature_before_0011(db);
    db.exec("ALTER TABLE audit_log DROP COLUMN previous_sha256");
    db.exec("ALTER TABLE audit_log DROP COLUMN chain_sha256");
    db.exec("DROP TABLE audit_chain_start");
}

// import_scope as migrations 0001-0007 left it (and audit_log as before 0010, which runs again): keyed by billing_account_id, the line's
// BillingAccountId as delivered (empty for the scopes a sub-account keys now), with a UNIQUE
// key per import. The view normalised_line becomes a stand-in that migration 0009 replaces.
inline void restore_import_scope_before_0009(SQLite::Database& db) {
    db.exec("DROP VIEW normalised_line");
    db.exec("CREATE TABLE import_scope_before_0009 (scope_id INTEGER PRIMARY KEY, import_id INTEGER NOT NULL REFERENCES import (import_id), "
            "provider_name TEXT NOT NULL, billing_account_id TEXT NOT NULL, billing_period_start INTEGER NOT NULL, "
            "billing_period_end INTEGER NOT NULL, lines INTEGER NOT NULL, superseded_by INTEGER REFERENCES import (import_id), "
            "UNIQUE (import_id, provider_name, billing_account_id, billing_period_start)) STRICT");
    db.exec("INSERT INTO import_scope_before_0009 SELECT scope_id, import_id, provider_name, "
            "CASE key_column WHEN 'SubAccountId' THEN '' ELSE key_text END, billing_period_start, billing_period_end, "
            "lines, superseded_by FROM import_scope");
    db.exec("DROP TABLE import_scope");
    db.exec("ALTER TABLE import_scope_before_0009 RENAME TO import_scope");
    db.exec("CREATE INDEX import_scope_by_key ON import_scope (provider_name, billing_account_id, billing_period_start)");
    db.exec("CREATE VIEW normalised_line AS SELECT * FROM line");
    restore_audit_log_before_0010(db);
}

}  // namespace revshare::testing

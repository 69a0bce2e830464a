#pragma once
// Puts a database written by this revshare back into the shape an older schema version had,
// for tests of the migrations that bring such a database up to date.
#include "schema/database.hpp"

#include <SQLiteCpp/Database.h>

#include <filesystem>

#include <string>

namespace revshare::testing {

// Migration 0017: event_line indexed by (format, event_key), no key_hash.
inline void restore_event_key_hash_before_0017(SQLite::Database& db) {
    db.exec("DROP INDEX event_line_by_key_hash");
    db.exec("ALTER TABLE event_line DROP COLUMN key_hash");
    db.exec("CREATE INDEX event_line_by_key ON event_line (format, event_key)");
}

// Migration 0016: no seller-side columns, no event tables, no import.rows_already_known. The view
// normalised_line becomes a stand-in that 0016 replaces.
inline void restore_seller_events_before_0016(SQLite::Database& db) {
    restore_event_key_hash_before_0017(db);
    db.exec("DROP VIEW normalised_line");
    db.exec("DROP TABLE event_line");
    db.exec("DROP TABLE event_known_row");
    db.exec("ALTER TABLE import DROP COLUMN rows_already_known");
    for (const char* column : {"invoice_id", "x_marketplace_action", "x_transaction_type", "x_payment_status",
                               "x_product_id", "x_offer_id", "x_agreement_id", "x_broker_id"}) {
        db.exec(std::string("ALTER TABLE line_dimensions DROP COLUMN ") + column);
    }
    db.exec("CREATE VIEW normalised_line AS SELECT 1 AS stand_in");
}

// Migration 0015: statement_row back to its 0002 form (two kinds, no explanation columns), no
// statement layout per run, no run_carried_before.
inline void restore_contract_terms_before_0015(SQLite::Database& db) {
    restore_seller_events_before_0016(db);
    // Kept aside for migrate_runs_settled_by_this_build (a table 0015 does not know).
    db.exec("CREATE TABLE test_explanations_kept AS SELECT run_id, row_number, owed, share_before_limits, limited_by, "
            "cap_remaining FROM statement_row");
    db.exec("DROP TABLE run_carried_before");
    db.exec("ALTER TABLE settlement_run DROP COLUMN statement_columns");
    db.exec("CREATE TABLE statement_row_0002 (run_id INTEGER NOT NULL REFERENCES settlement_run (run_id), row_number INTEGER "
            "NOT NULL, kind TEXT NOT NULL CHECK (kind IN ('current', 'adjustment')), for_period TEXT NOT NULL, version_id "
            "TEXT NOT NULL, rule_id TEXT NOT NULL, payer TEXT NOT NULL, payee TEXT NOT NULL, currency TEXT NOT NULL, "
            "segment_start TEXT NOT NULL, segment_end TEXT NOT NULL, basis TEXT NOT NULL, share TEXT NOT NULL, share_minor "
            "INTEGER NOT NULL, lines INTEGER NOT NULL, PRIMARY KEY (run_id, row_number)) STRICT");
    db.exec("INSERT INTO statement_row_0002 SELECT run_id, row_number, kind, for_period, version_id, rule_id, payer, payee, "
            "currency, segment_start, segment_end, basis, share, share_minor, lines FROM statement_row");
    db.exec("DROP TABLE statement_row");
    db.exec("ALTER TABLE statement_row_0002 RENAME TO statement_row");
}

// Migrates a database put back by a restore_* function below, then gives its runs back the
// 16-column statements this build settled them with (layout and explanation columns): a
// database written before migration 0015 has 12-column runs (the migration's default), but
// these were settled by this build, and their statement hashes (and the close chain and audit
// log over them) are of 16 columns.
inline void migrate_runs_settled_by_this_build(const std::filesystem::path& path) {
    schema::Database db(path);
    db.sql().exec("UPDATE settlement_run SET statement_columns = 16");
    db.sql().exec("UPDATE statement_row SET (owed, share_before_limits, limited_by, cap_remaining) = (SELECT k.owed, "
                  "k.share_before_limits, k.limited_by, k.cap_remaining FROM test_explanations_kept k WHERE k.run_id = "
                  "statement_row.run_id AND k.row_number = statement_row.row_number)");
    db.sql().exec("DROP TABLE test_explanations_kept");
}

// line_dimensions without the host/service provider and SkuPriceDetails columns, as before
// migration 0014. The view normalised_line becomes a stand-in that 0014 replaces.
inline void restore_provider_columns_before_0014(SQLite::Database& db) {
    restore_contract_terms_before_0015(db);
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

// Tables the importer writes and migrations fill for databases written before them; both
// must agree. scope_period (migration 0004) is filled from the lines already stored;
// line_dimensions (migration 0007) from the text columns `line` held until then.
#include "schema/database.hpp"
#include "tests/hardening/hardening_support.hpp"
#include "tests/schema/schema_before.hpp"
#include "tests/test_support.hpp"

#include <SQLiteCpp/Database.h>
#include <doctest/doctest.h>

using namespace revshare::testing;
using revshare::testing::hardening::query_digest;

namespace {

// Puts `line` back as migrations 0001-0006 left it: 34 columns, the text ids on each line, no
// line_dimensions (the view is a stand-in: migration 0007 replaces it).
void restore_line_table_before_0007(const std::filesystem::path& db_path) {
    SQLite::Database db(db_path.string(), SQLite::OPEN_READWRITE);
    restore_import_scope_before_0009(db);  // and what the migrations after it added
    db.exec(
        "CREATE TABLE line_before_0007 (line_id INTEGER PRIMARY KEY, import_id INTEGER NOT NULL, scope_id INTEGER NOT NULL, "
        "source_line INTEGER NOT NULL, charge_period_start INTEGER NOT NULL, charge_period_end INTEGER NOT NULL, "
        "billing_period_start INTEGER NOT NULL, billing_period_end INTEGER NOT NULL, provider_name INTEGER NOT NULL, publisher_name INTEGER NOT NULL, invoice_issuer_name INTEGER NOT NULL, billing_account_id INTEGER NOT NULL, sub_account_id INTEGER NOT NULL, charge_category INTEGER NOT NULL, charge_class INTEGER NOT NULL, service_name INTEGER NOT NULL, sku_id INTEGER NOT NULL, sku_meter INTEGER NOT NULL, region_id INTEGER NOT NULL, billing_currency INTEGER NOT NULL, consumed_unit INTEGER NOT NULL, x_service_code INTEGER NOT NULL, x_usage_type INTEGER NOT NULL, x_operation INTEGER NOT NULL, x_sku_meter_category INTEGER NOT NULL, x_sku_meter_subcategory INTEGER NOT NULL, x_sku_meter_name INTEGER NOT NULL, x_publisher_category INTEGER NOT NULL, tags INTEGER NOT NULL, "
        "billed_cost TEXT, effective_cost TEXT, list_cost TEXT, contracted_cost TEXT, consumed_quantity TEXT) STRICT");
    db.exec(
        "INSERT INTO line_before_0007 SELECT l.line_id, l.import_id, l.scope_id, l.source_line, l.charge_period_start, "
        "l.charge_period_end, d.billing_period_start, d.billing_period_end, d.provider_name, d.publisher_name, d.invoice_issuer_name, d.billing_account_id, d.sub_account_id, d.charge_category, d.charge_class, d.service_name, d.sku_id, d.sku_meter, d.region_id, d.billing_currency, d.consumed_unit, d.x_service_code, d.x_usage_type, d.x_operation, d.x_sku_meter_category, d.x_sku_meter_subcategory, d.x_sku_meter_name, d.x_publisher_category, d.tags, "
        "l.billed_cost, l.effective_cost, l.list_cost, l.contracted_cost, l.consumed_quantity "
        "FROM line l JOIN line_dimensions d ON d.dimensions_id = l.dimensions_id");
    db.exec("DROP VIEW normalised_line");
    db.exec("DROP TABLE line");
    db.exec("DROP TABLE line_dimensions");
    db.exec("ALTER TABLE line_before_0007 RENAME TO line");
    db.exec("CREATE VIEW normalised_line AS SELECT * FROM line");
    db.exec("PRAGMA user_version = 6");
}

const std::string scope_periods_sql =
    "SELECT group_concat(entry, ' ') FROM (SELECT scope_id || ':' || period_start || ':' || lines || ':' || "
    "first_line_id || '-' || last_line_id AS entry FROM scope_period ORDER BY scope_id, period_start)";
}

TEST_CASE("scope_period: the importer's rows equal what migration 0004 computes for an existing database") {
    ScratchDir dir;
    copy_fixture("exports/aws-cur/cur-2026-03.csv", dir.path());
    copy_fixture("exports/aws-cur/cur-2026-03.restated.csv", dir.path());
    copy_fixture("exports/azure-ea/ea-2026-04.csv", dir.path());
    const auto imported = run_revshare("--db r.db --quiet import cur-2026-03.csv ea-2026-04.csv cur-2026-03.restated.csv", dir.path());
    REQUIRE(imported.exit_code == 0);
    const std::string written = query_value(dir / "r.db", scope_periods_sql);
    CHECK(written.find(':') != std::string::npos);
    CHECK(query_value(dir / "r.db", "SELECT sum(lines) FROM scope_period") == query_value(dir / "r.db", "SELECT count(*) FROM line"));
    // Every line lies in its entry's range.
    CHECK(query_value(dir / "r.db", "SELECT count(*) FROM line l JOIN scope_period p ON p.scope_id = l.scope_id AND "
                                    "l.line_id BETWEEN p.first_line_id AND p.last_line_id AND "
                                    "date(l.charge_period_start, 'unixepoch', 'start of month') = "
                                    "date(p.period_start, 'unixepoch')") ==
          query_value(dir / "r.db", "SELECT count(*) FROM line"));
    restore_line_table_before_0007(dir / "r.db");
    {
        // The database as version 3 left it: lines, no scope_period, the indexes that 0005 drops.
        SQLite::Database db((dir / "r.db").string(), SQLite::OPEN_READWRITE);
        db.exec("DROP TABLE scope_period");
        db.exec("CREATE INDEX line_by_charge_period ON line (charge_period_start)");
        db.exec("CREATE INDEX line_by_import ON line (import_id, source_line)");
        db.exec("PRAGMA user_version = 3");
    }
    const auto migrated = run_revshare("--db r.db imports", dir.path());
    REQUIRE(migrated.exit_code == 0);
    CHECK(query_value(dir / "r.db", "PRAGMA user_version") != "3");  // migrated (0004 and any later one)
    CHECK(query_value(dir / "r.db", scope_periods_sql) == written);
    CHECK(query_value(dir / "r.db", "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'line'") == "0");
}

TEST_CASE("line_dimensions: migration 0007 stores exactly what the importer stores, and the view shows the same lines") {
    ScratchDir dir;
    copy_fixture("exports/aws-cur/cur-2026-03.csv", dir.path());
    copy_fixture("exports/aws-cur/cur-2026-03.restated.csv", dir.path());
    copy_fixture("exports/azure-ea/ea-2026-04.csv", dir.path());
    copy_fixture("exports/aws-focus/focus-2026-04.csv", dir.path());
    REQUIRE(run_revshare("--db r.db --quiet import cur-2026-03.csv ea-2026-04.csv focus-2026-04.csv cur-2026-03.restated.csv",
                         dir.path())
                .exit_code == 0);
    {
        // Migration 0014's and 0016's columns read as empty on the lines stored before them
        // (mapping 1 had none): so that what 0007 gives can be compared whole, they are empty here too.
        SQLite::Database db((dir / "r.db").string(), SQLite::OPEN_READWRITE);
        db.exec("INSERT OR IGNORE INTO text_value (value) VALUES ('')");
        std::string empty_all = "UPDATE line_dimensions SET host_provider_name = e, service_provider_name = e, "
                                "x_sku_price_model_developer = e, x_sku_price_model_family = e, x_sku_price_model_id = e, "
                                "x_sku_price_model_version = e, x_sku_price_token_direction = e, "
                                "x_sku_price_token_cache_action = e, invoice_id = e, x_marketplace_action = e, "
                                "x_transaction_type = e, x_payment_status = e, x_product_id = e, x_offer_id = e, "
                                "x_agreement_id = e, x_broker_id = e FROM (SELECT text_id AS e FROM text_value WHERE value = '')";
        db.exec(empty_all);
    }
    const auto lines = query_digest(dir / "r.db", "SELECT * FROM line ORDER BY line_id");
    const auto dimensions = query_digest(dir / "r.db", "SELECT * FROM line_dimensions ORDER BY dimensions_id");
    const auto view = query_digest(dir / "r.db", "SELECT * FROM normalised_line ORDER BY line_id");
    // Combinations repeat: fewer rows than lines, and one per distinct value set per import.
    const auto line_count = std::stoll(query_value(dir / "r.db", "SELECT count(*) FROM line"));
    const auto combination_count = std::stoll(query_value(dir / "r.db", "SELECT count(*) FROM line_dimensions"));
    CHECK(combination_count < line_count);
    CHECK(query_value(dir / "r.db", "SELECT count(*) FROM (SELECT DISTINCT import_id, billing_period_start, billing_period_end, provider_name, publisher_name, invoice_issuer_name, billing_account_id, sub_account_id, charge_category, charge_class, service_name, sku_id, sku_meter, region_id, billing_currency, consumed_unit, x_service_code, x_usage_type, x_operation, x_sku_meter_category, x_sku_meter_subcategory, x_sku_meter_name, x_publisher_category, tags FROM line_dimensions)") ==
          std::to_string(combination_count));
    CHECK(query_value(dir / "r.db", "SELECT count(*) FROM line l JOIN line_dimensions d ON d.dimensions_id = l.dimensions_id "
                                    "AND d.import_id = l.import_id") == std::to_string(line_count));

    restore_line_table_before_0007(dir / "r.db");
    REQUIRE(query_value(dir / "r.db", "SELECT count(*) FROM pragma_table_info('line')") == "34");
    const auto migrated = run_revshare("--db r.db imports", dir.path());
    REQUIRE(migrated.exit_code == 0);
    CHECK(query_value(dir / "r.db", "PRAGMA user_version") == std::to_string(revshare::schema::Database::latest_schema_version()));
    CHECK(query_value(dir / "r.db", "SELECT count(*) FROM pragma_table_info('line')") == "12");
    CHECK(query_digest(dir / "r.db", "SELECT * FROM line ORDER BY line_id") == lines);
    CHECK(query_digest(dir / "r.db", "SELECT * FROM line_dimensions ORDER BY dimensions_id") == dimensions);
    CHECK(query_digest(dir / "r.db", "SELECT * FROM normalised_line ORDER BY line_id") == view);
    CHECK(query_value(dir / "r.db", "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND tbl_name IN ('line', 'line_dimensions')") == "0");
}

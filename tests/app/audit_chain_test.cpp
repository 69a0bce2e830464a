// The audit log is a hash chain (migration 0010): verify walks it and names the first broken
// link, whether an entry was changed, deleted or inserted by hand; entries written before the
// chain existed are covered all the same. A chain head kept outside the database
// (`verify --chain-head`) catches what no check inside it can: a forger who rewrites a close
// and every hash after it, the audit log's included.
#include "schema/audit_store.hpp"
#include "schema/close_store.hpp"
#include "tests/app/late_data_support.hpp"
#include "tests/schema/schema_before.hpp"

#include <SQLiteCpp/Database.h>
#include <doctest/doctest.h>

using namespace revshare::testing;
namespace schema = revshare::schema;

namespace {

std::vector<schema::AuditEntry> audit_entries(const ScratchDir& dir) {
    schema::Database db(dir / "r.db");
    return schema::load_audit_entries(db);
}

const char* const drop_audit_triggers = "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete";

}  // namespace

TEST_CASE("Audit chain: every entry links to the one before it; verify says so") {
    ScratchDir dir;
    closed_february_and_march(dir);
    const auto entries = audit_entries(dir);
    REQUIRE(entries.size() == 7);  // import, fx import, contract add, then settle and close twice
    std::string chain;
    for (const auto& entry : entries) {
        CAPTURE(entry.entry_id);
        CHECK(entry.previous_sha256 == chain);
        chain = schema::audit_chain_sha256(chain, entry);
        CHECK(entry.chain_sha256 == chain);
    }
    const auto verified = run_revshare("--db r.db verify", dir.path());
    CHECK(verified.out.find("the audit log's chain links, ") != std::string::npos);
}

TEST_CASE("Tamper: an audit entry changed, deleted or inserted by hand breaks the chain at that link") {
    ScratchDir dir;
    closed_february_and_march(dir);
    const auto entries = audit_entries(dir);
    REQUIRE(entries.size() >= 5);
    execute_sql(dir / "r.db", drop_audit_triggers);

    SUBCASE("changed") {
        execute_sql(dir / "r.db", "UPDATE audit_log SET arguments = arguments || ' --quiet' WHERE entry_id = 3");
        auto changed = entries[2];
        changed.arguments += " --quiet";
        const std::string recomputed = schema::audit_chain_sha256(entries[1].chain_sha256, changed);
        CHECK(verify_problems(dir) == "verify: 1 problem:\n  audit log entry 3: its chain hash " + entries[2].chain_sha256 +
                                          " is not what its fields give (" + recomputed +
                                          "): it was changed (the first broken link of the audit chain)\n");
    }
    SUBCASE("deleted") {
        execute_sql(dir / "r.db", "DELETE FROM audit_log WHERE entry_id = 2");
        CHECK(verify_problems(dir) == "verify: 1 problem:\n  audit log entry 3: it follows chain hash " +
                                          entries[1].chain_sha256 + ", but the entries before it chain to " +
                                          entries[0].chain_sha256 +
                                          ": an entry before it was changed or deleted (the first broken link of the "
                                          "audit chain)\n");
    }
    SUBCASE("hashes cleared on every entry") {
        execute_sql(dir / "r.db", "UPDATE audit_log SET previous_sha256 = NULL, chain_sha256 = NULL");
        CHECK(verify_problems(dir) == "verify: 1 problem:\n  audit log entry 1: it has no chain hash, yet every entry "
                                      "from 1 on is written with one: its hashes were cleared or it was inserted by hand "
                                      "(the first broken link of the audit chain)\n");
    }
    SUBCASE("hashes cleared and audit_chain_start moved past them") {
        execute_sql(dir / "r.db", "UPDATE audit_log SET previous_sha256 = NULL, chain_sha256 = NULL; "
                                  "UPDATE audit_chain_start SET first_hashed_entry_id = 100");
        CHECK(verify_problems(dir) == "verify: 1 problem:\n  audit_chain_start says the stored hashes begin at entry 100, "
                                      "after the last entry (7): it was changed\n");
    }
    SUBCASE("audit_chain_start emptied") {
        execute_sql(dir / "r.db", "DELETE FROM audit_chain_start");
        CHECK(verify_problems(dir) == "verify: 1 problem:\n  audit_chain_start does not hold its one row (where the "
                                      "audit chain's stored hashes begin): it was changed\n");
    }
    SUBCASE("inserted without hashes") {
        execute_sql(dir / "r.db", "INSERT INTO audit_log (entry_id, at, os_user, command, arguments, exit_code, summary) "
                                  "VALUES (100, '2026-12-01T00:00:00Z', 'mallory', 'settle', '--period 2026-04', 0, 'x')");
        CHECK(verify_problems(dir) == "verify: 1 problem:\n  audit log entry 100: it has no chain hash, yet every entry "
                                      "from 1 on is written with one: its hashes were cleared or it was inserted by hand "
                                      "(the first broken link of the audit chain)\n");
    }
}

TEST_CASE("Audit chain: migration 0010 on a log written before it; the next entry links to the entries before") {
    ScratchDir dir;
    closed_february_and_march(dir);
    const auto before = audit_entries(dir);
    // The database as version 9 left it: no chain columns.
    {
        SQLite::Database db((dir / "r.db").string(), SQLite::OPEN_READWRITE);
        restore_audit_log_before_0010(db);
        db.exec("PRAGMA user_version = 9");
    }
    migrate_runs_settled_by_this_build(dir / "r.db");
    CHECK(run_revshare("--db r.db verify", dir.path()).exit_code == 0);
    CHECK(query_value(dir / "r.db", "PRAGMA user_version") == "18");
    CHECK(query_value(dir / "r.db", "SELECT count(*) FROM audit_log WHERE chain_sha256 IS NULL") == "7");
    CHECK(query_value(dir / "r.db", "SELECT first_hashed_entry_id FROM audit_chain_start") == "8");
    execute_sql(dir / "r.db", drop_audit_triggers);
    REQUIRE(run_revshare("--db r.db settle --period 2026-04", dir.path()).exit_code == 0);
    const auto after = audit_entries(dir);
    REQUIRE(after.size() == before.size() + 1);
    CHECK(after.back().previous_sha256 == before.back().chain_sha256);  // the chain over the unhashed entries
    CHECK(run_revshare("--db r.db verify", dir.path()).exit_code == 0);
    // An unhashed entry changed is still found: the hashed entry after it no longer follows.
    execute_sql(dir / "r.db", "UPDATE audit_log SET os_user = 'mallory' WHERE entry_id = 1");
    CHECK(verify_problems(dir).find("audit log entry " + std::to_string(after.back().entry_id) + ": it follows chain hash ") !=
          std::string::npos);
}

TEST_CASE("verify --chain-head: a head kept outside catches a close rewritten with every hash after it") {
    ScratchDir dir;
    closed_february_and_march(dir);
    const std::string march_head = query_value(dir / "r.db", "SELECT chain_sha256 FROM period_close WHERE period = '2026-03'");
    const auto kept = run_revshare("--db r.db verify --chain-head " + march_head, dir.path());
    CHECK(kept.exit_code == 0);
    CHECK(kept.out.find(", the chain head given is here,") != std::string::npos);

    const auto malformed = run_revshare("--db r.db verify --chain-head ABC", dir.path());
    CHECK(malformed.exit_code == 2);
    CHECK(malformed.err ==
          "revshare: verify: --chain-head 'ABC': expected a chain sha256 (64 lowercase hex digits), as close printed it\n");

    // The forger: March's close says fewer imports were in (hiding what came after), its chain
    // hash recomputed, and the audit log's record of it rewritten with every chain hash after.
    std::string forged_head;
    {
        schema::Database db(dir / "r.db");
        auto march = *schema::load_period_close(db, "openai-microsoft", revshare::Period::parse("2026-03").value());
        march.import_high_water -= 1;
        forged_head = schema::compute_chain_sha256(march);
        db.sql().exec("DROP TRIGGER IF EXISTS period_close_no_update");
        db.sql().exec("UPDATE period_close SET import_high_water = " + std::to_string(march.import_high_water) +
                      ", chain_sha256 = '" + forged_head + "' WHERE period = '2026-03'");
        db.sql().exec(drop_audit_triggers);
        db.sql().exec("UPDATE audit_log SET summary = replace(summary, '" + march_head + "', '" + forged_head + "')");
        std::string chain;
        for (auto entry : schema::load_audit_entries(db)) {
            entry.previous_sha256 = chain;
            chain = schema::audit_chain_sha256(chain, entry);
            db.sql().exec("UPDATE audit_log SET previous_sha256 = '" + entry.previous_sha256 + "', chain_sha256 = '" +
                          chain + "' WHERE entry_id = " + std::to_string(entry.entry_id));
        }
    }
    const auto inside = run_revshare("--db r.db verify", dir.path());
    CHECK(inside.out.find("chain head") == std::string::npos);  // nothing inside the database can tell
    CHECK(verify_problems(dir, " --chain-head " + march_head)
              .find("  the chain head " + march_head +
                    " is not in this database (no close's chain_sha256 and no audit log entry's chain_sha256 is it): the "
                    "closes or the audit log it stood for were rewritten or removed\n") != std::string::npos);
    CHECK(run_revshare("--db r.db verify --chain-head " + forged_head, dir.path()).out.find("chain head " + forged_head) ==
          std::string::npos);
    // Several heads at once (one per contract, say): each is checked.
    const std::string february_head =
        query_value(dir / "r.db", "SELECT chain_sha256 FROM period_close WHERE period = '2026-02'");
    const std::string both = verify_problems(dir, " --chain-head " + february_head + " --chain-head=" + march_head);
    CHECK(both.find("  the chain head " + march_head + " is not in this database") != std::string::npos);
    CHECK(both.find("the chain head " + february_head) == std::string::npos);
}

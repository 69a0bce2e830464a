// The delivery rule of the sellers' feeds (formats.md S4, S5): supersession per event and
// version, through the binary, on small hand-written deliveries.
#include "schema/event_key_hash.hpp"
#include "tests/app/seller_support.hpp"
#include "tests/schema/schema_before.hpp"

#include <SQLiteCpp/Database.h>
#include <doctest/doctest.h>

#include <string>

using namespace revshare::testing;

namespace {

const std::string aws_header =
    "billing_event_id,valid_from,update_date,delete_date,action,transaction_type,product_id,amount,currency,"
    "invoice_date,usage_period_start_date,usage_period_end_date,end_user_account_id\n";

// An April invoice line of SELLER_REV_SHARE: the version (valid_from, update_date) and amount vary.
std::string aws_row(const std::string& id, const std::string& valid_from, const std::string& update_date,
                    const std::string& amount, const std::string& delete_date = "") {
    return id + "," + valid_from + "," + update_date + "," + delete_date + ",INVOICED,SELLER_REV_SHARE,prod-a," + amount +
           ",USD,2026-05-02T00:00:00Z,2026-04-01T00:00:00Z,2026-04-30T23:59:59Z,111122223333\n";
}

const std::string v1 = "2026-05-02T10:00:00Z";
const std::string u1 = "2026-05-02T10:00:00Z";
const std::string u2 = "2026-05-10T08:00:00Z";

// The current line of each event, `key=BilledCost`, by key.
std::string current_lines(const ScratchDir& dir) {
    return query_value(dir / "r.db", "SELECT coalesce(group_concat(k || '=' || c, ' '), '') FROM (SELECT e.event_key AS k, "
                                     "l.billed_cost AS c FROM event_line e JOIN line l ON l.line_id = e.line_id WHERE "
                                     "e.superseded_by IS NULL ORDER BY 1)");
}

// 10 % of AWS's invoiced seller revenue, from 2026-04-01.
const std::string invoiced_contract = R"(id = "seller-test"
name = "Seller test"
currency = "USD"
cost_column = "BilledCost"

[parties]
openai = "OpenAI"
microsoft = "Microsoft"

[[version]]
id = "v1"
effective_from = "2026-04-01"

  [[version.rule]]
  id = "share"
  payer = "openai"
  payee = "microsoft"
  match = { ProviderName = ["AWS"], x_MarketplaceAction = ["INVOICED", "FORGIVEN"], x_TransactionType = ["SELLER_REV_SHARE*"] }
  rate = "0.10"
)";

}  // namespace

TEST_CASE("seller events: a longer delivery stores only its new rows and versions; a shorter one after it changes nothing") {
    ScratchDir dir;
    const std::string early = aws_header + aws_row("e1", v1, u1, "100.00") + aws_row("e2", v1, u1, "200.00") +
                              aws_row("e3", v1, u1, "300.00");
    // The month file again, complete: the same rows, then a new event and e2 corrected.
    const std::string complete = early + aws_row("e4", v1, u1, "400.00") + aws_row("e2", v1, u2, "250.00");
    write_file(dir / "early.csv", early);
    write_file(dir / "complete.csv", complete);

    const auto first = run_revshare("--db r.db import early.csv", dir.path());
    REQUIRE(first.exit_code == 0);
    CHECK(events_line(first) == "3 rows: 3 new, 0 newer, 0 older, 0 already known, 0 quarantined");
    const auto second = run_revshare("--db r.db import complete.csv", dir.path());
    REQUIRE(second.exit_code == 0);
    CHECK(events_line(second) ==
          "5 rows: 1 new, 1 newer (superseding import 1: 1), 0 older, 3 already known, 0 quarantined");
    CHECK(current_lines(dir) == "e1=100 e2=250 e3=300 e4=400");
    // Lines stored: 3 + 2; rows imported 3 + 5.
    CHECK(query_value(dir / "r.db", "SELECT group_concat(rows_read || '/' || rows_imported || '/' || rows_already_known, ' ') "
                                    "FROM import") == "3/3/0 5/5/3");
    CHECK(query_value(dir / "r.db", "SELECT count(*) FROM line") == "5");

    // The earlier, shorter delivery, as another file (other bytes: amounts are compared as
    // numbers): every row already known.
    write_file(dir / "early-again.csv", aws_header + aws_row("e1", v1, u1, "100.0") + aws_row("e2", v1, u1, "200") +
                                            aws_row("e3", v1, u1, "3.0E2"));
    const auto again = run_revshare("--db r.db import early-again.csv", dir.path());
    REQUIRE(again.exit_code == 0);
    CHECK(events_line(again) == "3 rows: 0 new, 0 newer, 0 older, 3 already known, 0 quarantined");
    CHECK(current_lines(dir) == "e1=100 e2=250 e3=300 e4=400");
    CHECK(query_value(dir / "r.db", "SELECT count(*) FROM line") == "5");

    // `imports` says the same per import; show-line names the line an already-known row repeats.
    const auto listed = run_revshare("--db r.db imports", dir.path());
    CHECK(listed.out.find("        events: 5 rows: 1 new, 1 newer (superseding import 1: 1), 0 older, 3 already known, "
                          "0 quarantined\n") != std::string::npos);
    const auto shown = run_revshare("--db r.db show-line --import 3 --line 3", dir.path());
    CHECK(shown.out.find("  already known: this version was first delivered by import 1, line 3 (line id 2); this row "
                         "stored no line of its own\n") != std::string::npos);
    CHECK(run_revshare("--db r.db verify", dir.path()).exit_code == 0);
    CHECK(run_revshare("--db r.db verify --deep", dir.path()).exit_code == 0);
}

TEST_CASE("seller events: an older version imported late is stored and never current; a deletion leaves no current line") {
    ScratchDir dir;
    write_file(dir / "new.csv", aws_header + aws_row("e1", v1, u2, "150.00") + aws_row("e2", v1, u1, "20.00"));
    write_file(dir / "old.csv", aws_header + aws_row("e1", v1, u1, "100.00"));
    write_file(dir / "deleted.csv", aws_header + aws_row("e2", v1, u2, "20.00", "2026-05-11T00:00:00Z"));
    REQUIRE(run_revshare("--db r.db import new.csv", dir.path()).exit_code == 0);
    const auto old = run_revshare("--db r.db import old.csv", dir.path());
    REQUIRE(old.exit_code == 0);
    CHECK(events_line(old) == "1 rows: 0 new, 0 newer, 1 older, 0 already known, 0 quarantined");
    CHECK(current_lines(dir) == "e1=150 e2=20");
    const auto deleted = run_revshare("--db r.db import deleted.csv", dir.path());
    REQUIRE(deleted.exit_code == 0);
    CHECK(events_line(deleted) ==
          "1 rows: 0 new, 1 newer (of which 1 deletion; superseding import 1: 1), 0 older, 0 already known, 0 quarantined");
    CHECK(current_lines(dir) == "e1=150");
    // The normalised_line view agrees: of the 4 lines, only e1's newer version counts.
    CHECK(query_value(dir / "r.db", "SELECT sum(is_current) FROM normalised_line") == "1");
    CHECK(run_revshare("--db r.db verify", dir.path()).exit_code == 0);
}

TEST_CASE("seller events: one version with two contents is quarantined, against what is stored and inside one file") {
    ScratchDir dir;
    write_file(dir / "a.csv", aws_header + aws_row("e1", v1, u1, "100.00"));
    // e1's stored version with another amount: that row only; e2's version twice with two
    // amounts in one file and no stored line: every row of it (and its repeat) quarantined.
    write_file(dir / "b.csv", aws_header + aws_row("e1", v1, u1, "100.00") + aws_row("e1", v1, u1, "130.00") +
                                  aws_row("e2", v1, u1, "50.00") + aws_row("e2", v1, u1, "50.00") +
                                  aws_row("e2", v1, u1, "55.00") + aws_row("e3", v1, u1, "7.00"));
    REQUIRE(run_revshare("--db r.db import a.csv", dir.path()).exit_code == 0);
    const auto b = run_revshare("--db r.db import b.csv", dir.path());
    CHECK(b.exit_code == 1);
    CHECK(events_line(b) == "6 rows: 1 new, 0 newer, 0 older, 1 already known, 4 quarantined");
    CHECK(b.err.find("b.csv:3:8: error[conflicting-version]: billing event e1, version (valid_from 2026-05-02T10:00:00Z, "
                     "update_date 2026-05-02T10:00:00Z), was delivered with amount 100 (import 1, line 2); this row gives "
                     "130: one version has one content, so this row is quarantined and the stored version stands\n") !=
          std::string::npos);
    CHECK(b.err.find("b.csv:4:8: error[conflicting-version]: billing event e2, version (valid_from 2026-05-02T10:00:00Z, "
                     "update_date 2026-05-02T10:00:00Z) is delivered in this file with two contents (its amount differs; "
                     "lines 4, 5, 6) and no earlier delivery has this version: every row of it in this file is "
                     "quarantined\n") != std::string::npos);
    CHECK(query_value(dir / "r.db", "SELECT group_concat(source_line || ':' || code || ':' || field, ' ') FROM (SELECT * FROM "
                                    "quarantine WHERE import_id = 2 ORDER BY source_line)") ==
          "3:conflicting-version:amount 4:conflicting-version:amount 5:conflicting-version:amount "
          "6:conflicting-version:amount");
    // The quarantined rows keep the delivered bytes.
    CHECK(query_value(dir / "r.db", "SELECT raw FROM quarantine WHERE import_id = 2 AND source_line = 6") ==
          aws_row("e2", v1, u1, "55.00").substr(0, aws_row("e2", v1, u1, "55.00").size() - 1));
    CHECK(current_lines(dir) == "e1=100 e3=7");
    CHECK(query_value(dir / "r.db", "SELECT rows_read || '/' || rows_imported || '/' || rows_quarantined || '/' || "
                                    "rows_already_known FROM import WHERE import_id = 2") == "6/2/4/1");
    CHECK(run_revshare("--db r.db verify", dir.path()).exit_code == 0);
    CHECK(run_revshare("--db r.db verify --deep", dir.path()).exit_code == 0);
}

TEST_CASE("seller events: a hand edit of the event tables is found by verify and refused by settle") {
    ScratchDir dir;
    write_file(dir / "a.csv", aws_header + aws_row("e1", v1, u1, "100.00") + aws_row("e2", v1, u1, "200.00"));
    write_file(dir / "b.csv", aws_header + aws_row("e1", v1, u2, "110.00"));
    REQUIRE(run_revshare("--db r.db import a.csv b.csv", dir.path()).exit_code == 0);
    write_file(dir / "c.toml", invoiced_contract);
    REQUIRE(run_revshare("--db r.db contract add c.toml", dir.path()).exit_code == 0);
    const auto refused = [&](const std::string& problem) {
        const auto verify = run_revshare("--db r.db verify", dir.path());
        CHECK(verify.exit_code == 1);
        CHECK(verify.out.find("  " + problem + "\n") != std::string::npos);
        const auto settled = run_revshare("--db r.db settle --period 2026-04", dir.path());
        CHECK(settled.exit_code == 3);
        CHECK(settled.err == "revshare: error: settle: " + problem + ": nothing is settled; run revshare verify\n");
    };
    SUBCASE("the superseded line made current again") {
        edit_database(dir / "r.db", "UPDATE event_line SET superseded_by = NULL WHERE import_id = 1 AND event_key = 'e1'");
        refused("aws-marketplace-billing-events event e1, line 1 (import 1): stored as current until none, but its "
                "versions give import 2 (the event tables were edited): the event's lines would count wrongly");
    }
    SUBCASE("the newer version made never current") {
        edit_database(dir / "r.db", "UPDATE event_line SET superseded_by = 2 WHERE import_id = 2");
        refused("aws-marketplace-billing-events event e1, line 3 (import 2): stored as current until import 2, but its "
                "versions give none (the event tables were edited): the event's lines would count wrongly");
    }
    SUBCASE("a line's event row deleted: the line would count as a customer-side line") {
        edit_database(dir / "r.db", "DELETE FROM event_line WHERE event_key = 'e2'");
        refused("import 1 (aws-marketplace-billing-events) says it stored 2 lines (rows imported less rows already "
                "known), but 2 lines and 1 event versions are stored (lines or event rows were added or deleted)");
    }
    SUBCASE("an event's key hash changed: a later delivery would not find the event and take it for new") {
        edit_database(dir / "r.db", "UPDATE event_line SET key_hash = 5 WHERE line_id = 1");
        refused("aws-marketplace-billing-events event e1, line 1: key_hash 5 is not its key's hash " +
                std::to_string(revshare::schema::event_key_hash("e1")) + " (event_line was edited)");
    }
    SUBCASE("a known row pointed at a line of a later import") {
        write_file(dir / "a-again.csv", aws_header + aws_row("e2", v1, u1, "200.0"));
        REQUIRE(run_revshare("--db r.db import a-again.csv", dir.path()).exit_code == 0);
        edit_database(dir / "r.db", "UPDATE event_known_row SET line_id = 1 WHERE import_id = 3");
        CHECK(run_revshare("--db r.db verify", dir.path()).exit_code == 0);  // line 1 is import 1's: still an earlier line
        edit_database(dir / "r.db", "UPDATE event_known_row SET line_id = 999 WHERE import_id = 3");
        refused("import 3, line 2: recorded as repeating line 999, which no earlier seller delivery stored "
                "(event_known_row was edited)");
    }
}

TEST_CASE("seller events: a newer version of a closed month's event posts an adjustment; the closed month replays as closed") {
    ScratchDir dir;
    write_file(dir / "c.toml", invoiced_contract);
    write_file(dir / "april.csv", aws_header + aws_row("e1", v1, u1, "1000.00") + aws_row("e2", v1, u1, "500.00"));
    // May: e1 corrected (April usage, a later update_date); e2 deleted; e3 new, invoiced for May usage.
    write_file(dir / "may.csv", aws_header + aws_row("e1", v1, u2, "900.00") +
                                    aws_row("e2", v1, u2, "500.00", "2026-05-20T00:00:00Z") +
                                    "e3," + v1 + "," + u1 +
                                    ",,INVOICED,SELLER_REV_SHARE,prod-a,300.00,USD,2026-06-02T00:00:00Z,"
                                    "2026-05-01T00:00:00Z,2026-05-31T23:59:59Z,111122223333\n");
    REQUIRE(run_revshare("--db r.db import april.csv", dir.path()).exit_code == 0);
    REQUIRE(run_revshare("--db r.db contract add c.toml", dir.path()).exit_code == 0);
    REQUIRE(run_revshare("--db r.db settle --period 2026-04", dir.path()).exit_code == 0);
    REQUIRE(run_revshare("--db r.db close --period 2026-04", dir.path()).exit_code == 0);
    REQUIRE(run_revshare("--db r.db report --period 2026-04 --out closed", dir.path()).exit_code == 0);
    const std::string april = read_file(dir / "closed/seller-test/2026-04/statement.csv");
    CHECK(april.find("\n2026-04,seller-test,current,2026-04,v1,share,openai,microsoft,USD,1500.00,150.00,2,") !=
          std::string::npos);

    const auto imported = run_revshare("--db r.db import may.csv", dir.path());
    REQUIRE(imported.exit_code == 0);
    CHECK(events_line(imported) ==
          "3 rows: 1 new, 2 newer (of which 1 deletion; superseding import 1: 2), 0 older, 0 already known, 0 quarantined");
    REQUIRE(run_revshare("--db r.db settle --period 2026-05", dir.path()).exit_code == 0);
    REQUIRE(run_revshare("--db r.db report --period 2026-05 --out open", dir.path()).exit_code == 0);
    const std::string may = read_file(dir / "open/seller-test/2026-05/statement.csv");
    // May's own row (e3), then April's adjustment: April is now e1's 900 alone (-600 basis, -60.00).
    CHECK(may.find("\n2026-05,seller-test,current,2026-05,v1,share,openai,microsoft,USD,300.00,30.00,1,") !=
          std::string::npos);
    CHECK(may.find("\n2026-05,seller-test,adjustment,2026-04,v1,share,openai,microsoft,USD,-600.00,-60.00,-1,") !=
          std::string::npos);
    // April as closed: the versions known at its close, byte for byte.
    const auto replayed = run_revshare("--db r.db replay --period 2026-04", dir.path());
    CHECK(replayed.exit_code == 0);
    CHECK(replayed.out.find("identical") != std::string::npos);
    REQUIRE(run_revshare("--db r.db report --period 2026-04 --out again", dir.path()).exit_code == 0);
    CHECK(read_file(dir / "again/seller-test/2026-04/statement.csv") == april);
    CHECK(run_revshare("--db r.db verify", dir.path()).exit_code == 0);
}

TEST_CASE("seller events: verify --deep compares each row's event version with the archived delivery") {
    ScratchDir dir;
    write_file(dir / "a.csv", aws_header + aws_row("e1", v1, u1, "100.00") + aws_row("e2", v1, u1, "200.00"));
    write_file(dir / "b.csv", aws_header + aws_row("e1", v1, u2, "110.00") + aws_row("e2", v1, u1, "200.00"));
    REQUIRE(run_revshare("--db r.db import a.csv b.csv", dir.path()).exit_code == 0);
    REQUIRE(run_revshare("--db r.db verify --deep", dir.path()).exit_code == 0);
    const auto deep_finds = [&](const std::string& problem) {
        CHECK(run_revshare("--db r.db verify", dir.path()).exit_code == 0);  // the rule over the stored versions holds
        const auto deep = run_revshare("--db r.db verify --deep", dir.path());
        CHECK(deep.exit_code == 1);
        CHECK(deep.out.find(problem) != std::string::npos);
    };
    SUBCASE("a version made older, so the earlier line counts again (its supersession edited to match)") {
        edit_database(dir / "r.db", "UPDATE event_line SET valid_from = valid_from - 100000, outcome = 'older', "
                                    "superseded_by = 2 WHERE import_id = 2 AND event_key = 'e1'");
        edit_database(dir / "r.db", "UPDATE event_line SET superseded_by = NULL WHERE import_id = 1 AND event_key = 'e1'");
        deep_finds("import 2 (b.csv): the stored lines are not what its archived delivery gives: line 2: its event version "
                   "(valid_from, update_date, delete_date) is stored otherwise than the delivery gives");
    }
    SUBCASE("a version marked deleted") {
        edit_database(dir / "r.db", "UPDATE event_line SET deleted = 1, superseded_by = 2 WHERE import_id = 2");
        edit_database(dir / "r.db", "UPDATE event_line SET outcome = 'newer' WHERE import_id = 2");
        deep_finds("line 2: its event version (valid_from, update_date, delete_date) is stored otherwise than the delivery gives");
    }
    SUBCASE("a stored content edited (a genuine re-delivery would then be refused)") {
        edit_database(dir / "r.db", "UPDATE event_line SET content = replace(content, '100', '110') WHERE import_id = 1");
        deep_finds("import 1 (a.csv): the stored lines are not what its archived delivery gives: line 2: its event "
                   "version's stored content is not the delivery's");
    }
    SUBCASE("a repeated row pointed at another event's line") {
        edit_database(dir / "r.db", "UPDATE event_known_row SET line_id = 1 WHERE import_id = 2");
        deep_finds("import 2 (b.csv): the stored lines are not what its archived delivery gives: line 3: its event is "
                   "stored as 'e1', the delivery gives 'e2'");
    }
}

TEST_CASE("seller events: events --import writes a bare file name in the current folder") {
    ScratchDir dir;
    write_file(dir / "a.csv", aws_header + aws_row("e1", v1, u1, "100.00"));
    REQUIRE(run_revshare("--db r.db import a.csv", dir.path()).exit_code == 0);
    const auto written = run_revshare("--db r.db events --import 1 --out plain.csv", dir.path());
    CHECK(written.exit_code == 0);
    CHECK(read_file(dir / "plain.csv") ==
          "import_id,source_line,event_key,valid_from,update_date,outcome,line_id,current,deleted,detail\n"
          "1,2,e1,2026-05-02T10:00:00Z,2026-05-02T10:00:00Z,new,1,yes,no,\n");
}

TEST_CASE("seller events: migration 0017 hashes the keys stored before it, so a later delivery still finds every event") {
    ScratchDir dir;
    write_file(dir / "a.csv", aws_header + aws_row("e1", v1, u1, "100.00") + aws_row("e2", v1, u1, "200.00") +
                                  aws_row("e3", v1, u1, "300.00"));
    REQUIRE(run_revshare("--db r.db import a.csv", dir.path()).exit_code == 0);
    {
        SQLite::Database db((dir / "r.db").string(), SQLite::OPEN_READWRITE);
        restore_event_key_hash_before_0017(db);
        db.exec("PRAGMA user_version = 16");
    }
    CHECK(run_revshare("--db r.db verify", dir.path()).exit_code == 0);  // migrated, every hash filled
    CHECK(query_value(dir / "r.db", "PRAGMA user_version") == "18");
    CHECK(query_value(dir / "r.db", "SELECT group_concat(key_hash, ' ') FROM (SELECT key_hash FROM event_line ORDER BY "
                                    "line_id)") ==
          std::to_string(revshare::schema::event_key_hash("e1")) + " " + std::to_string(revshare::schema::event_key_hash("e2")) +
              " " + std::to_string(revshare::schema::event_key_hash("e3")));
    write_file(dir / "b.csv", aws_header + aws_row("e1", v1, u1, "100") + aws_row("e2", v1, u2, "250.00") +
                                  aws_row("e4", v1, u1, "400.00"));
    const auto later = run_revshare("--db r.db import b.csv", dir.path());
    REQUIRE(later.exit_code == 0);
    CHECK(events_line(later) == "3 rows: 1 new, 1 newer (superseding import 1: 1), 0 older, 1 already known, 0 quarantined");
    CHECK(current_lines(dir) == "e1=100 e2=250 e3=300 e4=400");
}

TEST_CASE("seller events: an id with spaces or tabs around it, or a byte-order mark before it, is the same event") {
    ScratchDir dir;
    write_file(dir / "a.csv", aws_header + aws_row("e1", v1, u1, "100.00") + aws_row("e2", v1, u1, "200.00"));
    write_file(dir / "b.csv", aws_header + aws_row(" e1\t", v1, u1, "100.00") + "\xEF\xBB\xBF" + aws_row("e2", v1, u2, "250.00") +
                                  aws_row("\"  e3 \"", v1, u1, "300.00"));
    REQUIRE(run_revshare("--db r.db import a.csv", dir.path()).exit_code == 0);
    const auto later = run_revshare("--db r.db import b.csv", dir.path());
    REQUIRE(later.exit_code == 0);
    CHECK(events_line(later) == "3 rows: 1 new, 1 newer (superseding import 1: 1), 0 older, 1 already known, 0 quarantined");
    CHECK(current_lines(dir) == "e1=100 e2=250 e3=300");
}

TEST_CASE("seller events: a version deleted in one delivery and not in another is a conflicting version, in either order") {
    for (const bool deleted_first : {true, false}) {
        CAPTURE(deleted_first);
        ScratchDir dir;
        write_file(dir / "a.csv", aws_header + aws_row("e1", v1, u1, "50.00"));
        const std::string deleted = aws_header + aws_row("e1", v1, u2, "50.00", "2026-05-10T08:00:00Z");
        const std::string kept = aws_header + aws_row("e1", v1, u2, "50.00");
        write_file(dir / "b.csv", deleted_first ? deleted : kept);
        write_file(dir / "c.csv", deleted_first ? kept : deleted);
        REQUIRE(run_revshare("--db r.db import a.csv b.csv", dir.path()).exit_code == 0);
        const auto second = run_revshare("--db r.db import c.csv", dir.path());
        CHECK(second.exit_code == 1);  // the row is quarantined
        CHECK(events_line(second) == "1 rows: 0 new, 0 newer, 0 older, 0 already known, 1 quarantined");
        CHECK(second.err.find("c.csv:2:4: error[conflicting-version]: billing event e1, version (valid_from "
                              "2026-05-02T10:00:00Z, update_date 2026-05-10T08:00:00Z), was delivered with delete_date " +
                              std::string(deleted_first ? "set" : "empty") + " (import 2, line 2); this row gives " +
                              (deleted_first ? "none" : "one")) != std::string::npos);
        CHECK(current_lines(dir) == (deleted_first ? "" : "e1=50"));  // the first delivery of the version stands
        // Inside one file: both rows of the version are quarantined, and the event keeps its stored line.
        write_file(dir / "d.csv", aws_header + aws_row("e9", v1, u1, "9.00") + aws_row("e9", v1, u1, "9.00", u2));
        const auto both = run_revshare("--db r.db import d.csv", dir.path());
        CHECK(events_line(both) == "2 rows: 0 new, 0 newer, 0 older, 0 already known, 2 quarantined");
        CHECK(both.err.find("(its delete_date differs; lines 2, 3)") != std::string::npos);
    }
}

TEST_CASE("seller events: a version delivered thousands of times with two contents names its first ten lines in each reason") {
    ScratchDir dir;
    std::string rows = aws_header;
    for (int i = 0; i < 2000; ++i) rows += aws_row("cv", v1, u1, i % 2 == 0 ? "100.00" : "200.00");
    write_file(dir / "cv.csv", rows);
    const auto result = run_revshare("--db r.db import cv.csv", dir.path());
    CHECK(result.exit_code == 1);
    CHECK(events_line(result) == "2000 rows: 0 new, 0 newer, 0 older, 0 already known, 2000 quarantined");
    CHECK(query_value(dir / "r.db", "SELECT count(DISTINCT reason) || ' ' || max(length(reason)) FROM quarantine") ==
          "1 296");
    CHECK(query_value(dir / "r.db", "SELECT reason FROM quarantine LIMIT 1").find(
              "lines 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 and 1990 more") != std::string::npos);
}

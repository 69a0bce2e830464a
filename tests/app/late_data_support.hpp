#pragma once
// Helpers for the close, replay, verify and adjustment tests: the fixtures loaded without the
// restated March export, late exports written on the fly, and writes behind revshare's back.
#include "tests/test_support.hpp"

#include <SQLiteCpp/Database.h>
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

namespace revshare::testing {

// Every fixture export except cur-2026-03.restated.csv, in file name order, shell-quoted.
inline std::string exports_without_restated() {
    std::vector<std::string> files;
    for (const auto& folder : std::filesystem::directory_iterator(fixtures_dir() / "exports")) {
        if (!folder.is_directory()) continue;
        for (const auto& file : std::filesystem::directory_iterator(folder.path())) {
            if (file.path().filename() != "cur-2026-03.restated.csv") files.push_back(file.path().string());
        }
    }
    std::sort(files.begin(), files.end());
    std::string words;
    for (const auto& file : files) words += " '" + file + "'";
    return words;
}

inline void load_fixtures_without_restated_in_place(const ScratchDir& dir) {
    REQUIRE(run_revshare("--db r.db import" + exports_without_restated(), dir.path()).exit_code == 1);  // 3 quarantined
    REQUIRE(run_revshare("--db r.db fx import '" + (fixtures_dir() / "fx/eur-usd-2026.csv").string() + "'", dir.path())
                .exit_code == 0);
    REQUIRE(run_revshare("--db r.db contract add '" + (fixtures_dir() / "contracts/openai-microsoft.toml").string() + "'",
                         dir.path())
                .exit_code == 0);
}
inline void load_fixtures_without_restated(const ScratchDir& dir) {
    copy_prepared(dir, "fixtures without the restated CUR", load_fixtures_without_restated_in_place);
}

inline void settle_and_close(const ScratchDir& dir, const std::string& period) {
    const auto settled = run_revshare("--db r.db settle --period " + period, dir.path());
    REQUIRE_MESSAGE(settled.exit_code == 0, settled.err);
    const auto closed = run_revshare("--db r.db close --period " + period, dir.path());
    REQUIRE_MESSAGE(closed.exit_code == 0, closed.err);
}

// The fixtures loaded (without the restated CUR), February and March settled and closed, and
// verify passing: the state the tampering tests start from.
inline void closed_february_and_march_in_place(const ScratchDir& dir) {
    load_fixtures_without_restated(dir);
    settle_and_close(dir, "2026-02");
    settle_and_close(dir, "2026-03");
    REQUIRE(run_revshare("--db r.db verify", dir.path()).exit_code == 0);
}
inline void closed_february_and_march(const ScratchDir& dir) {
    copy_prepared(dir, "February and March closed", closed_february_and_march_in_place);
}

// The key id `keygen` printed ("key <64 hex>").
inline std::string key_id_printed(const CommandResult& keygen) {
    const auto at = keygen.out.find("\nkey ");
    REQUIRE(at != std::string::npos);
    return keygen.out.substr(at + 5, 64);
}

// The fixtures loaded, February and March settled and closed, each close signed with k.key
// (k.key / k.pub in `dir`); returns the key's id.
inline std::string signed_february_and_march_in_place(const ScratchDir& dir) {
    load_fixtures_without_restated(dir);
    const auto keygen = run_revshare("keygen --out k", dir.path());
    REQUIRE(keygen.exit_code == 0);
    for (const std::string period : {"2026-02", "2026-03"}) {
        REQUIRE(run_revshare("--db r.db settle --period " + period, dir.path()).exit_code == 0);
        const auto closed = run_revshare("--db r.db close --period " + period + " --sign-key k.key", dir.path());
        REQUIRE_MESSAGE(closed.exit_code == 0, closed.err);
        CHECK(closed.out.ends_with(", signed by key " + key_id_printed(keygen) + ")\n"));
    }
    return key_id_printed(keygen);
}
inline std::string signed_february_and_march(const ScratchDir& dir) {
    static std::string key_id;  // the prepared workspace's
    copy_prepared(dir, "February and March closed and signed",
                  [](const ScratchDir& fresh) { key_id = signed_february_and_march_in_place(fresh); });
    return key_id;
}

// A forger with revshare and everything but the private key, in `forged`: the fixtures without
// `left_out` (a path under fixtures/exports), every run, close and hash recomputed by revshare
// itself, February and March closed and signed with a key of their own (forger.key / .pub).
inline void forge_february_and_march(const ScratchDir& forged, const std::string& left_out) {
    REQUIRE(run_revshare("keygen --out forger", forged.path()).exit_code == 0);
    std::string exports = exports_without_restated();
    const std::string file = " '" + (fixtures_dir() / "exports" / left_out).string() + "'";
    REQUIRE(exports.find(file) != std::string::npos);
    exports.erase(exports.find(file), file.size());
    REQUIRE(run_revshare("--db r.db import" + exports, forged.path()).exit_code == 1);
    REQUIRE(run_revshare("--db r.db fx import '" + (fixtures_dir() / "fx/eur-usd-2026.csv").string() + "'", forged.path())
                .exit_code == 0);
    REQUIRE(run_revshare("--db r.db contract add '" + (fixtures_dir() / "contracts/openai-microsoft.toml").string() + "'",
                         forged.path())
                .exit_code == 0);
    for (const std::string period : {"2026-02", "2026-03"}) {
        REQUIRE(run_revshare("--db r.db settle --period " + period, forged.path()).exit_code == 0);
        REQUIRE(run_revshare("--db r.db close --period " + period + " --sign-key forger.key", forged.path()).exit_code == 0);
    }
}

// What `verify` (with `options`) prints when it finds problems: exit 1, nothing on stderr.
inline std::string verify_problems(const ScratchDir& dir, const std::string& options = "") {
    const auto verified = run_revshare("--db r.db verify" + options, dir.path());
    CHECK(verified.exit_code == 1);
    CHECK(verified.err == "");
    return verified.out;
}

// A one-row Azure MCA export of Azure OpenAI usage charged in `month` (1 to 11) of 2026 for
// billing account `account`, costing `cost` USD; `invoice` makes the content unique.
inline std::string late_mca_export(const std::string& account, int month, const std::string& cost, const std::string& invoice) {
    REQUIRE((month >= 1 && month <= 11));
    const std::string file = read_file(fixtures_dir() / "late/mca-late-2026-03.csv");
    const std::string header = file.substr(0, file.find('\n') + 1);
    constexpr int last_day[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30};
    const auto two = [](int n) { return std::string(n < 10 ? "0" : "") + std::to_string(n); };
    const std::string mm = two(month);
    const std::string end = mm + "/" + std::to_string(last_day[month - 1]) + "/2026";
    const std::string next = two(month + 1) + "/01/2026";
    return header + invoice + ",," + account + ",\"Fabrikam, Inc.\",AB12-CD34-EF5-GH6,Fabrikam AI,QX7R-TT4M-PJA-PGB,"
           "Assistant Platform,,,," + end + "," + mm + "/01/2026," + next + "," + mm + "/01/2026," + mm +
           "/12/2026,AI + Machine Learning,c3f1e0a2-5d7b-4a8e-9b6c-1f2e3d4c5b6a,Azure plan,Microsoft.CognitiveServices,"
           "6ec5647f-ee08-5b9e-b880-8ca4762dbc4f,gpt-4o-0806-Inp-regnl Tokens,Cognitive Services,Azure OpenAI,US East 2,"
           "DZH318Z0BQ4C0011,Azure OpenAI - gpt-4o-0806-Inp-regnl - Sweden Central,dfaf3a25-14e8-47e4-b063-592b1bad1382,"
           "fabrikam-assistant,Microsoft,,Microsoft,rg-ai-prod,/subscriptions/x/resourceGroups/rg-ai-prod,eastus2,US East 2,"
           "0.00275,1000,1K,Usage,USD,USD," + cost + "," + cost + "," + cost + "," + cost + "," + cost + ",1.0," + mm +
           "/01/2026,True,,,,,0.00275,UsageBased,,,,0.00275\n";
}

// The "session": every fixture export but the restated March one, FX, the contract;
// February and March settled and closed; then the restated March AWS export, a late March
// Azure OpenAI export for a new billing account and a late February refund arrive.
inline void closed_feb_march_then_late_data_in_place(const ScratchDir& dir) {
    load_fixtures_without_restated(dir);
    settle_and_close(dir, "2026-02");
    settle_and_close(dir, "2026-03");
    for (const std::string late : {"exports/aws-cur/cur-2026-03.restated.csv", "late/mca-late-2026-03.csv",
                                   "late/mca-refund-2026-02.csv"}) {
        const auto imported = run_revshare("--db r.db import '" + (fixtures_dir() / late).string() + "'", dir.path());
        REQUIRE_MESSAGE(imported.exit_code == 0, imported.err);
    }
}
inline void closed_feb_march_then_late_data(const ScratchDir& dir) {
    copy_prepared(dir, "February and March closed, then late data", closed_feb_march_then_late_data_in_place);
}

// April's four adjustment rows after closed_feb_march_then_late_data and a settle of April.
inline const std::string april_adjustments_for_feb_and_march =
    "2026-04,openai-microsoft,adjustment,2026-02,2023-extension,msft-share-of-openai,openai,microsoft,USD,-300.00,-60.00,1,,,,true\n"
    "2026-04,openai-microsoft,adjustment,2026-02,2023-extension,openai-share-of-azure-openai,microsoft,openai,USD,-300.00,-36.00,1,,,,true\n"
    "2026-04,openai-microsoft,adjustment,2026-03,2023-extension,msft-share-of-openai,openai,microsoft,USD,1250.501,250.10,2,,,,true\n"
    "2026-04,openai-microsoft,adjustment,2026-03,2023-extension,openai-share-of-azure-openai,microsoft,openai,USD,1250.501,150.06,2,,,,true\n";

// Changes the database behind revshare's back (a tampering auditor, a broken disk).
inline void execute_sql(const std::filesystem::path& db, const std::string& sql) {
    SQLite::Database database(db.string(), SQLite::OPEN_READWRITE);
    database.exec(sql);
}

// The id of the current settlement run of `period` (YYYY-MM) in dir/r.db.
inline std::string current_run_id(const ScratchDir& dir, const std::string& period) {
    return query_value(dir / "r.db", "SELECT run_id FROM settlement_run WHERE period = '" + period + "' AND is_current = 1");
}

// What `report` says when recomputing a run does not give its stored statement (exit 3).
inline std::string run_not_reproduced_error(const std::string& run_id, const std::string& period) {
    return "revshare: error: internal invariant failed: recomputing run " + run_id + " (openai-microsoft " + period +
           ") from its inputs as they stood does not give its stored statement, so its line detail cannot be "
           "written; revshare replay --period " + period + " shows the rows\n";
}

}  // namespace revshare::testing

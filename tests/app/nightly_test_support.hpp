#pragma once
// Helpers for the `revshare nightly` tests: an inbox filled with the fixture exports, the
// one-time setup, and what a run leaves behind (reports, database content) for comparisons.
#include "tests/test_support.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace revshare::testing::nightly {

namespace fs = std::filesystem;


using Environment = std::vector<std::pair<std::string, std::string>>;
inline const Environment first_night = {{"REVSHARE_NOW", "2026-06-01T03:00:00Z"}};
inline const Environment second_night = {{"REVSHARE_NOW", "2026-06-02T03:00:00Z"}};

inline const std::string nightly_command = "--db r.db nightly --inbox inbox --out out";

// Every fixture export, relative to fixtures/exports, in byte order (the order the expected
// statements assume: cur-2026-03.restated.csv after cur-2026-03.csv).
inline std::vector<std::string> fixture_exports() {
    std::vector<std::string> names;
    for (const auto& entry : fs::recursive_directory_iterator(fixtures_dir() / "exports")) {
        if (!entry.is_regular_file() || entry.path().parent_path() == fixtures_dir() / "exports") continue;
        names.push_back(fs::relative(entry.path(), fixtures_dir() / "exports").generic_string());
    }
    std::sort(names.begin(), names.end());
    return names;
}

// Copies exports into inbox/<folder>/<file>, modified one second apart in the order given
// (two files share each second, so the path decides between them).
inline void fill_inbox(const fs::path& inbox, const std::vector<std::string>& names) {
    const auto base = fs::file_time_type::clock::now() - std::chrono::hours(1);
    for (std::size_t i = 0; i < names.size(); ++i) {
        const auto target = inbox / names[i];
        fs::create_directories(target.parent_path());
        fs::copy_file(fixtures_dir() / "exports" / names[i], target);
        fs::last_write_time(target, base + std::chrono::seconds(static_cast<long>(i / 2)));
    }
}

// The one-time setup nightly expects: FX rates and the contract (`with_fx` false: no rates).
inline void add_contract(const ScratchDir& dir, bool with_fx = true) {
    if (with_fx) {
        REQUIRE(run_revshare("--db r.db fx import '" + (fixtures_dir() / "fx/eur-usd-2026.csv").string() + "'", dir.path(),
                             first_night)
                    .exit_code == 0);
    }
    REQUIRE(run_revshare("--db r.db contract add '" + (fixtures_dir() / "contracts/openai-microsoft.toml").string() + "'",
                         dir.path(), first_night)
                .exit_code == 0);
}

// Every file under out/ (but the run summary) with its content.
inline std::map<std::string, std::string> report_files(const fs::path& out) {
    std::map<std::string, std::string> files;
    for (const auto& entry : fs::recursive_directory_iterator(out)) {
        const auto name = fs::relative(entry.path(), out).generic_string();
        if (entry.is_regular_file() && name != "run-summary.json") files[name] = read_file(entry.path());
    }
    return files;
}

// What the database means, without ids or times: imports by content with their counts, the
// current lines, the current runs' statements, the number of runs, and the quarantine.
inline std::string database_content(const fs::path& db) {
    return query_value(db, "SELECT group_concat(sha256 || ':' || rows_read || ':' || rows_imported || ':' || "
                           "rows_quarantined, ' ') FROM (SELECT * FROM import ORDER BY sha256)") +
           "\nlines " +
           query_value(db, "SELECT count(*) FROM line l JOIN import_scope s ON s.scope_id = l.scope_id "
                           "WHERE s.superseded_by IS NULL") +
           "\nruns " + query_value(db, "SELECT count(*) FROM settlement_run") + "\n" +
           query_value(db, "SELECT group_concat(contract_id || ' ' || period || ' ' || statement_sha256, ' ') FROM "
                           "(SELECT * FROM settlement_run WHERE is_current = 1 ORDER BY contract_id, period)") +
           "\n" +
           query_value(db, "SELECT group_concat(i.sha256 || ':' || q.source_line || ':' || q.column_number || ':' || "
                           "q.field || ':' || q.code || ':' || q.reason || ':' || hex(q.raw), ' ') FROM (SELECT * FROM "
                           "quarantine ORDER BY import_id, source_line, column_number) q JOIN import i USING (import_id)");
}

// Empty when the run-summary.json at `summary` is valid under docs/run-summary.schema.json
// (checked by python3-jsonschema); else the validator's message.
inline std::string run_summary_schema_errors(const fs::path& summary) {
    const auto schema = source_dir() / "docs/run-summary.schema.json";
    const auto checked = run_shell("python3 -c 'import json, sys, jsonschema\n"
                                   "jsonschema.Draft202012Validator.check_schema(json.load(open(sys.argv[1])))\n"
                                   "jsonschema.validate(json.load(open(sys.argv[2])), json.load(open(sys.argv[1])),"
                                   " cls=jsonschema.Draft202012Validator)' '" +
                                       schema.string() + "' '" + summary.string() + "'",
                                   summary.parent_path());
    return checked.exit_code == 0 ? "" : checked.err.empty() ? "exit " + std::to_string(checked.exit_code) : checked.err;
}

// The summary block at the end of stdout (empty when there is none).
inline std::string summary_of(const CommandResult& result) {
    const auto start = result.out.find("summary:\n");
    return start == std::string::npos ? std::string() : result.out.substr(start);
}

}  // namespace revshare::testing::nightly

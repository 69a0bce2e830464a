#pragma once
// Helpers for the report tests (issue 6): a database with every fixture loaded and Feb-May
// 2026 settled, an RFC 4180 reader for the reports, and golden files under
// tests/reports/expected/ (UPDATE_GOLDEN=1 rewrites them; review the diff like code).
#include "engine/core/decimal.hpp"
#include "tests/test_support.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <map>
#include <string>
#include <vector>

namespace revshare::testing::reports {

inline const std::vector<std::string> fixture_periods = {"2026-02", "2026-03", "2026-04", "2026-05"};

// Imports every fixture export (3 rows of cur-2026-05.csv are quarantined on purpose), the FX
// rates and `contract` (relative to fixtures/), and settles Feb-May 2026 into dir/r.db.
inline void load_and_settle(const ScratchDir& dir, const std::string& contract = "contracts/openai-microsoft.toml") {
    const std::string exports = "'" + (fixtures_dir() / "exports").string() + "'/*/*";
    REQUIRE(run_revshare("--db r.db import " + exports, dir.path()).exit_code == 1);
    REQUIRE(run_revshare("--db r.db fx import '" + (fixtures_dir() / "fx/eur-usd-2026.csv").string() + "'", dir.path())
                .exit_code == 0);
    REQUIRE(run_revshare("--db r.db contract add '" + (fixtures_dir() / contract).string() + "'", dir.path()).exit_code == 0);
    for (const auto& period : fixture_periods) {
        REQUIRE(run_revshare("--db r.db settle --period " + period, dir.path()).exit_code == 0);
    }
}

using CsvRows = std::vector<std::map<std::string, std::string>>;

// The records of an RFC 4180 file with `\n` line ends, each as header name -> cell.
inline CsvRows parse_csv(const std::string& text) {
    std::vector<std::vector<std::string>> records(1);
    std::string cell;
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                cell.push_back('"');
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                cell.push_back(c);
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            records.back().push_back(std::move(cell));
            cell.clear();
        } else if (c == '\n') {
            records.back().push_back(std::move(cell));
            cell.clear();
            records.emplace_back();
        } else {
            cell.push_back(c);
        }
    }
    REQUIRE(records.back().empty());  // the file ends with a line end
    records.pop_back();
    CsvRows rows;
    for (std::size_t r = 1; r < records.size(); ++r) {
        REQUIRE(records[r].size() == records[0].size());
        std::map<std::string, std::string> row;
        for (std::size_t i = 0; i < records[0].size(); ++i) row[records[0][i]] = records[r][i];
        rows.push_back(std::move(row));
    }
    return rows;
}

inline Decimal decimal(const std::string& text) {
    const auto value = Decimal::parse_plain(text);
    REQUIRE_MESSAGE(value.has_value(), "not a plain decimal: '" << text << "'");
    return *value;
}

inline std::string unified_diff(const std::filesystem::path& expected, const std::filesystem::path& actual) {
    const auto out = actual.parent_path() / "diff.txt";
    const std::string command = "diff -u '" + expected.string() + "' '" + actual.string() + "' > '" + out.string() + "'";
    (void)std::system(command.c_str());
    return read_file(out);
}

// Compares `actual` with tests/reports/expected/<name> byte for byte (a unified diff on failure).
inline void check_golden(const std::string& actual, const std::string& name) {
    const auto golden = source_dir() / "tests/reports/expected" / name;
    const char* update = std::getenv("UPDATE_GOLDEN");
    if (update != nullptr && std::string(update) == "1") {
        std::filesystem::create_directories(golden.parent_path());
        write_file(golden, actual);
        return;
    }
    const std::string expected = std::filesystem::exists(golden) ? read_file(golden) : "";
    if (expected == actual) {
        CHECK(true);
        return;
    }
    ScratchDir scratch;
    write_file(scratch / "actual", actual);
    const auto diff = unified_diff(std::filesystem::exists(golden) ? golden : "/dev/null", scratch / "actual");
    FAIL_CHECK(name << " differs from its golden file (UPDATE_GOLDEN=1 rewrites it):\n" << diff);
}

}  // namespace revshare::testing::reports

#pragma once
// The year's report files (docs/reports.md "Year to date and quarters"): ytd.csv beside a
// period's statement (`report`), and `revshare summary --year YYYY`'s summary-YYYY.csv per
// contract. Which statement each period contributes: jobs/year_statements.hpp.
#include "schema/database.hpp"
#include "schema/settlement_store.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace revshare::app {

// Writes DIR/<contract>/<period>/ytd.csv for `run` (its contract year from its first month to
// the run's period; the run itself for its own period) atomically; returns the missing periods
// of that span, `;`-joined ("" when none).
std::string write_year_to_date(schema::Database& db, const std::filesystem::path& out_dir, const schema::StoredRun& run);

struct YearSummaryRequest {
    int year = 0;                            // the contract year that starts in this calendar year
    std::optional<std::string> contract_id;  // nullopt: every contract with a run in its year
    std::filesystem::path out_dir;
};

struct WrittenSummary {
    std::string contract_id;
    std::filesystem::path file;
    std::string span;             // 2026-01..2026-12
    std::size_t settled = 0;      // periods closed or draft
    std::string missing;          // `;`-joined, "" when none
};

// Throws Error (exit 2) for an unknown contract, a named contract with no run in the year, or
// no contract with one.
[[nodiscard]] std::vector<WrittenSummary> write_year_summaries(schema::Database& db, const YearSummaryRequest& request);

}  // namespace revshare::app

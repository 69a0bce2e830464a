#pragma once
// What `revshare verify` reads to check the database's invariants: journal sums, statement
// shares in both forms, import row counts against the rows actually stored.
#include "schema/database.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace revshare::schema {

struct JournalSum {
    std::int64_t run_id = 0;
    std::string contract_id;
    std::string period;
    std::int64_t sum_minor = 0;
};
// Runs whose journal entries do not sum to exactly zero minor units.
[[nodiscard]] std::vector<JournalSum> load_unbalanced_journals(Database& db);

struct StoredAmount {
    std::int64_t run_id = 0;
    std::int64_t number = 0;  // row_number or entry_number
    std::string currency;
    std::string amount;       // the decimal text
    std::int64_t amount_minor = 0;
};
[[nodiscard]] std::vector<StoredAmount> load_statement_shares(Database& db);
[[nodiscard]] std::vector<StoredAmount> load_journal_amounts(Database& db);

struct ImportCounts {
    std::int64_t import_id = 0;
    std::string file_name;  // its delivery_name() (schema/import_store.hpp)
    std::int64_t rows_read = 0;
    std::int64_t rows_imported = 0;
    std::int64_t rows_quarantined = 0;
    std::int64_t lines_stored = 0;
    std::int64_t quarantine_stored = 0;
    // Lines of the import whose scope or dimensions row is missing or another import's (the
    // import writes them without SQLite's foreign-key checks; see ForeignKeyChecksOff).
    std::int64_t lines_misreferenced = 0;
    std::int64_t rows_already_known = 0;  // seller feeds: imported rows that stored no line
};
// Rows that name an import whose row is gone (deleted by hand): its lines would still be
// settled, with no delivery behind them.
struct RowsOfMissingImport {
    std::int64_t import_id = 0;
    std::int64_t lines = 0;
    std::int64_t scopes = 0;
    std::int64_t quarantined = 0;
};
struct ImportCountsFound {
    std::vector<ImportCounts> imports;
    std::vector<RowsOfMissingImport> missing;  // by import id
};
[[nodiscard]] ImportCountsFound load_import_counts(Database& db);
// The lowest import id that a scope names but whose import row is gone, if any: a cheap look
// (import_scope is small) that settle makes before it reads any line.
[[nodiscard]] std::optional<std::int64_t> first_missing_import_of_a_scope(Database& db);

// The current run of every (contract, period), by contract then period: the runs whose
// statement bases `verify` checks against their lines.
[[nodiscard]] std::vector<std::int64_t> load_current_run_ids(Database& db);

// Runs that are not current although no run replaced them, and closes whose run is not
// current: (run_id, contract_id, period) of each.
struct RunRef {
    std::int64_t run_id = 0;
    std::string contract_id;
    std::string period;
};
[[nodiscard]] std::vector<RunRef> load_runs_dropped_without_replacement(Database& db);
[[nodiscard]] std::vector<RunRef> load_closed_runs_not_current(Database& db);

[[nodiscard]] std::int64_t count_rows(Database& db, const std::string& table);  // a fixed table name

}  // namespace revshare::schema

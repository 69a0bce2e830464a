#pragma once
// `revshare journal`: a period's double-entry journal as an hledger journal, a beancount file or
// an ERP's CSV (reports/journal_export.hpp renders it).
//
// Which run: the period's closed run when it is closed, else its current run (the latest
// settle). A period not settled is refused for a named contract (exit 2); without --contract,
// the contracts that have no run for it are left out, and none at all is refused. Accounts: each
// party's account in the contract's [accounts] table of the text in force now (presentation:
// an account mapping added after a close applies to that closed period's export too), else the
// default Liabilities:Revshare:<Party>.
#include "reports/journal_export.hpp"
#include "schema/database.hpp"

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace revshare::app {

struct JournalRequest {
    Period period;
    std::optional<std::string> contract_id;  // nullopt: every contract with a run for the period
    reports::JournalFormat format = reports::JournalFormat::hledger;
};

struct JournalExport {
    std::string text;                     // the file, byte for byte
    std::vector<std::string> contracts;   // exported, in id order
    std::size_t transactions = 0;
    std::vector<std::string> warnings;    // a stale open run, one line each
};

// Reads the runs; stores nothing. Throws Error: exit 2 for a period not settled, a contract
// unknown, parties whose accounts clash, an amount too long for the journal; exit 3 for a
// stored run that fails its balance re-check.
[[nodiscard]] JournalExport export_journal(schema::Database& db, const JournalRequest& request);

// Writes `text` to `path` atomically (a bare file name is in the current folder).
void write_journal_file(const std::filesystem::path& path, const std::string& text);

}  // namespace revshare::app

#pragma once
// statement.csv and net.csv exactly as shared/spec/cli.md specifies, and the statement as a
// readable table for a terminal. Formatting only: no arithmetic beyond the balance re-check.
#include "engine/core/currency.hpp"
#include "engine/core/period.hpp"
#include "engine/settle/statement.hpp"
#include "reports/csv_writer.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace revshare::reports {

// Which statement.csv a run is written as: `explained` (cli.md's 16 columns), or the 12 columns
// (period..lines) of the runs stored before the explanation columns existed, whose closes
// hashed that file.
enum class StatementColumns : std::uint8_t { before_explanations, explained };
[[nodiscard]] int statement_column_count(StatementColumns columns);  // 12 or 16
[[nodiscard]] std::optional<StatementColumns> statement_columns_from_count(int count);

struct StatementView {
    std::string contract_id;
    Period period;
    Currency currency;
    const std::vector<settle::StatementRow>& rows;
    const std::vector<settle::NetRow>& net;
    const std::vector<settle::JournalEntry>& journal;
    StatementColumns columns = StatementColumns::explained;
};

// `period,contract,kind,for_period,version,rule,payer,payee,currency,basis,share,lines,`
// `share_before_limits,limited_by,cap_remaining,owed` (the last four not in the older layout)
[[nodiscard]] std::string statement_as_csv(const StatementView& statement);
// `period,contract,from_party,to_party,currency,amount`
[[nodiscard]] std::string net_as_csv(const StatementView& statement);
// The cells of statement.csv and net.csv as values (for the workbook's sheets).
[[nodiscard]] ReportTable statement_cells(const StatementView& statement);
[[nodiscard]] ReportTable net_cells(const StatementView& statement);
// `period,contract,party,counterparty,account,currency,amount,rule,version,segment_start`: the
// double-entry journal, two entries per statement row (payable −share, receivable +share).
[[nodiscard]] std::string journal_as_csv(const StatementView& statement);
// Aligned columns for stdout: segments, rules, basis, share, then the net.
[[nodiscard]] std::string statement_as_table(const StatementView& statement);

// Pair check with settle (STYLE.md section 4), before any report is written: the journal has
// two entries per statement row and sums to zero, every share is in minor units, every net
// amount is > 0. Settle stores only such runs, so a failure means the database was changed
// after settling: an Error (exit 3) naming the contract, period and what differs, never an
// abort, since database content is input to a report.
void check_balanced(const StatementView& statement);

}  // namespace revshare::reports

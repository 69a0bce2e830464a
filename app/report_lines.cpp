#include "app/report_lines.hpp"

#include "app/adjustments.hpp"
#include "app/contracts.hpp"
#include "app/settle_service.hpp"
#include "engine/core/assert.hpp"
#include "engine/core/error.hpp"
#include "reports/lines_csv.hpp"
#include "reports/statement_csv.hpp"
#include "schema/contract_store.hpp"
#include "schema/line_detail_query.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <memory>

namespace revshare::app {
namespace {

struct SpooledMatch {
    std::int64_t line_id = 0;
    std::size_t row_index = 0;
    Decimal settlement_cost;
    std::optional<Decimal> fx_rate;
};

// The engine's matches, one text record per match in a temporary file:
// `line_id row_index settlement_cost fx_rate|-`. Lines arrive in line_id order (the line
// source's ORDER BY), which the merge relies on; a violation is an invariant failure.
// With a folder (the report's), the file lives there, unlinked as soon as it is open, so it
// takes the report's disk, not /tmp's, and a killed run leaves nothing behind.
class MatchSpool final : public settle::LineMatchSink {
public:
    explicit MatchSpool(const std::optional<std::filesystem::path>& folder) : file_(nullptr, &std::fclose) {
        if (folder) {
            std::filesystem::create_directories(*folder);
            name_ = (*folder / (".lines.csv.matches-" + std::to_string(::getpid()))).string();
            file_.reset(std::fopen(name_.c_str(), "w+"));
            if (file_) ::unlink(name_.c_str());
        } else {
            name_ = "a temporary file for the line detail";
            file_.reset(std::tmpfile());
        }
        if (!file_) fail(errno);
    }
    ~MatchSpool() override { std::free(buffer_); }
    MatchSpool(const MatchSpool&) = delete;
    MatchSpool& operator=(const MatchSpool&) = delete;

    void matched(std::int64_t line_id, std::size_t row_index, const Decimal& converted_cost,
                 const std::optional<Decimal>& fx_rate) override {
        if (line_id < last_line_id_) {
            throw Error("internal invariant failed: the settlement read line " + std::to_string(line_id) + " after line " +
                            std::to_string(last_line_id_) + "; the line detail needs them in line_id order",
                        ExitCode::locked_or_invariant);
        }
        last_line_id_ = line_id;
        const std::string record = std::to_string(line_id) + " " + std::to_string(row_index) + " " +
                                   converted_cost.to_string() + " " + (fx_rate ? fx_rate->to_string() : "-") + "\n";
        if (std::fputs(record.c_str(), file_.get()) < 0) fail(errno);
    }

    void rewind() {
        if (std::fflush(file_.get()) != 0) fail(errno);
        std::rewind(file_.get());
        peeked_.reset();
    }

    // The next match, without consuming it; nullopt at the end.
    const std::optional<SpooledMatch>& peek() {
        if (!peeked_) peeked_ = read();
        return peeked_;
    }
    void pop() { peeked_.reset(); }

private:
    [[noreturn]] void fail(int error) const {
        throw Error("cannot write " + name_ + ": " + std::strerror(error) + "; nothing was written");
    }

    std::optional<SpooledMatch> read() {
        const ssize_t length = ::getline(&buffer_, &capacity_, file_.get());
        if (length <= 0) return std::nullopt;
        const std::string_view record(buffer_, static_cast<std::size_t>(length) - 1);
        std::vector<std::string_view> fields;
        for (std::size_t start = 0; start <= record.size();) {
            const auto end = std::min(record.find(' ', start), record.size());
            fields.push_back(record.substr(start, end - start));
            start = end + 1;
        }
        ENGINE_ASSERT(fields.size() == 4);  // written by matched() above
        SpooledMatch match;
        match.line_id = std::stoll(std::string(fields[0]));
        match.row_index = static_cast<std::size_t>(std::stoull(std::string(fields[1])));
        match.settlement_cost = Decimal::parse_plain(fields[2]).value();
        if (fields[3] != "-") match.fx_rate = Decimal::parse_plain(fields[3]).value();
        return match;
    }

    std::string name_;
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> file_;
    std::int64_t last_line_id_ = 0;
    std::optional<SpooledMatch> peeked_;
    char* buffer_ = nullptr;
    std::size_t capacity_ = 0;
};

using reports::LineFate;

// Reconciliation totals being built: per import, per (billing account, currency).
using AccountKey = std::pair<std::string, std::string>;
using ImportAccounts = std::map<std::int64_t, std::map<AccountKey, reports::AccountReconciliation>>;

LineFate fate_of(const schema::LineDetail& line, const Period& period, Day contract_start, bool matched) {
    const Day day = day_of(line.charge_period_start);
    if (day < period.start() || day >= period.end_exclusive()) return LineFate::other_periods;
    if (line.superseded) return LineFate::superseded;
    if (matched) return LineFate::matched;
    if (day < contract_start) return LineFate::before_contract;
    if (line.charge_category == "Tax") return LineFate::tax;
    return LineFate::unmatched;
}

void count_line(ImportAccounts& accounts, const schema::LineDetail& line, LineFate fate) {
    auto& account = accounts[line.import_id][AccountKey{line.billing_account_id, line.billing_currency}];
    account.billing_account_id = line.billing_account_id;
    account.currency = line.billing_currency;
    auto& total = account.by_fate[static_cast<std::size_t>(fate)];
    ++total.lines;
    if (line.cost) total.cost += Decimal::parse_plain(*line.cost).value();
    if (fate == LineFate::matched && !line.cost) ++account.matched_empty_cost;
}

struct MergeContext {
    reports::LinesCsvFormatter& formatter;
    std::map<std::int64_t, std::string> file_names;
    StreamingReportFile* lines_csv;
};

// Writes one line's matches and adds them to the row sums; returns the line's settlement-
// currency cost when a row used it (the same for every row that did).
std::optional<Decimal> merge_line(MergeContext& context, MatchSpool& spool, const schema::LineDetail& line,
                std::vector<RowLineSum>& sums) {
    std::optional<Decimal> matched;
    while (spool.peek() && spool.peek()->line_id == line.line_id) {
        const SpooledMatch match = *spool.peek();
        spool.pop();
        matched = match.settlement_cost;
        ENGINE_ASSERT(match.row_index < sums.size());
        sums[match.row_index].lines_cost += match.settlement_cost;
        ++sums[match.row_index].lines;
        if (context.lines_csv == nullptr) continue;
        const reports::MatchedLine cells{
            line.line_id, context.file_names.at(line.import_id), line.source_line, line.charge_period_start,
            line.provider_name, line.billing_account_id, line.sub_account_id, line.service_name, line.sku_meter,
            line.billing_currency, line.cost ? Decimal::parse_plain(*line.cost) : std::nullopt, match.fx_rate,
            match.settlement_cost};
        context.lines_csv->append(context.formatter.matched_line(match.row_index, cells));
    }
    return matched;
}

const rules::Rule& rule_of(const rules::Contract& contract, const settle::StatementRow& row) {
    for (const auto& version : contract.versions) {
        if (version.id != row.version_id) continue;
        for (const auto& rule : version.rules) {
            if (rule.id == row.rule_id) return rule;
        }
    }
    throw Error("internal invariant failed: statement row " + row.version_id + "/" + row.rule_id +
                    " is not in the contract text the run used",
                ExitCode::locked_or_invariant);
}

// The net_of rows: minus the final share of each netted rule's row in the same segment.
void add_net_of(const MergeContext& context, const rules::Contract& contract,
                const std::vector<settle::StatementRow>& stored_rows, std::vector<RowLineSum>& sums) {
    for (std::size_t i = 0; i < sums.size(); ++i) {
        const settle::StatementRow& row = stored_rows[i];
        for (const auto& netted_id : rule_of(contract, row).net_of) {
            for (const auto& netted : stored_rows) {
                if (netted.kind != "current" || netted.segment_start != row.segment_start || netted.rule_id != netted_id) continue;
                sums[i].netted_share += netted.share;
                if (context.lines_csv != nullptr) context.lines_csv->append(context.formatter.net_of(i, netted));
            }
        }
    }
}

std::vector<reports::FileReconciliation> reconciliations(schema::Database& db, const schema::LineSelection& selection,
                                                         ImportAccounts& accounts) {
    std::vector<reports::FileReconciliation> files;
    for (auto& summary : schema::load_imports_touching(db, selection)) {
        const schema::ImportRecord& record = summary.import;
        reports::FileReconciliation file{record.import_id, record.file_name, record.format, record.rows_read,
                                         record.rows_imported, record.rows_quarantined,
                                         std::move(summary.quarantined_by_code), {}};
        for (auto& [key, account] : accounts[record.import_id]) file.accounts.push_back(std::move(account));
        files.push_back(std::move(file));
    }
    return files;
}

}  // namespace

RunLineDetail compute_run_line_detail(schema::Database& db, const schema::StoredRun& run, StreamingReportFile* lines_csv,
                                      const std::optional<std::filesystem::path>& spool_folder) {
    const auto text = schema::load_contract_text(db, run.header.contract_text_id);
    if (!text) {
        throw Error("internal invariant failed: contract text " + std::to_string(run.header.contract_text_id) + " of run " +
                        std::to_string(run.header.run_id) + " is missing",
                    ExitCode::locked_or_invariant);
    }
    const rules::Contract contract = parse_stored_contract(*text);
    const settle::FxTable fx = load_fx_table(db, run.header.fx_high_water);
    MatchSpool spool(spool_folder);
    PeriodRequest request{contract, run.header.period, run.header.import_high_water, fx,
                          stored_cap_totals_before(db, run), run.adjusted_periods, &spool};
    auto result = compute_period_with_adjustments(db, request);
    if (!result.settlement) {
        throw Error("internal invariant failed: run " + std::to_string(run.header.run_id) +
                        " cannot be recomputed: missing FX rates for " + missing_rates_text(result.missing_rates),
                    ExitCode::locked_or_invariant);
    }
    const settle::Settlement& settlement = *result.settlement;
    RunLineDetail detail;
    detail.recomputed_statement_csv = reports::statement_as_csv(reports::StatementView{
        settlement.contract_id, settlement.period, settlement.currency, settlement.rows, settlement.net, settlement.journal});
    std::size_t current_rows = 0;
    while (current_rows < settlement.rows.size() && settlement.rows[current_rows].kind == "current") ++current_rows;
    detail.row_sums.resize(current_rows);

    reports::LinesCsvFormatter formatter({run.header.contract_id, run.header.period, settlement.currency}, settlement.rows);
    const schema::LineSelection selection{run.header.period, contract.cost_column, run.header.import_high_water};
    MergeContext context{formatter, {}, lines_csv};
    for (const auto& summary : schema::load_imports_touching(db, selection)) context.file_names[summary.import.import_id] = summary.import.file_name;
    if (lines_csv != nullptr) lines_csv->append(reports::LinesCsvFormatter::header());

    spool.rewind();
    ImportAccounts accounts;
    const Day contract_start = contract.versions.front().effective_from;
    schema::LineDetailCursor cursor(db, selection);
    for (schema::LineDetail line; cursor.next(line);) {
        const auto matched = merge_line(context, spool, line, detail.row_sums);
        const LineFate fate = fate_of(line, run.header.period, contract_start, matched.has_value());
        count_line(accounts, line, fate);
        if (fate == LineFate::matched) detail.revenue_by_provider[line.provider_name] += *matched;
    }
    if (spool.peek()) {
        throw Error("internal invariant failed: run " + std::to_string(run.header.run_id) + " matched line " +
                        std::to_string(spool.peek()->line_id) + ", which the line detail does not list",
                    ExitCode::locked_or_invariant);
    }
    const auto& rows_for_net_of = run.rows.size() >= current_rows ? run.rows : settlement.rows;
    add_net_of(context, contract, rows_for_net_of, detail.row_sums);
    detail.files = reconciliations(db, selection, accounts);
    return detail;
}

std::vector<std::string> basis_mismatches(const schema::StoredRun& run, const RunLineDetail& detail) {
    std::vector<std::string> problems;
    const std::string name = "run " + std::to_string(run.header.run_id) + " (" + run.header.contract_id + " " +
                             run.header.period.to_string() + ")";
    std::size_t current_rows = 0;
    for (const auto& row : run.rows) current_rows += row.kind == "current" ? 1 : 0;
    if (current_rows != detail.row_sums.size()) {
        problems.push_back(name + ": " + std::to_string(current_rows) + " current statement rows stored, its lines give " +
                           std::to_string(detail.row_sums.size()));
        return problems;
    }
    for (std::size_t i = 0; i < current_rows; ++i) {
        const auto& row = run.rows[i];
        const auto& sum = detail.row_sums[i];
        const std::string what = name + " row " + std::to_string(i + 1) + " (" + format_day(row.segment_start) + " " +
                                 row.version_id + " " + row.rule_id + ")";
        if (sum.basis() != row.basis) {
            std::string message = what + ": stored basis " + row.basis.to_string() + ", its lines sum to " +
                                  sum.lines_cost.to_string();
            if (!sum.netted_share.is_zero()) {
                message += " minus net_of shares " + sum.netted_share.to_string() + " = " + sum.basis().to_string();
            }
            problems.push_back(message);
        }
        if (sum.lines != row.lines) {
            problems.push_back(what + ": stored lines " + std::to_string(row.lines) + ", " + std::to_string(sum.lines) +
                               " lines matched");
        }
    }
    return problems;
}

}  // namespace revshare::app

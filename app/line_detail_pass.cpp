#include "app/line_detail_pass.hpp"

#include "engine/core/assert.hpp"
#include "engine/core/error.hpp"

#include <algorithm>

namespace revshare::app {
namespace {

using reports::LineFate;

constexpr auto column(TextColumn text_column) { return static_cast<std::size_t>(text_column); }

}  // namespace

LineDetailPass::LineDetailPass(schema::Database& db, LineDetailPassOptions options)
    : options_(std::move(options)),
      texts_(db),
      imports_(schema::load_imports_touching(db, options_.selection)),
      cursor_(db, options_.selection),
      row_sums_(options_.current_rows) {
    ENGINE_ASSERT((options_.lines_csv == nullptr) == (options_.formatter == nullptr));
}

bool LineDetailPass::next(settle::LineInput& line) {
    complete_pending();
    while (cursor_.next(line_)) {
        if (!line_.in_selection) {
            count(line_, fate_of(line_, false));
            continue;
        }
        line.line_id = line_.line_id;
        line.charge_period_start = line_.charge_period_start;
        line.text_ids = line_.text_ids;
        line.cost = line_.cost;
        pending_ = true;
        return true;
    }
    return false;
}

void LineDetailPass::read_only(const std::array<bool, text_column_count>& columns) {
    std::array<bool, text_column_count> read = columns;
    for (const TextColumn shown : {TextColumn::ProviderName, TextColumn::BillingAccountId, TextColumn::SubAccountId,
                                   TextColumn::ChargeCategory, TextColumn::ServiceName, TextColumn::SkuMeter,
                                   TextColumn::BillingCurrency}) {
        read[column(shown)] = true;
    }
    cursor_.read_only(read);
}

void LineDetailPass::matched(std::int64_t line_id, std::size_t row_index, const Decimal& converted_cost,
                             const std::optional<Decimal>& fx_rate) {
    ENGINE_ASSERT(pending_);  // the settlement reports the matches of the line it read last
    ENGINE_ASSERT(line_id == line_.line_id);
    if (row_index >= row_sums_.size()) throw options_.not_reproduced;
    matches_.push_back(Match{row_index, converted_cost, fx_rate});
}

void LineDetailPass::finish() {
    complete_pending();
    // The settlement reads every line; should it stop early, the rest is still reconciled.
    while (cursor_.next(line_)) count(line_, fate_of(line_, false));
}

void LineDetailPass::complete_pending() {
    if (!pending_) return;
    pending_ = false;
    const bool matched = !matches_.empty();
    if (matched) {
        write_matches();
        // Every row that used the line used the same converted cost.
        revenue_by_provider_id_[line_.text_ids[column(TextColumn::ProviderName)]] += matches_.back().settlement_cost;
    }
    count(line_, fate_of(line_, matched));
    matches_.clear();
}

void LineDetailPass::write_matches() {
    for (const Match& match : matches_) {
        RowLineSum& sum = row_sums_[match.row_index];
        sum.lines_cost += match.settlement_cost;
        ++sum.lines;
    }
    if (options_.lines_csv == nullptr) return;
    const auto text = [this](TextColumn text_column) -> std::string_view {
        return texts_.text(line_.text_ids[column(text_column)]);
    };
    reports::MatchedLine cells{line_.line_id, file_name(line_.import_id), line_.source_line, line_.charge_period_start,
                               text(TextColumn::ProviderName), text(TextColumn::BillingAccountId),
                               text(TextColumn::SubAccountId), text(TextColumn::ServiceName), text(TextColumn::SkuMeter),
                               text(TextColumn::BillingCurrency), line_.cost, std::nullopt, Decimal()};
    for (const Match& match : matches_) {
        cells.fx_rate = match.fx_rate;
        cells.settlement_cost = match.settlement_cost;
        row_.clear();
        options_.formatter->append_matched_line(match.row_index, cells, row_);
        options_.lines_csv->append(row_);
    }
}

LineFate LineDetailPass::fate_of(const schema::LineDetail& line, bool matched) const {
    const Period& period = options_.selection.period;
    const Day day = day_of(line.charge_period_start);
    if (day < period.start() || day >= period.end_exclusive()) return LineFate::other_periods;
    if (line.superseded) return LineFate::superseded;
    ENGINE_ASSERT(line.in_selection);
    if (matched) return LineFate::matched;
    if (day < options_.contract_start) return LineFate::before_contract;
    if (texts_.text(line.text_ids[column(TextColumn::ChargeCategory)]) == "Tax") return LineFate::tax;
    return LineFate::unmatched;
}

void LineDetailPass::count(const schema::LineDetail& line, LineFate fate) {
    const AccountKey key{line.text_ids[column(TextColumn::BillingAccountId)],
                         line.text_ids[column(TextColumn::BillingCurrency)]};
    reports::AccountReconciliation& account = accounts_[line.import_id][key];
    reports::FateTotal& total = account.by_fate[static_cast<std::size_t>(fate)];
    ++total.lines;
    if (line.cost) total.cost += *line.cost;
    if (fate == LineFate::matched && !line.cost) ++account.matched_empty_cost;
}

const std::string& LineDetailPass::file_name(std::int64_t import_id) const {
    const auto found = std::lower_bound(imports_.begin(), imports_.end(), import_id,
                                        [](const schema::ImportSummary& summary, std::int64_t id) { return summary.import.import_id < id; });
    ENGINE_ASSERT(found != imports_.end() && found->import.import_id == import_id);  // the cursor reads these imports
    return found->import.file_name;
}

std::map<std::string, Decimal> LineDetailPass::revenue_by_provider() const {
    std::map<std::string, Decimal> revenue;
    for (const auto& [provider_id, amount] : revenue_by_provider_id_) revenue[texts_.text(provider_id)] += amount;
    return revenue;
}

std::vector<reports::FileReconciliation> LineDetailPass::reconciliations() const {
    std::vector<reports::FileReconciliation> files;
    for (const schema::ImportSummary& summary : imports_) {
        const schema::ImportRecord& record = summary.import;
        reports::FileReconciliation file{record.import_id, record.file_name, record.format, record.rows_read,
                                         record.rows_imported, record.rows_quarantined, summary.quarantined_by_code, {}};
        // By billing account, then currency, as texts (ids are in insertion order).
        std::map<std::pair<std::string, std::string>, reports::AccountReconciliation> by_text;
        if (const auto found = accounts_.find(record.import_id); found != accounts_.end()) {
            for (const auto& [key, counted] : found->second) {
                std::pair<std::string, std::string> text_key{texts_.text(key.first), texts_.text(key.second)};
                reports::AccountReconciliation& account = by_text[text_key];
                account.billing_account_id = text_key.first;
                account.currency = text_key.second;
                for (std::size_t fate = 0; fate < reports::line_fate_count; ++fate) {
                    account.by_fate[fate].lines += counted.by_fate[fate].lines;
                    account.by_fate[fate].cost += counted.by_fate[fate].cost;
                }
                account.matched_empty_cost += counted.matched_empty_cost;
            }
        }
        for (auto& [key, account] : by_text) file.accounts.push_back(std::move(account));
        files.push_back(std::move(file));
    }
    return files;
}

}  // namespace revshare::app

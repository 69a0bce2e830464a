#include "engine/settle/year_totals.hpp"

#include "engine/core/assert.hpp"

#include <algorithm>
#include <map>
#include <tuple>

namespace revshare::settle {
namespace {

constexpr std::size_t periods_per_quarter = 3;

void add_to(std::optional<RowTotals>& into, const RowTotals& value) {
    if (!into) into = RowTotals{};
    into->lines += value.lines;
    into->basis += value.basis;
    into->share += value.share;
    into->rows += value.rows;
}

void add_to(std::optional<Decimal>& into, const Decimal& value) {
    if (!into) into = Decimal();
    *into += value;
}

// Quarter and total from the per-period cells; the total is also summed from the quarters and
// must be the same (two sums over the same cells, in different groupings).
template <class Cell>
void fill_spans(const std::vector<std::optional<Cell>>& by_period, std::vector<std::optional<Cell>>& by_quarter,
                std::optional<Cell>& total) {
    by_quarter.assign((by_period.size() + periods_per_quarter - 1) / periods_per_quarter, std::nullopt);
    for (std::size_t i = 0; i < by_period.size(); ++i) {
        if (!by_period[i]) continue;
        add_to(by_quarter[i / periods_per_quarter], *by_period[i]);
        add_to(total, *by_period[i]);
    }
    std::optional<Cell> from_quarters;
    for (const auto& quarter : by_quarter) {
        if (quarter) add_to(from_quarters, *quarter);
    }
    ENGINE_ASSERT(from_quarters == total);
}

YearPairKey pair_key(const std::string& currency, const NetRow& row, bool& reversed) {
    reversed = row.to_party < row.from_party;
    return reversed ? YearPairKey{currency, row.to_party, row.from_party} : YearPairKey{currency, row.from_party, row.to_party};
}

// The pair the other way round: who pays over the whole span comes first.
void reverse(YearNetRow& row) {
    std::swap(row.key.first, row.key.second);
    for (auto* cells : {&row.by_period, &row.by_quarter}) {
        for (auto& cell : *cells) {
            if (cell) cell = -*cell;
        }
    }
    row.total = -*row.total;
}

}  // namespace

std::string_view period_run_state_name(PeriodRunState state) {
    switch (state) {
        case PeriodRunState::closed: return "closed";
        case PeriodRunState::draft: return "draft";
        case PeriodRunState::closed_no_run: return "closed-no-run";
        case PeriodRunState::missing: return "missing";
        case PeriodRunState::before_contract: return "before-contract";
    }
    ENGINE_ASSERT(false);
    return "";
}

bool period_run_state_complete(PeriodRunState state) { return state != PeriodRunState::missing; }

std::strong_ordering operator<=>(const YearRowKey& a, const YearRowKey& b) {
    const auto tie = [](const YearRowKey& key) {
        return std::tie(key.currency, key.kind, key.rule_id, key.payer, key.payee, key.owed);
    };
    return tie(a) <=> tie(b);
}

YearTotals compute_year_totals(const std::vector<PeriodStatement>& periods) {
    std::map<YearRowKey, std::vector<std::optional<RowTotals>>> rows;
    std::map<YearPairKey, std::vector<std::optional<Decimal>>> net;
    for (std::size_t i = 0; i < periods.size(); ++i) {
        const PeriodStatement& period = periods[i];
        if (i > 0) ENGINE_ASSERT(period.period == periods[i - 1].period.next());
        for (const StatementRow& row : period.rows) {
            const YearRowKey key{period.currency, row.kind, row.rule_id, row.payer, row.payee, row.owed};
            auto& cells = rows.try_emplace(key, periods.size()).first->second;
            add_to(cells[i], RowTotals{row.lines, row.basis, row.share, 1});
        }
        for (const NetRow& row : period.net) {
            bool reversed = false;
            const YearPairKey key = pair_key(period.currency, row, reversed);
            auto& cells = net.try_emplace(key, periods.size()).first->second;
            add_to(cells[i], reversed ? -row.amount : row.amount);
        }
    }
    YearTotals out;
    for (auto& [key, cells] : rows) {
        YearRow row{key, std::move(cells), {}, std::nullopt};
        fill_spans(row.by_period, row.by_quarter, row.total);
        out.rows.push_back(std::move(row));
    }
    for (auto& [key, cells] : net) {
        YearNetRow row{key, std::move(cells), {}, std::nullopt};
        fill_spans(row.by_period, row.by_quarter, row.total);
        if (row.total && row.total->is_negative()) reverse(row);
        out.net.push_back(std::move(row));
    }
    std::sort(out.net.begin(), out.net.end(), [](const YearNetRow& a, const YearNetRow& b) { return a.key < b.key; });
    return out;
}

}  // namespace revshare::settle

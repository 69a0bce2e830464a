#include "reports/comparison_csv.hpp"

#include "reports/csv_writer.hpp"
#include "reports/row_comparison.hpp"

#include <algorithm>
#include <map>

namespace revshare::reports {
namespace {

const char* status_of(const ComparedRow& row) {
    if (!row.left) return "alternative_only";
    if (!row.right) return "contract_only";
    return "both";
}

std::string pad(const std::string& text, std::size_t width, bool right) {
    if (text.size() >= width) return text;
    const std::string fill(width - text.size(), ' ');
    return right ? fill + text : text + fill;
}

std::string aligned(const std::vector<std::vector<std::string>>& cells, std::size_t first_number) {
    std::vector<std::size_t> widths(cells.front().size(), 0);
    for (const auto& line : cells) {
        for (std::size_t i = 0; i < line.size(); ++i) widths[i] = std::max(widths[i], line[i].size());
    }
    std::string out;
    for (const auto& line : cells) {
        for (std::size_t i = 0; i < line.size(); ++i) out += "  " + pad(line[i], widths[i], i >= first_number);
        out += "\n";
    }
    return out;
}

}  // namespace

std::string comparison_as_csv(const ComparisonView& view) {
    CsvBuilder csv({"period", "contract", "alternative", "rule", "payer", "payee", "currency", "versions",
                    "alternative_versions", "status", "lines", "alternative_lines", "basis", "alternative_basis", "share",
                    "alternative_share", "share_difference"});
    const int places = view.currency.minor_units();
    for (const auto& row : compare_rows(view.rows, view.alternative_rows)) {
        const RowTotals contract = row.left.value_or(RowTotals{});
        const RowTotals alternative = row.right.value_or(RowTotals{});
        csv.text(view.period.to_string()).text(view.contract_id).text(view.alternative_id);
        csv.text(row.rule_id).text(row.payer).text(row.payee).text(view.currency.code());
        csv.text(contract.versions).text(alternative.versions).text(status_of(row));
        csv.number(std::to_string(contract.lines)).number(std::to_string(alternative.lines));
        csv.number(contract.basis.to_string_min_places(places)).number(alternative.basis.to_string_min_places(places));
        csv.number(contract.share.to_string_min_places(places)).number(alternative.share.to_string_min_places(places));
        csv.number((alternative.share - contract.share).to_string_min_places(places));
        csv.end_row();
    }
    return csv.str();
}

std::string comparison_as_table(const ComparisonView& view) {
    const int places = view.currency.minor_units();
    std::vector<std::vector<std::string>> cells = {{"rule", "payer", "payee", view.contract_id, view.alternative_id, "difference"}};
    std::map<std::pair<std::string, std::string>, std::pair<Decimal, Decimal>> by_pair;
    for (const auto& row : compare_rows(view.rows, view.alternative_rows)) {
        const Decimal contract = row.left ? row.left->share : Decimal();
        const Decimal alternative = row.right ? row.right->share : Decimal();
        cells.push_back({row.rule_id, row.payer, row.payee, row.left ? contract.to_string_min_places(places) : "-",
                         row.right ? alternative.to_string_min_places(places) : "-",
                         (alternative - contract).to_string_min_places(places)});
        auto& pair = by_pair[{row.payer, row.payee}];
        pair.first += contract;
        pair.second += alternative;
    }
    std::string out = "compare " + view.period.to_string() + " (" + view.currency.code() + "): " + view.contract_id +
                      " against " + view.alternative_id + "\n" + aligned(cells, 3);
    std::vector<std::vector<std::string>> totals = {{"payer", "payee", view.contract_id, view.alternative_id, "difference"}};
    for (const auto& [pair, shares] : by_pair) {
        totals.push_back({pair.first, pair.second, shares.first.to_string_min_places(places),
                          shares.second.to_string_min_places(places), (shares.second - shares.first).to_string_min_places(places)});
    }
    return out + "total shares per payer and payee:\n" + aligned(totals, 2);
}

}  // namespace revshare::reports

#include "reports/variance_csv.hpp"

#include "reports/csv_writer.hpp"
#include "reports/row_comparison.hpp"

namespace revshare::reports {

namespace {

CsvBuilder variance_builder(const VarianceInput& input, bool keep_table) {
    static const std::vector<settle::StatementRow> none;
    const auto compared = compare_rows(input.rows, input.previous_rows != nullptr ? *input.previous_rows : none);
    CsvBuilder csv({"period", "contract", "previous_period", "kind", "rule", "payer", "payee", "currency", "versions",
                    "previous_versions", "status", "basis", "previous_basis", "basis_change", "basis_change_percent",
                    "share", "previous_share", "share_change", "share_change_percent", "limited_by",
                    "previous_limited_by", "cap_remaining"},
                   keep_table);
    const int places = input.currency.minor_units();
    auto amount = [places](const Decimal& value) { return value.to_string_min_places(places); };
    auto percent = [](const Decimal& change, const Decimal& before) {
        const auto value = percent_change(change, before);
        return value ? value->to_string_min_places(2) : std::string();
    };
    for (const auto& row : compared) {
        const RowTotals now = row.left.value_or(RowTotals{});
        const RowTotals before = row.right.value_or(RowTotals{});
        const char* status = !row.left ? "ended" : !row.right ? "new" : "both";
        csv.text(input.period.to_string()).text(input.contract_id).text(input.period.previous().to_string());
        csv.text(settle::row_kind_name(row.kind)).text(row.rule_id).text(row.payer).text(row.payee);
        csv.text(input.currency.code()).text(now.versions).text(before.versions).text(status);
        csv.number(amount(now.basis)).number(amount(before.basis)).number(amount(now.basis - before.basis));
        csv.number(percent(now.basis - before.basis, before.basis));
        csv.number(amount(now.share)).number(amount(before.share)).number(amount(now.share - before.share));
        csv.number(percent(now.share - before.share, before.share));
        // A limit that acted in either period explains a share that does not follow the basis.
        csv.text(now.limited_by.text()).text(before.limited_by.text());
        csv.number(now.cap_remaining ? amount(*now.cap_remaining) : std::string());
        csv.end_row();
    }
    return csv;
}

}  // namespace

std::string variance_as_csv(const VarianceInput& input) { return variance_builder(input, false).str(); }
ReportTable variance_cells(const VarianceInput& input) { return variance_builder(input, true).table(); }

}  // namespace revshare::reports

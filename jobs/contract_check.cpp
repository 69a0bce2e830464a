#include "jobs/contract_check.hpp"

#include "engine/core/diagnostic.hpp"
#include "engine/rules/line_matcher.hpp"
#include "engine/settle/segments.hpp"
#include "jobs/adjustments.hpp"
#include "jobs/settle_service.hpp"
#include "reports/statement_csv.hpp"
#include "schema/line_values.hpp"
#include "schema/period_lines.hpp"
#include "schema/settlement_store.hpp"

#include <array>
#include <map>
#include <set>

namespace revshare::app {
namespace {

constexpr std::size_t values_shown_max = 10;  // per column, in a warning

// One match table of a rule in force in the period.
struct TableInForce {
    const rules::Rule* rule = nullptr;
    std::size_t index = 0;  // in rule->match
};

std::vector<TableInForce> tables_in_force(const rules::Contract& contract, const Period& period) {
    std::vector<TableInForce> tables;
    for (const auto& segment : settle::compute_segments(contract, period)) {
        for (const auto& rule : segment.version->rules) {
            for (std::size_t i = 0; i < rule.match.size(); ++i) tables.push_back(TableInForce{&rule, i});
        }
    }
    return tables;
}

// The period settled under the contract as settle computes its own rows, stored nothing: the
// one place this check gives the engine its inputs.
PeriodResult settle_in_memory(schema::Database& db, const rules::Contract& contract, const Period& period) {
    const settle::FxTable fx = load_fx_table(db, std::nullopt);
    return compute_period_with_adjustments(
        db, PeriodRequest{.contract = contract,
                          .period = period,
                          .import_high_water = schema::load_import_high_water(db),
                          .fx = fx,
                          .cap_totals_before = schema::load_cap_totals_before(db, contract.id, period),
                          .adjusted_periods = {},
                          .matches = nullptr,
                          .lines = nullptr,
                          .carried = settle::carried_into(contract, period,
                                                          schema::load_rows_posted_before(db, contract.id, period))});
}

// Whether some line of the selection matches each table: the engine's matcher, over one probe
// rule per table (a rule matches a line when its one table does). Stops once every table matched.
std::vector<bool> tables_matched(schema::Database& db, const schema::LineSelection& selection,
                                 const std::vector<TableInForce>& tables) {
    std::vector<rules::Rule> probes(tables.size());
    for (std::size_t i = 0; i < tables.size(); ++i) probes[i].match = {tables[i].rule->match[tables[i].index]};
    rules::LineMatcher matcher(probes);
    schema::PeriodLineSource lines(db, selection);
    std::array<bool, text_column_count> read{};
    for (const TextColumn column : matcher.columns_read()) read[static_cast<std::size_t>(column)] = true;
    lines.read_only(read);
    schema::StoredTextDictionary texts(db);
    std::vector<bool> matched(tables.size(), false);
    std::size_t left = tables.size();
    settle::LineInput line;
    while (left > 0 && lines.next(line)) {
        for (const std::size_t i : matcher.matching_rules(line.text_ids, texts, line.dimensions_id)) {
            if (!matched[i]) --left;
            matched[i] = true;
        }
    }
    return matched;
}

// A pattern or a value as a TOML string: "Azure OpenAI*", "" (and safe to print).
std::string quoted(const std::string& text) {
    std::string escaped;
    for (const char c : text) {
        if (c == '"' || c == '\\') escaped += '\\';
        escaped += c;
    }
    return "\"" + printable(escaped) + "\"";
}

std::string lines_text(std::int64_t lines) { return std::to_string(lines) + (lines == 1 ? " line" : " lines"); }

// `ProviderName = ["Azure"], ServiceName = ["A*", "B"]`, as the table is written.
std::string table_text(const rules::MatchTable& table) {
    std::string text;
    for (const auto& [column, patterns] : table.keys) {
        text += (text.empty() ? "" : ", ") + std::string(text_column_name(column)) + " = [";
        for (std::size_t i = 0; i < patterns.size(); ++i) text += (i == 0 ? "" : ", ") + quoted(patterns[i]);
        text += "]";
    }
    return text;
}

// `ProviderName "Microsoft" (112 lines), "AWS" (108 lines)`: the most frequent values first.
std::string values_text(TextColumn column, const std::vector<schema::TextValueCount>& values) {
    std::string text(text_column_name(column));
    for (std::size_t i = 0; i < values.size() && i < values_shown_max; ++i) {
        text += (i == 0 ? " " : ", ") + quoted(values[i].value) + " (" + lines_text(values[i].lines) + ")";
    }
    if (values.size() > values_shown_max) text += ", and " + std::to_string(values.size() - values_shown_max) + " more";
    return text;
}

std::vector<std::string> unmatched_tables(schema::Database& db, const schema::LineSelection& selection,
                                          const std::vector<TableInForce>& tables) {
    const std::string period = selection.period.to_string();
    if (schema::count_lines_in_selection(db, selection) == 0) {
        if (tables.empty()) return {};
        return {period + " has no current lines, so no match table matches anything (import its exports first)"};
    }
    const std::vector<bool> matched = tables_matched(db, selection, tables);
    std::map<TextColumn, std::vector<schema::TextValueCount>> values;  // read once per column
    std::vector<std::string> messages;
    std::set<std::string> said;
    for (std::size_t i = 0; i < tables.size(); ++i) {
        if (matched[i]) continue;
        const rules::MatchTable& table = tables[i].rule->match[tables[i].index];
        std::string message = "rule \"" + tables[i].rule->id + "\" match table " + std::to_string(tables[i].index + 1) + ": " +
                              table_text(table) + " matches nothing in " + period + "; the data has ";
        for (std::size_t k = 0; k < table.keys.size(); ++k) {
            const TextColumn column = table.keys[k].first;
            if (!values.contains(column)) values[column] = schema::count_text_values(db, column, selection);
            message += (k == 0 ? "" : "; ") + values_text(column, values[column]);
        }
        if (said.insert(message).second) messages.push_back(std::move(message));
    }
    return messages;
}

}  // namespace

ContractCheck check_contract_in_period(schema::Database& db, const rules::Contract& contract, const Period& period) {
    ContractCheck check;
    if (!has_version_in_force(contract, period)) {
        check.version_in_force = false;
        return check;
    }
    refuse_tampered_inputs(db, "contract check");
    const PeriodResult result = settle_in_memory(db, contract, period);
    check.missing_rates = result.missing_rates;
    if (result.settlement) {
        const settle::Settlement& settlement = *result.settlement;
        check.statement_table = reports::statement_as_table(reports::StatementView{
            contract.id, period, contract.currency, settlement.rows, settlement.net, settlement.journal});
    }
    const std::vector<TableInForce> tables = tables_in_force(contract, period);
    check.tables_checked = tables.size();
    const schema::LineSelection selection{period, contract.cost_column, schema::load_import_high_water(db)};
    check.unmatched_tables = unmatched_tables(db, selection, tables);
    return check;
}

}  // namespace revshare::app

// `revshare compare --period YYYY-MM --contract ID --with FILE.toml|ID --out DIR`: settles the
// period under the stored contract and under an alternative (a contract file, or another
// stored contract's id) from the current lines and every stored FX rate, stores nothing,
// writes DIR/<contract>/<period>/comparison.csv and prints the shares side by side.
//
// Lifetime caps. The contract starts from the cap totals of its settled earlier periods, as
// `settle` would. The alternative starts from its own settled totals when it is a stored
// contract with settled earlier periods; otherwise each of its cap groups that has the same
// name as one of the contract's starts from the contract's settled total (what was really paid
// counts against a lifetime cap whatever the terms), and any other group from zero.
// Adjustments for closed periods are not part of a comparison: only the period's own rows.
#include "runtime/prefetch_line_source.hpp"
#include "jobs/adjustments.hpp"
#include "runtime/atomic_file.hpp"
#include "cli/command_support.hpp"
#include "cli/commands.hpp"
#include "jobs/contracts.hpp"
#include "jobs/settle_service.hpp"
#include "engine/rules/contract_parse.hpp"
#include "reports/comparison_csv.hpp"
#include "schema/period_lines.hpp"

#include <SQLiteCpp/Transaction.h>

#include <fstream>
#include <iostream>
#include <sstream>

namespace revshare::app {
namespace {

struct Alternative {
    rules::Contract contract;
    bool stored = false;
};

bool names_a_file(const std::string& with) {
    return with.size() > 5 && with.compare(with.size() - 5, 5, ".toml") == 0;
}

Alternative load_alternative_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error("compare: cannot read --with " + path);
    std::ostringstream text;
    text << in.rdbuf();
    auto parsed = rules::parse_contract(text.str(), path);
    if (!parsed.contract) {
        // Each diagnostic first (rendered escaped, as contract add prints them), then the
        // one-line error: an error message is printed escaped, one line.
        for (const auto& error : parsed.errors) std::cerr << error.render() << "\n";
        throw Error("compare: --with " + path + " is not a valid contract (" + std::to_string(parsed.errors.size()) +
                    (parsed.errors.size() == 1 ? " error" : " errors") + ")");
    }
    return Alternative{std::move(*parsed.contract), false};
}

Alternative load_alternative(schema::Database& db, const std::string& with) {
    if (names_a_file(with)) return load_alternative_file(with);
    const auto stored = schema::load_current_contract(db, with);
    if (!stored) {
        throw Error("compare: --with " + with + " is neither a .toml file nor a stored contract id (see revshare contract list)");
    }
    return Alternative{parse_stored_contract(*stored), true};
}

std::map<std::string, Decimal> alternative_cap_totals(schema::Database& db, const Alternative& alternative,
                                                     const std::map<std::string, Decimal>& contract_totals,
                                                     const Period& period) {
    if (alternative.stored) {
        auto own = schema::load_cap_totals_before(db, alternative.contract.id, period);
        if (!own.empty()) return own;
    }
    std::map<std::string, Decimal> totals;
    for (const auto& group : alternative.contract.cap_groups) {
        if (const auto found = contract_totals.find(group.name); found != contract_totals.end()) totals[group.name] = found->second;
    }
    return totals;
}

// The year totals and recouped amounts a contract carries into the period: from its own
// settled periods when it is stored with some, else from those of the contract compared.
settle::CarriedTotals carried_for(schema::Database& db, const rules::Contract& contract, const std::string& history_of,
                                  const Period& period) {
    auto rows = schema::load_rows_posted_before(db, contract.id, period);
    if (rows.empty()) rows = schema::load_rows_posted_before(db, history_of, period);
    return settle::carried_into(contract, period, rows);
}

std::vector<settle::StatementRow> settle_rows(schema::Database& db, const rules::Contract& contract, const Period& period,
                                              const settle::FxTable& fx, std::map<std::string, Decimal> cap_totals_before,
                                              settle::CarriedTotals carried) {
    schema::PeriodLineSource stored_lines(db,
                                          schema::LineSelection{period, contract.cost_column, schema::load_import_high_water(db)});
    ParallelPeriodLineSource lines(db, stored_lines);  // no match sink: nothing else uses the connection meanwhile
    schema::StoredTextDictionary texts(db);
    auto outcome = settle::compute_settlement(
        settle::SettleInputs{contract, period, lines, texts, fx, std::move(cap_totals_before), nullptr, std::move(carried), {}});
    if (!outcome.settlement) {
        throw Error("compare " + contract.id + " " + period.to_string() +
                    ": missing FX rates into the contract currency for: " + missing_rates_text(outcome.missing_rates));
    }
    return std::move(outcome.settlement->rows);
}

}  // namespace

int command_compare(const GlobalOptions& options, Arguments& arguments) {
    const Period period = parse_period_option("compare", arguments.take_required("period"));
    const std::string contract_id = arguments.take_required("contract");
    const std::string with = arguments.take_required("with");
    const std::filesystem::path out_dir = out_folder_option("compare", arguments);
    (void)arguments.positionals();
    schema::Database db(options.db_path);
    db.make_query_only();  // a comparison never writes
    SQLite::Transaction snapshot(db.sql());
    const auto stored = schema::load_current_contract(db, contract_id);
    if (!stored) throw Error("compare: no contract " + contract_id + " is stored (see revshare contract list)");
    const rules::Contract contract = parse_stored_contract(*stored);
    const Alternative alternative = load_alternative(db, with);
    if (!(alternative.contract.currency == contract.currency)) {
        throw Error("compare: " + contract.id + " settles in " + contract.currency.code() + ", --with " + with + " in " +
                    alternative.contract.currency.code() + "; shares in two currencies cannot be compared");
    }
    refuse_tampered_inputs(db, "compare");
    const settle::FxTable fx = load_fx_table(db, std::nullopt);
    const auto contract_totals = schema::load_cap_totals_before(db, contract.id, period);
    const auto rows = settle_rows(db, contract, period, fx, contract_totals, carried_for(db, contract, contract.id, period));
    const auto alternative_rows =
        settle_rows(db, alternative.contract, period, fx, alternative_cap_totals(db, alternative, contract_totals, period),
                    carried_for(db, alternative.contract, contract.id, period));
    const reports::ComparisonView view{period, contract.currency, contract.id, alternative.contract.id, rows, alternative_rows};
    // Beside the period's reports (report's layout), so that the next period's comparison does
    // not replace this one.
    const std::filesystem::path file = out_dir / contract.id / period.to_string() / "comparison.csv";
    std::filesystem::create_directories(file.parent_path());
    write_file_atomically(file, reports::comparison_as_csv(view));
    if (!options.quiet) std::cout << reports::comparison_as_table(view) << "wrote " << file.string() << "\n";
    return 0;
}

}  // namespace revshare::app

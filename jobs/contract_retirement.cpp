#include "jobs/contract_retirement.hpp"

#include "engine/core/error.hpp"
#include "jobs/clock.hpp"
#include "jobs/contracts.hpp"
#include "jobs/period_states.hpp"
#include "schema/close_store.hpp"
#include "schema/contract_change_store.hpp"
#include "schema/contract_store.hpp"
#include "schema/settlement_store.hpp"

#include <SQLiteCpp/Transaction.h>

namespace revshare::app {
namespace {

schema::StoredContract stored_contract(schema::Database& db, const std::string& contract_id, const std::string& command) {
    auto stored = schema::load_current_contract(db, contract_id);
    if (!stored) throw Error(command + ": no contract '" + contract_id + "' (see revshare contract list)");
    return std::move(*stored);
}

std::string period_list(const std::vector<Period>& periods) {
    std::string text;
    for (const auto& period : periods) text += (text.empty() ? "" : ", ") + period.to_string();
    return text;
}

std::string joined(const std::vector<std::string>& words) {
    std::string text;
    for (const auto& word : words) text += (text.empty() ? "" : ", ") + word;
    return text;
}

// A retirement month must come after every closed month; and once recorded, it only moves earlier.
void check_retirement_month(const PeriodStates& states, const std::string& contract_id, const Period& from) {
    const std::string what = "contract retire: " + contract_id + " --from " + from.to_string();
    if (const auto last = states.last_closed(); last && from <= *last) {
        throw Error(what + ": " + last->to_string() + " is closed, and every month up to it counts as closed; what was "
                    "closed never changes: retire it from " + last->next().to_string() + " or later");
    }
    if (const auto& earlier = states.retired_from(); earlier && from > *earlier) {
        throw Error(what + ": it is retired from " + earlier->to_string() + " already; a retirement only moves earlier "
                    "(there is no un-retiring: add the contract under a new id to settle it again)");
    }
}

}  // namespace

RetireOutcome retire_contract(schema::Database& db, const std::string& contract_id, const std::optional<Period>& from) {
    SQLite::Transaction transaction(db.sql(), SQLite::TransactionBehavior::IMMEDIATE);
    const schema::StoredContract stored = stored_contract(db, contract_id, "contract retire");
    const PeriodStates states(db, parse_stored_contract(stored));
    RetireOutcome outcome;
    outcome.from = from ? *from : (states.last_closed() ? states.last_closed()->next() : states.first_month());
    check_retirement_month(states, contract_id, outcome.from);
    for (const auto& header : schema::load_current_run_headers(db, contract_id)) {
        if (header.period >= outcome.from) outcome.draft_periods.push_back(header.period);
    }
    if (states.retired_from() == outcome.from) return outcome;  // nothing to record
    outcome.earlier_from = states.retired_from();
    std::string detail = "retired from " + outcome.from.to_string();
    if (outcome.earlier_from) detail += ", moved from " + outcome.earlier_from->to_string();
    if (!outcome.draft_periods.empty()) detail += "; open runs left as drafts: " + period_list(outcome.draft_periods);
    (void)schema::append_contract_change(db, schema::ContractChange{.change_id = 0,
                                                                    .contract_id = contract_id,
                                                                    .kind = schema::ContractChangeKind::retire,
                                                                    .from_period = outcome.from,
                                                                    .changed_at = utc_now_text(),
                                                                    .detail = detail,
                                                                    .previous_sha256 = {},
                                                                    .chain_sha256 = {}});
    transaction.commit();
    outcome.stored = true;
    return outcome;
}

bool is_retired_in(schema::Database& db, const std::string& contract_id, const Period& period) {
    const auto from = schema::load_retired_from(db, contract_id);
    return from && period >= *from;
}

std::optional<Period> contract_retired_from(schema::Database& db, const std::string& contract_id) {
    return schema::load_retired_from(db, contract_id);
}

RemoveOutcome remove_contract(schema::Database& db, const std::string& contract_id) {
    SQLite::Transaction transaction(db.sql(), SQLite::TransactionBehavior::IMMEDIATE);
    (void)stored_contract(db, contract_id, "contract remove");
    std::vector<Period> closed;
    for (const auto& close : schema::load_period_closes(db, contract_id)) closed.push_back(close.period);
    if (!closed.empty()) {
        throw Error("contract remove: " + contract_id + " has closed period" + (closed.size() == 1 ? " " : "s ") +
                    period_list(closed) + ", and what was closed is never deleted; nothing was removed (revshare contract "
                    "retire " + contract_id + " stops settling it instead)");
    }
    const schema::DeletedContract deleted = schema::delete_contract(db, contract_id);
    const std::string detail = "deleted " + std::to_string(deleted.text_sha256s.size()) + " contract text" +
                               (deleted.text_sha256s.size() == 1 ? "" : "s") + " (sha256 " + joined(deleted.text_sha256s) +
                               ") and " + std::to_string(deleted.run_periods.size()) + " run" +
                               (deleted.run_periods.size() == 1 ? "" : "s") +
                               (deleted.run_periods.empty() ? "" : " (" + joined(deleted.run_periods) + ")");
    (void)schema::append_contract_change(db, schema::ContractChange{.change_id = 0,
                                                                    .contract_id = contract_id,
                                                                    .kind = schema::ContractChangeKind::remove,
                                                                    .from_period = std::nullopt,
                                                                    .changed_at = utc_now_text(),
                                                                    .detail = detail,
                                                                    .previous_sha256 = {},
                                                                    .chain_sha256 = {}});
    transaction.commit();
    return RemoveOutcome{deleted.text_sha256s, deleted.run_periods};
}

}  // namespace revshare::app

#pragma once
// Closed periods (table period_close): the frozen run of each closed (contract, period) and
// the hash chain that links the closes of a contract, oldest first.
#include "engine/core/period.hpp"
#include "schema/database.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace revshare::schema {

struct PeriodClose {
    std::string contract_id;
    Period period{date::year(2000) / date::January};
    std::int64_t run_id = 0;
    std::string statement_sha256;
    std::int64_t import_high_water = 0;
    std::string contract_sha256;
    std::string previous_chain_sha256;  // "" for the first close of the contract
    std::string chain_sha256;
    std::string closed_at;
};

// The closes of one contract (or of every contract when `contract_id` is empty), by contract
// then period.
[[nodiscard]] std::vector<PeriodClose> load_period_closes(Database& db, const std::string& contract_id);
[[nodiscard]] std::optional<PeriodClose> load_period_close(Database& db, const std::string& contract_id, const Period& period);
// Periods that a closed run of the contract recomputed as never settled (run_adjusted_period
// rows with no closed run), sorted: their late data stays covered even when their lines go.
[[nodiscard]] std::vector<Period> load_never_settled_periods_adjusted_by_closes(Database& db, const std::string& contract_id);
// SHA-256 over the previous close's chain hash and what this close freezes, one field a line:
// previous_chain_sha256, contract_id, period, statement_sha256, import_high_water, contract_sha256.
[[nodiscard]] std::string compute_chain_sha256(const PeriodClose& close);
// Call inside a transaction.
void store_period_close(Database& db, const PeriodClose& close);

// The close record a signature covers, one "name value" line per field, exactly these bytes
// (the evidence pack's close.txt; `openssl pkeyutl -verify -rawin` checks it):
//   revshare close record v1
//   contract_id ID / period YYYY-MM / run_id N / statement_sha256 H / import_high_water N /
//   contract_sha256 H / previous_chain_sha256 H (empty for the first) / chain_sha256 H /
//   closed_at TIME
[[nodiscard]] std::string close_record_text(const PeriodClose& close);

struct CloseSignature {
    std::string contract_id;
    std::string period;             // as stored: a signature whose close is gone still names it
    std::string public_key_sha256;  // revshare::SigningKey::key_id
    std::string signature_hex;
};

// Every stored signature, by contract then period.
[[nodiscard]] std::vector<CloseSignature> load_close_signatures(Database& db);
// Call inside the close's transaction.
void store_close_signature(Database& db, const CloseSignature& signature);

}  // namespace revshare::schema

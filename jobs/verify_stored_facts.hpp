#pragma once
// verify's checks of stored facts against what they were derived from or hashed into: each
// contract text against its SHA-256 and each close's contract hash, each current run's net
// rows against its statement rows, and the closes the audit log recorded against period_close.
#include "schema/database.hpp"
#include "schema/settlement_store.hpp"

#include <string>
#include <vector>

namespace revshare::app {

[[nodiscard]] std::vector<std::string> stored_fact_problems(schema::Database& db);

// The net rows that a run's statement rows give, compared with its stored net rows: empty when
// they agree, else what differs.
[[nodiscard]] std::string net_difference(const schema::StoredRun& run);

}  // namespace revshare::app

#pragma once
// verify's checks of stored facts against what they were derived from or hashed into: each
// contract text against its SHA-256 and each close's contract hash, each current run's net
// rows against its statement rows, the audit log's hash chain, and the closes the audit log
// recorded against period_close.
#include "schema/database.hpp"
#include "schema/settlement_store.hpp"

#include <string>
#include <vector>

namespace revshare::app {

[[nodiscard]] std::vector<std::string> stored_fact_problems(schema::Database& db);

// Chain heads kept outside the database (a close's chain_sha256, as `close` printed it, or an
// audit log entry's): one problem per head the database no longer holds (the chains themselves
// are walked by stored_fact_problems and verify's close-chain check). Someone who rewrites a
// closed period and recomputes every hash inside the database cannot keep an old head in it.
[[nodiscard]] std::vector<std::string> chain_head_problems(schema::Database& db, const std::vector<std::string>& heads);

// The net rows that a run's statement rows give, compared with its stored net rows: empty when
// they agree, else what differs.
[[nodiscard]] std::string net_difference(const schema::StoredRun& run);

}  // namespace revshare::app

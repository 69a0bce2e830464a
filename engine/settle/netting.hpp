#pragma once
// Net (contract.md step 8): for every pair of parties, what one owes the other after
// offsetting the shares in both directions.
#include "engine/settle/statement.hpp"

#include <vector>

namespace revshare::settle {

// One row per pair with a non-zero net, amount > 0, sorted by from_party then to_party
// (byte order). Works on rows of every kind; a memo rule's rows (owed = false) are left out.
[[nodiscard]] std::vector<NetRow> compute_net(const std::vector<StatementRow>& rows);

}  // namespace revshare::settle

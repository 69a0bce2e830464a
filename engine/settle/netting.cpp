#include "engine/settle/netting.hpp"

#include "engine/core/assert.hpp"

#include <algorithm>
#include <map>
#include <tuple>
#include <utility>

namespace revshare::settle {

std::vector<NetRow> compute_net(const std::vector<StatementRow>& rows) {
    // Keyed by the pair in byte order (first < second); the value is what `first` owes
    // `second`, negative when `second` owes `first`.
    std::map<std::pair<std::string, std::string>, Decimal> owed_by_pair;
    for (const StatementRow& row : rows) {
        ENGINE_ASSERT(row.payer != row.payee);
        if (!row.owed) continue;  // a memo rule's row: owed by no one
        if (row.payer < row.payee) {
            owed_by_pair[{row.payer, row.payee}] += row.share;
        } else {
            owed_by_pair[{row.payee, row.payer}] -= row.share;
        }
    }
    std::vector<NetRow> net;
    for (const auto& [pair, owed] : owed_by_pair) {
        if (owed.is_zero()) continue;
        if (owed.sign() > 0) {
            net.push_back(NetRow{pair.first, pair.second, owed});
        } else {
            net.push_back(NetRow{pair.second, pair.first, -owed});
        }
    }
    // std::string compares as unsigned bytes (char_traits<char>::compare), i.e. byte order.
    std::sort(net.begin(), net.end(), [](const NetRow& a, const NetRow& b) {
        return std::tie(a.from_party, a.to_party) < std::tie(b.from_party, b.to_party);
    });
    for (const NetRow& row : net) ENGINE_ASSERT(row.amount.sign() > 0);
    return net;
}

}  // namespace revshare::settle

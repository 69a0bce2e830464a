#pragma once
// `verify-evidence`: re-checks an evidence pack (jobs/evidence_pack.hpp) from its own files,
// with no database of the user's: the MANIFEST and sizes, the close chain and the close record,
// the signatures under the public keys given, the statement's hash, the contract texts' hashes,
// and then re-settles every closed period of the pack, in order, from its deliveries, contract
// texts and FX rates in a scratch database, comparing each statement with its close's
// statement_sha256 and the last one with statement.csv byte for byte.
#include "engine/core/signature.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace revshare::app {

struct EvidenceCheck {
    std::vector<std::string> problems;  // empty: the pack holds
    std::vector<std::string> verified;  // what was checked, for the summary
    std::string statement_diff;         // re-settled (expected) against statement.csv (stored), when they differ
};

// Throws revshare::Error (exit 2) when `dir` is not a folder.
[[nodiscard]] EvidenceCheck check_evidence_pack(const std::filesystem::path& dir, const std::vector<PublicKey>& keys);

}  // namespace revshare::app

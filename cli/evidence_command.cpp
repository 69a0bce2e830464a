// `revshare evidence --period YYYY-MM [--contract ID] --out DIR`: writes the evidence pack of a
// closed period (jobs/evidence_pack.hpp). `revshare verify-evidence DIR [--public-key FILE]`:
// re-checks one from its own files, needing no database (jobs/evidence_check.hpp).
#include "cli/command_support.hpp"
#include "cli/commands.hpp"
#include "jobs/close_signatures.hpp"
#include "jobs/evidence_check.hpp"
#include "jobs/evidence_pack.hpp"
#include "engine/core/diagnostic.hpp"

#include <SQLiteCpp/Transaction.h>

#include <filesystem>
#include <iostream>

namespace revshare::app {

int command_evidence(const GlobalOptions& options, Arguments& arguments) {
    const Period period = parse_period_option("evidence", arguments.take_required("period"));
    const auto contract_id = arguments.take_option("contract");
    std::filesystem::path out = out_folder_option("evidence", arguments).lexically_normal();
    if (out.filename().empty()) out = out.parent_path();  // "pack/" is the folder pack
    if (out.empty() || out == "." || out == "..") throw UsageError("evidence: --out needs a new folder's path");
    (void)arguments.positionals();
    schema::Database db(options.db_path);
    db.make_query_only();
    SQLite::Transaction snapshot(db.sql());  // one consistent read
    const auto contracts = selected_contracts(db, contract_id, "evidence");
    if (contracts.size() != 1) {
        throw UsageError("evidence: " + std::to_string(contracts.size()) + " contracts are stored; name one with --contract ID");
    }
    const auto written = write_evidence_pack(db, contracts.front().contract_id, period, out);
    std::cout << "wrote " << printable(out.string()) << ": the evidence of " << contracts.front().contract_id << " " << period.to_string()
              << " (" << written.files << " files, " << written.deliveries << " deliveries, " << written.closes
              << (written.closes == 1 ? " close" : " closes") << ", chain sha256 " << written.chain_sha256
              << (written.is_signed ? ", signed" : ", not signed") << ")\n";
    return 0;
}

int command_verify_evidence(const GlobalOptions&, Arguments& arguments) {
    std::vector<PublicKey> keys;
    for (const auto& path : arguments.take_options("public-key")) {
        keys.push_back(read_public_key(path, "verify-evidence: --public-key"));
    }
    const auto words = arguments.positionals();
    if (words.size() != 1) throw UsageError("usage: revshare verify-evidence DIR [--public-key FILE]");
    const auto check = check_evidence_pack(words.front(), keys);
    if (!check.problems.empty()) {
        std::cout << "verify-evidence: " << check.problems.size() << (check.problems.size() == 1 ? " problem" : " problems")
                  << ":\n";
        for (const auto& problem : check.problems) std::cout << "  " << printable(problem) << "\n";
        std::cout << check.statement_diff;
        return 1;
    }
    std::cout << "verified evidence " << printable(words.front()) << ":\n";
    for (const auto& item : check.verified) std::cout << "  " << item << "\n";
    return 0;
}

}  // namespace revshare::app

#pragma once
// An evidence pack of one closed period (docs/auditing.md "Evidence packs"): everything an
// auditor needs to re-check the close without revshare's database, in a new folder.
//
//   MANIFEST               SHA-256 of every other file, `sha256sum -c` format, sorted by path
//   files.csv              path,bytes,sha256 of every file but MANIFEST and itself
//   close.txt              the period's close record (schema::close_record_text), the bytes
//                          its signature covers
//   close.sig              the raw 64-byte Ed25519 signature, when the close was signed
//   closes.csv             every close of the contract up to the period, oldest first: the
//                          chain, the FX rates each run read, the signatures
//   contracts/SHA.toml     each contract text those closes used, named by its SHA-256
//   imports.csv            every import up to the period's import high-water mark
//   deliveries/ID-NAME     the bytes each of those imports was delivered as, from the archive
//   fx.csv                 the FX table the period's run read (`date,base,quote,rate`), in
//                          the order stored
//   statement.csv, net.csv, journal.csv, lines.csv, reconciliation.csv, variance.csv,
//   statement.html,
//   statement.xlsx         the period's reports, from its closed run
//   README.txt             how to check it with sha256sum, openssl and revshare verify-evidence
#include "engine/core/period.hpp"
#include "schema/database.hpp"

#include <cstddef>
#include <filesystem>
#include <string>

namespace revshare::app {

namespace evidence_file {
inline constexpr const char* manifest = "MANIFEST";
inline constexpr const char* files = "files.csv";
inline constexpr const char* close_record = "close.txt";
inline constexpr const char* close_signature = "close.sig";
inline constexpr const char* closes = "closes.csv";
inline constexpr const char* contracts = "contracts";
inline constexpr const char* imports = "imports.csv";
inline constexpr const char* deliveries = "deliveries";
inline constexpr const char* fx = "fx.csv";
inline constexpr const char* statement = "statement.csv";
}  // namespace evidence_file

struct EvidencePackWritten {
    std::size_t files = 0;
    std::size_t deliveries = 0;
    std::size_t closes = 0;
    bool is_signed = false;
    std::string chain_sha256;
};

// Writes the pack of `contract_id`'s closed `period` to `out_dir`, which must not exist: built
// in a temporary folder beside it, then renamed, so `out_dir` is whole or absent. Throws
// revshare::Error when the period is not closed (exit 2), or when what the pack would copy no
// longer matches its record (an archived copy, a closed statement, a contract text: exit 3,
// run `revshare verify`).
EvidencePackWritten write_evidence_pack(schema::Database& db, const std::string& contract_id, const Period& period,
                                        const std::filesystem::path& out_dir);

}  // namespace revshare::app

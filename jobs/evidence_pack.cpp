#include "jobs/evidence_pack.hpp"

#include "engine/core/error.hpp"
#include "engine/core/hex.hpp"
#include "engine/core/sha256.hpp"
#include "importers/csv/byte_source.hpp"
#include "jobs/archived_copy.hpp"
#include "jobs/period_reports.hpp"
#include "reports/csv_writer.hpp"
#include "reports/statement_csv.hpp"
#include "runtime/file_digest.hpp"
#include "schema/close_store.hpp"
#include "schema/contract_store.hpp"
#include "schema/fx_store.hpp"
#include "schema/import_store.hpp"
#include "schema/settlement_store.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <unistd.h>

namespace revshare::app {
namespace {

namespace fs = std::filesystem;

Error tampered(const std::string& what) {
    return Error("evidence: " + what + "; run revshare verify", ExitCode::locked_or_invariant);
}

void write_bytes(const fs::path& path, const std::string& bytes) {
    fs::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) throw Error("evidence: cannot write " + path.string());
}

// A delivered file's name as a pack path: letters, digits, '.', '_' and '-' only. A CSV read
// out of a zip is named by its member (the pack holds the member's bytes, not the zip).
std::string delivery_path(const schema::ImportRecord& import) {
    std::string name = fs::path(import.member_name.empty() ? import.file_name : import.member_name).filename().string();
    for (char& c : name) {
        const bool keep = std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '_' || c == '-';
        if (!keep) c = '_';
    }
    if (name.size() > 100) name = name.substr(name.size() - 100);
    char id[32];
    std::snprintf(id, sizeof id, "%06lld", static_cast<long long>(import.import_id));
    return std::string(evidence_file::deliveries) + "/" + id + "-" + (name.empty() ? "delivery" : name);
}

// The delivered bytes, from the archive: a gzip delivery was archived as it came; a plain
// one was compressed, and is decompressed back.
void copy_delivery(const fs::path& archive_dir, const schema::ImportRecord& import, const fs::path& target) {
    if (const auto problem = archived_copy_problem(archive_dir, import)) throw tampered(*problem);
    const fs::path archived = archive_dir / import.archive_name;
    fs::create_directories(target.parent_path());
    if (importers::is_gzip_name(import.file_name)) {
        fs::copy_file(archived, target);
        return;
    }
    auto source = importers::open_byte_source(archived.string());
    std::ofstream out(target, std::ios::binary | std::ios::trunc);
    std::vector<char> buffer(1 << 20);
    while (const std::size_t got = source->read(buffer.data(), buffer.size())) {
        out.write(buffer.data(), static_cast<std::streamsize>(got));
    }
    out.close();
    if (!out) throw Error("evidence: cannot write " + target.string());
}

std::string imports_csv(const std::vector<schema::ImportRecord>& imports) {
    reports::CsvBuilder csv({"import_id", "delivery", "file_name", "format", "bytes", "sha256", "rows_read", "rows_imported",
                             "rows_quarantined", "imported_at", "mapping", "member_name"});
    for (const auto& import : imports) {
        csv.number(std::to_string(import.import_id))
            .text(delivery_path(import))
            .text(import.file_name)
            .text(import.format)
            .number(std::to_string(import.size_bytes))
            .text(import.sha256)
            .number(std::to_string(import.rows_read))
            .number(std::to_string(import.rows_imported))
            .number(std::to_string(import.rows_quarantined))
            .text(import.imported_at)
            .number(std::to_string(import.mapping))
            .text(import.member_name);
        csv.end_row();
    }
    return csv.str();
}

// The closes up to the period, with the number of fx.csv rows each run read and the signature.
std::string closes_csv(schema::Database& db, const std::vector<schema::PeriodClose>& closes) {
    std::map<std::pair<std::string, std::string>, schema::CloseSignature> signatures;
    for (auto& signature : schema::load_close_signatures(db)) {
        signatures.emplace(std::pair(signature.contract_id, signature.period), signature);
    }
    reports::CsvBuilder csv({"contract_id", "period", "run_id", "statement_sha256", "import_high_water", "contract_sha256",
                             "previous_chain_sha256", "chain_sha256", "closed_at", "fx_rates", "public_key_sha256",
                             "signature_hex"});
    for (const auto& close : closes) {
        const auto run = schema::load_run(db, close.run_id);
        if (!run) throw tampered("the run " + std::to_string(close.run_id) + " of closed " + close.period.to_string() + " is gone");
        const auto rates = schema::load_fx_rates_in_stored_order(
            db, run->header.fx_high_water.value_or(schema::load_fx_high_water(db)));
        const auto signature = signatures.find(std::pair(close.contract_id, close.period.to_string()));
        const bool is_signed = signature != signatures.end();
        csv.text(close.contract_id)
            .text(close.period.to_string())
            .number(std::to_string(close.run_id))
            .text(close.statement_sha256)
            .number(std::to_string(close.import_high_water))
            .text(close.contract_sha256)
            .text(close.previous_chain_sha256)
            .text(close.chain_sha256)
            .text(close.closed_at)
            .number(std::to_string(rates.size()))
            .text(is_signed ? signature->second.public_key_sha256 : "")
            .text(is_signed ? signature->second.signature_hex : "");
        csv.end_row();
    }
    return csv.str();
}

std::string fx_csv(const std::vector<FxRate>& rates) {
    std::string text = "date,base,quote,rate\n";
    for (const auto& rate : rates) {
        text += format_day(rate.date) + "," + rate.base + "," + rate.quote + "," + rate.rate.to_string() + "\n";
    }
    return text;
}

void write_contract_texts(schema::Database& db, const std::vector<schema::PeriodClose>& closes, const fs::path& dir) {
    for (const auto& close : closes) {
        const auto run = schema::load_run(db, close.run_id);
        const auto text = run ? schema::load_contract_text(db, run->header.contract_text_id) : std::nullopt;
        if (!text || Sha256::of(text->text) != close.contract_sha256) {
            throw tampered("the contract text closed " + close.period.to_string() + " used no longer hashes to its close's "
                           "contract_sha256 " + close.contract_sha256);
        }
        const fs::path path = dir / evidence_file::contracts / (close.contract_sha256 + ".toml");
        if (!fs::exists(path)) write_bytes(path, text->text);
    }
}

// The period's reports as `report` writes them, moved to the pack's top level; and journal.csv.
void write_reports(schema::Database& db, const schema::StoredRun& run, const fs::path& dir) {
    const fs::path folder = write_period_reports(db, dir / "report.tmp", run, nullptr);
    for (const auto& file : fs::directory_iterator(folder)) fs::rename(file.path(), dir / file.path().filename());
    fs::remove_all(dir / "report.tmp");
    const auto currency = Currency::from_code(run.header.currency);
    if (!currency) throw tampered("run " + std::to_string(run.header.run_id) + " has no known currency");
    write_bytes(dir / "journal.csv", reports::journal_as_csv(reports::StatementView{
                                         run.header.contract_id, run.header.period, *currency, run.rows, run.net, run.journal}));
}

std::string readme(const std::string& contract_id, const Period& period, bool is_signed) {
    return "Evidence pack of the close of " + contract_id + " " + period.to_string() +
           ", written by revshare evidence.\n\n"
           "1. Every file is what the pack was written with:\n\n"
           "       sha256sum -c MANIFEST\n\n"
           "   (files.csv also gives each file's size.)\n\n"
           "2. The close record close.txt was signed by the key you hold" +
           std::string(is_signed ? "" : " (this close was not signed: there is no close.sig)") +
           ":\n\n"
           "       openssl pkeyutl -verify -pubin -inkey revshare.pub -rawin -in close.txt -sigfile close.sig\n\n"
           "   close.txt names statement.csv's SHA-256 (statement_sha256) and the chain hash that links it to\n"
           "   every earlier close (closes.csv); compare statement_sha256 with sha256sum statement.csv.\n\n"
           "3. The statement follows from the deliveries, the contract texts and the FX rates in this pack:\n\n"
           "       revshare verify-evidence . --public-key revshare.pub\n\n"
           "   re-checks all of the above and re-settles every closed period up to this one from the pack's own\n"
           "   files in a scratch database, comparing each statement byte for byte.\n";
}

// files.csv, then MANIFEST, over every file written so far; returns the number of files.
std::size_t write_manifest(const fs::path& dir) {
    std::vector<std::string> paths;
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
        if (entry.is_regular_file()) paths.push_back(fs::relative(entry.path(), dir).generic_string());
    }
    std::sort(paths.begin(), paths.end());
    reports::CsvBuilder files({"path", "bytes", "sha256"});
    std::map<std::string, std::string> sha256_by_path;
    for (const auto& path : paths) {
        const FileDigest digest = digest_file(dir / path);
        files.text(path).number(std::to_string(digest.bytes)).text(digest.sha256);
        files.end_row();
        sha256_by_path[path] = digest.sha256;
    }
    write_bytes(dir / evidence_file::files, files.str());
    sha256_by_path[evidence_file::files] = digest_file(dir / evidence_file::files).sha256;
    std::string manifest;
    for (const auto& [path, sha256] : sha256_by_path) manifest += sha256 + "  " + path + "\n";
    write_bytes(dir / evidence_file::manifest, manifest);
    return sha256_by_path.size() + 1;
}

class PartialFolder {
public:
    explicit PartialFolder(fs::path path) : path_(std::move(path)) { fs::create_directories(path_); }
    ~PartialFolder() {
        std::error_code ignored;
        if (!kept_) fs::remove_all(path_, ignored);
    }
    PartialFolder(const PartialFolder&) = delete;
    PartialFolder& operator=(const PartialFolder&) = delete;
    void rename_to(const fs::path& target) {
        fs::rename(path_, target);
        kept_ = true;
    }
    [[nodiscard]] const fs::path& path() const { return path_; }

private:
    fs::path path_;
    bool kept_ = false;
};

}  // namespace

EvidencePackWritten write_evidence_pack(schema::Database& db, const std::string& contract_id, const Period& period,
                                        const fs::path& out_dir) {
    const auto close = schema::load_period_close(db, contract_id, period);
    const auto all_closes = schema::load_period_closes(db, contract_id);
    if (!close && !all_closes.empty() && period < all_closes.back().period) {
        throw Error("evidence: " + contract_id + " " + period.to_string() + " has no close of its own: it comes before the "
                    "last close (" + all_closes.back().period.to_string() + "), so it counts as closed, and its data is in "
                    "the evidence of the closes after it (revshare evidence --period " +
                    all_closes.back().period.to_string() + ")");
    }
    if (!close) {
        throw Error("evidence: " + contract_id + " " + period.to_string() + " is not closed; an evidence pack is of a closed "
                    "period (revshare close --period " + period.to_string() + ")");
    }
    std::error_code error;
    if (fs::exists(fs::symlink_status(out_dir, error))) {
        throw Error("evidence: " + out_dir.string() + " already exists; an evidence pack is written to a new folder");
    }
    std::vector<schema::PeriodClose> closes;
    for (auto& each : schema::load_period_closes(db, contract_id)) {
        if (each.period <= period) closes.push_back(std::move(each));
    }
    const auto run = schema::load_run(db, close->run_id);
    if (!run || Sha256::of(stored_statement_csv(*run)) != close->statement_sha256) {
        throw tampered("the stored statement of closed " + contract_id + " " + period.to_string() +
                       " no longer hashes to its close's statement_sha256");
    }
    PartialFolder partial(out_dir.string() + ".partial-" + std::to_string(::getpid()));
    const fs::path& dir = partial.path();
    EvidencePackWritten written{.closes = closes.size(), .chain_sha256 = close->chain_sha256};

    std::vector<schema::ImportRecord> imports;
    for (auto& import : schema::load_imports(db)) {
        if (import.import_id <= close->import_high_water) imports.push_back(std::move(import));
    }
    for (const auto& import : imports) copy_delivery(db.archive_dir(), import, dir / delivery_path(import));
    written.deliveries = imports.size();
    write_bytes(dir / evidence_file::imports, imports_csv(imports));
    write_contract_texts(db, closes, dir);
    write_bytes(dir / evidence_file::closes, closes_csv(db, closes));
    write_bytes(dir / evidence_file::fx, fx_csv(schema::load_fx_rates_in_stored_order(
                                             db, run->header.fx_high_water.value_or(schema::load_fx_high_water(db)))));
    write_bytes(dir / evidence_file::close_record, schema::close_record_text(*close));
    for (const auto& signature : schema::load_close_signatures(db)) {
        if (signature.contract_id != contract_id || signature.period != period.to_string()) continue;
        write_bytes(dir / evidence_file::close_signature, from_hex(signature.signature_hex, "the stored signature of " +
                                                                                               contract_id + " " +
                                                                                               period.to_string()));
        written.is_signed = true;
    }
    write_reports(db, *run, dir);
    write_bytes(dir / "README.txt", readme(contract_id, period, written.is_signed));
    written.files = write_manifest(dir);
    partial.rename_to(out_dir);
    return written;
}

}  // namespace revshare::app

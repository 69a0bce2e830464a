#include "jobs/evidence_check.hpp"

#include "engine/core/error.hpp"
#include "engine/core/hex.hpp"
#include "engine/core/sha256.hpp"
#include "engine/rules/contract_parse.hpp"
#include "importers/csv/byte_source.hpp"
#include "importers/csv/csv_reader.hpp"
#include "importers/fx_file.hpp"
#include "jobs/close_period.hpp"
#include "jobs/close_signatures.hpp"
#include "jobs/clock.hpp"
#include "jobs/evidence_pack.hpp"
#include "jobs/import_file.hpp"
#include "jobs/period_reports.hpp"
#include "jobs/settle_service.hpp"
#include "jobs/statement_diff.hpp"
#include "reports/statement_csv.hpp"
#include "schema/import_store.hpp"
#include "runtime/file_digest.hpp"
#include "runtime/scratch_folder.hpp"
#include "runtime/small_file.hpp"
#include "schema/close_store.hpp"
#include "schema/fx_store.hpp"

#include <charconv>
#include <cstdlib>
#include <iostream>
#include <algorithm>
#include <map>
#include <optional>
#include <set>

namespace revshare::app {
namespace {

namespace fs = std::filesystem;
using Problems = std::vector<std::string>;

constexpr std::size_t small_file_limit = 64 * 1024 * 1024;

struct PackClose {
    schema::PeriodClose close;
    std::size_t fx_rates = 0;
    std::string key_id;
    std::string signature_hex;
};

struct PackImport {
    std::int64_t import_id = 0;
    std::string delivery;
    std::string format;
    std::string sha256;
    importers::Mapping mapping = importers::current_mapping;
};

// A CSV file of the pack as rows of cells by column name.
struct PackCsv {
    std::vector<std::map<std::string, std::string>> rows;
};

std::optional<std::int64_t> parse_count(std::string_view text) {
    std::int64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || value < 0) return std::nullopt;
    return value;
}

// A path MANIFEST may name: relative, inside the pack, no '.' or '..' step.
bool safe_pack_path(const std::string& path) {
    if (path.empty() || path.front() == '/') return false;
    for (const auto& step : fs::path(path)) {
        if (step == "." || step == ".." || step.empty()) return false;
    }
    return true;
}

// `columns` is the header revshare writes; a pack written before the last `added_since` columns
// existed may lack them (its rows then have no such cells).
std::optional<PackCsv> read_pack_csv(const fs::path& dir, const std::string& name, const std::vector<std::string>& columns,
                                     Problems& problems, std::size_t added_since = 0) {
    const fs::path path = dir / name;
    if (!fs::is_regular_file(fs::symlink_status(path))) {
        problems.push_back(name + " is missing");
        return std::nullopt;
    }
    importers::CsvReader reader(importers::open_byte_source(path.string()), name);
    importers::CsvRecord record;
    Diagnostic error;
    std::vector<std::string> header;
    PackCsv csv;
    for (auto status = reader.next(record, error); status != importers::CsvReader::Status::end;
         status = reader.next(record, error)) {
        if (status == importers::CsvReader::Status::error) {
            problems.push_back(error.headline());
            return std::nullopt;
        }
        if (header.empty()) {
            header.assign(record.fields.begin(), record.fields.end());
            const bool older = header.size() + added_since >= columns.size() && header.size() < columns.size() &&
                               std::equal(header.begin(), header.end(), columns.begin());
            if (header != columns && !older) {
                problems.push_back(name + ": the header is not the one revshare writes");
                return std::nullopt;
            }
            continue;
        }
        if (record.fields.size() != header.size()) {
            problems.push_back(name + " line " + std::to_string(record.line) + ": " + std::to_string(record.fields.size()) +
                               " fields, the header has " + std::to_string(header.size()));
            return std::nullopt;
        }
        auto& row = csv.rows.emplace_back();
        for (std::size_t i = 0; i < header.size(); ++i) row[header[i]] = std::string(record.fields[i]);
    }
    if (header.empty()) {
        problems.push_back(name + " is empty");
        return std::nullopt;
    }
    return csv;
}

// MANIFEST: every file it names hashes as it says, and it names every file of the pack.
std::set<std::string> check_manifest(const fs::path& dir, Problems& problems, std::vector<std::string>& verified) {
    std::set<std::string> listed;
    const std::string manifest = read_small_file(dir / evidence_file::manifest, small_file_limit, "verify-evidence:");
    std::size_t start = 0;
    std::size_t line = 0;
    std::size_t matched = 0;
    while (start < manifest.size()) {
        const auto end = manifest.find('\n', start);
        const std::string text = manifest.substr(start, end == std::string::npos ? std::string::npos : end - start);
        start = end == std::string::npos ? manifest.size() : end + 1;
        ++line;
        const std::string path = text.size() > 66 ? text.substr(66) : "";
        if (text.size() <= 66 || text.substr(64, 2) != "  " || text.substr(0, 64).find_first_not_of("0123456789abcdef") !=
                                                                   std::string::npos) {
            problems.push_back("MANIFEST line " + std::to_string(line) + ": not 'SHA256  PATH'");
            continue;
        }
        if (!safe_pack_path(path) || path == evidence_file::manifest) {
            problems.push_back("MANIFEST line " + std::to_string(line) + ": '" + path + "' is not a file of the pack");
            continue;
        }
        listed.insert(path);
        if (!fs::is_regular_file(fs::symlink_status(dir / path))) {
            problems.push_back(path + ": listed in MANIFEST, but not in the pack (or not a regular file)");
        } else if (digest_file(dir / path).sha256 != text.substr(0, 64)) {
            problems.push_back(path + ": its SHA-256 is not the one MANIFEST gives (the file was changed)");
        } else {
            ++matched;
        }
    }
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
        const std::string path = fs::relative(entry.path(), dir).generic_string();
        if (fs::is_directory(fs::symlink_status(entry.path()))) continue;
        if (path == evidence_file::manifest || listed.contains(path)) continue;
        problems.push_back(path + ": in the pack, but not listed in MANIFEST (a file was added)");
    }
    verified.push_back(std::to_string(matched) + " files match MANIFEST");
    return listed;
}

// files.csv: each file's size, as MANIFEST's companion.
void check_sizes(const fs::path& dir, const std::set<std::string>& listed, Problems& problems) {
    const auto files = read_pack_csv(dir, evidence_file::files, {"path", "bytes", "sha256"}, problems);
    if (!files) return;
    std::set<std::string> sized;
    for (const auto& row : files->rows) {
        sized.insert(row.at("path"));
        const std::string& path = row.at("path");
        const auto bytes = parse_count(row.at("bytes"));
        if (!listed.contains(path) || !fs::is_regular_file(fs::symlink_status(dir / path))) {
            problems.push_back("files.csv names " + path + ", which MANIFEST does not list");
        } else if (!bytes || fs::file_size(dir / path) != static_cast<std::uintmax_t>(*bytes)) {
            problems.push_back(path + ": files.csv gives " + row.at("bytes") + " bytes, the file has " +
                               std::to_string(fs::file_size(dir / path)));
        }
    }
    for (const auto& path : listed) {
        if (path != evidence_file::files && !sized.contains(path)) problems.push_back(path + ": not in files.csv");
    }
}

std::optional<PackClose> pack_close(const std::map<std::string, std::string>& row, std::size_t line, Problems& problems) {
    const auto period = Period::parse(row.at("period"));
    const auto run_id = parse_count(row.at("run_id"));
    const auto high_water = parse_count(row.at("import_high_water"));
    const auto fx_rates = parse_count(row.at("fx_rates"));
    if (!period || !run_id || !high_water || !fx_rates) {
        problems.push_back("closes.csv row " + std::to_string(line) + ": a period, run_id, import_high_water or fx_rates "
                           "that is not one");
        return std::nullopt;
    }
    return PackClose{.close = schema::PeriodClose{.contract_id = row.at("contract_id"),
                                                  .period = *period,
                                                  .run_id = *run_id,
                                                  .statement_sha256 = row.at("statement_sha256"),
                                                  .import_high_water = *high_water,
                                                  .contract_sha256 = row.at("contract_sha256"),
                                                  .previous_chain_sha256 = row.at("previous_chain_sha256"),
                                                  .chain_sha256 = row.at("chain_sha256"),
                                                  .closed_at = row.at("closed_at")},
                     .fx_rates = static_cast<std::size_t>(*fx_rates),
                     .key_id = row.at("public_key_sha256"),
                     .signature_hex = row.at("signature_hex")};
}

std::vector<PackClose> read_closes(const fs::path& dir, Problems& problems) {
    const auto csv = read_pack_csv(dir, evidence_file::closes,
                                   {"contract_id", "period", "run_id", "statement_sha256", "import_high_water",
                                    "contract_sha256", "previous_chain_sha256", "chain_sha256", "closed_at", "fx_rates",
                                    "public_key_sha256", "signature_hex"},
                                   problems);
    std::vector<PackClose> closes;
    if (!csv) return closes;
    for (std::size_t i = 0; i < csv->rows.size(); ++i) {
        auto close = pack_close(csv->rows[i], i + 1, problems);
        if (!close) return {};
        closes.push_back(std::move(*close));
    }
    if (closes.empty()) problems.push_back("closes.csv has no close");
    return closes;
}

// The chain from the contract's first close to the pack's, and close.txt as its last record.
bool check_chain(const fs::path& dir, const std::vector<PackClose>& closes, Problems& problems) {
    const std::size_t before = problems.size();
    std::string previous;
    for (std::size_t i = 0; i < closes.size(); ++i) {
        const auto& close = closes[i].close;
        const std::string name = "closes.csv " + close.period.to_string();
        if (close.contract_id != closes.front().close.contract_id) problems.push_back(name + ": another contract");
        if (i > 0 && !(closes[i - 1].close.period < close.period)) problems.push_back(name + ": not after the close before");
        if (close.previous_chain_sha256 != previous) {
            problems.push_back(name + ": previous_chain_sha256 is not the chain hash of the close before (the chain is broken)");
        }
        if (schema::compute_chain_sha256(close) != close.chain_sha256) {
            problems.push_back(name + ": chain_sha256 does not match its fields");
        }
        previous = close.chain_sha256;
    }
    const std::string record = read_small_file(dir / evidence_file::close_record, small_file_limit, "verify-evidence:");
    if (!closes.empty() && record != schema::close_record_text(closes.back().close)) {
        problems.push_back("close.txt is not the record of the last close in closes.csv");
    }
    return problems.size() == before;
}

// close.sig over close.txt under one of `keys`; closes.csv's signatures likewise.
void check_signatures(const fs::path& dir, const std::vector<PackClose>& closes, const std::vector<PublicKey>& keys,
                      Problems& problems, std::vector<std::string>& verified) {
    const fs::path signature_path = dir / evidence_file::close_signature;
    const bool has_signature = fs::is_regular_file(fs::symlink_status(signature_path));
    if (keys.empty()) {
        verified.push_back(has_signature ? "the signature is not checked (give --public-key)" : "the close is not signed");
        return;
    }
    if (!has_signature) {
        problems.push_back("close.sig is missing: the close is not signed, and --public-key was given");
        return;
    }
    const std::string record = read_small_file(dir / evidence_file::close_record, small_file_limit, "verify-evidence:");
    const std::string signature = read_small_file(signature_path, small_file_limit, "verify-evidence:");
    const PublicKey* key = key_named(keys, closes.empty() ? "" : closes.back().key_id);
    bool holds = false;
    for (const auto& each : keys) holds = holds || each.verifies(record, signature);
    if (!holds) {
        problems.push_back("close.sig does not hold for close.txt under the public key given (the record or the signature "
                           "was changed, or another key signed it)");
        return;
    }
    for (const auto& close : closes) {
        if (close.key_id.empty()) continue;
        const PublicKey* signer = key_named(keys, close.key_id);
        std::string raw;
        try {
            raw = from_hex(close.signature_hex, "signature");
        } catch (const Error&) {
        }
        if (signer != nullptr && !signer->verifies(schema::close_record_text(close.close), raw)) {
            problems.push_back("closes.csv " + close.close.period.to_string() + ": its signature does not hold");
        }
    }
    verified.push_back("close.sig holds under key " + (key != nullptr ? key->key_id() : keys.front().key_id()));
}

// statement.csv hashes to the close's statement_sha256; each contract text to its name.
void check_hashes(const fs::path& dir, const std::vector<PackClose>& closes, Problems& problems,
                  std::vector<std::string>& verified) {
    if (closes.empty()) return;
    const fs::path statement = dir / evidence_file::statement;
    if (!fs::is_regular_file(fs::symlink_status(statement))) {
        problems.push_back("statement.csv is missing");
    } else if (digest_file(statement).sha256 != closes.back().close.statement_sha256) {
        problems.push_back("statement.csv does not hash to the close's statement_sha256 " +
                           closes.back().close.statement_sha256);
    } else {
        verified.push_back("statement.csv hashes to the close's statement_sha256");
    }
    for (const auto& close : closes) {
        const fs::path text = dir / evidence_file::contracts / (close.close.contract_sha256 + ".toml");
        if (!fs::is_regular_file(fs::symlink_status(text))) {
            problems.push_back("contracts/" + close.close.contract_sha256 + ".toml, the text closed " +
                               close.close.period.to_string() + " used, is missing");
        } else if (digest_file(text).sha256 != close.close.contract_sha256) {
            problems.push_back("contracts/" + close.close.contract_sha256 + ".toml does not hash to its name");
        }
    }
}

std::vector<PackImport> read_imports(const fs::path& dir, const std::set<std::string>& listed, Problems& problems) {
    const auto csv = read_pack_csv(dir, evidence_file::imports,
                                   {"import_id", "delivery", "file_name", "format", "bytes", "sha256", "rows_read",
                                    "rows_imported", "rows_quarantined", "imported_at", "mapping", "member_name"},
                                   problems, 2);  // packs written before imports recorded their mapping: version 1
    std::vector<PackImport> imports;
    if (!csv) return imports;
    for (const auto& row : csv->rows) {
        const auto id = parse_count(row.at("import_id"));
        if (!id || !listed.contains(row.at("delivery")) || !row.at("delivery").starts_with(evidence_file::deliveries)) {
            problems.push_back("imports.csv: import " + row.at("import_id") + " names no delivery of the pack");
            return {};
        }
        const std::string mapping_text = row.contains("mapping") ? row.at("mapping") : std::string("1");
        const auto mapping_number = parse_count(mapping_text);
        const auto mapping = mapping_number ? importers::mapping_from_number(*mapping_number) : std::nullopt;
        if (!mapping) {
            problems.push_back("imports.csv: import " + row.at("import_id") + " gives no mapping version revshare knows ('" +
                               mapping_text + "')");
            return {};
        }
        imports.push_back(PackImport{.import_id = *id,
                                     .delivery = row.at("delivery"),
                                     .format = row.at("format"),
                                     .sha256 = row.at("sha256"),
                                     .mapping = *mapping});
    }
    std::sort(imports.begin(), imports.end(), [](const auto& a, const auto& b) { return a.import_id < b.import_id; });
    return imports;
}

// Every import up to the last close's high-water mark is in the pack once, none after it, and
// every file under deliveries/ is one of them; every contract text is one a close used.
void check_pack_contents(const fs::path& dir, const std::vector<PackClose>& closes, const std::vector<PackImport>& imports,
                         Problems& problems) {
    const std::int64_t high_water = closes.back().close.import_high_water;
    std::set<std::string> deliveries;
    for (std::size_t i = 0; i < imports.size(); ++i) {
        const std::int64_t expected = static_cast<std::int64_t>(i) + 1;
        if (imports[i].import_id != expected) {
            problems.push_back("imports.csv: import " + std::to_string(expected) + " is " +
                               (imports[i].import_id < expected ? "listed twice" : "missing") +
                               " (the pack holds every import up to the close's import high-water mark, once)");
            break;
        }
        deliveries.insert(imports[i].delivery);
    }
    if (static_cast<std::int64_t>(imports.size()) != high_water) {
        problems.push_back("imports.csv lists " + std::to_string(imports.size()) + " imports, the close's import high-water "
                           "mark is " + std::to_string(high_water));
    }
    std::set<std::string> texts;
    for (const auto& close : closes) texts.insert(std::string(evidence_file::contracts) + "/" + close.close.contract_sha256 + ".toml");
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
        const std::string path = fs::relative(entry.path(), dir).generic_string();
        if (fs::is_directory(fs::symlink_status(entry.path()))) continue;
        if (path.starts_with(std::string(evidence_file::deliveries) + "/") && !deliveries.contains(path)) {
            problems.push_back(path + ": a delivery imports.csv does not name");
        }
        if (path.starts_with(std::string(evidence_file::contracts) + "/") && !texts.contains(path)) {
            problems.push_back(path + ": a contract text no close in closes.csv used");
        }
    }
    for (std::size_t i = 1; i < closes.size(); ++i) {
        if (closes[i].fx_rates < closes[i - 1].fx_rates ||
            closes[i].close.import_high_water < closes[i - 1].close.import_high_water) {
            problems.push_back("closes.csv " + closes[i].close.period.to_string() +
                               ": fewer FX rates or imports than the close before it (rates and imports are only added)");
        }
    }
}

// While alive, what the scratch database's jobs print goes nowhere.
class Silenced {
public:
    Silenced() : out_(std::cout.rdbuf(nullptr)), err_(std::cerr.rdbuf(nullptr)) {}
    ~Silenced() {
        std::cout.rdbuf(out_);
        std::cerr.rdbuf(err_);
        std::cout.clear();
        std::cerr.clear();
    }
    Silenced(const Silenced&) = delete;
    Silenced& operator=(const Silenced&) = delete;

private:
    std::streambuf* out_;
    std::streambuf* err_;
};

// The inputs the re-settlement feeds the scratch database, in the order they were delivered.
struct ScratchInputs {
    const fs::path& dir;
    Problems& problems;
    const std::vector<PackImport>& imports;
    const std::vector<FxRate>& rates;
    std::size_t imported = 0;
};

// Everything the close of `close` saw: the deliveries up to its import high-water mark, its FX
// rates, its contract text. Returns a problem, or "".
std::string feed(schema::Database& db, ScratchInputs& inputs, const PackClose& close) {
    for (; inputs.imported < inputs.imports.size() &&
           inputs.imports[inputs.imported].import_id <= close.close.import_high_water;
         ++inputs.imported) {
        const auto& import = inputs.imports[inputs.imported];
        const auto format = importers::format_from_name(import.format);
        if (!format) return import.delivery + ": imports.csv gives no format revshare knows ('" + import.format + "')";
        const auto outcome = import_one(db, (inputs.dir / import.delivery).string(), format, true, import.mapping);
        if (outcome.status != ImportFileOutcome::Status::imported) return import.delivery + ": not imported again";
        const auto record = schema::load_import(db, outcome.import_id);
        if (!record || record->sha256 != import.sha256) {
            inputs.problems.push_back(import.delivery + ": its SHA-256 is not the one imports.csv records for import " +
                                      std::to_string(import.import_id));
        }
    }
    if (close.fx_rates > inputs.rates.size()) return "closes.csv " + close.close.period.to_string() + ": more FX rates than fx.csv has";
    const auto fx = schema::store_fx_rates(db, std::vector<FxRate>(inputs.rates.begin(), inputs.rates.begin() +
                                                                       static_cast<std::ptrdiff_t>(close.fx_rates)), "fx.csv");
    if (!fx.conflicts.empty()) return "fx.csv: conflicting rates";
    const std::string name = "contracts/" + close.close.contract_sha256 + ".toml";
    const std::string text = read_small_file(inputs.dir / name, small_file_limit, "verify-evidence:");
    if (Sha256::of(text) != close.close.contract_sha256) return name + " does not hash to its name";
    const auto parsed = rules::parse_contract(text, name);
    if (!parsed.contract) return name + ": " + parsed.errors.front().headline();
    if (parsed.contract->id != close.close.contract_id) return name + ": the text of another contract";
    (void)schema::store_contract_text(db, schema::StoredContract{.contract_id = parsed.contract->id,
                                                                 .sha256 = close.close.contract_sha256,
                                                                 .text = text,
                                                                 .file_name = name,
                                                                 .added_at = utc_now_text()});
    return "";
}

// Settles and closes `close`'s period in the scratch database; returns its run.
std::optional<schema::StoredRun> settle_again(schema::Database& db, const PackClose& close, Problems& problems) {
    const std::string period = close.close.period.to_string();
    const auto stored = schema::load_current_contract(db, close.close.contract_id);
    if (!stored) return std::nullopt;
    const auto outcome = settle_contract_through(db, *stored, SettleRequest{close.close.period});
    if (outcome.stopped_by_missing_rates()) {
        problems.push_back("re-settling " + period + " from the pack: FX rates are missing");
        return std::nullopt;
    }
    const auto run = schema::load_current_run(db, close.close.contract_id, close.close.period);
    if (!run) return std::nullopt;
    // A close made before statement.csv had its explanation columns hashed the 12-column file.
    schema::StoredRun older_layout = *run;
    older_layout.header.statement_columns = reports::statement_column_count(reports::StatementColumns::before_explanations);
    const bool closed_in_older_layout = Sha256::of(stored_statement_csv(older_layout)) == close.close.statement_sha256;
    if (run->header.statement_sha256 != close.close.statement_sha256 && !closed_in_older_layout) {
        problems.push_back("re-settling " + period + " from the pack's deliveries, contract text and FX rates gives statement "
                           "sha256 " + run->header.statement_sha256 + ", not the " + close.close.statement_sha256 +
                           " its close recorded");
    }
    (void)close_period(db, *stored, *run, true, std::nullopt);
    return run;
}

// The last period's statement.csv, net.csv and journal.csv against the re-settled run's.
void compare_reports(const fs::path& dir, const std::optional<schema::StoredRun>& run, const std::string& closes_statement_sha256,
                     EvidenceCheck& check) {
    const auto currency = run ? Currency::from_code(run->header.currency) : std::nullopt;
    std::map<std::string, std::string> expected;
    if (run && currency) {
        // The layout whose file the close hashed (12 columns when an older revshare closed it).
        reports::StatementView view = stored_statement_view(*run, *currency);
        reports::StatementView older = view;
        older.columns = reports::StatementColumns::before_explanations;
        if (Sha256::of(reports::statement_as_csv(older)) == closes_statement_sha256) view.columns = older.columns;
        expected = {{evidence_file::statement, reports::statement_as_csv(view)},
                    {"net.csv", reports::net_as_csv(view)},
                    {"journal.csv", reports::journal_as_csv(view)}};
    }
    for (const std::string name : {evidence_file::statement, "net.csv", "journal.csv"}) {
        const fs::path path = dir / name;
        const std::string stored = fs::is_regular_file(fs::symlink_status(path))
                                       ? read_small_file(path, small_file_limit, "verify-evidence:")
                                       : std::string();
        if (expected.contains(name) && expected.at(name) == stored) continue;
        check.problems.push_back("re-settling " + (run ? run->header.period.to_string() : std::string("the pack")) +
                                 " from the pack does not give " + name + " byte for byte" +
                                 (name == evidence_file::statement ? " (expected: re-settled; stored: statement.csv)" : ""));
        if (name == evidence_file::statement) check.statement_diff = row_diff(expected[name], stored);
    }
}

void settle_pack_again(const fs::path& dir, const std::vector<PackClose>& closes, const std::vector<PackImport>& imports,
                       EvidenceCheck& check) {
    Problems& problems = check.problems;
    if (!fs::is_regular_file(fs::symlink_status(dir / evidence_file::fx))) {
        problems.push_back("fx.csv is missing or not a regular file");
        return;
    }
    const auto fx = importers::read_fx_file((dir / evidence_file::fx).string(), evidence_file::fx);
    if (!fx.errors.empty()) {
        problems.push_back(fx.errors.front().headline());
        return;
    }
    if (fx.rates.size() != closes.back().fx_rates) {
        problems.push_back("fx.csv holds " + std::to_string(fx.rates.size()) + " rates, the last close's run read " +
                           std::to_string(closes.back().fx_rates));
    }
    const std::size_t before = problems.size();
    ScratchFolder scratch("revshare-evidence", "verify-evidence");
    schema::Database db(scratch.path() / "scratch.db");
    ScratchInputs inputs{.dir = dir, .problems = problems, .imports = imports, .rates = fx.rates};
    std::optional<schema::StoredRun> run;
    for (const auto& close : closes) {
        std::string problem;
        try {
            Silenced silenced;
            problem = feed(db, inputs, close);
            if (problem.empty()) run = settle_again(db, close, problems);
        } catch (const std::exception& error) {  // what the pack's files make the jobs refuse
            problem = error.what();
        }
        if (!problem.empty()) {
            problems.push_back("re-settling " + close.close.period.to_string() + ": " + problem);
            return;
        }
    }
    compare_reports(dir, run, closes.empty() ? std::string() : closes.back().close.statement_sha256, check);
    if (problems.size() == before) {
        check.verified.push_back("re-settling " + std::to_string(closes.size()) + " closed period" + (closes.size() == 1 ? "" : "s") +
                           " from the pack's " + std::to_string(imports.size()) +
                           " deliveries, contract texts and FX rates gives every closed statement, and statement.csv, "
                           "net.csv and journal.csv byte for byte");
    }
}

}  // namespace

EvidenceCheck check_evidence_pack(const fs::path& dir, const std::vector<PublicKey>& keys) {
    if (!fs::is_directory(dir)) throw Error("verify-evidence: " + dir.string() + " is not a folder");
    EvidenceCheck check;
    // A file of the pack that cannot be read as one (missing, a folder, a name too long) is a
    // problem of the pack, named, and the checks that do not need it still run.
    const auto step = [&](const auto& run) {
        try {
            run();
            return true;
        } catch (const std::exception& error) {
            check.problems.push_back(error.what());
            return false;
        }
    };
    std::set<std::string> listed;
    step([&] { listed = check_manifest(dir, check.problems, check.verified); });
    step([&] { check_sizes(dir, listed, check.problems); });
    std::vector<PackClose> closes;
    step([&] { closes = read_closes(dir, check.problems); });
    if (closes.empty()) return check;
    step([&] {
        if (check_chain(dir, closes, check.problems)) {
            check.verified.push_back("the chain of " + std::to_string(closes.size()) + " closes links");
        }
    });
    step([&] { check_signatures(dir, closes, keys, check.problems, check.verified); });
    step([&] { check_hashes(dir, closes, check.problems, check.verified); });
    std::vector<PackImport> imports;
    if (!step([&] { imports = read_imports(dir, listed, check.problems); })) return check;
    step([&] { check_pack_contents(dir, closes, imports, check.problems); });
    step([&] { settle_pack_again(dir, closes, imports, check); });
    return check;
}

}  // namespace revshare::app

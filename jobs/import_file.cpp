// Importing one export file (jobs/import_file.hpp): identify it, skip a copy, read it once
// (hashed and archived as it is read), store its lines and quarantined rows in one transaction.
#include "jobs/import_file.hpp"

#include "runtime/progress.hpp"
#include "engine/core/error.hpp"
#include "engine/core/limits.hpp"
#include "importers/csv/background_byte_sink.hpp"
#include "importers/export_reader.hpp"
#include "jobs/clock.hpp"
#include "jobs/event_conflicts.hpp"
#include "jobs/event_summary.hpp"
#include "runtime/archive.hpp"
#include "runtime/fault_injection.hpp"
#include "jobs/stop_request.hpp"
#include "runtime/import_service_pipeline.hpp"
#include "schema/import_store.hpp"

#include <SQLiteCpp/Transaction.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>

namespace revshare::app {
namespace {

// The kill and change tests' hook (REVSHARE_CHANGE_FILE_AT, runtime/fault_injection.hpp): changes
// the delivery on the reading thread, as its bytes are read, then passes them on.
class ChangeFileHook final : public importers::ByteSink {
public:
    ChangeFileHook(std::filesystem::path delivery, importers::ByteSink* next) : delivery_(std::move(delivery)), next_(next) {}
    void write(std::string_view bytes) override {
        change_file_point("archive-write", delivery_);
        next_->write(bytes);
    }

private:
    std::filesystem::path delivery_;
    importers::ByteSink* next_;
};

constexpr std::size_t diagnostics_shown_max = 20;

std::string period_text(Instant start) { return Period::containing(start).to_string(); }

// The size of `path`, or nullopt when it cannot be read (importers::identify_file says why).
std::optional<std::uint64_t> file_size_of(const std::string& path) {
    std::error_code error;
    const std::uint64_t size = std::filesystem::file_size(path, error);
    if (error) return std::nullopt;
    return size;
}

void print_rejects_summary(const std::map<std::string, std::int64_t>& reasons) {
    std::string text;
    for (const auto& [code, count] : reasons) {
        if (!text.empty()) text += ", ";
        text += std::to_string(count) + " " + code;
    }
    std::cout << "  quarantined: " << text << "\n";
}

// `Microsoft billing account X, billing period 2026-03`, or for a scope that a line's
// sub-account keyed (no billing account): `AWS sub-account 1234 (no billing account), ...`.
std::string scope_text(const schema::ScopeSummary& scope) {
    const bool by_account = scope.key_column == TextColumn::BillingAccountId;
    return printable(scope.provider_name) + (by_account ? " billing account " : " sub-account ") + printable(scope.key_text) +
           (by_account ? "" : " (no billing account)") + ", billing period " + period_text(scope.billing_period_start);
}

// Scopes keyed by a fallback identifier are named, so that a person sees which column decides
// what a later delivery replaces.
void print_fallback_scopes(const std::vector<schema::ScopeSummary>& scopes) {
    std::size_t shown = 0;
    for (const auto& scope : scopes) {
        if (scope.key_column == TextColumn::BillingAccountId) continue;
        if (shown++ < diagnostics_shown_max) {
            std::cout << "  scope keyed by SubAccountId: " << scope_text(scope) << ", " << scope.lines << " lines\n";
        }
    }
    if (shown > diagnostics_shown_max) {
        std::cout << "  ... and " << (shown - diagnostics_shown_max) << " more scopes keyed by SubAccountId\n";
    }
}

// The earlier import of the same bytes, printed as such, or nullopt. `identity` is the file's,
// hashed here (cheap next to parsing it) when a file of its size was imported before: the
// nightly job offers the same files every night. A file of a size never imported cannot be a
// copy, and is hashed as it is parsed instead.
std::optional<ImportFileOutcome> earlier_copy(schema::Database& db, const DeliveryPath& delivery,
                                              std::optional<std::uint64_t> size,
                                              std::optional<importers::FileIdentity>& identity) {
    if (size && !schema::import_of_size_exists(db, static_cast<std::int64_t>(*size))) return std::nullopt;
    identity = importers::identify_file(delivery.path);  // throws, naming the file, when unreadable
    const auto existing = schema::load_import_by_sha256(db, identity->sha256);
    if (!existing) return std::nullopt;
    std::cout << printable(delivery.shown()) << ": already imported as import " << existing->import_id << " ("
              << printable(existing->delivery_name()) << ", " << existing->imported_at << "); nothing changed\n";
    if (const auto later = schema::load_import_superseding(db, existing->import_id)) {
        // The same bytes again do not make an older delivery current: a delivery is
        // identified by its content, and the later one stays what counts.
        std::cout << "  note: import " << later->import_id << " (" << printable(later->delivery_name())
                  << ") has since superseded it and still counts: the same bytes again are not a new delivery\n";
    }
    ImportFileOutcome outcome;
    outcome.status = ImportFileOutcome::Status::already_imported;
    outcome.import_id = existing->import_id;
    return outcome;
}

// The import's row as it starts; a file hashed only as it is parsed gets its SHA-256 at the end
// (ImportWriter::store_identity).
schema::ImportRecord import_header(const DeliveryPath& delivery, std::uint64_t size_bytes,
                                   const std::optional<importers::FileIdentity>& identity, importers::Format format,
                                   importers::Mapping mapping) {
    schema::ImportRecord header;
    header.file_name = delivery.file_name;
    header.member_name = delivery.member_name;
    header.size_bytes = static_cast<std::int64_t>(size_bytes);
    if (identity) header.sha256 = identity->sha256;
    header.format = std::string(importers::format_name(format));
    header.mapping = static_cast<int>(mapping);
    header.imported_at = utc_now_text();
    return header;
}

// What storing the rows met: quarantine reasons and how many rows were shown on stderr.
struct StoredRows {
    std::map<std::string, std::int64_t> reasons;
    std::size_t shown = 0;
    bool refused = false;  // too many unreadable rows: nothing is imported
};

// Stores one quarantined row, printing the first ones; false once there are too many.
bool store_reject(const Diagnostic& error, schema::ImportWriter& writer, StoredRows& stored, const std::string& path) {
    writer.store_reject(error);
    ++stored.reasons[std::string(diagnostic_code_name(error.code))];
    if (stored.shown++ < diagnostics_shown_max) std::cerr << error.render() << "\n";
    if (writer.rejects_stored() > limits::rejects_per_file_max) {
        std::cerr << printable(path) << ": refused: more than " << limits::rejects_per_file_max
                  << " rows cannot be read; this does not look like a usable export. Nothing was imported\n";
        stored.refused = true;
        return false;
    }
    return true;
}

// Stores every line and quarantined row the reader delivers (parsed and mapped on another
// thread meanwhile: runtime/import_service_pipeline.hpp), printing the first rejects.
StoredRows store_rows(importers::ExportReader& reader, schema::ImportWriter& writer, Progress& progress,
                      const std::string& path) {
    StoredRows stored;
    RowPipeline rows(reader);
    while (RowBatch* batch = rows.next()) {
        stop_point("import-batch");  // a stop rolls the file's transaction back whole
        for (std::size_t i = 0; i < batch->count; ++i) {
            ImportRow& row = batch->rows[i];
            if (row.is_line) {
                writer.store_line(row.line, row.encoded);
            } else if (!store_reject(row.error, writer, stored, path)) {
                return stored;
            }
            crash_point("import-row");
        }
        writer.flush();  // the batch's rows are reused once recycled
        progress.update(batch->rows_read, batch->file_bytes_read);
        rows.recycle(batch);
    }
    return stored;
}

bool is_aws_seller(importers::Format format) { return format == importers::Format::aws_marketplace_billing_events; }

// A seller feed, once every row was read and archived: the event ledger decides the events, and
// the rows it found conflicting (conflicting-version) are quarantined with the bytes the archive
// holds. `stored` with those added.
StoredRows resolve_events(schema::Database& db, schema::ImportWriter& writer, const std::string& archive_name,
                          const std::string& shown, StoredRows stored) {
    if (!writer.keyed_by_event()) return stored;
    for (const Diagnostic& conflict : conflicting_version_rows(db.archive_dir() / archive_name, shown, writer.resolve_events())) {
        if (!store_reject(conflict, writer, stored, shown)) break;
    }
    return stored;
}

void print_imported(const std::string& path, const importers::ExportReader& reader, const schema::ImportWriter& writer,
                    const StoredRows& stored, const std::vector<schema::Supersession>& superseded) {
    std::cout << printable(path) << ": imported as import " << writer.import_id() << " ("
              << importers::format_name(reader.format()) << "): ";
    if (reader.rows_read() == 0) {
        std::cout << "0 rows: header only (the delivery holds no charges)\n";
    } else {
        std::cout << reader.rows_read() << " rows read, " << writer.lines_stored() << " lines, " << writer.rejects_stored()
                  << " quarantined\n";
    }
    if (reader.rows_read() > 0) {  // a fallback for a column of no row is nothing to say
        for (const std::string& note : reader.notes()) std::cout << "  note: " << printable(note) << "\n";
    }
    if (stored.shown > diagnostics_shown_max) {
        std::cerr << "... and " << (stored.shown - diagnostics_shown_max)
                  << " more quarantined rows, each kept with its delivered bytes in the quarantine table (import_id "
                  << writer.import_id() << ")\n";
    }
    if (writer.keyed_by_event()) {
        std::cout << "  events: "
                  << event_summary(reader.rows_read(), writer.event_outcomes(), writer.rejects_stored()) << "\n";
    }
    if (!stored.reasons.empty()) print_rejects_summary(stored.reasons);
    if (!writer.keyed_by_event()) print_fallback_scopes(writer.scopes());
    for (const auto& entry : superseded) {
        std::cout << "  supersedes import " << entry.superseded_import_id << " (" << printable(entry.superseded_file_name)
                  << ") for " << scope_text(entry.scope) << ": its " << entry.lines << " lines no longer count\n";
    }
}

// Two CSV members of one zip that deliver the same scope are parts of one delivery (a CUR split
// into -1, -2, ... files): imported one by one, the second would replace the first. Until
// revshare imports such parts as one delivery, the second is refused, naming both.
void refuse_part_superseding_part(const DeliveryPath& delivery, const std::vector<schema::Supersession>& superseded) {
    for (const auto& entry : superseded) {
        if (std::find(delivery.earlier_parts.begin(), delivery.earlier_parts.end(), entry.superseded_import_id) ==
            delivery.earlier_parts.end()) {
            continue;
        }
        throw Error(delivery.shown() + ": delivers " + scope_text(entry.scope) + " as " + entry.superseded_file_name +
                    " (import " + std::to_string(entry.superseded_import_id) +
                    ") of the same zip does: as parts of one delivery they would replace each other, so this member "
                    "was not imported; join the parts into one CSV with one header row and import that");
    }
}

}  // namespace

int ImportFileOutcome::exit_code() const {
    if (status == Status::refused) return 2;
    return quarantined > 0 ? 1 : 0;
}

std::string DeliveryPath::shown() const { return schema::delivery_name(file_name, member_name); }

ImportFileOutcome import_one(schema::Database& db, const std::string& path, std::optional<importers::Format> forced,
                             bool quiet, importers::Mapping mapping) {
    return import_one(db, DeliveryPath{.path = path, .file_name = path, .member_name = "", .earlier_parts = {}}, forced, quiet, mapping);
}

ImportFileOutcome import_one(schema::Database& db, const DeliveryPath& delivery, std::optional<importers::Format> forced,
                             bool quiet, importers::Mapping mapping) {
    const std::string& path = delivery.path;
    const std::string shown = delivery.shown();
    const auto started = std::chrono::steady_clock::now();
    // The one writer from here on (BEGIN IMMEDIATE): whether this content was imported already
    // is decided under the lock, so two runs given the same file cannot both store it.
    // The import writes every row its lines reference (import, scopes, combinations) itself:
    // no foreign-key lookup per line (about 0.3 s per million lines and reference).
    const schema::ForeignKeyChecksOff bulk_load(db);
    SQLite::Transaction transaction(db.sql(), SQLite::TransactionBehavior::IMMEDIATE);
    std::optional<importers::FileIdentity> identity;
    const auto size = file_size_of(path);
    if (auto copy = earlier_copy(db, delivery, size, identity)) return *copy;
    // The file is read once. The thread that reads it for the parser hands every byte on to a
    // thread of its own that hashes it and archives it (compressed), so that the SHA-256, size
    // and archive recorded are those of exactly the bytes parsed, while the parser only reads.
    // The archive is skipped when these bytes (hashed above) are archived already. All three
    // outlive the reader, which writes to them.
    std::optional<ArchiveWriter> archive;
    if (!identity || !std::filesystem::exists(db.archive_dir() / archive_name_for(identity->sha256))) {
        archive.emplace(db.archive_dir(), std::filesystem::path(path));
    }
    importers::HashingSink hashing(archive ? &*archive : nullptr);
    importers::BackgroundByteSink behind(hashing);  // destroyed (joined) before `hashing` and `archive`
    ChangeFileHook hook(path, &behind);
    importers::DeliveredFile delivered(path, {.hash = false, .copy = &hook, .copy_hashes = true});
    Diagnostic error;
    auto reader = importers::ExportReader::open(importers::open_byte_source(delivered), shown, forced, error, mapping);
    if (!reader) {
        std::cerr << error.render() << "\n";
        std::cerr << printable(shown) << ": refused; nothing was imported\n";
        return ImportFileOutcome{};
    }
    const std::uint64_t size_bytes = identity ? identity->size_bytes : *size;
    const schema::ImportRecord header = import_header(delivery, size_bytes, identity, reader->format(), mapping);
    schema::ImportWriter writer(db, header);
    if (importers::is_seller_format(reader->format())) writer.key_by_event(header.format, is_aws_seller(reader->format()));
    Progress progress(shown, size_bytes, quiet);
    const StoredRows stored = store_rows(*reader, writer, progress, shown);
    if (stored.refused) return ImportFileOutcome{};  // the transaction rolls back
    progress.finish();
    // Every byte was read: the reading threads ended with the last batch (batch_pipeline.hpp).
    behind.finish();  // every byte hashed and archived (or the archive's write error raised)
    const importers::FileIdentity parsed = delivered.finish(hashing.hex_digest());  // throws when the file changed
    if (identity && identity->sha256 != parsed.sha256) {
        throw Error(shown + ": the file changed while it was being imported: its bytes are no longer those hashed "
                           "before; import it again once its delivery is complete");
    }
    const std::string archive_name = archive ? archive->commit(parsed.sha256) : archive_name_for(parsed.sha256);
    writer.store_identity(parsed.sha256, static_cast<std::int64_t>(parsed.size_bytes), archive_name);
    const StoredRows stored_all = resolve_events(db, writer, archive_name, shown, stored);
    if (stored_all.refused) return ImportFileOutcome{};  // the transaction rolls back
    const auto superseded = writer.finish(reader->rows_read());
    refuse_part_superseding_part(delivery, superseded);  // rolls back
    crash_point("import-commit");
    transaction.commit();

    print_imported(shown, *reader, writer, stored_all, superseded);
    const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
    spdlog::info("imported {} ({} bytes): {} rows, {} lines, {} quarantined in {} ms", printable(shown), size_bytes,
                 reader->rows_read(), writer.lines_stored(), writer.rejects_stored(), elapsed.count());
    return ImportFileOutcome{.status = ImportFileOutcome::Status::imported,
                             .import_id = writer.import_id(),
                             .rows_read = reader->rows_read(),
                             .lines = writer.lines_stored(),
                             .quarantined = writer.rejects_stored(),
                             .superseded_imports = static_cast<std::int64_t>(superseded.size())};
}

}  // namespace revshare::app

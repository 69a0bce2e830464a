#include "schema/import_store.hpp"

#include "engine/core/assert.hpp"
#include "engine/core/scope_key.hpp"
#include "schema/line_dimensions.hpp"

#include <SQLiteCpp/Statement.h>

#include <algorithm>
#include <span>

namespace revshare::schema {
namespace {

constexpr const char* import_columns =
    "import_id, file_name, size_bytes, sha256, format, rows_read, rows_imported, rows_quarantined, "
    "imported_at, archive_name, mapping, member_name, rows_already_known";

ImportRecord read_import(SQLite::Statement& statement) {
    ImportRecord record;
    record.import_id = statement.getColumn(0).getInt64();
    record.file_name = statement.getColumn(1).getString();
    record.size_bytes = statement.getColumn(2).getInt64();
    record.sha256 = statement.getColumn(3).getString();
    record.format = statement.getColumn(4).getString();
    record.rows_read = statement.getColumn(5).getInt64();
    record.rows_imported = statement.getColumn(6).getInt64();
    record.rows_quarantined = statement.getColumn(7).getInt64();
    record.imported_at = statement.getColumn(8).getString();
    record.archive_name = statement.getColumn(9).getString();
    record.mapping = statement.getColumn(10).getInt64();
    record.member_name = statement.getColumn(11).getString();
    record.rows_already_known = statement.getColumn(12).getInt64();
    return record;
}

std::int64_t seconds(Instant instant) { return instant.time_since_epoch().count(); }

constexpr int line_parameters = 11;

// An INSERT of `rows` lines in one statement.
std::string insert_lines_sql(std::size_t rows) {
    std::string sql =
        "INSERT OR FAIL INTO line (import_id, scope_id, source_line, charge_period_start, charge_period_end, dimensions_id, "
        "billed_cost, effective_cost, list_cost, contracted_cost, consumed_quantity) VALUES ";
    for (std::size_t row = 0; row < rows; ++row) {
        sql += row == 0 ? "(?" : ",(?";
        for (int parameter = 1; parameter < line_parameters; ++parameter) sql += ",?";
        sql += ")";
    }
    return sql;
}

constexpr int dimensions_parameters = 3 + static_cast<int>(stored_text_count);

std::string insert_dimensions_sql() {
    std::string sql = "INSERT INTO line_dimensions (import_id, billing_period_start, billing_period_end";
    for (std::size_t column = 0; column < text_column_count; ++column) sql += std::string(", ") + line_text_column_sql(column);
    sql += ", tags) VALUES (?";
    for (int parameter = 1; parameter < dimensions_parameters; ++parameter) sql += ",?";
    return sql + ")";
}

}  // namespace

std::string delivery_name(const std::string& file_name, const std::string& member_name) {
    return member_name.empty() ? file_name : file_name + ":" + member_name;
}

std::string ImportRecord::delivery_name() const { return schema::delivery_name(file_name, member_name); }

std::optional<ImportRecord> load_import_by_sha256(Database& db, const std::string& sha256) {
    SQLite::Statement query(db.sql(), std::string("SELECT ") + import_columns + " FROM import WHERE sha256 = ?");
    query.bind(1, sha256);
    if (!query.executeStep()) return std::nullopt;
    return read_import(query);
}

std::optional<ImportRecord> load_import(Database& db, std::int64_t import_id) {
    SQLite::Statement query(db.sql(), std::string("SELECT ") + import_columns + " FROM import WHERE import_id = ?");
    query.bind(1, import_id);
    if (!query.executeStep()) return std::nullopt;
    return read_import(query);
}

std::optional<ImportRecord> load_import_superseding(Database& db, std::int64_t import_id) {
    SQLite::Statement query(db.sql(), "SELECT max(superseded_by) FROM import_scope WHERE import_id = ?");
    query.bind(1, import_id);
    if (!query.executeStep() || query.getColumn(0).isNull()) return std::nullopt;
    return load_import(db, query.getColumn(0).getInt64());
}

std::vector<ImportRecord> load_imports(Database& db) {
    SQLite::Statement query(db.sql(), std::string("SELECT ") + import_columns + " FROM import ORDER BY import_id");
    std::vector<ImportRecord> imports;
    while (query.executeStep()) imports.push_back(read_import(query));
    return imports;
}

bool import_of_size_exists(Database& db, std::int64_t size_bytes) {
    SQLite::Statement query(db.sql(), "SELECT 1 FROM import WHERE size_bytes = ? LIMIT 1");
    query.bind(1, size_bytes);
    return query.executeStep();
}

ImportWriter::ImportWriter(Database& db, const ImportRecord& header)
    : db_(db),
      texts_(db),
      insert_line_(db.sql(), insert_lines_sql(1)),
      insert_lines_(db.sql(), insert_lines_sql(lines_per_insert)),
      insert_dimensions_(db.sql(), insert_dimensions_sql()),
      insert_reject_(db.sql(),
                     "INSERT INTO quarantine (import_id, source_line, column_number, field, code, reason, raw) "
                     "VALUES (?,?,?,?,?,?,?)"),
      insert_scope_(db.sql(),
                    "INSERT INTO import_scope (import_id, provider_name, scope_key, key_column, key_text, "
                    "billing_period_start, billing_period_end, lines) VALUES (?,?,?,?,?,?,?,0)") {
    SQLite::Statement insert(db.sql(),
                             "INSERT INTO import (file_name, size_bytes, sha256, format, rows_read, rows_imported, "
                             "rows_quarantined, imported_at, archive_name, mapping, member_name) VALUES (?,?,?,?,0,0,0,?,?,?,?)");
    insert.bind(1, header.file_name);
    insert.bind(2, header.size_bytes);
    // Until store_identity(), a stand-in that no committed import can hold: the row is
    // updated or rolled back before the transaction (the only writer) ends.
    insert.bind(3, header.sha256.empty() ? std::string("pending") : header.sha256);
    insert.bind(4, header.format);
    insert.bind(5, header.imported_at);
    insert.bind(6, header.archive_name);
    insert.bind(7, header.mapping);
    insert.bind(8, header.member_name);
    insert.exec();
    import_id_ = db.sql().getLastInsertRowid();
}

// Consecutive lines mostly share their scope: the previous line's is compared first, on the
// text as delivered (the key is built only when it differs).
std::int64_t ImportWriter::scope_id_for(const UsageRecord& line) {
    // A seller import's scopes only index its lines by period: keyed by the import itself, no
    // other import's scope is ever the same one (formats.md S4).
    const std::optional<TextColumn> column = ledger_ ? std::optional(TextColumn::BillingAccountId) : scope_key_column(line);
    ENGINE_ASSERT(column.has_value());  // the importer quarantines a line without one (ExportReader)
    const std::string& provider = line.get(TextColumn::ProviderName);
    const std::string& key_text = line.get(*column);
    if (last_scope_ != nullptr && last_scope_->summary.billing_period_start == line.billing_period_start &&
        last_scope_->summary.key_column == *column && last_key_text_ == key_text &&
        last_scope_->summary.provider_name == provider) {
        ++last_scope_->summary.lines;
        return last_scope_->scope_id;
    }
    const std::int64_t period_start = seconds(line.billing_period_start);
    ScopeKey key{provider, ledger_ ? "events:import " + std::to_string(import_id_) : scope_key(provider, *column, key_text),
                 period_start};
    auto found = scopes_.find(key);
    if (found == scopes_.end()) {
        insert_scope_.reset();
        insert_scope_.bind(1, import_id_);
        insert_scope_.bind(2, provider);
        insert_scope_.bind(3, std::get<1>(key));
        insert_scope_.bind(4, std::string(text_column_name(*column)));
        insert_scope_.bind(5, key_text);
        insert_scope_.bind(6, period_start);
        insert_scope_.bind(7, seconds(line.billing_period_end));
        insert_scope_.exec();
        Scope scope{db_.sql().getLastInsertRowid(), ScopeSummary{provider, *column, key_text, line.billing_period_start, 0}};
        found = scopes_.emplace(std::move(key), std::move(scope)).first;
    }
    last_scope_ = &found->second;  // std::map: the element stays where it is
    last_key_text_ = key_text;
    ++found->second.summary.lines;
    return found->second.scope_id;
}

std::vector<ScopeSummary> ImportWriter::scopes() const {
    std::vector<ScopeSummary> summaries;
    for (const auto& [key, scope] : scopes_) summaries.push_back(scope.summary);
    return summaries;
}

void ImportWriter::add_new_values(const NewValues& values) {
    for (const std::string& text : values.texts) text_ids_.push_back(texts_.id_of(text));
    SQLite::Statement& s = insert_dimensions_;
    for (const LineDimensions& dimensions : values.dimensions) {
        s.reset();
        int index = 1;
        s.bind(index++, import_id_);
        s.bind(index++, dimensions.billing_period_start);
        s.bind(index++, dimensions.billing_period_end);
        for (const std::uint32_t number : dimensions.texts) {
            ENGINE_ASSERT(number < text_ids_.size());  // the texts come first, in the same call or earlier
            s.bind(index++, text_ids_[number]);
        }
        ENGINE_ASSERT(index == dimensions_parameters + 1);
        s.exec();
        dimensions_ids_.push_back(db_.sql().getLastInsertRowid());
    }
}

void ImportWriter::key_by_event(const std::string& format, bool aws) {
    ENGINE_ASSERT(lines_stored_ == 0 && pending_.empty());
    ledger_ = std::make_unique<EventLedger>(db_, format, aws, import_id_);
}

void ImportWriter::store_line(const UsageRecord& line, EncodedLine& encoded) {
    if (ledger_) {
        ENGINE_ASSERT(!events_resolved_);
        if (ledger_->classify(line).kind != EventRowDecision::Kind::store) {
            ++rows_unstored_;  // counted again by resolve_events(): a repeat, or a conflict
            return;
        }
        ledger_->stored(lines_stored_ + static_cast<std::int64_t>(pending_.size()));
    }
    encoder_.encode(line, encoded, new_values_);
    if (!new_values_.texts.empty() || !new_values_.dimensions.empty()) {
        add_new_values(new_values_);
        new_values_.clear();
    }
    pending_.push_back(PendingLine{&line, &encoded, scope_id_for(line)});
    if (pending_.size() == lines_per_insert) {
        insert_lines(insert_lines_, pending_);
        pending_.clear();
    }
}

void ImportWriter::flush() {
    // The few left over one at a time (a statement per count would be prepared for nothing).
    for (std::size_t i = 0; i < pending_.size(); ++i) insert_lines(insert_line_, std::span(pending_).subspan(i, 1));
    pending_.clear();
}

void ImportWriter::insert_lines(SQLite::Statement& s, std::span<const PendingLine> lines) {
    s.reset();
    int index = 1;
    for (const PendingLine& pending : lines) {
        const UsageRecord& line = *pending.line;
        const EncodedLine& encoded = *pending.encoded;
        s.bind(index++, import_id_);
        s.bind(index++, pending.scope_id);
        s.bind(index++, line.source_line);
        s.bind(index++, seconds(line.charge_period_start));
        s.bind(index++, seconds(line.charge_period_end));
        ENGINE_ASSERT(encoded.dimensions < dimensions_ids_.size());  // add_new_values ran for the batch
        s.bind(index++, dimensions_ids_[encoded.dimensions]);
        for (std::size_t column = 0; column < stored_number_count; ++column) {
            if (encoded.number_present[column]) {
                s.bindNoCopy(index++, encoded.numbers[column]);  // `encoded` outlives the exec below
            } else {
                s.bind(index++);  // NULL: an empty source cell stays empty
            }
        }
    }
    ENGINE_ASSERT(index == static_cast<int>(lines.size()) * line_parameters + 1);
    s.exec();
    // The rows of one INSERT get consecutive rowids, in VALUES order: each new rowid is one
    // more than the largest in the table (line_id has no AUTOINCREMENT and is never given).
    const std::int64_t last_line_id = db_.sql().getLastInsertRowid();
    std::int64_t line_id = last_line_id - static_cast<std::int64_t>(lines.size()) + 1;
    for (const PendingLine& pending : lines) {
        count_scope_period(pending.scope_id, pending.line->charge_period_start, line_id);
        if (ledger_) {
            line_ids_.push_back(line_id);
            line_places_.emplace_back(pending.scope_id, month_start_);
        }
        ++line_id;
    }
    lines_stored_ += static_cast<std::int64_t>(lines.size());
}

void ImportWriter::count_scope_period(std::int64_t scope_id, Instant charge_period_start, std::int64_t line_id) {
    const std::int64_t at = seconds(charge_period_start);
    if (at < month_start_ || at >= month_end_ || month_start_ == month_end_) {
        const Period month = Period::containing(charge_period_start);
        month_start_ = seconds(Instant(month.start()));
        month_end_ = seconds(Instant(month.end_exclusive()));
    }
    PeriodLines& entry = scope_periods_[{scope_id, month_start_}];
    if (entry.lines == 0) entry.first_line_id = line_id;
    ENGINE_ASSERT(line_id > entry.last_line_id);  // one writer, rowids ascending
    entry.last_line_id = line_id;
    ++entry.lines;
}

void ImportWriter::store_scope_periods() {
    SQLite::Statement insert(db_.sql(),
                             "INSERT INTO scope_period (scope_id, period_start, lines, first_line_id, last_line_id) "
                             "VALUES (?,?,?,?,?)");
    for (const auto& [key, entry] : scope_periods_) {
        insert.reset();
        insert.bind(1, key.first);
        insert.bind(2, key.second);
        insert.bind(3, entry.lines);
        insert.bind(4, entry.first_line_id);
        insert.bind(5, entry.last_line_id);
        insert.exec();
    }
}

void ImportWriter::store_identity(const std::string& sha256, std::int64_t size_bytes, const std::string& archive_name) {
    SQLite::Statement update(db_.sql(), "UPDATE import SET sha256 = ?, size_bytes = ?, archive_name = ? WHERE import_id = ?");
    update.bind(1, sha256);
    update.bind(2, size_bytes);
    update.bind(3, archive_name);
    update.bind(4, import_id_);
    update.exec();
}

void ImportWriter::store_reject(const Diagnostic& diagnostic) {
    SQLite::Statement& s = insert_reject_;
    s.reset();
    s.bind(1, import_id_);
    s.bind(2, diagnostic.location.line);
    s.bind(3, diagnostic.location.column);
    s.bind(4, diagnostic.field);
    s.bind(5, std::string(diagnostic_code_name(diagnostic.code)));
    s.bind(6, diagnostic.message);
    s.bind(7, diagnostic.raw_line.data(), static_cast<int>(diagnostic.raw_line.size()));  // BLOB: may be invalid UTF-8
    s.exec();
    ++rejects_stored_;
}

std::vector<EventConflict> ImportWriter::resolve_events() {
    ENGINE_ASSERT(ledger_ && !events_resolved_);
    flush();
    outcomes_ = ledger_->resolve(line_ids_);
    events_resolved_ = true;
    for (const EventConflict& conflict : outcomes_.conflicts) {
        if (conflict.line_id != 0) take_back_line(conflict.line_id);
    }
    // Every row not stored is a repeat or a conflict; conflicts are stored by the caller.
    ENGINE_ASSERT(rows_unstored_ + static_cast<std::int64_t>(line_ids_.size()) ==
                  outcomes_.already_known + static_cast<std::int64_t>(outcomes_.conflicts.size()) + lines_stored_);
    return outcomes_.conflicts;
}

// A line stored for a row that a later row of the file showed to conflict (EventLedger): it is
// deleted, in the import's own transaction, and no longer counted in its scope and month.
void ImportWriter::take_back_line(std::int64_t line_id) {
    const auto found = std::lower_bound(line_ids_.begin(), line_ids_.end(), line_id);
    ENGINE_ASSERT(found != line_ids_.end() && *found == line_id);
    const auto taken = static_cast<std::size_t>(found - line_ids_.begin());
    const auto [scope_id, month] = line_places_[taken];
    line_places_[taken] = {0, 0};  // no scope has id 0: the line is in no entry any more
    SQLite::Statement remove(db_.sql(), "DELETE FROM line WHERE line_id = ? AND import_id = ?");
    remove.bind(1, line_id);
    remove.bind(2, import_id_);
    ENGINE_ASSERT(remove.exec() == 1);
    const auto entry = scope_periods_.find({scope_id, month});
    ENGINE_ASSERT(entry != scope_periods_.end() && entry->second.lines > 0);
    if (--entry->second.lines == 0) {
        scope_periods_.erase(entry);
    } else {
        // The entry's line-id range is its remaining lines' (verify checks it is exact).
        PeriodLines& lines = entry->second;
        lines.first_line_id = 0;
        for (std::size_t i = 0; i < line_ids_.size(); ++i) {
            if (line_places_[i] != std::pair{scope_id, month}) continue;
            if (lines.first_line_id == 0) lines.first_line_id = line_ids_[i];
            lines.last_line_id = line_ids_[i];
        }
    }
    for (auto& [key, scope] : scopes_) {
        if (scope.scope_id == scope_id) --scope.summary.lines;
    }
    --lines_stored_;
}

std::vector<Supersession> ImportWriter::finish(std::int64_t rows_read) {
    flush();
    ENGINE_ASSERT(!ledger_ || events_resolved_);
    ENGINE_ASSERT(rows_read == lines_stored_ + outcomes_.already_known + rejects_stored_);
    SQLite::Statement counts(db_.sql(),
                             "UPDATE import SET rows_read = ?, rows_imported = ?, rows_quarantined = ?, "
                             "rows_already_known = ? WHERE import_id = ?");
    counts.bind(1, rows_read);
    counts.bind(2, lines_stored_ + outcomes_.already_known);
    counts.bind(3, rejects_stored_);
    counts.bind(4, outcomes_.already_known);
    counts.bind(5, import_id_);
    counts.exec();
    store_scope_periods();
    // A scope whose every line was taken back (a seller row that conflicted) is no scope.
    for (auto scope = scopes_.begin(); scope != scopes_.end();) {
        if (scope->second.summary.lines != 0) {
            ++scope;
            continue;
        }
        SQLite::Statement remove(db_.sql(), "DELETE FROM import_scope WHERE scope_id = ?");
        remove.bind(1, scope->second.scope_id);
        remove.exec();
        if (last_scope_ == &scope->second) last_scope_ = nullptr;
        scope = scopes_.erase(scope);
    }

    std::vector<Supersession> superseded;
    SQLite::Statement scope_lines(db_.sql(), "UPDATE import_scope SET lines = ? WHERE scope_id = ?");
    SQLite::Statement older(db_.sql(),
                            "SELECT s.scope_id, s.import_id, i.file_name, s.lines, i.member_name FROM import_scope s "
                            "JOIN import i ON i.import_id = s.import_id WHERE s.provider_name = ? AND "
                            "s.scope_key = ? AND s.billing_period_start = ? AND s.import_id <> ? AND "
                            "s.superseded_by IS NULL ORDER BY s.import_id");
    SQLite::Statement supersede(db_.sql(), "UPDATE import_scope SET superseded_by = ? WHERE scope_id = ?");
    for (const auto& [key, scope] : scopes_) {
        scope_lines.reset();
        scope_lines.bind(1, scope.summary.lines);
        scope_lines.bind(2, scope.scope_id);
        scope_lines.exec();
        older.reset();
        older.bind(1, std::get<0>(key));
        older.bind(2, std::get<1>(key));
        older.bind(3, std::get<2>(key));
        older.bind(4, import_id_);
        std::vector<std::int64_t> scope_ids;  // read first, then update: no writes under an open cursor
        while (older.executeStep()) {
            Supersession entry;
            entry.superseded_import_id = older.getColumn(1).getInt64();
            entry.superseded_file_name = delivery_name(older.getColumn(2).getString(), older.getColumn(4).getString());
            entry.scope = scope.summary;
            entry.lines = older.getColumn(3).getInt64();
            scope_ids.push_back(older.getColumn(0).getInt64());
            superseded.push_back(std::move(entry));
        }
        for (const std::int64_t scope_id : scope_ids) {
            supersede.reset();
            supersede.bind(1, import_id_);
            supersede.bind(2, scope_id);
            supersede.exec();
        }
    }
    return superseded;
}

}  // namespace revshare::schema

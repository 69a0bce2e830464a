#include "schema/event_ledger.hpp"

#include "engine/core/assert.hpp"
#include "engine/core/error.hpp"
#include "engine/core/period.hpp"
#include "engine/core/sha256.hpp"
#include "schema/event_key_hash.hpp"

#include <algorithm>
#include <array>
#include <limits>
#include <tuple>

namespace revshare::schema {
namespace {

constexpr char separator = '\x1f';

std::int64_t seconds(Instant instant) { return instant.time_since_epoch().count(); }

std::string instant_text(std::optional<std::int64_t> value) {
    return value ? format_instant(Instant(std::chrono::seconds(*value))) : std::string("(none)");
}

// The amount as AWS delivered it, appended: the mapper negated a DISBURSED item row's (S1).
void append_delivered_amount(std::string& out, const UsageRecord& line) {
    const auto& cost = line.get(CostColumn::BilledCost);
    if (!cost) return;
    out += line.event.amount_negated ? (-*cost).to_string() : cost->to_string();
}

// The parts of an AWS version's content, in the order content_of joins them.
constexpr std::array<const char*, 4> aws_content_fields = {"action", "transaction_type", "currency", "amount"};

std::vector<std::string_view> split_content(std::string_view content) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    for (;;) {
        const std::size_t end = content.find(separator, start);
        parts.push_back(content.substr(start, end == std::string::npos ? std::string::npos : end - start));
        if (end == std::string::npos) return parts;
        start = end + 1;
    }
}

// The first AWS content field that differs, and both values: `amount` "1250" and "1300".
std::tuple<std::string, std::string, std::string> first_difference(std::string_view known, std::string_view other) {
    const auto a = split_content(known);
    const auto b = split_content(other);
    for (std::size_t i = 0; i < aws_content_fields.size() && i < a.size() && i < b.size(); ++i) {
        if (a[i] != b[i]) return {aws_content_fields[i], std::string(a[i]), std::string(b[i])};
    }
    return {"", "", ""};
}

constexpr std::size_t first_slots = 1024;  // a power of two

std::int32_t narrow_index(std::size_t size, const char* what) {
    if (size >= static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max())) {
        throw Error(std::string("a seller import holds at most 2147483646 ") + what + ": this file has more");
    }
    return static_cast<std::int32_t>(size);
}

}  // namespace

EventLedger::EventLedger(Database& db, std::string format, bool aws, std::int64_t import_id)
    : db_(db),
      format_(std::move(format)),
      aws_(aws),
      import_id_(import_id),
      slots_(first_slots, -1),
      load_(db.sql(),
            "SELECT line_id, import_id, valid_from, update_date, deleted, content, superseded_by FROM event_line "
            "WHERE key_hash = ?1 AND format = ?2 AND event_key = ?3 ORDER BY import_id, line_id"),
      source_line_(db.sql(), "SELECT source_line FROM line WHERE line_id = ?"),
      supersede_(db.sql(), "UPDATE event_line SET superseded_by = ? WHERE line_id = ?") {
    SQLite::Statement any(db.sql(), "SELECT 1 FROM event_line WHERE format = ? LIMIT 1");
    any.bind(1, format_);
    any_stored_ = any.executeStep();
}

std::string event_content(const UsageRecord& line, bool aws) {
    std::string content;
    append_event_content(content, line, aws);
    return content;
}

void append_event_content(std::string& out, const UsageRecord& line, bool aws) {
    if (aws) {
        for (const TextColumn column : {TextColumn::x_MarketplaceAction, TextColumn::x_TransactionType, TextColumn::BillingCurrency}) {
            out += line.get(column);
            out += separator;
        }
        append_delivered_amount(out, line);
        return;
    }
    // Microsoft: the whole normalised line (costs as numbers, dates as instants), digested.
    std::string text;
    for (const std::string& column : line.text) text += column + separator;
    for (const auto& cost : line.cost) text += (cost ? cost->to_string() : std::string()) + separator;
    text += (line.consumed_quantity ? line.consumed_quantity->to_string() : std::string()) + separator;
    for (const Instant instant : {line.billing_period_start, line.billing_period_end, line.charge_period_start,
                                  line.charge_period_end}) {
        text += std::to_string(seconds(instant)) + separator;
    }
    text += line.tags;
    out += Sha256::of(text);
}

std::int32_t EventLedger::event_of(const std::string& key) {
    const std::int64_t hash = event_key_hash(key);
    const std::size_t mask = slots_.size() - 1;
    std::size_t slot = static_cast<std::size_t>(hash) & mask;
    for (; slots_[slot] >= 0; slot = (slot + 1) & mask) {
        const Event& event = events_[static_cast<std::size_t>(slots_[slot])];
        if (event.hash == hash && key_of(event) == key) return slots_[slot];
    }
    const std::int32_t event = add_event(key, hash);
    slots_[slot] = event;
    if (events_.size() * 2 > slots_.size()) {  // at most half full: grow, and place every event again
        std::vector<std::int32_t> slots(slots_.size() * 2, -1);
        const std::size_t grown_mask = slots.size() - 1;
        for (std::size_t i = 0; i < events_.size(); ++i) {
            std::size_t at = static_cast<std::size_t>(events_[i].hash) & grown_mask;
            while (slots[at] >= 0) at = (at + 1) & grown_mask;
            slots[at] = static_cast<std::int32_t>(i);
        }
        slots_ = std::move(slots);
    }
    if (any_stored_) load_stored_versions(event, key, hash);
    return event;
}

std::int32_t EventLedger::add_event(const std::string& key, std::int64_t hash) {
    const std::int32_t index = narrow_index(events_.size(), "events");
    events_.push_back(Event{.hash = hash, .key_at = keys_.size(), .key_size = static_cast<std::uint32_t>(key.size())});
    keys_ += key;
    return index;
}

std::int32_t EventLedger::add_version(std::int32_t event, Version version, std::string_view content) {
    const std::int32_t index = narrow_index(versions_.size(), "event versions");
    version.content_at = contents_.size();
    version.content_size = static_cast<std::uint32_t>(content.size());
    contents_ += content;
    versions_.push_back(version);
    Event& owner = events_[static_cast<std::size_t>(event)];
    if (owner.last >= 0) {
        versions_[static_cast<std::size_t>(owner.last)].next = index;
    } else {
        owner.first = index;
    }
    owner.last = index;
    return index;
}

void EventLedger::load_stored_versions(std::int32_t event, const std::string& key, std::int64_t hash) {
    load_.reset();
    load_.bind(1, hash);
    load_.bind(2, format_);
    load_.bind(3, key);
    while (load_.executeStep()) {
        Version version;
        version.line_id = load_.getColumn(0).getInt64();
        version.import_id = load_.getColumn(1).getInt64();
        if (aws_ && (load_.getColumn(2).isNull() || load_.getColumn(3).isNull())) {
            // Every AWS version is stored with both; a NULL is a hand edit, and the version order is unknown.
            throw Error("event_line of line " + std::to_string(version.line_id) + " (" + format_ + " event " + key +
                            ") has no valid_from or update_date (the event tables were edited): nothing was imported; "
                            "run revshare verify",
                        ExitCode::locked_or_invariant);
        }
        version.valid_from = load_.getColumn(2).getInt64();
        version.update_date = load_.getColumn(3).getInt64();
        version.deleted = load_.getColumn(4).getInt() != 0;
        version.superseded_by = load_.getColumn(6).isNull() ? 0 : load_.getColumn(6).getInt64();
        const SQLite::Column content = load_.getColumn(5);
        add_version(event, version, std::string_view(static_cast<const char*>(content.getBlob()),
                                                     static_cast<std::size_t>(content.getBytes())));
    }
}

std::int32_t EventLedger::same_version(std::int32_t event, const UsageRecord& line) const {
    for (std::int32_t at = events_[static_cast<std::size_t>(event)].first; at >= 0;
         at = versions_[static_cast<std::size_t>(at)].next) {
        const Version& version = versions_[static_cast<std::size_t>(at)];
        if (!aws_) {
            if (version.in_file) return at;  // Microsoft: this file's one row per earning
            continue;
        }
        if (version.valid_from == seconds(*line.event.valid_from) && version.update_date == seconds(*line.event.update_date)) {
            return at;
        }
    }
    return -1;
}

EventLedger::Extra& EventLedger::extra_of(Version& version) {
    if (version.extra < 0) {
        version.extra = narrow_index(extras_.size(), "repeated versions");
        extras_.emplace_back();
    }
    return extras_[static_cast<std::size_t>(version.extra)];
}

std::int64_t EventLedger::stored_source_line(std::int64_t line_id) {
    source_line_.reset();
    source_line_.bind(1, line_id);
    if (!source_line_.executeStep()) {
        throw Error("event_line names line " + std::to_string(line_id) +
                        ", which does not exist (the event tables were edited): nothing was imported; run revshare verify",
                    ExitCode::locked_or_invariant);
    }
    return source_line_.getColumn(0).getInt64();
}

EventConflict EventLedger::stored_conflict(const std::string& key, const Version& known, const std::string& content,
                                           std::int64_t row) {
    auto [field, stored, delivered] = first_difference(content_of(known), content);
    if (field.empty()) {  // the same content: the version is deleted in one delivery only
        field = "delete_date";
        stored = known.deleted ? "set" : "empty";
        delivered = known.deleted ? "none" : "one";
    }
    return EventConflict{
        .source_line = row,
        .line_id = 0,
        .field = field,
        .message = "billing event " + key + ", version (valid_from " + instant_text(known.valid_from) + ", update_date " +
                   instant_text(known.update_date) + "), was delivered with " + field + " " + stored + " (import " +
                   std::to_string(known.import_id) + ", line " + std::to_string(stored_source_line(known.line_id)) +
                   "); this row gives " + delivered +
                   ": one version has one content, so this row is quarantined and the stored version stands"};
}

EventRowDecision EventLedger::classify(const UsageRecord& line) {
    ENGINE_ASSERT(!line.event.empty());  // the seller mappers give every line its event
    ENGINE_ASSERT(!aws_ || (line.event.valid_from && line.event.update_date));
    pending_ = -1;
    const std::int32_t event = event_of(line.event.key);
    content_.clear();  // one buffer for every row's content
    append_event_content(content_, line, aws_);
    const std::string& content = content_;
    const std::int64_t row = line.source_line;
    using Kind = EventRowDecision::Kind;
    if (const std::int32_t same = same_version(event, line); same >= 0) {
        Version& known = versions_[static_cast<std::size_t>(same)];
        // One version has one content, and is deleted or not (a delete_date is part of it).
        const bool repeats_it = content_of(known) == content && known.deleted == line.event.deleted;
        if (known.in_file) {
            if (!known.retracted && repeats_it) {
                extra_of(known).repeats.push_back(row);
                return {Kind::already_known};
            }
            if (!known.retracted && aws_) {
                std::string field = std::get<0>(first_difference(content_of(known), content));
                extra_of(known).conflict_field = field.empty() ? std::string("delete_date") : std::move(field);
            }
            known.retracted = true;
            extra_of(known).conflicting.push_back(row);
            return {Kind::conflicting};
        }
        // AWS: a version stored by an earlier import.
        if (repeats_it) {
            known_rows_.emplace_back(row, known.line_id);
            return {Kind::already_known};
        }
        stored_conflicts_.push_back(stored_conflict(line.event.key, known, content, row));
        return {Kind::conflicting};
    }
    Version version;
    version.in_file = true;
    version.import_id = import_id_;
    version.source_line = row;
    if (aws_) {
        version.valid_from = seconds(*line.event.valid_from);
        version.update_date = seconds(*line.event.update_date);
        version.deleted = line.event.deleted;
    } else {
        // Microsoft: a row equal to the earning's current line repeats it.
        for (std::int32_t at = events_[static_cast<std::size_t>(event)].first; at >= 0;
             at = versions_[static_cast<std::size_t>(at)].next) {
            const Version& stored = versions_[static_cast<std::size_t>(at)];
            if (stored.superseded_by == 0 && content_of(stored) == content) version.known_line_id = stored.line_id;
        }
    }
    const std::int32_t added = add_version(event, version, content);
    if (version.known_line_id != 0) return {Kind::already_known};
    pending_ = added;
    return {Kind::store};
}

void EventLedger::stored(std::int64_t sequence) {
    ENGINE_ASSERT(pending_ >= 0);  // right after classify() said `store`
    versions_[static_cast<std::size_t>(pending_)].sequence = sequence;
    pending_ = -1;
}

std::string EventLedger::describe(const Version& version) const {
    if (!aws_) return "";
    return ", version (valid_from " + instant_text(version.valid_from) + ", update_date " +
           instant_text(version.update_date) + ")";
}

void EventLedger::insert_version(const Event& event, const Version& version, const char* outcome,
                                 std::int64_t superseded_by) {
    if (!insert_) {
        insert_.emplace(db_,
                        "event_line (line_id, import_id, format, event_key, key_hash, valid_from, update_date, "
                        "deleted, content, outcome, superseded_by)",
                        11);
    }
    using Value = BatchedInsert::Value;
    // The texts are the ledger's own (format_, its arenas) and literals: they outlive the flush.
    insert_->add({version.line_id, import_id_, std::string_view(format_), key_of(event), event.hash,
                  aws_ ? Value(version.valid_from) : Value(), aws_ ? Value(version.update_date) : Value(),
                  std::int64_t{version.deleted ? 1 : 0}, content_of(version), std::string_view(outcome),
                  superseded_by != 0 ? Value(superseded_by) : Value()});
}

void EventLedger::insert_known(std::int64_t row, std::int64_t line_id, EventOutcomes& outcomes) {
    if (!insert_known_) insert_known_.emplace(db_, "event_known_row (import_id, source_line, line_id)", 3);
    insert_known_->add({import_id_, row, line_id});
    ++outcomes.already_known;
}

void EventLedger::supersede(Version& version, EventOutcomes& outcomes) {
    SQLite::Statement& update = supersede_;
    update.reset();
    update.bind(1, import_id_);
    update.bind(2, version.line_id);
    update.exec();
    version.superseded_by = import_id_;
    ++outcomes.superseded[version.import_id];
}

namespace {

using VersionKey = std::pair<std::int64_t, std::int64_t>;

}  // namespace

void EventLedger::resolve_aws(const Event& event, EventOutcomes& outcomes) {
    const auto key_of_version = [](const Version& version) { return VersionKey{version.valid_from, version.update_date}; };
    std::optional<VersionKey> latest;
    std::int32_t current = -1;
    for (std::int32_t at = event.first; at >= 0; at = versions_[static_cast<std::size_t>(at)].next) {
        const Version& version = versions_[static_cast<std::size_t>(at)];
        if (version.in_file) continue;
        if (!latest || key_of_version(version) > *latest) {
            latest = key_of_version(version);
            current = at;
        }
    }
    std::vector<std::pair<std::int32_t, const char*>> delivered;
    for (std::int32_t at = event.first; at >= 0; at = versions_[static_cast<std::size_t>(at)].next) {
        const Version& version = versions_[static_cast<std::size_t>(at)];
        if (!version.in_file || version.retracted) continue;
        const char* outcome = "older";
        if (!latest) {
            outcome = "new";
            ++outcomes.new_events;
        } else if (key_of_version(version) > *latest) {
            outcome = "newer";
            ++outcomes.newer_versions;
            if (version.deleted) ++outcomes.deletions;
        } else {
            ++outcomes.older_versions;
        }
        if (!latest || key_of_version(version) > *latest) {
            latest = key_of_version(version);
            current = at;
        }
        delivered.emplace_back(at, outcome);
    }
    if (current >= 0 && versions_[static_cast<std::size_t>(current)].deleted) current = -1;  // a deleted event has no current line
    for (const auto& [at, outcome] : delivered) {
        insert_version(event, versions_[static_cast<std::size_t>(at)], outcome, at == current ? 0 : import_id_);
    }
    for (std::int32_t at = event.first; at >= 0; at = versions_[static_cast<std::size_t>(at)].next) {
        Version& version = versions_[static_cast<std::size_t>(at)];
        if (!version.in_file && version.superseded_by == 0 && at != current) supersede(version, outcomes);
    }
}

void EventLedger::resolve_microsoft(const Event& event, EventOutcomes& outcomes) {
    const Version* delivered = nullptr;
    bool any_stored = false;
    for (std::int32_t at = event.first; at >= 0; at = versions_[static_cast<std::size_t>(at)].next) {
        const Version& version = versions_[static_cast<std::size_t>(at)];
        if (!version.in_file) any_stored = true;
        if (version.in_file && !version.retracted && version.known_line_id == 0) delivered = &version;
    }
    if (delivered == nullptr) return;  // repeated what was known, or quarantined
    if (any_stored) {
        ++outcomes.newer_versions;
    } else {
        ++outcomes.new_events;
    }
    insert_version(event, *delivered, any_stored ? "newer" : "new", 0);
    for (std::int32_t at = event.first; at >= 0; at = versions_[static_cast<std::size_t>(at)].next) {
        Version& version = versions_[static_cast<std::size_t>(at)];
        if (!version.in_file && version.superseded_by == 0) supersede(version, outcomes);
    }
}

void EventLedger::retract(std::string_view key, const Version& version, EventOutcomes& outcomes) const {
    ENGINE_ASSERT(version.extra >= 0);  // a retracted version has the rows that contradicted it
    const Extra& extra = extras_[static_cast<std::size_t>(version.extra)];
    std::vector<std::int64_t> rows = extra.repeats;
    rows.insert(rows.end(), extra.conflicting.begin(), extra.conflicting.end());
    rows.push_back(version.source_line);
    std::sort(rows.begin(), rows.end());
    // The first lines only: every row of the version carries the message (a file repeating one
    // version thousands of times would otherwise store the list thousands of times).
    constexpr std::size_t lines_named = 10;
    std::string lines;
    for (std::size_t i = 0; i < rows.size() && i < lines_named; ++i) lines += (i == 0 ? "" : ", ") + std::to_string(rows[i]);
    if (rows.size() > lines_named) lines += " and " + std::to_string(rows.size() - lines_named) + " more";
    const std::string key_text(key);
    const std::string& conflict_field = extra.conflict_field;
    const std::string message =
        aws_ ? "billing event " + key_text + describe(version) + " is delivered in this file with two contents (its " +
                   (conflict_field.empty() ? std::string("contents") : conflict_field) + " differs; lines " + lines +
                   ") and no earlier delivery has this version: every row of it in this file is quarantined"
             : "earning " + key_text + " is listed in this file with two contents (lines " + lines +
                   "): every row of it in this file is quarantined, and its stored line, if any, stands";
    const std::string field =
        aws_ ? (conflict_field.empty() ? std::string("billing_event_id") : conflict_field) : std::string("earningId");
    for (const std::int64_t row : rows) {
        const bool stored_here = row == version.source_line && version.sequence >= 0;
        outcomes.conflicts.push_back(EventConflict{
            .source_line = row, .line_id = stored_here ? version.line_id : 0, .field = field, .message = message});
    }
}

void EventLedger::resolve_event(const Event& event, EventOutcomes& outcomes, const std::vector<std::int64_t>& line_ids) {
    for (std::int32_t at = event.first; at >= 0; at = versions_[static_cast<std::size_t>(at)].next) {
        Version& version = versions_[static_cast<std::size_t>(at)];
        if (!version.in_file) continue;
        if (version.sequence >= 0) {
            ENGINE_ASSERT(static_cast<std::size_t>(version.sequence) < line_ids.size());
            version.line_id = line_ids[static_cast<std::size_t>(version.sequence)];
        }
        if (version.retracted) {
            retract(key_of(event), version, outcomes);
            continue;
        }
        const std::int64_t line_id = version.known_line_id != 0 ? version.known_line_id : version.line_id;
        if (version.known_line_id != 0) insert_known(version.source_line, line_id, outcomes);
        if (version.extra >= 0) {
            for (const std::int64_t row : extras_[static_cast<std::size_t>(version.extra)].repeats) {
                insert_known(row, line_id, outcomes);
            }
        }
    }
    if (aws_) {
        resolve_aws(event, outcomes);
    } else {
        resolve_microsoft(event, outcomes);
    }
}

EventOutcomes EventLedger::resolve(const std::vector<std::int64_t>& line_ids) {
    EventOutcomes outcomes;
    for (const Event& event : events_) resolve_event(event, outcomes, line_ids);
    for (const auto& [row, line_id] : known_rows_) insert_known(row, line_id, outcomes);
    if (insert_) insert_->flush();
    if (insert_known_) insert_known_->flush();
    outcomes.conflicts.insert(outcomes.conflicts.end(), stored_conflicts_.begin(), stored_conflicts_.end());
    std::sort(outcomes.conflicts.begin(), outcomes.conflicts.end(),
              [](const EventConflict& a, const EventConflict& b) { return a.source_line < b.source_line; });
    return outcomes;
}

}  // namespace revshare::schema

#include "schema/event_ledger.hpp"

#include "engine/core/assert.hpp"
#include "engine/core/error.hpp"
#include "engine/core/period.hpp"
#include "engine/core/sha256.hpp"

#include <algorithm>
#include <array>
#include <tuple>

namespace revshare::schema {
namespace {

constexpr char separator = '\x1f';

std::int64_t seconds(Instant instant) { return instant.time_since_epoch().count(); }

std::string instant_text(std::optional<std::int64_t> value) {
    return value ? format_instant(Instant(std::chrono::seconds(*value))) : std::string("(none)");
}

// The amount as AWS delivered it: a DISBURSED item row's line carries the opposite sign (S1).
std::string delivered_amount(const UsageRecord& line) {
    const auto& cost = line.get(CostColumn::BilledCost);
    if (!cost) return "";
    const std::string& type = line.get(TextColumn::x_TransactionType);
    const bool negated = line.get(TextColumn::x_MarketplaceAction) == "DISBURSED" && type != "DISBURSEMENT" &&
                         type != "DISBURSEMENT_FAILURE";
    return negated ? (-*cost).to_string() : cost->to_string();
}

// The parts of an AWS version's content, in the order content_of joins them.
constexpr std::array<const char*, 4> aws_content_fields = {"action", "transaction_type", "currency", "amount"};

std::vector<std::string> split_content(const std::string& content) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (;;) {
        const std::size_t end = content.find(separator, start);
        parts.push_back(content.substr(start, end == std::string::npos ? std::string::npos : end - start));
        if (end == std::string::npos) return parts;
        start = end + 1;
    }
}

// The first AWS content field that differs, and both values: `amount` "1250" and "1300".
std::tuple<std::string, std::string, std::string> first_difference(const std::string& known, const std::string& other) {
    const auto a = split_content(known);
    const auto b = split_content(other);
    for (std::size_t i = 0; i < aws_content_fields.size() && i < a.size() && i < b.size(); ++i) {
        if (a[i] != b[i]) return {aws_content_fields[i], a[i], b[i]};
    }
    return {"", "", ""};
}

}  // namespace

EventLedger::EventLedger(Database& db, std::string format, bool aws, std::int64_t import_id)
    : db_(db),
      format_(std::move(format)),
      aws_(aws),
      import_id_(import_id),
      load_(db.sql(),
            "SELECT e.line_id, e.import_id, l.source_line, e.valid_from, e.update_date, e.deleted, e.content, "
            "e.superseded_by FROM event_line e JOIN line l ON l.line_id = e.line_id WHERE e.format = ? AND "
            "e.event_key = ? ORDER BY e.import_id, e.line_id"),
      insert_(db.sql(),
              "INSERT INTO event_line (line_id, import_id, format, event_key, valid_from, update_date, deleted, content, "
              "outcome, superseded_by) VALUES (?,?,?,?,?,?,?,?,?,?)"),
      supersede_(db.sql(), "UPDATE event_line SET superseded_by = ? WHERE line_id = ?") {
    SQLite::Statement any(db.sql(), "SELECT 1 FROM event_line WHERE format = ? LIMIT 1");
    any.bind(1, format_);
    any_stored_ = any.executeStep();
}

std::string EventLedger::content_of(const UsageRecord& line) const { return event_content(line, aws_); }

std::string event_content(const UsageRecord& line, bool aws) {
    if (aws) {
        return line.get(TextColumn::x_MarketplaceAction) + separator + line.get(TextColumn::x_TransactionType) + separator +
               line.get(TextColumn::BillingCurrency) + separator + delivered_amount(line);
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
    return Sha256::of(text);
}

EventLedger::Event& EventLedger::event_of(const std::string& key) {
    auto [found, inserted] = events_.try_emplace(key);
    if (!inserted) return found->second;
    order_.push_back(&found->first);
    if (!any_stored_) return found->second;
    load_.reset();
    load_.bind(1, format_);
    load_.bind(2, key);
    while (load_.executeStep()) {
        Version version;
        version.line_id = load_.getColumn(0).getInt64();
        version.import_id = load_.getColumn(1).getInt64();
        version.source_line = load_.getColumn(2).getInt64();
        if (!load_.getColumn(3).isNull()) version.valid_from = load_.getColumn(3).getInt64();
        if (!load_.getColumn(4).isNull()) version.update_date = load_.getColumn(4).getInt64();
        version.deleted = load_.getColumn(5).getInt() != 0;
        version.content = load_.getColumn(6).getString();
        if (!load_.getColumn(7).isNull()) version.superseded_by = load_.getColumn(7).getInt64();
        if (aws_ && (!version.valid_from || !version.update_date)) {
            // Every AWS version is stored with both; a NULL is a hand edit, and the version order is unknown.
            throw Error("event_line of line " + std::to_string(version.line_id) + " (" + format_ + " event " + key +
                            ") has no valid_from or update_date (the event tables were edited): nothing was imported; "
                            "run revshare verify",
                        ExitCode::locked_or_invariant);
        }
        found->second.versions.push_back(std::move(version));
    }
    return found->second;
}

EventLedger::Version* EventLedger::same_version(Event& event, const UsageRecord& line) {
    for (Version& version : event.versions) {
        if (!aws_) {
            if (version.in_file) return &version;  // Microsoft: this file's one row per earning
            continue;
        }
        if (version.valid_from == std::optional<std::int64_t>(seconds(*line.event.valid_from)) &&
            version.update_date == std::optional<std::int64_t>(seconds(*line.event.update_date))) {
            return &version;
        }
    }
    return nullptr;
}

EventRowDecision EventLedger::classify(const UsageRecord& line) {
    ENGINE_ASSERT(!line.event.empty());  // the seller mappers give every line its event
    ENGINE_ASSERT(!aws_ || (line.event.valid_from && line.event.update_date));
    pending_ = nullptr;
    Event& event = event_of(line.event.key);
    std::string content = content_of(line);
    const std::int64_t row = line.source_line;
    using Kind = EventRowDecision::Kind;
    if (Version* known = same_version(event, line)) {
        if (known->in_file) {
            if (!known->retracted && known->content == content) {
                known->repeats.push_back(row);
                return {Kind::already_known};
            }
            if (!known->retracted && aws_) known->conflict_field = std::get<0>(first_difference(known->content, content));
            known->retracted = true;
            known->conflicting.push_back(row);
            return {Kind::conflicting};
        }
        // AWS: a version stored by an earlier import.
        if (known->content == content) {
            known_rows_.emplace_back(row, known->line_id);
            return {Kind::already_known};
        }
        const auto [field, stored, delivered] = first_difference(known->content, content);
        stored_conflicts_.push_back(EventConflict{
            .source_line = row,
            .line_id = 0,
            .field = field,
            .message = "billing event " + line.event.key + ", version (valid_from " + instant_text(known->valid_from) +
                       ", update_date " + instant_text(known->update_date) + "), was delivered with " + field + " " +
                       stored + " (import " + std::to_string(known->import_id) + ", line " +
                       std::to_string(known->source_line) + "); this row gives " + delivered +
                       ": one version has one content, so this row is quarantined and the stored version stands"});
        return {Kind::conflicting};
    }
    Version version;
    version.in_file = true;
    version.import_id = import_id_;
    version.source_line = row;
    version.content = std::move(content);
    if (aws_) {
        version.valid_from = seconds(*line.event.valid_from);
        version.update_date = seconds(*line.event.update_date);
        version.deleted = line.event.deleted;
    } else {
        // Microsoft: a row equal to the earning's current line repeats it.
        for (const Version& stored : event.versions) {
            if (!stored.superseded_by && stored.content == version.content) version.known_line_id = stored.line_id;
        }
    }
    event.versions.push_back(std::move(version));
    if (event.versions.back().known_line_id != 0) return {Kind::already_known};
    pending_ = &event.versions.back();
    return {Kind::store};
}

void EventLedger::stored(std::int64_t sequence) {
    ENGINE_ASSERT(pending_ != nullptr);  // right after classify() said `store`
    pending_->sequence = sequence;
    pending_ = nullptr;
}

std::string EventLedger::describe(const Version& version) const {
    if (!aws_) return "";
    return ", version (valid_from " + instant_text(version.valid_from) + ", update_date " +
           instant_text(version.update_date) + ")";
}

void EventLedger::insert_version(const std::string& key, const Version& version, const char* outcome,
                                 std::optional<std::int64_t> superseded_by) {
    SQLite::Statement& s = insert_;
    s.reset();
    s.bind(1, version.line_id);
    s.bind(2, import_id_);
    s.bind(3, format_);
    s.bind(4, key);
    if (version.valid_from) s.bind(5, *version.valid_from); else s.bind(5);
    if (version.update_date) s.bind(6, *version.update_date); else s.bind(6);
    s.bind(7, version.deleted ? 1 : 0);
    s.bind(8, version.content);
    s.bind(9, outcome);
    if (superseded_by) s.bind(10, *superseded_by); else s.bind(10);
    s.exec();
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

void EventLedger::resolve_aws(const std::string& key, Event& event, EventOutcomes& outcomes) {
    const auto key_of = [](const Version& version) { return VersionKey{*version.valid_from, *version.update_date}; };
    std::optional<VersionKey> latest;
    const Version* current = nullptr;
    for (const Version& version : event.versions) {
        if (version.in_file) continue;
        if (!latest || key_of(version) > *latest) {
            latest = key_of(version);
            current = &version;
        }
    }
    std::vector<std::pair<Version*, const char*>> delivered;
    for (Version& version : event.versions) {
        if (!version.in_file || version.retracted) continue;
        const char* outcome = "older";
        if (!latest) {
            outcome = "new";
            ++outcomes.new_events;
        } else if (key_of(version) > *latest) {
            outcome = "newer";
            ++outcomes.newer_versions;
            if (version.deleted) ++outcomes.deletions;
        } else {
            ++outcomes.older_versions;
        }
        if (!latest || key_of(version) > *latest) {
            latest = key_of(version);
            current = &version;
        }
        delivered.emplace_back(&version, outcome);
    }
    if (current != nullptr && current->deleted) current = nullptr;  // a deleted event has no current line
    for (const auto& [version, outcome] : delivered) {
        insert_version(key, *version, outcome, version == current ? std::nullopt : std::optional(import_id_));
    }
    for (Version& version : event.versions) {
        if (!version.in_file && !version.superseded_by && &version != current) supersede(version, outcomes);
    }
}

void EventLedger::resolve_microsoft(const std::string& key, Event& event, EventOutcomes& outcomes) {
    Version* delivered = nullptr;
    bool any_stored = false;
    for (Version& version : event.versions) {
        if (!version.in_file) any_stored = true;
        if (version.in_file && !version.retracted && version.known_line_id == 0) delivered = &version;
    }
    if (delivered == nullptr) return;  // repeated what was known, or quarantined
    if (any_stored) {
        ++outcomes.newer_versions;
    } else {
        ++outcomes.new_events;
    }
    insert_version(key, *delivered, any_stored ? "newer" : "new", std::nullopt);
    for (Version& version : event.versions) {
        if (!version.in_file && !version.superseded_by) supersede(version, outcomes);
    }
}

void EventLedger::retract(const std::string& key, const Version& version, EventOutcomes& outcomes) const {
    std::vector<std::int64_t> rows = version.repeats;
    rows.insert(rows.end(), version.conflicting.begin(), version.conflicting.end());
    rows.push_back(version.source_line);
    std::sort(rows.begin(), rows.end());
    std::string lines;
    for (const std::int64_t row : rows) lines += (lines.empty() ? "" : ", ") + std::to_string(row);
    const std::string message =
        aws_ ? "billing event " + key + describe(version) + " is delivered in this file with two contents (its " +
                   (version.conflict_field.empty() ? std::string("contents") : version.conflict_field) +
                   " differs; lines " + lines +
                   ") and no earlier delivery has this version: every row of it in this file is quarantined"
             : "earning " + key + " is listed in this file with two contents (lines " + lines +
                   "): every row of it in this file is quarantined, and its stored line, if any, stands";
    const std::string field = aws_ ? (version.conflict_field.empty() ? std::string("billing_event_id") : version.conflict_field)
                                   : std::string("earningId");
    for (const std::int64_t row : rows) {
        const bool stored_here = row == version.source_line && version.sequence >= 0;
        outcomes.conflicts.push_back(EventConflict{
            .source_line = row, .line_id = stored_here ? version.line_id : 0, .field = field, .message = message});
    }
}

EventOutcomes EventLedger::resolve(const std::vector<std::int64_t>& line_ids) {
    EventOutcomes outcomes;
    SQLite::Statement known(db_.sql(), "INSERT INTO event_known_row (import_id, source_line, line_id) VALUES (?,?,?)");
    const auto insert_known = [&](std::int64_t row, std::int64_t line_id) {
        known.reset();
        known.bind(1, import_id_);
        known.bind(2, row);
        known.bind(3, line_id);
        known.exec();
        ++outcomes.already_known;
    };
    for (const std::string* key : order_) {
        Event& event = events_.at(*key);
        for (Version& version : event.versions) {
            if (!version.in_file || version.sequence < 0) continue;
            ENGINE_ASSERT(static_cast<std::size_t>(version.sequence) < line_ids.size());
            version.line_id = line_ids[static_cast<std::size_t>(version.sequence)];
        }
        for (const Version& version : event.versions) {
            if (!version.in_file) continue;
            if (version.retracted) {
                retract(*key, version, outcomes);
                continue;
            }
            const std::int64_t line_id = version.known_line_id != 0 ? version.known_line_id : version.line_id;
            if (version.known_line_id != 0) insert_known(version.source_line, line_id);
            for (const std::int64_t row : version.repeats) insert_known(row, line_id);
        }
        if (aws_) {
            resolve_aws(*key, event, outcomes);
        } else {
            resolve_microsoft(*key, event, outcomes);
        }
    }
    for (const auto& [row, line_id] : known_rows_) insert_known(row, line_id);
    outcomes.conflicts.insert(outcomes.conflicts.end(), stored_conflicts_.begin(), stored_conflicts_.end());
    std::sort(outcomes.conflicts.begin(), outcomes.conflicts.end(),
              [](const EventConflict& a, const EventConflict& b) { return a.source_line < b.source_line; });
    return outcomes;
}

}  // namespace revshare::schema

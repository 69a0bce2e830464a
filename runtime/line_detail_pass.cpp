#include "runtime/line_detail_pass.hpp"

#include "engine/core/assert.hpp"
#include "engine/core/error.hpp"
#include "schema/read_ahead_vfs.hpp"

#include <algorithm>

namespace revshare::app {
namespace {

using reports::LineFate;

constexpr auto column(TextColumn text_column) { return static_cast<std::size_t>(text_column); }

// Per reader: a reader can run this far ahead while the settling thread waits on the disk.
constexpr std::size_t batches_in_flight = 8;

// The text columns lines.csv shows, in its order (FormattedLine::text_cells).
constexpr std::array<TextColumn, reports::formatted_text_cells> formatted_columns = {
    TextColumn::ProviderName, TextColumn::BillingAccountId, TextColumn::SubAccountId,
    TextColumn::ServiceName,  TextColumn::SkuMeter,         TextColumn::BillingCurrency};

// A reading thread's connection: the settlement keeps using `db`'s meanwhile (its text
// dictionary), and a connection belongs to one thread at a time.
std::unique_ptr<schema::Database> open_reader(const schema::Database& db) {
    auto reader = std::make_unique<schema::Database>(db.path(), schema::read_ahead_vfs());
    reader->sql().exec("PRAGMA cache_size = -16384");  // it streams the lines once
    return reader;
}

}  // namespace

// One reading thread: its share of the pieces (LineShare), one batch per piece, with its own
// connection, text dictionary and cell caches.
class LineDetailPass::Reader {
public:
    Reader(const schema::Database& db, const LineDetailPass& pass, schema::LineShare share)
        : pass_(pass), db_(open_reader(db)), texts_(*db_), cursor_(*db_, pass.options_.selection, share) {}

    void read_only(const std::array<bool, text_column_count>& columns) { cursor_.read_only(columns); }
    void start(std::size_t batches) {
        const std::size_t lines = pass_.options_.lines_per_batch;
        pipeline_ = std::make_unique<BatchPipeline<ReadBatch>>(
            batches, [lines](ReadBatch& batch) { batch.items.reserve(lines); }, [this](ReadBatch& batch) { read(batch); });
    }
    [[nodiscard]] BatchPipeline<ReadBatch>& pipeline() { return *pipeline_; }
    // Once its last batch was taken (its thread has finished).
    [[nodiscard]] const schema::StoredTextDictionary& texts() const { return texts_; }

private:
    void read(ReadBatch& batch);  // on the reading thread, as is what follows
    void describe(ReadLine& line);
    [[nodiscard]] const std::string& text_cell(std::int64_t text_id);

    const LineDetailPass& pass_;  // its options and imports, read only
    std::unique_ptr<schema::Database> db_;
    schema::StoredTextDictionary texts_;
    schema::LineDetailCursor cursor_;
    std::unordered_map<std::int64_t, std::string> text_cells_;      // by text id
    std::unordered_map<std::int64_t, std::string> currency_codes_;  // billing currency texts by text id
    // What describe() found for a line_dimensions row (so for every line naming it), by
    // dimensions_id, direct-mapped: bounded whatever the lines (2.5 MB).
    struct Described {
        std::int64_t dimensions_id = 0;  // 0: empty
        bool tax = false;
        std::array<const std::string*, reports::formatted_text_cells> text_cells{};
        const std::string* cost_currency = nullptr;
    };
    static constexpr std::size_t described_entries = std::size_t{1} << 15;
    std::vector<Described> described_ = std::vector<Described>(described_entries);
    std::pair<std::int64_t, const std::string*> last_import_{-1, nullptr};
    std::unique_ptr<BatchPipeline<ReadBatch>> pipeline_;  // last: stopped and joined first
};

void LineDetailPass::Reader::read(ReadBatch& batch) {
    // A batch's lines, as the cursor reads them.
    class Sink final : public schema::LineDetailSink {
    public:
        Sink(Reader& reader, ReadBatch& batch) : reader_(reader), batch_(batch) {}
        schema::LineDetail& next_line() override {
            ENGINE_ASSERT(batch_.count < batch_.items.capacity());  // a piece has at most lines_per_batch line ids
            return item_at(batch_.items, batch_.count).detail;
        }
        void line_read() override { reader_.describe(batch_.items[batch_.count++]); }

    private:
        Reader& reader_;
        ReadBatch& batch_;
    };
    batch.count = 0;
    Sink sink(*this, batch);
    static_cast<void>(cursor_.read_piece(sink));  // a reader without pieces: one empty last batch
    batch.last = !cursor_.pieces_left();
}

void LineDetailPass::Reader::describe(ReadLine& line) {
    const schema::LineDetail& detail = line.detail;
    line.tax = false;
    if (!detail.in_selection) return;
    Described& described = described_[static_cast<std::size_t>(detail.dimensions_id) & (described_entries - 1)];
    if (described.dimensions_id != detail.dimensions_id) {
        described.dimensions_id = detail.dimensions_id;
        described.tax = texts_.text(detail.text_ids[column(TextColumn::ChargeCategory)]) == "Tax";
        if (pass_.options_.lines_csv != nullptr) {
            for (std::size_t i = 0; i < formatted_columns.size(); ++i) {
                described.text_cells[i] = &text_cell(detail.text_ids[column(formatted_columns[i])]);
            }
            const std::int64_t currency = detail.text_ids[column(TextColumn::BillingCurrency)];
            auto found = currency_codes_.find(currency);
            if (found == currency_codes_.end()) found = currency_codes_.emplace(currency, texts_.text(currency)).first;
            described.cost_currency = &found->second;
        }
    }
    line.tax = described.tax;
    if (pass_.options_.lines_csv == nullptr) return;
    if (detail.import_id != last_import_.first) last_import_ = {detail.import_id, &pass_.import_file_cell(detail.import_id)};
    line.import_file_cell = last_import_.second;
    line.text_cells = described.text_cells;
    line.cost_currency = described.cost_currency;
}

const std::string& LineDetailPass::Reader::text_cell(std::int64_t text_id) {
    auto found = text_cells_.find(text_id);
    if (found == text_cells_.end()) {
        found = text_cells_.emplace(text_id, reports::LinesCsvFormatter::text_cell(texts_.text(text_id))).first;
    }
    return found->second;  // unordered_map nodes stay where they are: the other thread reads them
}

LineDetailPass::LineDetailPass(schema::Database& db, LineDetailPassOptions options)
    : options_(std::move(options)),
      period_first_day_(options_.selection.period.start()),
      period_end_day_(options_.selection.period.end_exclusive()),
      imports_(schema::load_imports_touching(db, options_.selection)) {
    ENGINE_ASSERT((options_.lines_csv == nullptr) == (options_.formatter == nullptr));
    ENGINE_ASSERT(options_.readers > 0 && options_.lines_per_batch > 0);
    row_sums_.resize(options_.current_rows);
    for (const schema::ImportSummary& summary : imports_) {
        import_file_cells_.push_back(reports::LinesCsvFormatter::text_cell(summary.import.delivery_name()));
    }
    for (std::size_t i = 0; i < options_.readers; ++i) {
        readers_.push_back(std::make_unique<Reader>(
            db, *this, schema::LineShare{i, options_.readers, static_cast<std::int64_t>(options_.lines_per_batch)}));
    }
    finished_.assign(options_.readers, false);
}

LineDetailPass::~LineDetailPass() = default;

const std::string& LineDetailPass::import_file_cell(std::int64_t import_id) const {
    const auto found = std::lower_bound(imports_.begin(), imports_.end(), import_id,
                                        [](const schema::ImportSummary& summary, std::int64_t id) { return summary.import.import_id < id; });
    ENGINE_ASSERT(found != imports_.end() && found->import.import_id == import_id);  // the cursor reads these imports
    return import_file_cells_[static_cast<std::size_t>(found - imports_.begin())];
}

const LineDetailPass::ReadLine* LineDetailPass::take() {
    if (!started_) {
        started_ = true;
        for (const auto& reader : readers_) reader->start(batches_in_flight);
    }
    if (finished_[turn_]) return nullptr;  // every reader gave its last batch (or one failed)
    for (;;) {
        if (batch_ != nullptr && position_ < batch_->count) return &batch_->items[position_++];
        if (batch_ != nullptr) {
            if (batch_->last) finished_[turn_] = true;
            readers_[turn_]->pipeline().recycle(batch_);
            batch_ = nullptr;
            // Piece k is reader k mod n's: the next piece is the next unfinished reader's.
            std::size_t next = turn_;
            do {
                next = (next + 1) % readers_.size();
            } while (finished_[next] && next != turn_);
            if (finished_[next]) return nullptr;  // every reader gave its last batch
            turn_ = next;
        }
        try {
            batch_ = readers_[turn_]->pipeline().next();
            ENGINE_ASSERT(batch_ != nullptr);  // a reader is asked for batches up to its last one only
        } catch (...) {
            finished_.assign(finished_.size(), true);  // nothing follows a reading error
            throw;
        }
        position_ = 0;
    }
}

bool LineDetailPass::next(settle::LineInput& line) {
    complete_pending();
    while ((line_ = take()) != nullptr) {
        const schema::LineDetail& detail = line_->detail;
        if (!detail.in_selection) {
            count(detail, fate_of(*line_, false));
            continue;
        }
        line.line_id = detail.line_id;
        line.charge_period_start = detail.charge_period_start;
        line.text_ids = detail.text_ids;
        line.cost = detail.cost;
        line.dimensions_id = detail.dimensions_id;
        pending_ = true;
        return true;
    }
    return false;
}

void LineDetailPass::read_only(const std::array<bool, text_column_count>& columns) {
    ENGINE_ASSERT(!started_);  // before the first next()
    std::array<bool, text_column_count> read = columns;
    read[column(TextColumn::ChargeCategory)] = true;
    for (const TextColumn shown : formatted_columns) read[column(shown)] = true;
    for (const auto& reader : readers_) reader->read_only(read);
}

void LineDetailPass::matched(std::int64_t line_id, std::size_t row_index, const Decimal& converted_cost,
                             const std::optional<Decimal>& fx_rate) {
    ENGINE_ASSERT(pending_);  // the settlement reports the matches of the line it read last
    ENGINE_ASSERT(line_id == line_->detail.line_id);
    if (row_index >= row_sums_.size()) throw options_.not_reproduced;
    if (matched_rows_.empty()) {
        matched_cost_ = converted_cost;
        matched_fx_rate_ = fx_rate;
    } else {
        // A line is converted once: its lines.csv rows all show the same amounts.
        ENGINE_ASSERT(converted_cost == matched_cost_ && fx_rate == matched_fx_rate_);
    }
    matched_rows_.push_back(row_index);
}

void LineDetailPass::finish() {
    complete_pending();
    // The settlement reads every line; should it stop early, the rest is still reconciled.
    while ((line_ = take()) != nullptr) count(line_->detail, fate_of(*line_, false));
}

void LineDetailPass::complete_pending() {
    if (!pending_) return;
    pending_ = false;
    const bool matched = !matched_rows_.empty();
    if (matched) {
        write_matches();
        revenue_by_provider_id_[line_->detail.text_ids[column(TextColumn::ProviderName)]] += matched_cost_;
    }
    count(line_->detail, fate_of(*line_, matched));
    matched_rows_.clear();
}

void LineDetailPass::write_matches() {
    for (const std::size_t row_index : matched_rows_) {
        RowLineSum& sum = row_sums_[row_index];
        sum.lines_cost += matched_cost_;
        ++sum.lines;
    }
    if (options_.lines_csv == nullptr) return;
    const schema::LineDetail& detail = line_->detail;
    std::array<std::string_view, reports::formatted_text_cells> cells;
    for (std::size_t i = 0; i < cells.size(); ++i) cells[i] = *line_->text_cells[i];
    options_.formatter->append_line_rows(
        matched_rows_,
        reports::FormattedLine{detail.line_id, *line_->import_file_cell, detail.source_line, detail.charge_period_start,
                               cells, *line_->cost_currency, detail.cost, matched_fx_rate_, matched_cost_, detail.cost_text},
        options_.lines_csv->buffer());
    options_.lines_csv->appended();
}

LineFate LineDetailPass::fate_of(const ReadLine& read, bool matched) const {
    const schema::LineDetail& line = read.detail;
    const Day day = day_of(line.charge_period_start);
    if (day < period_first_day_ || day >= period_end_day_) return LineFate::other_periods;
    if (line.superseded) return LineFate::superseded;
    ENGINE_ASSERT(line.in_selection);
    if (matched) return LineFate::matched;
    if (day < options_.contract_start) return LineFate::before_contract;
    if (read.tax) return LineFate::tax;
    return LineFate::unmatched;
}

void LineDetailPass::count(const schema::LineDetail& line, LineFate fate) {
    const AccountKey key{line.text_ids[column(TextColumn::BillingAccountId)],
                         line.text_ids[column(TextColumn::BillingCurrency)]};
    // Consecutive lines mostly share an import and account; map nodes stay where they are.
    if (last_account_ == nullptr || last_account_key_ != std::pair{line.import_id, key}) {
        last_account_key_ = {line.import_id, key};
        last_account_ = &accounts_[line.import_id][key];
    }
    reports::AccountReconciliation& account = *last_account_;
    reports::FateTotal& total = account.by_fate[static_cast<std::size_t>(fate)];
    ++total.lines;
    if (line.cost) total.cost += *line.cost;
    if (fate == LineFate::matched && !line.cost) ++account.matched_empty_cost;
    if (fate != LineFate::other_periods && line.outside_billing_period) {
        ++account.outside_billing_period.lines;
        if (line.cost) account.outside_billing_period.cost += *line.cost;
    }
}

std::map<std::string, Decimal> LineDetailPass::revenue_by_provider() const {
    std::map<std::string, Decimal> revenue;
    for (const auto& [provider_id, amount] : revenue_by_provider_id_) revenue[readers_.front()->texts().text(provider_id)] += amount;
    return revenue;
}

std::vector<reports::FileReconciliation> LineDetailPass::reconciliations() const {
    std::vector<reports::FileReconciliation> files;
    for (const schema::ImportSummary& summary : imports_) {
        const schema::ImportRecord& record = summary.import;
        reports::FileReconciliation file{record.import_id, record.delivery_name(), record.format, record.rows_read,
                                         record.rows_imported, record.rows_quarantined, summary.quarantined_by_code, {},
                                         record.rows_already_known};
        // By billing account, then currency, as texts (ids are in insertion order).
        std::map<std::pair<std::string, std::string>, reports::AccountReconciliation> by_text;
        if (const auto found = accounts_.find(record.import_id); found != accounts_.end()) {
            for (const auto& [key, counted] : found->second) {
                const schema::StoredTextDictionary& texts = readers_.front()->texts();
                std::pair<std::string, std::string> text_key{texts.text(key.first), texts.text(key.second)};
                reports::AccountReconciliation& account = by_text[text_key];
                account.billing_account_id = text_key.first;
                account.currency = text_key.second;
                for (std::size_t fate = 0; fate < reports::line_fate_count; ++fate) {
                    account.by_fate[fate].lines += counted.by_fate[fate].lines;
                    account.by_fate[fate].cost += counted.by_fate[fate].cost;
                }
                account.matched_empty_cost += counted.matched_empty_cost;
                account.outside_billing_period.lines += counted.outside_billing_period.lines;
                account.outside_billing_period.cost += counted.outside_billing_period.cost;
            }
        }
        for (auto& [key, account] : by_text) file.accounts.push_back(std::move(account));
        files.push_back(std::move(file));
    }
    return files;
}

}  // namespace revshare::app

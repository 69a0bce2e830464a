#pragma once
// PrefetchLineSource: reads a settle::LineSource on a second thread, in batches, while the
// settlement groups the lines already read (issue 7: settle is two thirds SQLite row decoding).
// The inner source (and the SQLite connection it reads through) belongs to that thread from
// the first next() until next() returns false, or until this object is destroyed; the caller
// must not use the connection in between. Lines arrive in the inner source's order.
#include "engine/core/batch_pipeline.hpp"
#include "engine/settle/settle_inputs.hpp"
#include "schema/database.hpp"
#include "schema/period_lines.hpp"

#include <SQLiteCpp/Database.h>

#include <array>
#include <cstddef>
#include <exception>
#include <memory>
#include <vector>

namespace revshare::app {

class PrefetchLineSource final : public settle::LineSource {
public:
    explicit PrefetchLineSource(settle::LineSource& inner);
    bool next(settle::LineInput& line) override;
    void read_only(const std::array<bool, text_column_count>& columns) override { inner_.read_only(columns); }

private:
    struct Batch {
        std::vector<settle::LineInput> items;
        std::size_t count = 0;
        bool last = false;
        std::exception_ptr failure;
    };
    void fill(Batch& batch);  // on the reading thread

    settle::LineSource& inner_;
    BatchItems<Batch> lines_;  // last: its thread (from the first next()) uses inner_
};

// The lines of a period read by two threads at once, each through its own connection
// (schema::PeriodLineSource::split) and each ahead of the caller (PrefetchLineSource), while
// the caller's thread groups them: settle's SQLite row decoding on both cores. The lines of
// the two halves arrive interleaved: a LineSource may give its lines in any order, and the
// settlement groups them exactly, whatever the order. The same rules as PrefetchLineSource
// hold for `db`'s connection.
class ParallelPeriodLineSource final : public settle::LineSource {
public:
    ParallelPeriodLineSource(schema::Database& db, schema::PeriodLineSource& whole) : db_(db), whole_(whole) {}
    bool next(settle::LineInput& line) override;
    void read_only(const std::array<bool, text_column_count>& columns) override { whole_.read_only(columns); }

private:
    schema::Database& db_;
    schema::PeriodLineSource& whole_;                         // the first half, once split
    std::unique_ptr<SQLite::Database> connection_;            // the second half's
    std::unique_ptr<schema::PeriodLineSource> second_half_;
    std::array<std::unique_ptr<PrefetchLineSource>, 2> halves_;  // last: their threads use the above
    std::array<bool, 2> done_{};
    std::size_t turn_ = 0;
};

}  // namespace revshare::app

// Settle's line reading on two threads (runtime/prefetch_line_source.*, PeriodLineSource::split):
// exactly the lines one PeriodLineSource reads, each once, for every fixture period, whatever
// the columns read; and settle's statements do not change (the CLI tests' goldens).
#include "runtime/prefetch_line_source.hpp"
#include "schema/database.hpp"
#include "schema/period_lines.hpp"
#include "tests/test_support.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <tuple>
#include <vector>

using namespace revshare;
using namespace revshare::testing;

namespace {

using LineKey = std::tuple<std::int64_t, std::int64_t, rules::TextIds, std::string>;

LineKey key_of(const settle::LineInput& line) {
    return {line.line_id, line.charge_period_start.time_since_epoch().count(), line.text_ids,
            line.cost ? line.cost->to_string() : std::string("(empty)")};
}

std::vector<LineKey> drain(settle::LineSource& source) {
    std::vector<LineKey> lines;
    settle::LineInput line;
    while (source.next(line)) lines.push_back(key_of(line));
    CHECK_FALSE(source.next(line));  // stays at the end
    std::sort(lines.begin(), lines.end());
    return lines;
}

schema::LineSelection selection_for(schema::Database& db, const std::string& month) {
    return schema::LineSelection{Period::parse(month).value(), CostColumn::BilledCost, schema::load_import_high_water(db)};
}

void import_fixtures(const ScratchDir& dir) {
    for (const char* file : {"exports/aws-cur/cur-2026-02.csv", "exports/aws-cur/cur-2026-03.csv",
                             "exports/aws-cur/cur-2026-03.restated.csv", "exports/aws-cur/cur-2026-04.csv.gz",
                             "exports/aws-cur/cur-2026-05.csv", "exports/azure-ea/ea-2026-03.csv",
                             "exports/azure-ea/ea-2026-04.csv", "exports/azure-mca/mca-2026-03.csv"}) {
        copy_fixture(file, dir.path());
        const std::string name = std::filesystem::path(file).filename().string();
        REQUIRE(run_revshare("--db r.db --quiet import " + name, dir.path()).exit_code <= 1);
    }
}

}  // namespace

TEST_CASE("ParallelPeriodLineSource: the same lines as one reader, each once, for every period and column choice") {
    ScratchDir dir;
    import_fixtures(dir);
    schema::Database db(dir / "r.db");
    std::array<bool, text_column_count> some{};
    some[static_cast<std::size_t>(TextColumn::ProviderName)] = true;
    some[static_cast<std::size_t>(TextColumn::x_UsageType)] = true;
    some[static_cast<std::size_t>(TextColumn::BillingCurrency)] = true;
    for (const std::string month : {"2026-02", "2026-03", "2026-04", "2026-05", "2026-06"}) {
        for (const bool all_columns : {true, false}) {
            CAPTURE(month);
            CAPTURE(all_columns);
            std::vector<LineKey> expected;
            {
                schema::PeriodLineSource one(db, selection_for(db, month));
                if (!all_columns) one.read_only(some);
                expected = drain(one);
            }
            schema::PeriodLineSource whole(db, selection_for(db, month));
            app::ParallelPeriodLineSource two(db, whole);
            if (!all_columns) two.read_only(some);
            const std::vector<LineKey> got = drain(two);
            CHECK(got == expected);
            CHECK(std::adjacent_find(got.begin(), got.end()) == got.end());  // none twice
            if (month == "2026-06") CHECK(got.empty());
            if (month == "2026-03") CHECK(got.size() > 40);
        }
    }
}

TEST_CASE("PeriodLineSource::split: two halves that add up to the whole, the later line ids in the second") {
    ScratchDir dir;
    import_fixtures(dir);
    schema::Database db(dir / "r.db");
    const auto selection = selection_for(db, "2026-03");
    std::vector<LineKey> expected;
    {
        schema::PeriodLineSource one(db, selection);
        expected = drain(one);
    }
    schema::PeriodLineSource first(db, selection);
    const auto connection = schema::open_line_reader(db);
    const auto second = first.split(*connection);
    const std::vector<LineKey> a = drain(first);
    const std::vector<LineKey> b = drain(*second);
    CHECK_FALSE(a.empty());
    CHECK_FALSE(b.empty());
    CHECK(std::get<0>(a.back()) < std::get<0>(b.front()));  // the later line ids went to the second
    std::vector<LineKey> both = a;
    both.insert(both.end(), b.begin(), b.end());
    std::sort(both.begin(), both.end());
    CHECK(both == expected);
}

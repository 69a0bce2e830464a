// The line-detail pass (issue 7): the report's recomputation reads each line once and writes
// its lines.csv rows with the stored run's row cells, so a recomputation that matches a line
// to a row the run did not store stops the report before anything is written. The lines are
// read on other threads, each taking every n-th piece of line ids and handing it over as a
// batch: what the pass writes and sums depends neither on where the pieces end nor on how
// many threads read them.
#include "jobs/report_lines.hpp"
#include "reports/reconciliation_csv.hpp"
#include "schema/settlement_store.hpp"
#include "tests/app/late_data_support.hpp"
#include "tests/reports/report_test_support.hpp"

using namespace revshare::testing;
using namespace revshare::testing::reports;

namespace {

struct PassOutput {
    std::string lines_csv;
    std::string reconciliation_csv;
    std::vector<std::string> row_sums;  // "lines_cost netted_share lines" per current row
    std::map<std::string, revshare::Decimal> revenue_by_provider;
};

PassOutput pass_output(const ScratchDir& dir, const std::string& period, std::size_t lines_per_batch,
                       std::size_t readers = revshare::app::default_line_readers) {
    revshare::schema::Database db(dir / "r.db");
    const auto run = revshare::schema::load_current_run(db, "openai-microsoft", *revshare::Period::parse(period));
    REQUIRE(run.has_value());
    const auto path = dir / ("lines-" + period + "-" + std::to_string(lines_per_batch) + "-" + std::to_string(readers) + ".csv");
    revshare::app::StreamingReportFile lines(path);
    const auto detail = revshare::app::compute_run_line_detail(db, *run, &lines, lines_per_batch, readers);
    lines.commit();
    PassOutput output{read_file(path), {}, {}, detail.revenue_by_provider};
    const revshare::reports::LinesContext context{run->header.contract_id, run->header.period,
                                                  *revshare::Currency::from_code(run->header.currency)};
    output.reconciliation_csv = revshare::reports::reconciliation_as_csv(context, detail.files);
    for (const auto& sum : detail.row_sums) {
        output.row_sums.push_back(sum.lines_cost.to_string() + " " + sum.netted_share.to_string() + " " + std::to_string(sum.lines));
    }
    return output;
}

}  // namespace

TEST_CASE("line-detail pass: lines.csv, reconciliation, row sums and revenue are the same with 1, 2 or 3 lines per batch and 1, 2 or 3 readers") {
    ScratchDir dir;
    load_and_settle(dir);
    for (const auto& period : fixture_periods) {
        CAPTURE(period);
        const PassOutput expected = pass_output(dir, period, revshare::app::default_lines_per_batch);
        // What report writes (its goldens are checked elsewhere), with lines in many batches.
        REQUIRE(run_revshare("--db r.db --quiet report --period " + period + " --out out", dir.path()).exit_code == 0);
        CHECK(expected.lines_csv == read_file(dir / ("out/openai-microsoft/" + period + "/lines.csv")));
        CHECK(std::count(expected.lines_csv.begin(), expected.lines_csv.end(), '\n') > 20);
        for (const std::size_t readers : {std::size_t{1}, std::size_t{2}, std::size_t{3}}) {
            for (const std::size_t lines_per_batch : {std::size_t{1}, std::size_t{2}, std::size_t{3}, std::size_t{4096}}) {
                CAPTURE(readers);
                CAPTURE(lines_per_batch);
                const PassOutput got = pass_output(dir, period, lines_per_batch, readers);
                CHECK(got.lines_csv == expected.lines_csv);
                CHECK(got.reconciliation_csv == expected.reconciliation_csv);
                CHECK(got.row_sums == expected.row_sums);
                CHECK(got.revenue_by_provider == expected.revenue_by_provider);
            }
        }
    }
}

TEST_CASE("report: a run missing a current row its lines match is not reproduced, and nothing is written (exit 3)") {
    ScratchDir dir;
    load_and_settle(dir);
    const std::string run_id = current_run_id(dir, "2026-04");
    // April's last current row is msft-share-all-clouds of the 2026 amendment: 50 lines match it.
    CHECK(query_value(dir / "r.db", "SELECT rule_id || ' ' || lines FROM statement_row WHERE kind = 'current' AND run_id = " +
                                        run_id + " ORDER BY row_number DESC LIMIT 1") == "msft-share-all-clouds 50");
    // The row goes with its two journal entries and its 15000.00 in the net, so that the stored
    // statement is still well formed and consistent.
    execute_sql(dir / "r.db", "DELETE FROM statement_row WHERE kind = 'current' AND rule_id = 'msft-share-all-clouds' AND run_id = " +
                                  run_id + "; DELETE FROM journal_entry WHERE rule_id = 'msft-share-all-clouds' AND run_id = " + run_id +
                                  "; UPDATE net_row SET amount = '7950.39', amount_minor = 795039 WHERE to_party = 'microsoft' "
                                  "AND run_id = " + run_id);
    const auto reported = run_revshare("--db r.db report --period 2026-04 --out out", dir.path());
    CHECK(reported.exit_code == 3);
    CHECK(reported.err == run_not_reproduced_error(run_id, "2026-04"));
    CHECK(!std::filesystem::exists(dir / "out/openai-microsoft/2026-04/lines.csv"));
    CHECK(std::filesystem::is_empty(dir / "out/openai-microsoft/2026-04"));  // no temporary left behind
}

namespace {

// aws-focus/focus-2026-04.csv with its odd rows under a second billing account: one file of two
// scopes whose lines alternate, and the files of each account's rows alone.
struct TwoAccountExports {
    std::string both;
    std::string first_only;
    std::string second_only;
};

TwoAccountExports two_account_exports() {
    const std::string original = read_file(fixtures_dir() / "exports/aws-focus/focus-2026-04.csv");
    const auto header_end = original.find('\n') + 1;
    TwoAccountExports exports{original.substr(0, header_end), original.substr(0, header_end), original.substr(0, header_end)};
    std::size_t row = 0;
    for (std::size_t start = header_end; start < original.size(); ++row) {
        const auto end = original.find('\n', start) + 1;
        std::string text = original.substr(start, end - start);
        start = end;
        const auto account = text.find("012345678901");
        REQUIRE(account != std::string::npos);  // once per row, in BillingAccountId
        if (row % 2 == 1) {
            text.replace(account, 12, "012345678902");
            exports.second_only += text;
        } else {
            exports.first_only += text;
        }
        exports.both += text;
    }
    REQUIRE(row == 36);
    return exports;
}

void add_fx_and_contract(const ScratchDir& dir) {
    REQUIRE(run_revshare("--db r.db fx import '" + (fixtures_dir() / "fx/eur-usd-2026.csv").string() + "'", dir.path())
                .exit_code == 0);
    REQUIRE(run_revshare("--db r.db contract add '" + (fixtures_dir() / "contracts/openai-microsoft.toml").string() + "'",
                         dir.path())
                .exit_code == 0);
    REQUIRE(run_revshare("--db r.db settle --period 2026-04", dir.path()).exit_code == 0);
    REQUIRE(run_revshare("--db r.db --quiet report --period 2026-04 --out out", dir.path()).exit_code == 0);
}

// The reconciliation's account rows by (file name, account): their line and cost cells.
std::map<std::pair<std::string, std::string>, std::vector<std::string>> account_rows(const ScratchDir& dir) {
    std::map<std::pair<std::string, std::string>, std::vector<std::string>> rows;
    for (const auto& row : parse_csv(read_file(dir / "out/openai-microsoft/2026-04/reconciliation.csv"))) {
        if (row.at("level") != "account") continue;
        std::vector<std::string> cells;
        for (const char* fate : {"other_periods", "superseded", "before_contract", "tax", "unmatched", "matched"}) {
            cells.push_back(row.at(std::string("lines_") + fate));
            cells.push_back(row.at(std::string("cost_") + fate));
        }
        rows[{std::filesystem::path(row.at("import_file")).filename().string(), row.at("billing_account")}] = cells;
    }
    return rows;
}

}  // namespace

TEST_CASE("line-detail pass: an import of two interleaved scopes, one superseded, reconciles as the two files apart do") {
    const TwoAccountExports exports = two_account_exports();
    // Together: one import, two scopes; the second account's rows imported again supersede its scope.
    ScratchDir together;
    write_file(together / "both.csv", exports.both);
    write_file(together / "second.csv", exports.second_only);
    REQUIRE(run_revshare("--db r.db import both.csv", together.path()).exit_code == 0);
    REQUIRE(run_revshare("--db r.db import second.csv", together.path()).exit_code == 0);
    CHECK(query_value(together / "r.db", "SELECT group_concat(key_text || ':' || (superseded_by IS NOT NULL), ' ') "
                                         "FROM (SELECT * FROM import_scope WHERE import_id = 1 ORDER BY scope_id)") ==
          "012345678901:0 012345678902:1");
    add_fx_and_contract(together);
    // Apart: each account's rows in a file of their own.
    ScratchDir apart;
    write_file(apart / "first.csv", exports.first_only);
    write_file(apart / "second.csv", exports.second_only);
    REQUIRE(run_revshare("--db r.db import first.csv second.csv", apart.path()).exit_code == 0);
    add_fx_and_contract(apart);

    // The same lines settle: the same statement.
    CHECK(read_file(together / "out/openai-microsoft/2026-04/statement.csv") ==
          read_file(apart / "out/openai-microsoft/2026-04/statement.csv"));
    const auto got = account_rows(together);
    const auto want = account_rows(apart);
    REQUIRE(got.size() == 3);
    // The first account's lines of both.csv went where first.csv's go.
    CHECK(got.at({"both.csv", "012345678901"}) == want.at({"first.csv", "012345678901"}));
    CHECK(got.at({"second.csv", "012345678902"}) == want.at({"second.csv", "012345678902"}));
    // The second account's 18 lines of both.csv are superseded, their cost with them.
    const auto& superseded = got.at({"both.csv", "012345678902"});
    CHECK(superseded[2] == "18");
    revshare::Decimal second_cost;
    for (std::size_t i = 0; i < superseded.size(); i += 2) {
        if (i != 2) CHECK(superseded[i] == "0");
        second_cost += decimal(want.at({"second.csv", "012345678902"})[i + 1]);
    }
    CHECK(decimal(superseded[3]) == second_cost);
    // Pieces cut across the interleaved scopes read the same lines, whatever the readers.
    const PassOutput expected = pass_output(together, "2026-04", revshare::app::default_lines_per_batch);
    CHECK(expected.lines_csv == read_file(together / "out/openai-microsoft/2026-04/lines.csv"));
    for (const std::size_t readers : {std::size_t{1}, std::size_t{3}}) {
        for (const std::size_t lines_per_batch : {std::size_t{1}, std::size_t{5}}) {
            const PassOutput pieces = pass_output(together, "2026-04", lines_per_batch, readers);
            CHECK(pieces.lines_csv == expected.lines_csv);
            CHECK(pieces.reconciliation_csv == expected.reconciliation_csv);
            CHECK(pieces.row_sums == expected.row_sums);
        }
    }
}

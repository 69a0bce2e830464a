// The engine's limits end to end (issue 17, items 6-10): every value is held to its limit where
// it enters (fx import, contract add, --period), settlement that would pass a limit stops with
// a message naming the contract, period and rule, and database content that breaks an
// invariant is an exit-3 message, never an abort. Imports are in hostile_input_test.cpp.
#include "tests/hardening/hardening_support.hpp"

using namespace revshare;
using namespace revshare::testing;
using namespace revshare::testing::hardening;

namespace {

// A one-rule contract: a pays b `rate` of every AWS line's BilledCost, in `currency`, from 2026-02-01.
std::string one_rule_contract(const std::string& currency, const std::string& rate) {
    return "id = \"big\"\nname = \"Big\"\ncurrency = \"" + currency +
           "\"\ncost_column = \"BilledCost\"\n[parties]\na = \"A\"\nb = \"B\"\n[[version]]\nid = \"v1\"\n"
           "effective_from = 2026-02-01\n[[version.rule]]\nid = \"all\"\npayer = \"a\"\npayee = \"b\"\n"
           "match = { ProviderName = [\"AWS\"] }\nrate = \"" + rate + "\"\n";
}

// The February AWS FOCUS export's header and first row, with one row per cost in `costs`.
std::string focus_export(const std::vector<std::string>& costs) {
    const std::string text = read_file(fixtures_dir() / "exports/aws-focus/focus-2026-02.csv");
    const std::size_t header_end = text.find('\n') + 1;
    const std::string header = text.substr(0, header_end);
    const std::string first = text.substr(header_end, text.find('\n', header_end) + 1 - header_end);
    auto fields = fields_of(first);
    std::string content = header;
    for (std::size_t i = 0; i < costs.size(); ++i) {
        fields[1] = costs[i];  // BilledCost
        fields[28] = "limits-" + std::to_string(i);  // InvoiceId: rows differ
        content += csv_record(fields) + "\n";
    }
    return content;
}

std::string last_audit_entry(const fs::path& db) {
    return query_value(db, "SELECT command || ' ' || arguments || ' -> ' || exit_code FROM audit_log "
                           "ORDER BY entry_id DESC LIMIT 1");
}

// The February CUR, the FX rates and the seed contract, settled for February and March.
class SettledSession {
public:
    SettledSession() {
        for (const std::string month : {"02", "03"}) {
            REQUIRE(run_child({"--db", "r.db", "import", (fixtures_dir() / ("exports/aws-cur/cur-2026-" + month + ".csv")).string()},
                              dir_.path())
                        .exit_code == 0);
        }
        REQUIRE(run_child({"--db", "r.db", "fx", "import", (fixtures_dir() / "fx/eur-usd-2026.csv").string()}, dir_.path())
                    .exit_code == 0);
        REQUIRE(run_child({"--db", "r.db", "contract", "add", (fixtures_dir() / "contracts/openai-microsoft.toml").string()},
                          dir_.path())
                    .exit_code == 0);
        REQUIRE(run_child({"--db", "r.db", "settle", "--period", "2026-03"}, dir_.path()).exit_code == 0);
    }
    [[nodiscard]] fs::path db() const { return dir_ / "r.db"; }
    [[nodiscard]] const fs::path& dir() const { return dir_.path(); }
    void sql(const std::string& statement) const {
        SQLite::Database database(db().string(), SQLite::OPEN_READWRITE);
        database.exec(statement);
    }

private:
    ScratchDir dir_;
};

}  // namespace

TEST_CASE("Limits: a share past 10^14 stops the settlement naming contract, period and rule; the audit log records it") {
    ScratchDir dir;
    // Two lines just below the cost limit at rate 1: 1.8 x 10^14, more than a statement holds.
    write_file(dir / "big.csv", focus_export({"90000000000000", "90000000000000"}));
    write_file(dir / "big.toml", one_rule_contract("USD", "1"));
    REQUIRE(run_child({"--db", "r.db", "import", "big.csv"}, dir.path()).exit_code == 0);
    REQUIRE(run_child({"--db", "r.db", "contract", "add", "big.toml"}, dir.path()).exit_code == 0);
    const auto settled = run_child({"--db", "r.db", "settle", "--period", "2026-02"}, dir.path());
    CHECK(settled.exit_code == 2);
    CHECK(settled.err ==
          "revshare: error: settle big 2026-02: the current share of rule \"all\" (version \"v1\", 2026-02) is "
          "180000000000000.00 USD, beyond the limit for an amount: its magnitude must be below 10^14 (100000000000000); "
          "nothing was stored for this period (check the costs and FX rates of its lines)\n");
    CHECK(query_value(dir / "r.db", "SELECT count(*) FROM settlement_run") == "0");
    CHECK(last_audit_entry(dir / "r.db") == "settle --period 2026-02 -> 2");
    // nightly stops this contract with the same message and goes on.
    fs::create_directory(dir / "inbox");
    const auto nightly = run_child({"--db", "r.db", "nightly", "--inbox", "inbox", "--out", "out"}, dir.path());
    CHECK(nightly.exit_code == 2);
    CHECK(nightly.err.find("revshare: error: nightly big: settle big 2026-02: the current share of rule \"all\"") == 0);
    check_verified(dir.path());
}

TEST_CASE("Limits: one line's cost times the largest FX rate past 10^14 stops the settlement, naming it") {
    ScratchDir dir;
    write_file(dir / "big.csv", focus_export({"99999999999999"}));
    write_file(dir / "big.toml", one_rule_contract("EUR", "0.5"));
    write_file(dir / "fx.csv", "date,base,quote,rate\n2026-02-01,USD,EUR,9999999.999999999999\n");
    REQUIRE(run_child({"--db", "r.db", "import", "big.csv"}, dir.path()).exit_code == 0);
    REQUIRE(run_child({"--db", "r.db", "fx", "import", "fx.csv"}, dir.path()).exit_code == 0);
    REQUIRE(run_child({"--db", "r.db", "contract", "add", "big.toml"}, dir.path()).exit_code == 0);
    const auto settled = run_child({"--db", "r.db", "settle", "--period", "2026-02"}, dir.path());
    CHECK(settled.exit_code == 2);
    CHECK(settled.err ==
          "revshare: error: settle big 2026-02: the current share of rule \"all\" (version \"v1\", 2026-02) is "
          "499999999999994999950.00 EUR, beyond the limit for an amount: its magnitude must be below 10^14 "
          "(100000000000000); nothing was stored for this period (check the costs and FX rates of its lines)\n");
    CHECK(last_audit_entry(dir / "r.db") == "settle --period 2026-02 -> 2");
}

// Settle said "decimal precision exceeded" and nothing else. A line past the limits can only
// come from an older version's database now; the message names contract, period and rule.
TEST_CASE("Limits: arithmetic past the Decimal in settle names the contract, period and rule") {
    ScratchDir dir;
    write_file(dir / "one.csv", focus_export({"1.5"}));
    write_file(dir / "big.toml", one_rule_contract("USD", "0.15"));
    REQUIRE(run_child({"--db", "r.db", "import", "one.csv"}, dir.path()).exit_code == 0);
    REQUIRE(run_child({"--db", "r.db", "contract", "add", "big.toml"}, dir.path()).exit_code == 0);
    {
        SQLite::Database database((dir / "r.db").string(), SQLite::OPEN_READWRITE);
        database.exec("UPDATE line SET billed_cost = '0." + std::string(58, '0') + "1'");  // 1E-59
    }
    const auto settled = run_child({"--db", "r.db", "settle", "--period", "2026-02"}, dir.path());
    CHECK(settled.exit_code == 2);
    CHECK(settled.err == "revshare: error: settle big 2026-02: rule \"all\" (version \"v1\"): decimal precision "
                         "exceeded: the exact result needs more than 60 decimal places; nothing was stored for this "
                         "period (check the costs and FX rates of its lines)\n");
    CHECK(query_value(dir / "r.db", "SELECT count(*) FROM settlement_run") == "0");
    CHECK(last_audit_entry(dir / "r.db") == "settle --period 2026-02 -> 2");
}

TEST_CASE("Limits: fx import refuses a rate or date beyond the limits, naming the column and the limit") {
    ScratchDir dir;
    const std::string tiny = "0." + std::string(39, '0') + "1";  // 1E-40
    const std::string huge = std::string(40, '9');
    write_file(dir / "fx.csv", "date,base,quote,rate\n2026-02-01,USD,EUR," + tiny + "\n2026-02-02,USD,EUR," + huge +
                                   "\n9999-12-31,USD,EUR,1.5\n0000-01-01,USD,EUR,1.5\n2026-02-03,USD,EUR,10000000\n");
    const auto result = run_child({"--db", "r.db", "fx", "import", "fx.csv"}, dir.path());
    CHECK(result.exit_code == 2);
    CHECK(result.err ==
          "fx.csv:2:4: error[fx-invalid]: rate: '" + tiny + "' is more than 12 decimal places, the limit for an FX rate\n"
          "    2026-02-01,USD,EUR," + tiny + "\n"
          "fx.csv:3:4: error[fx-invalid]: rate: '" + huge + "' is beyond the limit for an FX rate: its magnitude must "
          "be below 10^7 (10000000)\n"
          "    2026-02-02,USD,EUR," + huge + "\n"
          "fx.csv:4:1: error[fx-invalid]: date: '9999-12-31' is outside the dates revshare handles (1900-01-01 to 9998-12-31)\n"
          "    9999-12-31,USD,EUR,1.5\n"
          "fx.csv:5:1: error[fx-invalid]: date: '0000-01-01' is outside the dates revshare handles (1900-01-01 to 9998-12-31)\n"
          "    0000-01-01,USD,EUR,1.5\n"
          "fx.csv:6:4: error[fx-invalid]: rate: '10000000' is beyond the limit for an FX rate: its magnitude must be "
          "below 10^7 (10000000)\n"
          "    2026-02-03,USD,EUR,10000000\n"
          "fx.csv: refused (5 errors); no rate was stored\n");
    CHECK_FALSE(fs::exists(dir / "r.db"));
}

TEST_CASE("Limits: contract add refuses an amount past 10^14 and a date outside 1900..9998, naming the field") {
    ScratchDir dir;
    std::string text = one_rule_contract("USD", "0.1") + "minimum = \"100000000000000000.00\"\n";
    write_file(dir / "min.toml", text);
    const auto minimum = run_child({"--db", "r.db", "contract", "add", "min.toml"}, dir.path());
    CHECK(minimum.exit_code == 2);
    CHECK(minimum.err.find("min.toml:17:11: error[contract-invalid]: version \"v1\" rule \"all\" minimum: "
                           "\"100000000000000000.00\" is beyond the limit for an amount: its magnitude must be below "
                           "10^14 (100000000000000)\n") == 0);
    text = one_rule_contract("USD", "0.1");
    text.replace(text.find("2026-02-01"), 10, "9999-12-01");
    write_file(dir / "date.toml", text);
    const auto date = run_child({"--db", "r.db", "contract", "add", "date.toml"}, dir.path());
    CHECK(date.exit_code == 2);
    CHECK(date.err.find("date.toml:10:18: error[contract-invalid]: version \"v1\" effective_from: outside the dates "
                        "revshare handles (1900-01-01 to 9998-12-31); expected a date, e.g. effective_from = 2026-04-28\n") == 0);
    CHECK_FALSE(fs::exists(dir / "r.db"));
}

// toml++ recursed once per dotted key part: 50,000 of them was a SIGSEGV in contract add and compare.
TEST_CASE("Limits: a contract nested 50,000 deep is refused by contract add and compare --with, naming the line") {
    SettledSession session;
    std::string dotted;
    for (int i = 0; i < 50'000; ++i) dotted += "x.";
    write_file(session.dir() / "deep.toml", "id = \"deep\"\n" + dotted + "y = 1\n");
    const std::string expected = "deep.toml:2:64: error[contract-invalid]: tables, dotted key parts and brackets nested "
                                 "more than 32 levels deep here (the limit; a contract needs about 6)\n";
    const auto added = run_child({"--db", "r.db", "contract", "add", "deep.toml"}, session.dir());
    CHECK(added.exit_code == 2);
    CHECK(added.err.find(expected) == 0);
    const auto compared = run_child({"--db", "r.db", "compare", "--period", "2026-02", "--contract", "openai-microsoft",
                                     "--with", "deep.toml", "--out", "o"},
                                    session.dir());
    CHECK(compared.exit_code == 2);
    CHECK(compared.err.find(expected) == 0);
    CHECK(compared.err.find("revshare: error: compare: --with deep.toml is not a valid contract (1 error)\n") != std::string::npos);
}

TEST_CASE("Limits: --period outside 1900-01..9998-12 is refused by every command that takes one") {
    SettledSession session;
    for (const std::string period : {"0000-01", "9999-12", "1899-12"}) {
        for (const std::vector<std::string>& command :
             std::vector<std::vector<std::string>>{{"settle"}, {"close"}, {"report", "--out", "o"}, {"replay"},
                                                   {"compare", "--with", "openai-microsoft", "--out", "o"}}) {
            std::vector<std::string> arguments = {"--db", "r.db"};
            arguments.insert(arguments.end(), command.begin(), command.end());
            arguments.insert(arguments.end(), {"--period", period});
            CAPTURE(command.front());
            CAPTURE(period);
            const auto result = run_child(arguments, session.dir());
            CHECK(result.exit_code == 2);
            CHECK(result.err == "revshare: " + command.front() + ": --period '" + period +
                                    "': outside the periods revshare handles (1900-01 to 9998-12)\n");
        }
    }
    check_verified(session.dir());
}

// A journal changed in the database made report and replay abort (`sum.is_zero()`).
TEST_CASE("Limits: a journal changed in the database is an exit-3 message from report and replay, a finding of verify") {
    SettledSession session;
    REQUIRE(run_child({"--db", "r.db", "close", "--period", "2026-02"}, session.dir()).exit_code == 0);
    session.sql("UPDATE journal_entry SET amount = '1000000.00' WHERE run_id = 1 AND entry_number = 1");
    const std::string expected = "revshare: error: internal invariant failed: the stored settlement of openai-microsoft "
                                 "2026-02 has a journal that sums to ";
    const auto report = run_child({"--db", "r.db", "report", "--period", "2026-02", "--out", "o"}, session.dir());
    CHECK(report.exit_code == 3);
    CHECK(report.err.find(expected) == 0);
    const auto replay = run_child({"--db", "r.db", "replay", "--period", "2026-02"}, session.dir());
    CHECK(replay.exit_code == 3);
    CHECK(replay.err.find(expected) == 0);
    const auto verify = run_child({"--db", "r.db", "verify"}, session.dir());
    CHECK(verify.exit_code == 1);
    CHECK(verify.out.find("verify: ") == 0);
    CHECK(verify.out.find("has a journal that sums to") != std::string::npos);
}

// Dates and periods an older version stored (or a hand edit) outside 1900..9998: the command
// that reads them says which table, column and text, exit 3.
TEST_CASE("Limits: a stored period or date outside the limits is an exit-3 message naming table, column and text") {
    SettledSession session;
    session.sql("UPDATE settlement_run SET period = '9999-12' WHERE run_id = 1");
    const auto report = run_child({"--db", "r.db", "report", "--period", "2026-03", "--out", "o"}, session.dir());
    CHECK(report.exit_code == 3);
    CHECK(report.err == "revshare: error: database content is not valid: settlement_run.period of run 1 holds "
                        "'9999-12', not a period YYYY-MM (outside the periods revshare handles (1900-01 to 9998-12)); "
                        "this version of revshare never writes that, so the database was changed by hand or by another "
                        "program (run revshare verify)\n");
    const auto verify = run_child({"--db", "r.db", "verify"}, session.dir());
    CHECK(verify.exit_code == 1);
    CHECK(verify.out.find("run 1: database content is not valid: settlement_run.period of run 1 holds '9999-12'") !=
          std::string::npos);
}

// Each row a database edit that this version never writes, and the command that reads it: an
// exit-3 message naming what is wrong (before: an ENGINE_ASSERT abort, exit 134).
TEST_CASE("Limits: database content this version never writes is an exit-3 message from the command that reads it") {
    struct Edit {
        std::string sql;
        std::vector<std::string> command;
        std::string message;  // the start of stderr
    };
    const std::vector<Edit> edits = {
        // settle refuses an edited FX table by its seals first (tests/app/fx_seal_test.cpp);
        // replay reads the rates as stored.
        {"UPDATE fx_rate SET rate = '0' WHERE rate_date = (SELECT min(rate_date) FROM fx_rate)",
         {"replay", "--period", "2026-02"},
         "revshare: error: database content is not valid: fx_rate.rate of 2026-01-26 EUR/USD holds '0', not a rate > 0"},
        {"UPDATE fx_rate SET rate_date = '9999-12-31' WHERE rate_date = (SELECT min(rate_date) FROM fx_rate)",
         {"replay", "--period", "2026-02"},
         "revshare: error: database content is not valid: fx_rate.rate_date of EUR/USD holds '9999-12-31', not a date "
         "from 1900-01-01 to 9998-12-31"},
        {"UPDATE run_cap_total SET total = '1.001'", {"settle", "--period", "2026-04", "--allow-empty"},
         "revshare: error: internal invariant failed: the stored lifetime total of cap group \"msft-lifetime\" of "
         "openai-microsoft is 1.001, not in USD minor units"},
        {"UPDATE settlement_run SET currency = 'XXX' WHERE period = '2026-02'", {"report", "--period", "2026-02", "--out", "o"},
         "revshare: error: database content is not valid: settlement_run.currency of run 1 holds 'XXX', not an ISO "
         "4217 currency code"},
        {"UPDATE statement_row SET segment_start = '10000-01-01' WHERE run_id = 1", {"report", "--period", "2026-02", "--out", "o"},
         "revshare: error: database content is not valid: statement_row.segment_start of run 1 holds '10000-01-01', "
         "not a date from 1900-01-01 to 9998-12-31"},
        {"UPDATE statement_row SET share = '1.005' WHERE run_id = 1 AND row_number = 1", {"report", "--period", "2026-02", "--out", "o"},
         "revshare: error: internal invariant failed: the stored settlement of openai-microsoft 2026-02 has the share "
         "1.005 of rule"},
        {"UPDATE import SET rows_read = rows_read + 1, rows_imported = rows_imported + 1 WHERE import_id = 1",
         {"report", "--period", "2026-02", "--out", "o"},
         "revshare: error: internal invariant failed: import 1 ("},
        // A line an older version stored in 9999-12 (a period this version cannot name).
        {"UPDATE scope_period SET period_start = unixepoch('9999-12-01') WHERE rowid = 1",
         {"nightly", "--inbox", "inbox", "--out", "out"},
         "revshare: error: nightly openai-microsoft: database content is not valid: scope_period.period_start holds "
         "'9999-12', not a period YYYY-MM (outside the periods revshare handles (1900-01 to 9998-12))"},
    };
    for (const Edit& edit : edits) {
        CAPTURE(edit.sql);
        SettledSession session;
        session.sql(edit.sql);
        fs::create_directory(session.dir() / "inbox");
        std::vector<std::string> arguments = {"--db", "r.db"};
        arguments.insert(arguments.end(), edit.command.begin(), edit.command.end());
        const auto result = run_child(arguments, session.dir());
        CHECK(result.exit_code == 3);
        CHECK(result.err.substr(0, edit.message.size()) == edit.message);
        CHECK(result.err.find("revshare verify") != std::string::npos);
    }
}

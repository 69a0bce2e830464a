#pragma once
// A small fixture for the journal export tests (journal_cli_test.cpp, journal_tools_test.cpp):
// contract "jx" (USD: a memo fee, a share net of it, a share the other way; party names with
// quotes, `;`, `|`, `:` and Unicode; Microsoft on an account of its own in [accounts]) and
// contract "jx-yen" (JPY), FOCUS deliveries for March and April 2026, March settled and closed,
// then a refund for March delivered late, so that April posts a negative adjustment.
#include "tests/test_support.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <string>
#include <sys/wait.h>

namespace revshare::testing::journal {

inline const std::string jx_contract = R"toml(id       = "jx"
name     = "Journal example"
currency = "USD"

[parties]
openai    = "OpenAI OpCo, LLC"
microsoft = "Microsoft: \"Corp\"; Ünïcode | Ltd"
aws       = "Amazon Web Services, Inc."

[accounts]
microsoft = "Assets:Receivable:Microsoft"

[[version]]
id             = "v1"
effective_from = "2026-01-01"

  [[version.rule]]
  id    = "aws-fee"
  payer = "openai"
  payee = "aws"
  match = { ProviderName = ["AWS"] }
  rate  = "0.03"
  owed  = false

  [[version.rule]]
  id     = "msft-share"
  payer  = "openai"
  payee  = "microsoft"
  match  = { ProviderName = ["AWS"] }
  net_of = ["aws-fee"]
  rate   = "0.20"

  [[version.rule]]
  id    = "openai-share"
  payer = "microsoft"
  payee = "openai"
  match = { ProviderName = ["Microsoft"] }
  rate  = "0.10"
)toml";

inline const std::string yen_contract = R"toml(id       = "jx-yen"
name     = "Journal example in yen"
currency = "JPY"

[parties]
openai = "OpenAI Japan"
aws-jp = "AWS Japan G.K."

[[version]]
id             = "v1"
effective_from = "2026-01-01"

  [[version.rule]]
  id    = "yen-share"
  payer = "openai"
  payee = "aws-jp"
  match = { ProviderName = ["Sakura"] }
  rate  = "0.1"
)toml";

inline const std::string focus_header =
    "BilledCost,EffectiveCost,BillingCurrency,ChargeCategory,ChargePeriodStart,ChargePeriodEnd,BillingPeriodStart,"
    "BillingPeriodEnd,ProviderName,BillingAccountId,SubAccountId\n";

// A FOCUS delivery of one line of `cost` charged on the 5th of `month` (YYYY-MM; `next` the month after).
inline std::string focus_delivery(const std::string& cost, const std::string& currency, const std::string& month,
                                  const std::string& next, const std::string& provider, const std::string& account) {
    return focus_header + cost + "," + cost + "," + currency + ",Usage," + month + "-05T00:00:00Z," + month +
           "-06T00:00:00Z," + month + "-01T00:00:00Z," + next + "-01T00:00:00Z," + provider + "," + account + ",sa1\n";
}

struct ToolRun {
    int exit_code = 0;
    std::string out;
    std::string err;
};

// Runs a shell command (hledger, bean-check, bean-query) in `scratch`, capturing its output.
inline ToolRun run_tool(const std::string& command, const ScratchDir& scratch) {
    const auto out = scratch / "tool.out";
    const auto err = scratch / "tool.err";
    const int status = std::system((command + " >'" + out.string() + "' 2>'" + err.string() + "'").c_str());
    return ToolRun{WIFEXITED(status) ? WEXITSTATUS(status) : 128, read_file(out), read_file(err)};
}

// hledger and beancount's tools are on PATH, or the test fails saying how to install them.
inline void require_tools() {
    for (const std::string tool : {"hledger", "bean-check", "bean-query"}) {
        const std::string package = tool == "hledger" ? "hledger" : "beancount";
        REQUIRE_MESSAGE(std::system(("command -v " + tool + " >/dev/null").c_str()) == 0,
                        tool << " is missing: install the Debian package " << package << " (scripts/install-deps does)");
    }
}

inline void run_ok(const std::string& arguments, const ScratchDir& dir) {
    const auto result = run_revshare("--db r.db --quiet " + arguments, dir.path());
    REQUIRE_MESSAGE(result.exit_code == 0, arguments << ": " << result.err);
}

// March and April of both contracts; March settled and closed; a refund of 400.00 for March
// delivered after the close; April settled (it posts March's adjustment).
inline void set_up_in_place(const ScratchDir& dir) {
    write_file(dir / "aws-03.csv", focus_delivery("1000.00", "USD", "2026-03", "2026-04", "AWS", "ba-1"));
    write_file(dir / "azure-03.csv", focus_delivery("500.00", "USD", "2026-03", "2026-04", "Microsoft", "ea-1"));
    write_file(dir / "aws-04.csv", focus_delivery("2000.00", "USD", "2026-04", "2026-05", "AWS", "ba-1"));
    write_file(dir / "azure-04.csv", focus_delivery("300.00", "USD", "2026-04", "2026-05", "Microsoft", "ea-1"));
    write_file(dir / "sakura-04.csv", focus_delivery("12345", "JPY", "2026-04", "2026-05", "Sakura", "sk-1"));
    write_file(dir / "aws-03-refund.csv", focus_delivery("-400.00", "USD", "2026-03", "2026-04", "AWS", "ba-2"));
    write_file(dir / "jx.toml", jx_contract);
    write_file(dir / "jx-yen.toml", yen_contract);
    run_ok("import aws-03.csv azure-03.csv aws-04.csv azure-04.csv sakura-04.csv", dir);
    run_ok("contract add jx.toml", dir);
    run_ok("contract add jx-yen.toml", dir);
    run_ok("settle --period 2026-03", dir);
    run_ok("close --period 2026-03", dir);
    run_ok("import aws-03-refund.csv", dir);
    run_ok("settle --period 2026-04", dir);
}
inline void set_up(const ScratchDir& dir) { copy_prepared(dir, "journal: March closed, April adjusting it", set_up_in_place); }

}  // namespace revshare::testing::journal

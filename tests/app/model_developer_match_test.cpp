// "A share of one developer's model revenue on any cloud": when a cloud serves a third party's
// model, only FOCUS's SkuPriceDetails names the developer. A contract matches it as the column
// x_SkuPriceDetails.ModelDeveloper (importers/MAPPING.md), end to end through settle.
#include "tests/test_support.hpp"

#include <doctest/doctest.h>

using namespace revshare::testing;

namespace {

// 20 % of the revenue of Solora AI's models to Solora AI, and 5 % of the output tokens on top.
const std::string contract = R"(id = "solora-share"
name = "Solora AI model revenue share"
currency = "USD"
cost_column = "BilledCost"

[parties]
host = "Aura Web"
developer = "Solora AI"

[[version]]
id = "v1"
effective_from = 2025-01-01

  [[version.rule]]
  id = "developer-share"
  payer = "host"
  payee = "developer"
  match = { "x_SkuPriceDetails.ModelDeveloper" = ["Solora*"] }
  rate = "0.20"

  [[version.rule]]
  id = "output-bonus"
  payer = "host"
  payee = "developer"
  match = { "x_SkuPriceDetails.ModelDeveloper" = ["Solora AI"], "x_SkuPriceDetails.TokenDirection" = ["Output"] }
  rate = "0.05"
)";

}  // namespace

TEST_CASE("A contract on x_SkuPriceDetails.ModelDeveloper settles the developer's share of the FOCUS AI sample") {
    ScratchDir dir;
    REQUIRE(run_revshare("--db r.db import '" + (samples_dir() / "focus-draft-ai/csp_served_third_party_model.csv").string() +
                             "'",
                         dir.path())
                .exit_code == 0);
    write_file(dir / "c.toml", contract);
    const auto added = run_revshare("--db r.db contract add c.toml", dir.path());
    REQUIRE_MESSAGE(added.exit_code == 0, added.err);
    const auto settled = run_revshare("--db r.db --quiet settle --period 2025-05", dir.path());
    REQUIRE_MESSAGE(settled.exit_code == 0, settled.err);
    REQUIRE(run_revshare("--db r.db --quiet report --period 2025-05 --out out", dir.path()).exit_code == 0);
    // Basis 2.25 + 2.25 = 4.5, share 20 % = 0.90; output only 2.25 × 5 % = 0.1125 -> 0.11.
    CHECK(read_file(dir / "out/solora-share/2025-05/statement.csv") ==
          "period,contract,kind,for_period,version,rule,payer,payee,currency,basis,share,lines,share_before_limits,"
          "limited_by,cap_remaining,owed\n"
          "2025-05,solora-share,current,2025-05,v1,developer-share,host,developer,USD,4.50,0.90,2,0.90,,,true\n"
          "2025-05,solora-share,current,2025-05,v1,output-bonus,host,developer,USD,2.25,0.11,1,0.11,,,true\n");
}

TEST_CASE("A dotted x_SkuPriceDetails key written bare is refused with how to quote it") {
    ScratchDir dir;
    std::string bare = contract;
    const std::string quoted = "match = { \"x_SkuPriceDetails.ModelDeveloper\" = [\"Solora*\"] }";
    bare.replace(bare.find(quoted), quoted.size(), "match = { x_SkuPriceDetails.ModelDeveloper = [\"Solora*\"] }");
    write_file(dir / "c.toml", bare);
    const auto added = run_revshare("--db r.db contract add c.toml", dir.path());
    CHECK(added.exit_code == 2);
    CHECK(added.err.find("match.x_SkuPriceDetails: a dotted key; quote the column's name: "
                         "\"x_SkuPriceDetails.ModelDeveloper\" = [\"...\"]") != std::string::npos);
}

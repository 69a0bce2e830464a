#pragma once
// contract.md's "Example of the additional terms", as the spec writes it: a memo rule,
// year-to-date tiers, an annual minimum under a lifetime cap, an advance and a withholding.
// The parser's test and the end-to-end test of its settlement share it.
#include <string>

namespace revshare::testing {

inline const std::string terms_example_contract = R"toml(id       = "terms-example"
name     = "Additional terms example"
currency = "USD"
year_start_month = 7                     # contract years run July to June

[parties]
openai    = "OpenAI OpCo, LLC"
microsoft = "Microsoft Corporation"
aws       = "Amazon Web Services, Inc."
irs       = "Internal Revenue Service"

[[version]]
id             = "2027-original"
effective_from = "2027-04-01"

  [[version.rule]]
  id    = "aws-store-fee"                # AWS keeps it before paying OpenAI
  payer = "openai"
  payee = "aws"
  match = { ProviderName = ["AWS"], PublisherName = ["OpenAI*"] }
  rate  = "0.03"
  owed  = false

  [[version.rule]]
  id         = "msft-share"
  payer      = "openai"
  payee      = "microsoft"
  match      = { ProviderName = ["AWS"], PublisherName = ["OpenAI*"] }
  net_of     = ["aws-store-fee"]
  tiers      = [ { up_to = "1000000", rate = "0.20" }, { rate = "0.10" } ]
  tiers_over = "contract-year"

  [[version.rule]]
  id             = "openai-share"
  payer          = "microsoft"
  payee          = "openai"
  match          = { ProviderName = ["Microsoft"], x_SkuMeterSubcategory = ["Azure OpenAI*"] }
  rate           = "0.20"
  annual_minimum = "300000"
  cap_group      = "openai-lifetime"

[cap_group.openai-lifetime]
cap = "70000"

[[advance]]
id          = "2027-prepayment"
payer       = "microsoft"
payee       = "openai"
amount      = "150000"
paid_on     = "2027-05-15"
recoup_from = ["openai-share"]

[[withholding]]
id        = "us-withholding"
payee     = "microsoft"                  # microsoft's receipts are taxed
authority = "irs"
rate      = "0.30"
from      = "2027-06-01"
)toml";

}  // namespace revshare::testing

#!/usr/bin/env bash
# Regenerates every deal of docs/cookbook.md ("Ten deals, each as a contract and its statement").
#
#   RS_BIN=build-release docs/cookbook/make.sh [OUT_DIR]   # every deal in OUT_DIR/dNN-*/ (default
#                                                          # /tmp/revshare-cookbook), then OUT_DIR/cookbook.md
#   diff OUT_DIR/cookbook.md docs/cookbook.md              # the page is what this build writes
#
# RS_BIN is the folder holding the revshare binary to run.
#
# Each deal gets its own folder and its own database (./revshare.db there): contract.toml, one
# FOCUS CSV per (provider, billing account, month), commands.txt (the commands as run), output.txt
# (what they printed) and out/<contract>/<period>/ (what `revshare report` wrote). Then
# cookbook.tmpl.md is rendered to cookbook.md: each `@@FILE path@@` line becomes that file's text.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(mkdir -p "${1:-/tmp/revshare-cookbook}" && cd "${1:-/tmp/revshare-cookbook}" && pwd)
cp "$HERE/cookbook.tmpl.md" "$ROOT/cookbook.tmpl.md"
export PATH="$(cd "${RS_BIN:-$HERE/../../build-release}" && pwd):$PATH"   # the revshare binary
unset REVSHARE_DB
HEADER='BilledCost,EffectiveCost,BillingCurrency,ChargeCategory,ChargePeriodStart,ChargePeriodEnd,BillingPeriodStart,BillingPeriodEnd,ProviderName,PublisherName,x_SkuMeterSubcategory,ServiceName,BillingAccountId,SubAccountId'

# deal NAME: a fresh folder for the deal, and cd into it.
deal() { rm -rf "${ROOT:?}/$1"; mkdir -p "$ROOT/$1"; cd "$ROOT/$1"; : > commands.txt; : > output.txt; }

# run ARGS...: run `revshare ARGS`, record the command (commands.txt) and what it printed
# (output.txt, and last.txt for this command alone); stop on any exit but 0.
run() {
  echo "revshare $*" >> commands.txt
  echo "\$ revshare $*" >> output.txt
  local rc=0
  revshare "$@" > last.txt 2>&1 || rc=$?
  cat last.txt >> output.txt
  if (( rc != 0 )); then echo "$(pwd): revshare $* failed (exit $rc)" >&2; cat last.txt >&2; exit 1; fi
}
# run_fails CODE NOTE ARGS...: as run, for a command that must exit with CODE; NOTE is written
# after the command in commands.txt.
run_fails() {
  local want=$1 note=$2; shift 2
  echo "revshare $*    # $note" >> commands.txt
  echo "\$ revshare $*" >> output.txt
  local rc=0
  revshare "$@" > last.txt 2>&1 || rc=$?
  cat last.txt >> output.txt
  if (( rc != want )); then echo "$(pwd): revshare $* exited $rc, not $want" >&2; cat last.txt >&2; exit 1; fi
}

# csvq TEXT: TEXT as a CSV cell (quoted when it holds a comma or a quote).
csvq() { case "$1" in *[,\"]*) printf '"%s"' "${1//\"/\"\"}" ;; *) printf '%s' "$1" ;; esac; }

# line COST CURRENCY START PROVIDER PUBLISHER SUBCATEGORY SERVICE ACCOUNT SUBACCOUNT
# One FOCUS usage row: BilledCost = EffectiveCost = COST, charged from START (a date, or a UTC
# timestamp) for a day, in the billing period of START's calendar month.
line() {
  local cost=$1 cur=$2 start=$3 prov=$4 publ=$5 sub=$6 svc=$7 acct=$8 subacct=$9
  [[ $start == *T* ]] || start="${start}T00:00:00Z"
  local end bps bpe
  end=$(date -u -d "${start%Z} UTC + 1 day" +%Y-%m-%dT%H:%M:%SZ)
  bps="${start:0:7}-01T00:00:00Z"
  bpe=$(date -u -d "${start:0:7}-01 + 1 month" +%Y-%m-01T00:00:00Z)
  echo "$cost,$cost,$cur,Usage,$start,$end,$bps,$bpe,$(csvq "$prov"),$(csvq "$publ"),$(csvq "$sub"),$(csvq "$svc"),$acct,$subacct"
}
# focus FILE LINE...: write a FOCUS export with the header and the lines.
focus() { local f=$1; shift; { echo "$HEADER"; printf '%s\n' "$@"; } > "$f"; }

# The usual rows: Azure OpenAI on Azure (EA 8611, subscription sub-oai), OpenAI on Amazon Bedrock
# (payer account 111122223333).
azure()   { line "$1" "${3:-USD}" "$2" Microsoft Microsoft "${4:-Azure OpenAI GPT5}" "Azure OpenAI Service" ea-8611 sub-oai; }
bedrock() { line "$1" USD "$2" AWS "OpenAI, L.L.C." "" "GPT-5 (Amazon Bedrock Edition)" 111122223333 111122223333; }

###############################################################################################
# 1. The seed's three versions
deal d01-seed
cat > contract.toml <<'EOF'
id          = "openai-microsoft-mini"
name        = "OpenAI / Microsoft revenue share (cookbook variant of the seed)"
currency    = "USD"
cost_column = "BilledCost"

[parties]
openai    = "OpenAI OpCo, LLC"
microsoft = "Microsoft Corporation"
aws       = "Amazon Web Services, Inc."

[[version]]
id             = "2019-original"
effective_from = 2019-07-22

  [[version.rule]]
  id    = "msft-share-of-openai"
  payer = "openai"
  payee = "microsoft"
  match = { ProviderName = ["Microsoft"], x_SkuMeterSubcategory = ["Azure OpenAI*"] }
  rate  = "0.15"

  [[version.rule]]
  id    = "openai-share-of-azure-openai"
  payer = "microsoft"
  payee = "openai"
  match = { ProviderName = ["Microsoft"], x_SkuMeterSubcategory = ["Azure OpenAI*"] }
  rate  = "0.10"

[[version]]
id             = "2023-extension"
effective_from = 2023-01-23

  [[version.rule]]
  id    = "msft-share-of-openai"
  payer = "openai"
  payee = "microsoft"
  match = { ProviderName = ["Microsoft"], x_SkuMeterSubcategory = ["Azure OpenAI*"] }
  rate  = "0.20"

  [[version.rule]]
  id    = "openai-share-of-azure-openai"
  payer = "microsoft"
  payee = "openai"
  match = { ProviderName = ["Microsoft"], x_SkuMeterSubcategory = ["Azure OpenAI*"] }
  rate  = "0.12"

[[version]]
id             = "2026-amendment"
effective_from = 2026-04-28

  [[version.rule]]
  id    = "aws-distribution-fee"
  payer = "openai"
  payee = "aws"
  match = { ProviderName = ["AWS"], ServiceName = ["* (Amazon Bedrock Edition)"], PublisherName = ["OpenAI*"] }
  rate  = "0.15"

  [[version.rule]]
  id        = "msft-share-all-clouds"
  payer     = "openai"
  payee     = "microsoft"
  match     = [
    { ProviderName = ["Microsoft"], x_SkuMeterSubcategory = ["Azure OpenAI*"] },
    { ProviderName = ["AWS"], ServiceName = ["* (Amazon Bedrock Edition)"], PublisherName = ["OpenAI*"] },
  ]
  net_of    = ["aws-distribution-fee"]
  tiers     = [ { up_to = "2000.00", rate = "0.20" }, { rate = "0.25" } ]
  minimum   = "1000.00"
  maximum   = "6000.00"
  cap_group = "msft-lifetime"

[cap_group.msft-lifetime]
cap = "20000.00"
EOF
focus azure-2026-04.csv "$(azure 10000.00 2026-04-05)" "$(azure 2500.00 2026-04-27T23:00:00Z)" "$(azure 3000.00 2026-04-28T00:00:00Z)"
focus aws-2026-04.csv "$(bedrock 1000.00 2026-04-29)"
run contract check contract.toml
run contract add contract.toml
run import azure-2026-04.csv aws-2026-04.csv
run settle --period 2026-04
run report --period 2026-04 --out out
cp last.txt report-2026-04.txt

###############################################################################################
# 2. A marketplace store fee as a memo rule
deal d02-store-fee
cat > contract.toml <<'EOF'
id       = "bedrock-store-fee"
name     = "OpenAI on Bedrock: Microsoft's share net of the store fee"
currency = "USD"

[parties]
openai    = "OpenAI OpCo, LLC"
microsoft = "Microsoft Corporation"
aws       = "Amazon Web Services, Inc."

[[version]]
id             = "2026-original"
effective_from = 2026-01-01

  [[version.rule]]
  id    = "aws-store-fee"               # AWS keeps 3% before it pays OpenAI: stated, not owed
  payer = "openai"
  payee = "aws"
  match = { ProviderName = ["AWS"], PublisherName = ["OpenAI*"] }
  rate  = "0.03"
  owed  = false

  [[version.rule]]
  id     = "msft-share"
  payer  = "openai"
  payee  = "microsoft"
  match  = { ProviderName = ["AWS"], PublisherName = ["OpenAI*"] }
  net_of = ["aws-store-fee"]
  rate   = "0.20"
EOF
focus aws-2026-03.csv "$(bedrock 40000.00 2026-03-04)" "$(bedrock 10000.50 2026-03-18)"
run contract check contract.toml
run contract add contract.toml
run import aws-2026-03.csv
run settle --period 2026-03
run report --period 2026-03 --out out

###############################################################################################
# 3. Year-to-date tiers
deal d03-ytd-tiers
cat > contract.toml <<'EOF'
id               = "ytd-tiers"
name             = "Microsoft's share, tiered on the contract year's revenue so far"
currency         = "USD"
year_start_month = 1

[parties]
openai    = "OpenAI OpCo, LLC"
microsoft = "Microsoft Corporation"

[[version]]
id             = "2026-original"
effective_from = 2026-01-01

  [[version.rule]]
  id         = "msft-share"
  payer      = "openai"
  payee      = "microsoft"
  match      = { ProviderName = ["Microsoft"], x_SkuMeterSubcategory = ["Azure OpenAI*"] }
  tiers      = [ { up_to = "100000.00", rate = "0.20" }, { rate = "0.10" } ]
  tiers_over = "contract-year"
EOF
focus azure-2026-01.csv "$(azure 80000.00 2026-01-12)"
focus azure-2026-02.csv "$(azure 50000.00 2026-02-09)"
run contract check contract.toml
run contract add contract.toml
run import azure-2026-01.csv azure-2026-02.csv
run settle --period 2026-01
run settle --period 2026-02
run report --period 2026-01 --out out
run report --period 2026-02 --out out

###############################################################################################
# 4. A commitment with a true-up
deal d04-true-up
cat > contract.toml <<'EOF'
id               = "azure-commitment"
name             = "Microsoft's annual minimum to OpenAI, trued up in March"
currency         = "USD"
year_start_month = 4                    # contract years run April to March

[parties]
openai    = "OpenAI OpCo, LLC"
microsoft = "Microsoft Corporation"

[[version]]
id             = "2026-10-original"
effective_from = 2026-10-01

  [[version.rule]]
  id             = "openai-share"
  payer          = "microsoft"
  payee          = "openai"
  match          = { ProviderName = ["Microsoft"], x_SkuMeterSubcategory = ["Azure OpenAI*"] }
  rate           = "0.10"
  annual_minimum = "50000.00"
EOF
focus azure-2026-12.csv "$(azure 60000.00 2026-12-07)"
focus azure-2027-03.csv "$(azure 80000.00 2027-03-08)"
run contract check contract.toml
run contract add contract.toml
run import azure-2026-12.csv azure-2027-03.csv
run settle --period 2026-12
run settle --period 2027-03
run report --period 2026-12 --out out
run report --period 2027-03 --out out

###############################################################################################
# 5. An advance recouped over two periods
deal d05-advance
cat > contract.toml <<'EOF'
id       = "azure-advance"
name     = "Microsoft's advance to OpenAI, recouped from OpenAI's share"
currency = "USD"

[parties]
openai    = "OpenAI OpCo, LLC"
microsoft = "Microsoft Corporation"

[[version]]
id             = "2026-original"
effective_from = 2026-01-01

  [[version.rule]]
  id    = "openai-share"
  payer = "microsoft"
  payee = "openai"
  match = { ProviderName = ["Microsoft"], x_SkuMeterSubcategory = ["Azure OpenAI*"] }
  rate  = "0.12"

[[advance]]
id          = "2026-03-advance"
payer       = "microsoft"
payee       = "openai"
amount      = "5000.00"
paid_on     = 2026-03-10
recoup_from = ["openai-share"]
EOF
focus azure-2026-03.csv "$(azure 25000.00 2026-03-16)"
focus azure-2026-04.csv "$(azure 40000.00 2026-04-13)"
run contract check contract.toml
run contract add contract.toml
run import azure-2026-03.csv azure-2026-04.csv
run settle --period 2026-03
run settle --period 2026-04
run report --period 2026-03 --out out
run report --period 2026-04 --out out

###############################################################################################
# 6. A withholding tax
deal d06-withholding
cat > contract.toml <<'EOF'
id       = "msft-withholding"
name     = "Shares with US withholding on Microsoft's receipts"
currency = "USD"

[parties]
openai    = "OpenAI OpCo, LLC"
microsoft = "Microsoft Corporation"
irs       = "Internal Revenue Service"

[[version]]
id             = "2026-original"
effective_from = 2026-01-01

  [[version.rule]]
  id    = "msft-share"
  payer = "openai"
  payee = "microsoft"
  match = { ProviderName = ["Microsoft"], x_SkuMeterSubcategory = ["Azure OpenAI*"] }
  rate  = "0.20"

  [[version.rule]]
  id    = "openai-share"
  payer = "microsoft"
  payee = "openai"
  match = { ProviderName = ["Microsoft"], x_SkuMeterSubcategory = ["Azure OpenAI*"] }
  rate  = "0.05"

[[withholding]]
id        = "us-withholding"
payee     = "microsoft"                 # whose receipts are taxed
authority = "irs"
rate      = "0.30"
from      = 2026-03-15
EOF
focus azure-2026-03.csv "$(azure 50000.00 2026-03-09)"
run contract check contract.toml
run contract add contract.toml
run import azure-2026-03.csv
run settle --period 2026-03
run report --period 2026-03 --out out

###############################################################################################
# 7. A two-way share
deal d07-two-way
cat > contract.toml <<'EOF'
id       = "azure-two-way"
name     = "Azure OpenAI and ChatGPT on the Azure Marketplace: a share each way"
currency = "USD"

[parties]
openai    = "OpenAI OpCo, LLC"
microsoft = "Microsoft Corporation"

[[version]]
id             = "2026-original"
effective_from = 2026-01-01

  [[version.rule]]
  id    = "openai-share-of-azure-openai"  # Microsoft sells OpenAI's models as Azure OpenAI
  payer = "microsoft"
  payee = "openai"
  match = { ProviderName = ["Microsoft"], x_SkuMeterSubcategory = ["Azure OpenAI*"] }
  rate  = "0.12"

  [[version.rule]]
  id    = "msft-share-of-marketplace"     # OpenAI sells ChatGPT through the Azure Marketplace
  payer = "openai"
  payee = "microsoft"
  match = { ProviderName = ["Microsoft"], PublisherName = ["OpenAI*"], ServiceName = ["ChatGPT*"] }
  rate  = "0.20"
EOF
focus azure-2026-03.csv "$(azure 30000.00 2026-03-03)" \
  "$(line 12000.00 USD 2026-03-03 Microsoft "OpenAI, L.L.C." "" "ChatGPT Enterprise" ea-8611 sub-oai)"
run contract check contract.toml
run contract add contract.toml
run import azure-2026-03.csv
run settle --period 2026-03
run report --period 2026-03 --out out

###############################################################################################
# 8. A lifetime cap across two rules
deal d08-cap-group
cat > contract.toml <<'EOF'
id       = "msft-capped"
name     = "Microsoft's shares of GPT and Sora revenue under one lifetime cap"
currency = "USD"

[parties]
openai    = "OpenAI OpCo, LLC"
microsoft = "Microsoft Corporation"

[[version]]
id             = "2026-original"
effective_from = 2026-01-01

  [[version.rule]]
  id        = "msft-share-gpt"
  payer     = "openai"
  payee     = "microsoft"
  match     = { ProviderName = ["Microsoft"], x_SkuMeterSubcategory = ["Azure OpenAI GPT*"] }
  rate      = "0.20"
  cap_group = "msft-lifetime"

  [[version.rule]]
  id        = "msft-share-sora"
  payer     = "openai"
  payee     = "microsoft"
  match     = { ProviderName = ["Microsoft"], x_SkuMeterSubcategory = ["Azure OpenAI Sora*"] }
  rate      = "0.10"
  cap_group = "msft-lifetime"

[cap_group.msft-lifetime]
cap = "10000.00"                          # the most Microsoft receives, both rules together, ever
EOF
focus azure-2026-02.csv "$(azure 20000.00 2026-02-10)" "$(azure 10000.00 2026-02-10 USD "Azure OpenAI Sora")"
focus azure-2026-03.csv "$(azure 15000.00 2026-03-10)" "$(azure 30000.00 2026-03-10 USD "Azure OpenAI Sora")"
run contract check contract.toml
run contract add contract.toml
run import azure-2026-02.csv azure-2026-03.csv
run settle --period 2026-02
run settle --period 2026-03
run report --period 2026-02 --out out
run report --period 2026-03 --out out

###############################################################################################
# 9. A mid-month rate change with a prorated minimum
deal d09-mid-month
cat > contract.toml <<'EOF'
id       = "mid-month-change"
name     = "Microsoft's share: 10% until 14 May 2026, 12% from 15 May, at least 3,000.00 a month"
currency = "USD"

[parties]
openai    = "OpenAI OpCo, LLC"
microsoft = "Microsoft Corporation"

[[version]]
id             = "2025-original"
effective_from = 2025-01-01

  [[version.rule]]
  id      = "msft-share"
  payer   = "openai"
  payee   = "microsoft"
  match   = { ProviderName = ["Microsoft"], x_SkuMeterSubcategory = ["Azure OpenAI*"] }
  rate    = "0.10"
  minimum = "3000.00"                   # per month, prorated for a part month

[[version]]
id             = "2026-05-amendment"
effective_from = 2026-05-15

  [[version.rule]]
  id      = "msft-share"
  payer   = "openai"
  payee   = "microsoft"
  match   = { ProviderName = ["Microsoft"], x_SkuMeterSubcategory = ["Azure OpenAI*"] }
  rate    = "0.12"
  minimum = "3000.00"
EOF
focus azure-2026-05.csv "$(azure 10000.00 2026-05-03)" "$(azure 20000.00 2026-05-20)"
run contract check contract.toml
run contract add contract.toml
run import azure-2026-05.csv
run settle --period 2026-05
run report --period 2026-05 --out out

###############################################################################################
# 10. Lines in EUR, a contract in USD
deal d10-fx
cat > contract.toml <<'EOF'
id       = "eur-azure-openai"
name     = "Microsoft's share of Azure OpenAI billed in EUR, settled in USD"
currency = "USD"

[parties]
openai    = "OpenAI OpCo, LLC"
microsoft = "Microsoft Corporation"

[[version]]
id             = "2026-original"
effective_from = 2026-01-01

  [[version.rule]]
  id    = "msft-share"
  payer = "openai"
  payee = "microsoft"
  match = { ProviderName = ["Microsoft"], x_SkuMeterSubcategory = ["Azure OpenAI*"] }
  rate  = "0.20"
EOF
cat > eur-usd.csv <<'EOF'
date,base,quote,rate
2026-03-02,EUR,USD,1.08512
2026-03-06,EUR,USD,1.09037
EOF
focus azure-eu-2026-03.csv \
  "$(line 1000.00 EUR 2026-03-02 Microsoft Microsoft "Azure OpenAI GPT5" "Azure OpenAI Service" ea-4410 sub-eu)" \
  "$(line 2000.00 EUR 2026-03-08 Microsoft Microsoft "Azure OpenAI GPT5" "Azure OpenAI Service" ea-4410 sub-eu)"
run contract check contract.toml
run contract add contract.toml
run import azure-eu-2026-03.csv
run_fails 2 "exit 2: no EUR rates yet, nothing stored" settle --period 2026-03
cp last.txt settle-without-rates.txt
run fx import eur-usd.csv
run settle --period 2026-03
run report --period 2026-03 --out out

###############################################################################################
# Render the page.
cd "$ROOT"
if [[ -f cookbook.tmpl.md ]]; then
  python3 - "$ROOT" <<'PY'
import pathlib, re, sys
root = pathlib.Path(sys.argv[1])
out = []
for l in (root / "cookbook.tmpl.md").read_text().splitlines(keepends=True):
    m = re.fullmatch(r"@@FILE (\S+)@@\n?", l)
    if not m:
        out.append(l)
        continue
    text = (root / m.group(1)).read_text()
    out.append(text if text.endswith("\n") else text + "\n")
(root / "cookbook.md").write_text("".join(out))
PY
  echo "wrote $ROOT/cookbook.md"
fi

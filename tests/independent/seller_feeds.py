#!/usr/bin/env python3
"""Independent oracle for revshare's seller-side feeds (a differential test).

Written from shared/spec/formats.md, section "Seller-side marketplace feeds" (S0-S8),
contract.md and cli.md alone; it reads none of the engine's code. It reuses, by import,
the helpers of the existing oracle for the customer-side formats:
tests/independent/expected_statements.py (exact decimal arithmetic that traps every
inexact operation, the wildcard matcher, the FX lookup, half-to-even rounding, the CSV
cell rules) and tests/independent/random_contracts.py (the contract generator, the
statement computation of contract.md steps 1-9, the report rendering, the late-data
adjustment rows).

What it models (the reader, sections S0-S5):
  - recognition of the two formats by header (S0), required columns (broken-header);
  - each row's normalised line (S1, S2, S3): the seller columns a contract may match,
    BilledCost = EffectiveCost revenue-signed, ChargePeriodStart/End by the action and
    date tables, BillingPeriod = the month of ChargePeriodStart, categories;
  - the row-level bad-input codes of S5;
  - the delivery rule of S4: event keys, AWS versions ordered by (valid_from,
    update_date) as instants, deletions, Microsoft's order-of-import versions, "already
    known", new / newer / older outcomes per row, conflicting-version within a file and
    against stored versions, the SHA-256 no-op, and each event's current line as of an
    import high-water mark H.

What it generates (seeded, per scenario): 3-6 months; AWS month files of billing events
(invoices of the previous usage month with listing fees, taxes and infrastructure shares,
corrections with a later update_date, re-recorded versions with a later valid_from that may
move the usage month, deletions and undeletions, collections, write-offs, disbursed items
and DISBURSEMENT / DISBURSEMENT_FAILURE rows, refunds and credits, balance adjustments, bad
rows, re-sent and conflicting versions) in either column set, written in varied date and
amount forms, delivered as growing prefixes (some skipped, some .csv.gz, an older shorter one
or a whole month file delivered late, an identical file again, a file without a required
column); Microsoft transaction-history downloads that overlap, each earning in its payment
state of the download's day (Unprocessed, Tax invoice pending, Upcoming, Sent, Reversed),
refunds, reversals, chargebacks, adjustment earnings, bad earnings, an earning listed twice,
column names in other letter cases, BOM and CRLF, a download imported after the next one;
USD, EUR, GBP and JPY lines; the FX table; and a random contract from random_contracts.py's
generator whose match tables are drawn over the seller columns (ProviderName, PublisherName,
x_MarketplaceAction, x_TransactionType, x_PaymentStatus, x_ProductId, x_BrokerId, ...,
S6's basis tables among them).

Usage (from anywhere):
  python3 tests/independent/seller_feeds.py --self-test [--binary PATH]
      Imports the six files of shared/samples/seller-synthetic/ in the README's order and
      checks the README's per-file outcome table, the 47 current lines, that re-importing
      any file (or file 1 after file 2) changes nothing, and every row of its basis table
      (S6's three contracts); also S2's worked example and its S6 figures, and S7's
      "mid-month versions see whole usage months" on the samples. With --binary, the samples
      also go through the binary (exit codes, quarantined rows, re-imports, counts where
      printed in S4's form, `verify`).
  python3 tests/independent/seller_feeds.py --seed S --only I --show
      Print scenario I's deliveries, the expected outcome of each import, the current
      lines, the contract and the expected statement.csv / net.csv (no binary needed).
  python3 tests/independent/seller_feeds.py --binary PATH --seed S --count N
          [--terms old|all] [--late] [--keep DIR] [--only I] [--jobs J]
      For each seeded scenario: init, fx import, import every delivery one by one
      (checking each import's exit code, its quarantined (line, code) pairs and, when the
      binary prints them in S4's form, its new/newer/older/already-known counts), contract
      add, settle every month in order, report every month, compare statement.csv (all 16
      columns) and net.csv byte for byte, `revshare verify` must exit 0.
      --late: import only the first part of the deliveries, settle every month, close the
      first months, import the rest (newer versions, deletions, refunds, payment-status
      changes of events in the closed months), settle the last month, and check the
      adjustment rows (contract.md "Closed periods and late data"). Needs --terms old;
      the contracts have no cap group (as random_contracts.py --late).
      --via-focus: give the binary the scenario's current lines as one FOCUS file instead of
      the seller deliveries (the FOCUS importer copies the seller columns, S1): checks the
      settlement side of this oracle (contracts over the seller columns, FX, statements) with
      a binary that does not read the seller formats yet. Lines with neither BillingAccountId
      nor SubAccountId are left out on both sides (FOCUS quarantines them for want of a scope).
      Exit 0 and "N scenarios agree" when all agree; exit 1 on any difference. --keep DIR
      keeps a disagreeing scenario's files (exports/, late/, contract.toml, fx.csv, run.sh,
      expected/ with imports.txt and current-lines.txt, the binary's reports/ and binary.log).

Python 3.11 standard library only; no float anywhere on an amount.

Readings of the spec where it leaves a choice (the generator avoids the ones marked *):
  - AWS "same content" (S4's "repeats what is known" and the conflicting-version checks,
    within a file too) compares exactly action, transaction_type, currency and amount (as
    numbers); other cells of a repeated version (product, dates, ids) are not compared: the
    stored line of the version stands.
  - A row quarantined for another code takes part in no S4 rule: it is neither "an earlier
    row of this file" for a later row nor one of the rows of a version or earning whose
    disagreement quarantines them all (conflicting-version looks at the rows that pass
    every other check).
  - A row with several defects: the oracle reports the first of column-count,
    missing-value, unknown-charge-type, bad-number, bad-currency, bad-date, (Microsoft)
    missing-value for both dates empty, sign-mismatch. * The generator puts one defect in
    a bad row.
  - AWS "forward" types include BALANCE_ADJUSTMENT, DISBURSEMENT and
    DISBURSEMENT_FAILURE (they have no _REFUND/_CREDIT suffix), so an INVOICED row of
    those types is dated by its usage start, else invoice_date, else valid_from.
  - "An inclusive end before its start": a usage period whose exclusive end (S1) is not
    after its start; checked whenever both cells are non-empty, whatever the action.
    * The generator writes such a row only as a bad row with an INVOICED forward action.
  - Dates: the forms S1 lists; a zone only after a time; a date-only usage end names the
    whole day. Fractional seconds are dropped before anything is compared, so versions
    written with other fractions or forms of the same instants are the same version.
  - * column-count: a row two cells short or one cell too long. A row exactly one cell
    short is not generated ("as for every format", a file may read it with its last cell
    empty).
  - Currency: three upper-case ASCII letters (no list of codes is checked). * The
    generator writes only USD, EUR, GBP and JPY, and usd, US$ or empty as bad ones.
  - Microsoft: the download's `earningId` compared as text; a header naming a column twice
    (in two letter cases) is not generated *.
  - The S4 "superseding import N" note is computed (see --show) but not compared: whether
    a deletion or a newer version after a deletion "supersedes" the deleted version's
    import is not said.
  - SHA-256 no-op: an import of bytes identical to an imported file (whatever its name)
    does nothing; a refused file (broken-header) is not remembered.
  - Import counts: the binary's texts are compared only where they have S4's form
    `N rows: a new, b newer (...), c older, d already known, e quarantined`, in the output
    of each `import` and in `revshare imports` (the k-th such line against the k-th import
    that stored anything or nothing, i.e. neither a SHA-256 no-op nor a refused file).
    Also compared: each import's `N rows read, L lines, Q quarantined` and, where
    `revshare imports` prints a table of import, format, rows, lines, quarantined, its
    seller rows, with L = the lines the import stored (S4: rows_imported - already known).
    Quarantined rows are compared as the (line, code) pairs of the
    `file:line[:col]: error[code]` diagnostics on stderr.
  - S4 "no line of its event is stored and no earlier row of this file had it": rows are
    applied in file order, so an earlier row of the file that stored a version is a stored
    line for the later rows (a file with two versions of a new event: the first row is a new
    event, the second a newer or an older version).
  - Provenance and order: a repeated AWS version is "already known" when action,
    transaction_type, currency and amount agree, and the line of its first delivery stands
    (S4). So when two deliveries of one version differ elsewhere (the documented column set
    without action_date or recipient_account_id, the newer one with them), the current
    line depends on which was imported first, although S4 also says that AWS's result does
    not depend on the order of import. The oracle follows the explicit rules (first
    delivery stands); the generator re-sends a version identically, sometimes in another
    month file whose column set differs.
  - Microsoft "every column" of the line: the columns of formats.md's normalised-line table
    (text, costs as numbers, the four dates as instants); a download that re-spells
    transactionType in another letter case repeats the earning (stored lower-case).
  - Late data (--late): as random_contracts.py --late: the closed periods keep their
    statements; the earliest open period posts, after its current rows, per closed period
    and per (version, rule) of its statement, the difference between the period recomputed
    with the current lines as of the new high-water mark and its closed statement (a row
    whose basis, share and lines differences are all zero is not posted).
  - * With --terms all, the first version takes effect no earlier than the contract year of
    the first month: `settle` settles an earlier contract year's end on the way (contract.md
    "When periods are settled"), whose rows would move caps and year totals that this
    oracle starts from zero in the first month.
"""

from __future__ import annotations

import argparse
import calendar
import concurrent.futures
import csv
import datetime as dt
import decimal
import gzip
import hashlib
import io
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import tomllib
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import random_contracts as rc     # noqa: E402  (ours: tests/independent/; it imports expected_statements)

SHARED = HERE.parents[2] / "shared"
if not (SHARED / "spec" / "formats.md").exists():
    SHARED = Path("/work/shared")
SHARED = Path(os.environ.get("REVSHARE_SHARED", SHARED))
FORMATS_MD = SHARED / "spec" / "formats.md"
SAMPLES = SHARED / "samples" / "seller-synthetic"

AWS = "aws-marketplace-billing-events"
MS = "microsoft-payouts"
D0 = Decimal(0)
ROUNDING = decimal.Context(prec=60, rounding=decimal.ROUND_HALF_EVEN)   # generator only

# =================================================================================
# The normalised line (formats.md "The normalised line", S1)

TEXT_COLUMNS = (
    "ProviderName", "PublisherName", "InvoiceIssuerName", "BillingAccountId", "SubAccountId",
    "ChargeCategory", "ChargeClass", "ServiceName", "SkuId", "SkuMeter", "RegionId",
    "BillingCurrency", "ConsumedUnit", "x_ServiceCode", "x_UsageType", "x_Operation",
    "x_SkuMeterCategory", "x_SkuMeterSubcategory", "x_SkuMeterName", "x_PublisherCategory",
    "InvoiceId", "x_MarketplaceAction", "x_TransactionType", "x_PaymentStatus", "x_ProductId",
    "x_OfferId", "x_AgreementId", "x_BrokerId", "Tags")
COST_COLUMNS = ("BilledCost", "EffectiveCost", "ListCost", "ContractedCost")
DATE_COLUMNS = ("BillingPeriodStart", "BillingPeriodEnd", "ChargePeriodStart", "ChargePeriodEnd")
ALL_COLUMNS = TEXT_COLUMNS + COST_COLUMNS + DATE_COLUMNS + ("ConsumedQuantity",)

# A contract's match keys: the text columns of the normalised line, not Tags (contract.md).
# random_contracts.py reads its module-level MATCH_COLUMNS when it validates a contract and
# matches a line, so pointing it at the seller columns drives its generator and settlement.
MATCH_COLUMNS = tuple(c for c in TEXT_COLUMNS if c != "Tags")
rc.MATCH_COLUMNS = MATCH_COLUMNS


def empty_line() -> dict:
    line = {c: "" for c in TEXT_COLUMNS}
    line.update({c: None for c in COST_COLUMNS + DATE_COLUMNS + ("ConsumedQuantity",)})
    return line


class Bad(Exception):
    """A quarantined row: args = (code, message)."""

    @property
    def code(self) -> str:
        return self.args[0]


# =================================================================================
# Cells: dates (S1 "Dates"), numbers, currencies

DATE_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|\+00:00)?)?")
US_DATE_RE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
NUMBER_RE = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
CURRENCY_RE = re.compile(r"[A-Z]{3}")


def parse_date(text: str, what: str) -> tuple[dt.datetime, bool]:
    """(instant, whether a time was written); fractional seconds dropped; UTC."""
    m = DATE_RE.fullmatch(text)
    try:
        if m:
            y, mo, d = int(m[1]), int(m[2]), int(m[3])
            if m[4] is None:
                return dt.datetime(y, mo, d), False
            return dt.datetime(y, mo, d, int(m[4]), int(m[5]), int(m[6] or 0)), True
        m = US_DATE_RE.fullmatch(text)
        if m:
            return dt.datetime(int(m[3]), int(m[1]), int(m[2])), False
    except ValueError:
        pass
    raise Bad("bad-date", f"{what}: {text!r} is not a date")


def instant(text: str, what: str) -> dt.datetime:
    return parse_date(text, what)[0]


def exclusive_end(text: str, what: str) -> dt.datetime:
    """S1 "Inclusive ends": the first whole second after the inclusive value; a date
    without a time names the whole day."""
    t, has_time = parse_date(text, what)
    return t + (dt.timedelta(seconds=1) if has_time else dt.timedelta(days=1))


def next_day(t: dt.datetime) -> dt.datetime:
    """Event-dated ChargePeriodEnd: the first instant of the UTC day after t."""
    return dt.datetime.combine(t.date() + dt.timedelta(days=1), dt.time())


def month_bounds(t: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    first = dt.datetime(t.year, t.month, 1)
    nxt = dt.datetime(t.year + (t.month == 12), t.month % 12 + 1, 1)
    return first, nxt


def parse_amount(text: str, what: str) -> Decimal:
    if text == "":
        raise Bad("missing-value", f"{what} is empty")
    if not NUMBER_RE.fullmatch(text):
        raise Bad("bad-number", f"{what}: {text!r} is not a number")
    return Decimal(text)          # exact: Decimal(str) never rounds


def check_currency(text: str, what: str) -> str:
    if not CURRENCY_RE.fullmatch(text):
        raise Bad("bad-currency", f"{what}: {text!r} is not an ISO 4217 code")
    return text


# =================================================================================
# CSV (".csv.gz, BOMs, CRLF and quoting are handled as for every format")

def decode(name: str, data: bytes) -> str:
    if name.endswith(".gz"):
        data = gzip.decompress(data)
    return data.decode("utf-8").removeprefix("\ufeff")


def records(text: str):
    """(header, [(physical start line, row)]) for each non-empty record."""
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, [])
    out = []
    prev_end = reader.line_num
    for row in reader:
        start = prev_end + 1
        prev_end = reader.line_num
        if row:
            out.append((start, row))
    return header, out


# =================================================================================
# S0 recognition and the required columns of S2 / S3

AWS_REQUIRED = ("billing_event_id", "valid_from", "update_date", "action", "transaction_type",
                "product_id", "amount", "currency", "invoice_date", "usage_period_start_date")
AWS_DATE_CELLS = ("valid_from", "update_date", "invoice_date", "usage_period_start_date",
                  "usage_period_end_date", "action_date", "delete_date")
MS_REQUIRED = ("earningId", "earningAmount", "transactionCurrency", "transactionType",
               "transactionDate", "paymentStatus", "participantId", "participantName", "productId")


def recognise(header: list[str]) -> str | None:
    if "billing_event_id" in header and "transaction_type" in header:
        return AWS
    low = {h.lower() for h in header}
    if "earningid" in low and "earningamount" in low:
        return MS
    return None


def missing_columns(fmt: str, header: list[str]) -> list[str]:
    if fmt == AWS:
        return [c for c in AWS_REQUIRED if c not in header]
    low = {h.lower() for h in header}
    return [c for c in MS_REQUIRED if c.lower() not in low]


# =================================================================================
# S2: aws-marketplace-billing-events, one row -> one version of one event

AWS_ACTIONS = ("INVOICED", "COLLECTED", "DISBURSED", "FORGIVEN")
AWS_REVENUE_TYPES = ("SELLER_REV_SHARE", "AWS_REV_SHARE", "AWS_INFRA_SHARE", "INFRA_FEE_PRETAX")
AWS_TAX_TYPES = ("SELLER_TAX_SHARE", "AWS_TAX_SHARE", "OTHER_SELLER_TAX_SHARE")
AWS_FORWARD = {**{t: "Usage" for t in AWS_REVENUE_TYPES}, **{t: "Tax" for t in AWS_TAX_TYPES},
               "BALANCE_ADJUSTMENT": "Adjustment", "DISBURSEMENT": "Adjustment",
               "DISBURSEMENT_FAILURE": "Adjustment"}
BROKERS = {"AWS_INC": "Amazon Web Services, Inc.", "AWS_EUROPE": "Amazon Web Services EMEA SARL"}


def aws_type(tt: str) -> tuple[str, str, bool] | None:
    """(ChargeCategory, ChargeClass, forward) of a transaction_type, None when unknown."""
    if tt in AWS_FORWARD:
        return AWS_FORWARD[tt], "", True
    for suffix, cls in (("_REFUND", "Correction"), ("_CREDIT", "")):
        base = tt.removesuffix(suffix)
        if tt.endswith(suffix) and base in AWS_REVENUE_TYPES:
            return "Credit", cls, False
        if tt.endswith(suffix) and base in AWS_TAX_TYPES:
            return "Tax", cls, False
    return None


@dataclass
class AwsRow:
    key: str
    version: tuple            # (valid_from, update_date) instants
    deleted: bool
    content: tuple            # (action, transaction_type, currency, amount as a number)
    line: dict


def read_aws_row(header: list[str], row: list[str]) -> AwsRow:
    if len(row) != len(header):
        raise Bad("column-count", f"expected {len(header)} columns, found {len(row)}")
    cells: dict[str, str] = {}
    for name, value in zip(header, row):
        cells.setdefault(name, value)
    present = set(header)

    def cell(name: str) -> str:
        return cells.get(name, "")          # an absent optional column reads as empty

    key = cell("billing_event_id")
    if key == "":
        raise Bad("missing-value", "billing_event_id is empty")
    for name in ("valid_from", "update_date"):
        if cell(name) == "":
            raise Bad("missing-value", f"{name} is empty")
    if cell("amount") == "":
        raise Bad("missing-value", "amount is empty")
    action, tt = cell("action"), cell("transaction_type")
    if action not in AWS_ACTIONS:
        raise Bad("unknown-charge-type", f"action {action!r}")
    kind = aws_type(tt)
    if kind is None:
        raise Bad("unknown-charge-type", f"transaction_type {tt!r}")
    amount = parse_amount(cell("amount"), "amount")
    currency = check_currency(cell("currency"), "currency")
    for name in AWS_DATE_CELLS:
        if cell(name) != "":
            parse_date(cell(name), name)
    if cell("usage_period_start_date") and cell("usage_period_end_date"):
        if exclusive_end(cell("usage_period_end_date"), "usage_period_end_date") <= \
                instant(cell("usage_period_start_date"), "usage_period_start_date"):
            raise Bad("bad-date", "usage_period_end_date before usage_period_start_date")
    category, cclass, forward = kind
    valid_from = instant(cell("valid_from"), "valid_from")

    # Actions: sign and date (S2 table)
    sign = -1 if action == "DISBURSED" and tt not in ("DISBURSEMENT", "DISBURSEMENT_FAILURE") else 1
    if action == "INVOICED" and forward:
        if cell("usage_period_start_date"):
            start = instant(cell("usage_period_start_date"), "usage_period_start_date")
            end = (exclusive_end(cell("usage_period_end_date"), "usage_period_end_date")
                   if cell("usage_period_end_date") else next_day(start))
        else:
            start = instant(cell("invoice_date"), "invoice_date") if cell("invoice_date") else valid_from
            end = next_day(start)
    elif action == "INVOICED":
        start = instant(cell("invoice_date"), "invoice_date") if cell("invoice_date") else valid_from
        end = next_day(start)
    else:
        start = (instant(cell("action_date"), "action_date")
                 if "action_date" in present and cell("action_date") else valid_from)
        end = next_day(start)

    broker = cell("broker_id") or "AWS_INC"
    cost = amount if sign > 0 else -amount
    line = empty_line()
    line.update({
        "ProviderName": "AWS",
        "PublisherName": "",
        "InvoiceIssuerName": BROKERS.get(broker, broker),
        "BillingAccountId": cell("recipient_account_id"),
        "SubAccountId": cell("end_user_account_id"),
        "ChargePeriodStart": start, "ChargePeriodEnd": end,
        "ChargeCategory": category, "ChargeClass": cclass,
        "InvoiceId": cell("invoice_id"),
        "BilledCost": cost, "EffectiveCost": cost,
        "BillingCurrency": currency,
        "x_MarketplaceAction": action, "x_TransactionType": tt, "x_ProductId": cell("product_id"),
        "x_OfferId": cell("offer_id"), "x_AgreementId": cell("agreement_id"), "x_BrokerId": broker,
    })
    line["BillingPeriodStart"], line["BillingPeriodEnd"] = month_bounds(start)
    return AwsRow(key, (valid_from, instant(cell("update_date"), "update_date")),
                  cell("delete_date") != "", (action, tt, currency, amount), line)


# =================================================================================
# S3: microsoft-payouts, one row -> one earning as known on the download's day

MS_TYPES = {"purchase": ("Usage", "", 1), "refund": ("Credit", "Correction", -1),
            "reversal": ("Credit", "Correction", -1), "chargeback": ("Credit", "Correction", -1),
            "": ("Adjustment", "", 0)}


@dataclass
class MsRow:
    key: str
    line: dict


def read_ms_row(header: list[str], row: list[str]) -> MsRow:
    if len(row) != len(header):
        raise Bad("column-count", f"expected {len(header)} columns, found {len(row)}")
    cells: dict[str, str] = {}
    for name, value in zip(header, row):
        cells.setdefault(name.lower(), value)

    def cell(name: str) -> str:
        return cells.get(name.lower(), "")

    key = cell("earningId")
    if key == "":
        raise Bad("missing-value", "earningId is empty")
    if cell("earningAmount") == "":
        raise Bad("missing-value", "earningAmount is empty")
    tt = cell("transactionType").lower() if cell("transactionType").isascii() else cell("transactionType")
    if tt not in MS_TYPES:
        raise Bad("unknown-charge-type", f"transactionType {cell('transactionType')!r}")
    amount = parse_amount(cell("earningAmount"), "earningAmount")
    currency = check_currency(cell("transactionCurrency"), "transactionCurrency")
    for name in ("transactionDate", "earningDate"):
        if cell(name) != "":
            parse_date(cell(name), name)
    if cell("transactionDate") == "" and cell("earningDate") == "":
        raise Bad("missing-value", "transactionDate and earningDate are both empty")
    category, cclass, sign = MS_TYPES[tt]
    if (sign > 0 and amount < 0) or (sign < 0 and amount > 0):
        raise Bad("sign-mismatch", f"earningAmount {cell('earningAmount')} for transactionType {tt}")
    start = instant(cell("transactionDate") or cell("earningDate"), "transactionDate")
    line = empty_line()
    line.update({
        "ProviderName": "Microsoft",
        "PublisherName": cell("participantName"),
        "InvoiceIssuerName": cell("localProviderSeller"),
        "BillingAccountId": cell("participantId"),
        "SubAccountId": cell("customerId"),
        "ChargePeriodStart": start, "ChargePeriodEnd": next_day(start),
        "ChargeCategory": category, "ChargeClass": cclass,
        "ServiceName": cell("productName"), "SkuId": cell("SkuId"),
        "InvoiceId": cell("invoiceNumber"),
        "BilledCost": amount, "EffectiveCost": amount,
        "BillingCurrency": currency,
        "x_TransactionType": tt, "x_PaymentStatus": cell("paymentStatus"),
        "x_ProductId": cell("productId"), "x_AgreementId": cell("OrderId"),
    })
    line["BillingPeriodStart"], line["BillingPeriodEnd"] = month_bounds(start)
    return MsRow(key, line)


# =================================================================================
# S4: deliveries, events, versions, idempotence

@dataclass
class Stored:
    """One stored line: one version of one event (AWS), one delivered state (Microsoft)."""
    fmt: str
    key: str
    import_id: int
    source: str               # file:line of the row that first delivered this version
    line: dict
    version: tuple | None = None
    deleted: bool = False
    content: tuple | None = None


@dataclass
class ImportResult:
    name: str
    status: str               # imported | duplicate | refused
    fmt: str | None = None
    import_id: int | None = None
    duplicate_of: int | None = None
    rows: int = 0
    new: int = 0
    newer: int = 0
    deletions: int = 0
    older: int = 0
    known: int = 0
    quarantined: list = field(default_factory=list)     # [(line, code, message)]
    superseding: dict = field(default_factory=dict)     # import id -> lines superseded
    outcomes: list = field(default_factory=list)        # [(line, outcome)]
    missing: list = field(default_factory=list)         # broken-header: the missing columns

    @property
    def exit_code(self) -> int:
        if self.status == "refused":
            return 2
        return 1 if self.quarantined else 0

    @property
    def imported(self) -> int:
        return self.new + self.newer + self.older + self.known

    def summary(self) -> str:
        if self.status == "duplicate":
            return f"{self.name}: already imported as import {self.duplicate_of}; nothing changed"
        if self.status == "refused":
            return f"{self.name}: refused (broken-header: {', '.join(self.missing)}), exit 2"
        sup = ", ".join(f"import {i}: {n}" for i, n in sorted(self.superseding.items()))
        codes = sorted(c for _, c, _ in self.quarantined)
        return (f"import {self.import_id} ({self.fmt}) {self.name}: {self.rows} rows: {self.new} new, "
                f"{self.newer} newer" + (f" (superseding {sup})" if sup else "")
                + (f" (of which {self.deletions} deletions)" if self.deletions else "")
                + f", {self.older} older, {self.known} already known, {len(self.quarantined)} quarantined"
                + (f" [{', '.join(codes)}]" if codes else ""))


class Store:
    """The database as S4 describes what every command must show."""

    def __init__(self):
        self.imports: list[ImportResult] = []
        self.hashes: dict[str, int] = {}
        self.events: dict[tuple[str, str], list[Stored]] = {}   # (format, key) -> its lines

    # --- the current line of an event (S4) -------------------------------------------
    @staticmethod
    def current_of(lines: list[Stored], high: int | None = None) -> Stored | None:
        seen = [s for s in lines if high is None or s.import_id <= high]
        if not seen:
            return None
        if seen[0].fmt == AWS:
            latest = max(seen, key=lambda s: s.version)
            return None if latest.deleted else latest
        return max(seen, key=lambda s: s.import_id)     # the latest import's new/newer line

    def current(self, high: int | None = None) -> list[Stored]:
        out = []
        for lines in self.events.values():
            cur = self.current_of(lines, high)
            if cur is not None:
                out.append(cur)
        return out

    @property
    def high_water(self) -> int:
        return len([i for i in self.imports if i.status == "imported"])

    # --- one import ----------------------------------------------------------------------
    def import_file(self, name: str, data: bytes, forced: str | None = None) -> ImportResult:
        sha = hashlib.sha256(data).hexdigest()
        if sha in self.hashes:
            res = ImportResult(name, "duplicate", duplicate_of=self.hashes[sha])
            self.imports.append(res)
            return res
        header, recs = records(decode(name, data))
        fmt = forced or recognise(header)
        if fmt is None:
            raise SystemExit(f"oracle: {name}: not a seller-side feed")
        missing = missing_columns(fmt, header)
        if missing:
            res = ImportResult(name, "refused", fmt=fmt, missing=missing)
            self.imports.append(res)
            return res
        res = ImportResult(name, "imported", fmt=fmt, import_id=self.high_water + 1, rows=len(recs))
        reader = read_aws_row if fmt == AWS else read_ms_row
        parsed: list[tuple[int, object]] = []
        for line_no, row in recs:
            try:
                parsed.append((line_no, reader(header, row)))
            except Bad as bad:
                parsed.append((line_no, bad))
        conflicting = self._conflicts(fmt, parsed)
        for line_no, r in parsed:
            if isinstance(r, Bad):
                res.quarantined.append((line_no, r.code, r.args[1]))
                res.outcomes.append((line_no, f"quarantined {r.code}"))
                continue
            if line_no in conflicting:
                res.quarantined.append((line_no, "conflicting-version", conflicting[line_no]))
                res.outcomes.append((line_no, "quarantined conflicting-version"))
                continue
            outcome = (self._aws_row if fmt == AWS else self._ms_row)(res, f"{name}:{line_no}", r)
            res.outcomes.append((line_no, outcome))
            if outcome.startswith("quarantined"):
                res.quarantined.append((line_no, "conflicting-version",
                                        f"{r.key} version ({fmt_instant(r.version[0])}, {fmt_instant(r.version[1])}): "
                                        f"action, transaction_type, currency or amount differ from the stored version"))
        self.hashes[sha] = res.import_id
        self.imports.append(res)
        return res

    def _conflicts(self, fmt: str, parsed) -> dict[int, str]:
        """S5: rows of one version (AWS, none stored yet) or one earning (Microsoft) that
        disagree inside one file: every such row is quarantined."""
        groups: dict = {}
        for line_no, r in parsed:
            if isinstance(r, Bad):
                continue
            if fmt == AWS:
                if any(s.version == r.version for s in self.events.get((AWS, r.key), [])):
                    continue                  # stored before this file: checked row by row
                label = f"{r.key} version ({fmt_instant(r.version[0])}, {fmt_instant(r.version[1])})"
                groups.setdefault(label, []).append((line_no, r.content))
            else:
                groups.setdefault(r.key, []).append((line_no, line_key(r.line)))
        out = {}
        for key, members in groups.items():
            if len({c for _, c in members}) > 1:
                for line_no, _ in members:
                    out[line_no] = f"{len(members)} rows of {key} disagree in this file"
        return out

    def _aws_row(self, res: ImportResult, source: str, r: AwsRow) -> str:
        lines = self.events.setdefault((AWS, r.key), [])
        same = [s for s in lines if s.version == r.version]
        if same:
            # the same version: already known when action, type, currency and amount agree
            if same[0].content != r.content:
                return "quarantined conflicting-version"
            res.known += 1
            return "already known"
        stored = Stored(AWS, r.key, res.import_id, source, r.line, r.version, r.deleted, r.content)
        if not lines:
            lines.append(stored)
            res.new += 1
            return "new" + (" (deleted)" if r.deleted else "")
        latest = max(lines, key=lambda s: s.version)
        if r.version > latest.version:
            before = self.current_of(lines)
            lines.append(stored)
            res.newer += 1
            res.deletions += r.deleted
            if before is not None:
                res.superseding[before.import_id] = res.superseding.get(before.import_id, 0) + 1
            return "newer" + (" (deletion)" if r.deleted else "")
        lines.append(stored)
        res.older += 1
        return "older"

    def _ms_row(self, res: ImportResult, source: str, r: MsRow) -> str:
        lines = self.events.setdefault((MS, r.key), [])
        stored = Stored(MS, r.key, res.import_id, source, r.line)
        if not lines:
            lines.append(stored)
            res.new += 1
            return "new"
        cur = self.current_of(lines)
        if line_key(cur.line) == line_key(r.line):
            res.known += 1
            return "already known"
        lines.append(stored)
        res.newer += 1
        res.superseding[cur.import_id] = res.superseding.get(cur.import_id, 0) + 1
        return "newer"


def line_key(line: dict) -> tuple:
    """Every column of a normalised line; costs as numbers, dates as instants (Decimal and
    datetime compare so)."""
    return tuple(line[c] for c in ALL_COLUMNS)


# =================================================================================
# Lines for the statement computation of random_contracts.py

def to_rc_line(s: Stored) -> rc.Line:
    ln = s.line
    return rc.Line({c: ln[c] for c in MATCH_COLUMNS}, {c: ln[c] for c in COST_COLUMNS},
                   ln["BillingCurrency"], ln["ChargePeriodStart"], None, s.source)


def fmt_instant(t: dt.datetime | None) -> str:
    return "" if t is None else t.strftime("%Y-%m-%dT%H:%M:%SZ")


def describe_line(s: Stored) -> str:
    ln = s.line
    cols = [fmt_instant(ln["ChargePeriodStart"]), ln["ProviderName"], s.key[:44],
            str(ln["BilledCost"]), ln["BillingCurrency"], ln["ChargeCategory"], ln["ChargeClass"],
            ln["x_MarketplaceAction"], ln["x_TransactionType"], ln["x_PaymentStatus"], ln["x_ProductId"],
            ln["PublisherName"], f"from {s.source} (import {s.import_id})"]
    return " | ".join(cols)


# =================================================================================
# Self-test: shared/samples/seller-synthetic/README.md and formats.md S2 / S6

def s6_contracts() -> dict[str, dict]:
    """S6's three contracts, read from formats.md: basis name -> the contract (TOML)."""
    text = FORMATS_MD.read_text(encoding="utf-8")
    part = text.split("## S6. Settlement bases", 1)[1].split("## S7.", 1)[0]
    out = {}
    for block in re.findall(r"```toml\n(.*?)```", part, re.S):
        c = tomllib.loads(block)
        out[c["id"].rsplit("-", 1)[1]] = c
    if set(out) != {"invoiced", "collected", "disbursed"}:
        raise SystemExit(f"oracle: S6's contracts not found in {FORMATS_MD}: {sorted(out)}")
    return out


def basis_tables(contract: dict) -> list[dict]:
    (version,) = contract["version"]
    (rule,) = version["rule"]
    m = rule["match"]
    return m if isinstance(m, list) else [m]


def bases(contracts: dict[str, dict], lines: list[Stored]) -> dict[tuple, Decimal]:
    """(basis, provider, YYYY-MM of ChargePeriodStart, currency) -> sum of BilledCost of the
    lines some table of the basis's rule matches (before FX, whatever the version dates)."""
    out: dict[tuple, Decimal] = {}
    for name, contract in contracts.items():
        tables = basis_tables(contract)
        for s in lines:
            ln = to_rc_line(s)
            if any(rc.table_matches(t, ln) for t in tables):
                key = (name, s.line["ProviderName"], f"{ln.start:%Y-%m}", ln.currency)
                out[key] = out.get(key, D0) + (ln.costs["BilledCost"] or D0)
    return out


def readme_tables():
    text = (SAMPLES / "README.md").read_text(encoding="utf-8")
    order = re.findall(r"^\| (\d+) \| `([^`]+)` \|", text, re.M)
    outcomes = {}
    for m in re.finditer(r"^\| `([^`]+)` \| (\d+) \| (\d+) \| (\d+) \| (\d+) \| ([^|]*) \|", text, re.M):
        q = m[6].strip()
        outcomes[m[1]] = (int(m[2]), int(m[3]), int(m[4]), int(m[5]),
                          [] if q == "-" else [x.strip() for x in q.split(",")])
    basis_rows = {}
    for m in re.finditer(r"^\| (invoiced|collected|disbursed) \| (AWS|Microsoft) \| (\d{4}-\d{2}) \| ([A-Z]{3}) \| "
                         r"(-?[0-9.]+) \|", text, re.M):
        basis_rows[(m[1], m[2], m[3], m[4])] = m[5]
    current = re.search(r"(\d+) current lines result", text)
    files = [f for _, f in sorted(order, key=lambda x: int(x[0]))]
    return files, outcomes, basis_rows, int(current[1]) if current else None


# S2's worked example: the table gives event, action, transaction_type, amount and the
# resulting ChargePeriodStart / BilledCost / ChargeCategory; its "dates in the row" column is
# prose, transcribed here (valid_from is not given: the recording time is taken as the
# action or invoice date, which no line of the example uses).
S2_DATES = {
    "be01": dict(usage=("2026-04-01T00:00:00Z", "2026-04-30T23:59:59Z"), invoice="2026-05-02"),
    "be02": dict(usage=("2026-04-01T00:00:00Z", "2026-04-30T23:59:59Z"), invoice="2026-05-02"),
    "be03": dict(usage=("2026-04-01T00:00:00Z", "2026-04-30T23:59:59Z"), invoice="2026-05-02"),
    "be05": dict(action="2026-05-20T09:12:40Z"),
    "be06": dict(action="2026-05-20T09:12:40Z"),
    "be10": dict(action="2026-06-10"),
    "be11": dict(action="2026-06-10"),
    "be12": dict(action="2026-06-10"),
    "be20": dict(usage=("2026-04-01T00:00:00Z", "2026-04-30T23:59:59Z"), invoice="2026-06-20"),
}
# S6's last paragraph on the worked example (with AWS_REV_SHARE* included).
S2_BASES = {("invoiced", "AWS", "2026-04", "USD"): Decimal("1212.50"),
            ("invoiced", "AWS", "2026-06", "USD"): Decimal("-250"),
            ("collected", "AWS", "2026-05", "USD"): Decimal("1212.50"),
            ("disbursed", "AWS", "2026-06", "USD"): Decimal("1212.50")}


def s2_worked_example(failures: list[str]) -> list[Stored]:
    text = FORMATS_MD.read_text(encoding="utf-8")
    part = text.split("**Worked example**", 1)[1].split("## S3.", 1)[0]
    rows = [[c.strip() for c in ln.strip().strip("|").split("|")]
            for ln in part.splitlines() if ln.startswith("| be")]
    if len(rows) != len(S2_DATES):
        failures.append(f"S2 worked example: {len(rows)} rows in formats.md, {len(S2_DATES)} transcribed")
        return []
    cols = ["billing_event_id", "action", "transaction_type", "amount", "currency", "valid_from", "update_date",
            "invoice_date", "usage_period_start_date", "usage_period_end_date", "action_date", "product_id"]
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(cols)
    want = {}
    for ev, action, tt, amount, _dates, cps, cost, cat in rows:
        d = S2_DATES[ev]
        recorded = d.get("action") or d["invoice"]
        usage = d.get("usage", ("", ""))
        w.writerow([ev, action, tt, amount.split()[0], "USD", recorded, recorded, d.get("invoice", ""),
                    usage[0], usage[1], d.get("action", ""), "prod-example"])
        m = re.fullmatch(r"(\S+)(?: \(end (\S+)\))?", cps)
        want[ev] = (m[1], m[2], Decimal(cost), [x.strip() for x in cat.split(",")])
    store = Store()
    res = store.import_file("s2-worked-example.csv", buf.getvalue().encode())
    if res.quarantined:
        failures.append(f"S2 worked example: rows quarantined: {res.quarantined}")
    for s in store.current():
        start, end, cost, cat = want[s.key]
        got_start = fmt_instant(s.line["ChargePeriodStart"])
        if got_start != start:
            failures.append(f"S2 {s.key}: ChargePeriodStart {got_start}, the spec says {start}")
        if end and fmt_instant(s.line["ChargePeriodEnd"])[:10] != end:
            failures.append(f"S2 {s.key}: ChargePeriodEnd {fmt_instant(s.line['ChargePeriodEnd'])}, the spec says {end}")
        if s.line["BilledCost"] != cost:
            failures.append(f"S2 {s.key}: BilledCost {s.line['BilledCost']}, the spec says {cost}")
        got_cat = [s.line["ChargeCategory"]] + ([s.line["ChargeClass"]] if s.line["ChargeClass"] else [])
        if got_cat != cat:
            failures.append(f"S2 {s.key}: ChargeCategory/Class {got_cat}, the spec says {cat}")
    got = {k: v for k, v in bases(s6_contracts(), store.current()).items()}
    if got != S2_BASES:
        failures.append(f"S6 on S2's example: {sorted(got.items())} != the spec's {sorted(S2_BASES.items())}")
    return store.current()


def snapshot(store: Store) -> list[tuple]:
    return sorted((s.fmt, s.key, s.source, line_key(s.line)) for s in store.current())


def self_test(binary: str | None = None) -> int:
    rc.exact_ctx()
    failures: list[str] = []
    s2_worked_example(failures)
    files, outcomes, basis_rows, n_current = readme_tables()
    if len(files) != 6 or len(outcomes) != 6 or not basis_rows or n_current is None:
        raise SystemExit(f"oracle: could not read the tables of {SAMPLES / 'README.md'}")
    data = {f: (SAMPLES / f).read_bytes() for f in files}
    store = Store()
    print("Importing the samples in the README's order:")
    for f in files:
        res = store.import_file(f, data[f])
        print("  " + res.summary())
        got = (res.new, res.newer, res.older, res.known, sorted(c for _, c, _ in res.quarantined))
        want = outcomes[f][:4] + (sorted(outcomes[f][4]),)
        if got != want:
            failures.append(f"{f}: the oracle gives new/newer/older/known/quarantined {got}, the README {want}")
        exit_want = 1 if want[4] else 0
        if res.exit_code != exit_want:
            failures.append(f"{f}: exit {res.exit_code}, expected {exit_want}")
        for line_no, code, msg in res.quarantined:
            print(f"      line {line_no}: {code}: {msg}")
    cur = store.current()
    by_provider = {p: sum(1 for s in cur if s.line["ProviderName"] == p) for p in ("AWS", "Microsoft")}
    print(f"  {len(cur)} current lines ({by_provider['AWS']} AWS, {by_provider['Microsoft']} Microsoft)")
    if len(cur) != n_current:
        failures.append(f"{len(cur)} current lines, the README says {n_current}")
    # The corrected o4-mini revenue (the README's "one new version") is current, the first superseded.
    corrected = [s for s in cur if s.line["x_MarketplaceAction"] == "INVOICED" and s.line["BilledCost"] in
                 (Decimal("6020.45"), Decimal("6120.45"))]
    if [s.line["BilledCost"] for s in corrected] != [Decimal("6020.45")]:
        failures.append(f"the corrected version is not the current one: {[describe_line(s) for s in corrected]}")
    before = snapshot(store)
    # Re-importing any file changes nothing (the SHA-256 rule).
    for f in files:
        res = store.import_file(f, data[f])
        if res.status != "duplicate":
            failures.append(f"re-importing {f}: {res.summary()}")
    # The same rows in other bytes (CRLF): every AWS row already known or quarantined again.
    for f in files:
        if recognise(records(decode(f, data[f]))[0]) != AWS:
            continue
        res = store.import_file(f + " (CRLF)", data[f].replace(b"\n", b"\r\n"))
        if res.new or res.newer or res.older:
            failures.append(f"re-delivering {f}'s rows (CRLF): {res.summary()}")
    if snapshot(store) != before:
        failures.append("re-importing the files changed the current lines")
    print("  re-importing every file: nothing changed (identical bytes: SHA-256 no-op; AWS rows in CRLF: "
          "already known or quarantined again)")
    # File 1 after file 2: every row already known; the same lines as in the README's order.
    other = Store()
    other.import_file(files[1], data[files[1]])
    res = other.import_file(files[0], data[files[0]])
    n1 = len(records(decode(files[0], data[files[0]]))[1])
    if (res.known, res.new, res.newer, res.older, len(res.quarantined)) != (n1, 0, 0, 0, 0):
        failures.append(f"file 1 after file 2: {res.summary()}")
    mine = sorted((f, k, ln) for f, k, src, ln in snapshot(store) if src.startswith((files[0] + ":", files[1] + ":")))
    if sorted((f, k, ln) for f, k, _, ln in snapshot(other)) != mine:
        failures.append("file 1 after file 2 gives other current lines than file 1 then file 2")
    print(f"  file 1 after file 2: {res.new} new, {res.known} already known; the same current lines")
    # The basis table.
    got = bases(s6_contracts(), cur)
    print("  bases (S6's contracts; BilledCost by month of ChargePeriodStart, in each line's currency):")
    for key in sorted(set(got) | set(basis_rows)):
        g = got.get(key)
        w = basis_rows.get(key)
        mark = "ok" if g is not None and w is not None and g == Decimal(w) else "DIFFERS"
        print(f"    {mark:7} {' '.join(key):40} oracle {g if g is not None else '-':>14}   README {w or '-':>14}")
        if mark != "ok":
            failures.append(f"basis {key}: the oracle gives {g}, the README {w}")
    s7_segments(cur, failures)
    model_properties(failures)
    for f in failures:
        print("SELF-TEST FAILED:", f)
    if not failures:
        print("self-test: S2's worked example and its S6 figures hold; the samples' README agrees with the "
              "oracle on every import outcome, the current lines and every basis; S7's segments hold")
    if binary:
        problems = self_test_binary(binary, files, data)
        for p in problems:
            print("SELF-TEST (binary) FAILED:", p)
        if not problems:
            print("self-test: the binary imports the samples as the oracle does (exit codes, quarantined rows, "
                  "re-imports; counts where printed in S4's form) and `revshare verify` passes")
        failures += problems
    return 1 if failures else 0


def model_properties(failures: list[str], count: int = 24):
    """S4's consequences, checked on the model over generated scenarios: every import's rows
    add up; a re-delivery of any AWS file (other bytes, the same rows) changes nothing; AWS's
    current lines do not depend on the order of import, for the events whose versions were
    never quarantined and whose every delivery of a version maps to the same line (when two
    deliveries of one version differ outside action, type, currency and amount, e.g. in a
    column set with or without action_date, the first one delivered stands: S4's "already
    known" and provenance rules make that order-dependent)."""
    checked = 0
    for i in range(count):
        sc = gen_scenario(424242, i)
        aws = [d for d in sc.deliveries if d.fmt == AWS and "-without-" not in d.name]
        runs = []
        for order in (aws, random.Random(i).sample(aws, len(aws))):
            st = Store()
            lines_of: dict[tuple, set] = {}
            for d in order:
                res = st.import_file(d.file, d.data, d.fmt if d.force else None)
                if res.status == "imported" and res.rows != res.imported + len(res.quarantined):
                    failures.append(f"model: {d.file}: rows do not add up: {res.summary()}")
                header, recs = records(decode(d.name, d.data))
                for _, row in recs:
                    try:
                        r = read_aws_row(header, row)
                        lines_of.setdefault((r.key, r.version), set()).add(line_key(r.line))
                    except Bad:
                        pass
            runs.append((st, lines_of))
        (a, lines_a), (b, _) = runs
        for d in aws:
            again = d.data.replace(b"\n", b"\r\n") if not d.name.endswith(".gz") else \
                gzip.compress(gzip.decompress(d.data).replace(b"\n", b"\r\n"), mtime=0)
            res = a.import_file("again-" + d.file, again, d.fmt if d.force else None)
            if res.status == "imported" and (res.new or res.newer or res.older):
                failures.append(f"model: re-delivering {d.file} changed something: {res.summary()}")

        def clean(st: Store) -> set:
            bad = {k for (f, k) in st.events}
            for (f, k), lines in st.events.items():
                if all(len(lines_a.get((k, s.version), ())) == 1 for s in lines):
                    bad.discard(k)
            for imp in st.imports:
                for ln, code, msg in imp.quarantined:
                    if code == "conflicting-version":
                        bad.update(k for (f, k) in st.events if k in msg)
            return bad
        skip = clean(a) | clean(b)
        cur_a = {s.key: line_key(s.line) for s in a.current() if s.key not in skip}
        cur_b = {s.key: line_key(s.line) for s in b.current() if s.key not in skip}
        checked += len(cur_a)
        if cur_a != cur_b:
            failures.append(f"model: scenario {i}: AWS's current lines depend on the order of import")
    print(f"  model: rows add up, AWS re-deliveries change nothing, and {checked} AWS events' current lines "
          f"do not depend on the order of import ({count} generated scenarios)")


def s7_segments(cur: list[Stored], failures: list[str]):
    """S7 "Mid-month versions see whole usage months": on the samples, the amendment's April
    segment (28-30 April) holds only Microsoft's earnings of 30 April, and no rule in force
    on 1 April matches AWS's April revenue."""
    text = FORMATS_MD.read_text(encoding="utf-8")
    part = text.split("## S7.", 1)[1].split("## S8.", 1)[0]
    contract = rc.load_contract(re.search(r"```toml\n(.*?)```", part, re.S)[1])
    lines = [to_rc_line(s) for s in cur]
    v2023, v2026 = contract.versions
    seg = [ln for ln in lines if dt.datetime(2026, 4, 28) <= ln.start < dt.datetime(2026, 5, 1)
           and any(rc.rule_matches(r, ln) for r in v2026.rules)]
    want = [ln for ln in lines if ln.fields["ProviderName"] == "Microsoft" and ln.start.date() == dt.date(2026, 4, 30)]
    if sorted(ln.source for ln in seg) != sorted(ln.source for ln in want) or not want:
        failures.append(f"S7: the amendment's April segment matches {[ln.source for ln in seg]}, "
                        f"not the Microsoft earnings of 30 April {[ln.source for ln in want]}")
    aws_april = [ln for ln in lines if ln.fields["ProviderName"] == "AWS" and ln.start == dt.datetime(2026, 4, 1)]
    if not aws_april or any(rc.rule_matches(r, ln) for r in v2023.rules for ln in aws_april):
        failures.append("S7: AWS's April revenue (dated 2026-04-01) is matched by a 2023-extension rule")
    print(f"  S7: the amendment's April segment holds the {len(seg)} Microsoft earnings of 30 April; "
          f"no rule in force on 1 April matches AWS's {len(aws_april)} April lines")


def self_test_binary(binary: str, files: list[str], data: dict[str, bytes]) -> list[str]:
    """The samples through the binary: each import's exit code and quarantined rows, the
    counts where printed in S4's form, re-imports as no-ops, `verify`."""
    work = Path(tempfile.mkdtemp(prefix="revshare-seller-selftest-"))
    problems: list[str] = []
    store = Store()
    try:
        def run(*cmd):
            return subprocess.run([binary, "--db", "r.db", *cmd], cwd=work, capture_output=True, text=True,
                                  timeout=600)
        run("init")
        (work / "samples").mkdir()
        for f in files + files:
            (work / "samples" / f).write_bytes(data[f])
            res = store.import_file(f"samples/{f}", data[f])
            proc = run("import", f"samples/{f}")
            problems += [f"import {f}: {p}" for p in check_import(Delivery(f, data[f], "", dt.datetime.min, ""),
                                                                  res, proc)]
            if "not read yet" in proc.stdout + proc.stderr or "does not read" in proc.stdout + proc.stderr:
                problems.append(f"import {f}: the binary does not read this format yet")
                break
        problems += check_listing(run("imports").stdout, store.imports)
        proc = run("verify")
        if proc.returncode != 0:
            problems.append(f"`revshare verify` exited {proc.returncode}: {(proc.stdout + proc.stderr).strip()[:1000]}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return problems



# =================================================================================
# The generator: a seeded world of seller events and the deliveries that carry it

AWS_DOC_COLUMNS = (  # the documented set (25), in the order of the samples' documented-set files
    "billing_event_id", "from_account_id", "to_account_id", "end_user_account_id", "product_id", "action",
    "transaction_type", "parent_billing_event_id", "disbursement_billing_event_id", "amount", "currency",
    "balance_impacting", "invoice_date", "payment_due_date", "usage_period_start_date", "usage_period_end_date",
    "invoice_id", "billing_address_id", "transaction_reference_id", "bank_trace_id", "broker_id", "valid_from",
    "insert_date", "update_date", "delete_date")
AWS_NEW_COLUMNS = (  # the documented ones and the 16 that AWS's SQL reads (41)
    "billing_event_id", "parent_billing_event_id", "valid_from", "insert_date", "update_date", "delete_date",
    "invoice_date", "transaction_type", "transaction_reference_id", "bank_trace_id", "broker_id", "product_id",
    "disbursement_billing_event_id", "action", "from_account_id", "to_account_id", "end_user_account_id",
    "billing_address_id", "amount", "currency", "balance_impacting", "agreement_id", "invoice_id",
    "payment_due_date", "usage_period_start_date", "usage_period_end_date", "buyer_transaction_reference_id",
    "disbursement_amount", "disbursement_currency", "disbursement_reference_number", "catalog", "buyer_invoice_id",
    "invoice_variant", "action_date", "offer_id", "buyer_invoice_date", "line_item_id", "buyer_line_item_id",
    "charge_variant", "charge_side", "recipient_account_id")
AWS_TYPED_DATES = ("valid_from", "insert_date", "update_date", "delete_date", "invoice_date", "payment_due_date",
                   "usage_period_start_date", "usage_period_end_date", "action_date", "buyer_invoice_date")
MS_COLUMNS = (  # the documented marketplace set, as the samples spell it
    "earningId", "earningDate", "calculationDate", "earningAmount", "earningAmountUSD", "earningExchangeRate",
    "exchangeRateDate", "earningAmountInLastPaymentCurrency", "lastPaymentCurrency", "earningRate", "earningType",
    "transactionId", "transactionDate", "transactionType", "transactionAmount", "transactionCurrency",
    "transactionAmountUSD", "transactionExchangeRate", "transactionCountryCode", "paymentId", "paymentStatus",
    "paymentStatusDescription", "estimatedPaymentMonth", "OrderId", "LineItemId", "AssetId", "customerId",
    "customerTenantId", "customerName", "customerCountry", "productId", "ProductName", "parentProductId",
    "parentProductName", "productType", "SkuId", "storeFee", "taxRemitted", "taxRemitModel", "localProviderSeller",
    "participantId", "participantIdType", "participantName", "partnerCountryCode", "programName", "lever",
    "invoiceNumber", "invoiceDate", "quantity", "reasonCode", "transactionPaymentMethod")

AWS_PRODUCTS = ["prod-oaigpt41x7kq2", "prod-oaio4mini9vw3", "prod-oaiimg1r2m5tz", "prod-acmevec3n8p0q",
                "prod-synthkv7z2m1c"]
SELLER_ACCOUNTS = ["5e11e700-0a1c-4b2d-9e3f-00000000a001", "5e11e700-0a1c-4b2d-9e3f-00000000a002"]
AWS_BROKERS = ["AWS_INC", "AWS_INC", "AWS_EUROPE", "", "AWS_JAPAN_KK"]      # "" = not backfilled
CURRENCY_POOL = ["USD", "USD", "USD", "EUR", "EUR", "GBP", "JPY"]
MS_SELLERS = [("4100200300", "OpenAI, L.L.C."), ("4100200777", "Contoso AI, Ltd.")]
MS_PRODUCTS = [("openai1700000000001.openai-frontier-models", "OpenAI Frontier Models",
                ["payg-global", "payg-datazone-eu"]),
               ("openai1700000000001.openai-realtime", "OpenAI Realtime", ["ptu-monthly"]),
               ("contoso1.contoso-ai-gateway", "Contoso AI Gateway", ["standard", ""])]
MS_LOCAL_SELLER = {"USD": "Microsoft Corporation", "EUR": "Microsoft Ireland Operations Limited",
                   "GBP": "Microsoft Ireland Operations Limited", "JPY": "Microsoft Japan Co., Ltd."}


def add_months_dt(t: dt.datetime, n: int) -> dt.datetime:
    k = t.year * 12 + t.month - 1 + n
    return dt.datetime(k // 12, k % 12 + 1, 1)


def money(rng: random.Random, currency: str, lo: int, hi: int) -> Decimal:
    """An amount with up to 6 decimals (JPY: 100 times larger)."""
    scale = 100 if currency == "JPY" else 1
    whole = rng.randint(lo * scale, hi * scale)
    k = rng.choice([0, 2, 2, 2, 6]) if currency != "JPY" else rng.choice([0, 0, 6])
    return Decimal(f"{whole}.{rng.randint(0, 10 ** k - 1):0{k}d}") if k else Decimal(whole)


def q6(x: Decimal) -> Decimal:
    """A generated amount (never an oracle result) rounded to 6 decimals."""
    return x.quantize(Decimal("0.000001"), context=ROUNDING)


def fmt_date(t: dt.datetime, form: str, salt: int = 0) -> str:
    """One instant in one of the forms S1 lists."""
    if form == "date":
        return t.strftime("%Y-%m-%d")
    if form == "us":
        return t.strftime("%m/%d/%Y")
    if form == "us1":
        return f"{t.month}/{t.day}/{t.year}"
    if form == "999":
        return t.strftime("%Y-%m-%dT%H:%M:%S.999Z")
    if form == "msZ":
        return t.strftime("%Y-%m-%dT%H:%M:%S.000Z")
    if form == "frac":
        return t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{salt * 7919 % 1000:03d}Z"
    if form == "space":
        return t.strftime("%Y-%m-%d %H:%M:%S")
    if form == "offset":
        return t.strftime("%Y-%m-%dT%H:%M:%S+00:00")
    if form == "minZ" and t.second == 0:
        return t.strftime("%Y-%m-%dT%H:%MZ")
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def fmt_amount(x: Decimal, form: str, salt: int = 0) -> str:
    if form == "fixed6":
        return format(x.quantize(Decimal("0.000001"), context=ROUNDING), "f")
    if form == "exp" or (form == "mixed" and salt % 7 == 3):
        sign, digits, exp = x.as_tuple()
        mant = int("".join(map(str, digits)) or "0")
        return f"{'-' if sign else ''}{mant}E{exp}"
    if form == "plain":
        n = x.normalize(context=ROUNDING)
        return format(n if n != 0 else Decimal(0), "f")
    return format(x, "f")


@dataclass
class Style:
    instant: str = "Z"
    midnight: str = "Z"
    end: str = "Z"
    amount: str = "fixed6"
    case: str = ""            # Microsoft: transactionType re-spelled (lower, upper) in this download


def random_style(rng: random.Random, aws: bool) -> Style:
    if aws:
        return Style(rng.choice(["Z", "Z", "Z", "msZ", "frac", "space", "offset", "minZ"]),
                     rng.choice(["Z", "Z", "date", "us", "us1", "msZ"]),
                     rng.choice(["Z", "Z", "date", "999"]),
                     rng.choice(["fixed6", "fixed6", "fixed6", "plain", "mixed", "asis"]))
    return Style(rng.choice(["Z", "msZ"]), rng.choice(["date", "date", "date", "us1", "Z", "msZ"]), "Z", "asis",
                 rng.choice(["", "", "", "lower", "upper"]))


def render_cell(value, col: str, style: Style, salt: int) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return fmt_amount(value, style.amount, salt)
    if isinstance(value, dt.datetime):
        if col == "usage_period_end_date" and value.time() == dt.time(23, 59, 59):
            return fmt_date(value, style.end if style.end != "date" else "date", salt)
        if value.time() == dt.time():
            return fmt_date(value, style.midnight, salt)
        return fmt_date(value, style.instant, salt)
    return str(value)


def write_csv(header: list[str], rows: list[list[str]], bom: bool = False, crlf: bool = False) -> bytes:
    buf = io.StringIO(newline="")
    if bom:
        buf.write("\ufeff")
    w = csv.writer(buf, lineterminator="\r\n" if crlf else "\n")
    w.writerow(header)
    for r in rows:
        w.writerow(r)
    return buf.getvalue().encode("utf-8")


def wrong_count(cells: list[str], how: str | None) -> list[str]:
    """A row with the wrong number of cells (column-count): two cells short, or one too many.
    (A row exactly one cell short is not generated: "as for every format", a file may read
    such a row with its last cell empty.)"""
    if how == "two short":
        return cells[:-2]
    if how == "one extra":
        return cells + ["EXTRA"]
    return cells


@dataclass
class Delivery:
    name: str
    data: bytes
    fmt: str
    when: dt.datetime
    note: str
    force: bool = False
    file: str = ""            # its path in the scenario's folder (exports/NNN-name, late/NNN-name)


class Ids:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used: set[str] = set()

    def make(self, prefix: str, n: int, alphabet: str) -> str:
        while True:
            x = prefix + "".join(self.rng.choice(alphabet) for _ in range(n - len(prefix)))
            if x not in self.used:
                self.used.add(x)
                return x


# ---------------------------------------------------------------------------------
# AWS: SDDS billing events, appended to month files, delivered again each day, longer

AWS_DEFECTS = [
    ("missing-value", "billing_event_id", ""), ("missing-value", "valid_from", ""),
    ("missing-value", "update_date", ""), ("missing-value", "amount", ""),
    ("unknown-charge-type", "action", "INVOICE"), ("unknown-charge-type", "action", "invoiced"),
    ("unknown-charge-type", "transaction_type", "SELLER_REV_SHARE_ADJUSTMENT"),
    ("unknown-charge-type", "transaction_type", "seller_rev_share"),
    ("unknown-charge-type", "transaction_type", "BALANCE_ADJUSTMENT_REFUND"),
    ("bad-number", "amount", "1,250.00"), ("bad-number", "amount", "$12"), ("bad-number", "amount", "12,5"),
    ("bad-number", "amount", "n/a"), ("bad-number", "amount", "(12.00)"),
    ("bad-currency", "currency", ""), ("bad-currency", "currency", "usd"), ("bad-currency", "currency", "US$"),
    ("bad-date", "invoice_date", "{y}-02-30"), ("bad-date", "delete_date", "not-a-date"),
    ("bad-date", "usage_period_start_date", "{y}-13-01T00:00:00Z"), ("bad-date", "usage_end_before_start", None),
    ("column-count", None, None),
]


@dataclass
class Buyer:
    account: str
    currency: str
    broker: str
    fee: Decimal
    agreement: str
    offer: str


class AwsWorld:
    def __init__(self, rng: random.Random, months: list, ids: Ids):
        self.rng, self.months, self.ids = rng, months, ids
        self.start = dt.datetime(months[0][0], months[0][1], 1)
        self.end = add_months_dt(self.start, len(months))
        self.seller = rng.choice(SELLER_ACCOUNTS)
        self.products = rng.sample(AWS_PRODUCTS, rng.randint(1, 3))
        self.buyers = []
        for i in range(rng.randint(1, 4)):
            cur = rng.choice(CURRENCY_POOL)
            self.buyers.append(Buyer(f"b0e7e700-{i + 1}{i + 1}{i + 1}{i + 1}-4aaa-8bbb-{rng.randint(0, 10 ** 12 - 1):012d}",
                                     cur, rng.choice(AWS_BROKERS), Decimal(rng.choice(["0.15", "0.2", "0.03", "0.1275"])),
                                     ids.make("agmnt-synth", 32, "abcdefghijklmnopqrstuvwxyz0123456789"),
                                     rng.choice(["offer-synthpub00001", "offer-synthpub00002",
                                                 ids.make("offer-synthpriv", 19, "0123456789abcdef")])))
        self.rows: list[dict] = []
        self.payouts: dict[tuple, list] = {}
        self.seq = 0

    def add(self, row: dict) -> dict:
        self.seq += 1
        row["_seq"] = self.seq
        row.setdefault("_appended", row["update_date"])
        self.rows.append(row)
        return row

    def row(self, action: str, tt: str, amount: Decimal, buyer: Buyer, product: str, recorded: dt.datetime,
            invoice_date=None, usage=(None, None), action_date=None, parent="", invoice_id="") -> dict:
        r = {c: "" for c in AWS_NEW_COLUMNS}
        for c in AWS_TYPED_DATES:
            r[c] = None
        to_aws = tt.startswith("AWS_")
        r.update(billing_event_id=self.ids.make("SYNTH", 40, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"),
                 from_account_id=self.seller if to_aws else buyer.account,
                 to_account_id="AWS" if to_aws else self.seller, end_user_account_id=buyer.account,
                 product_id=product, action=action, transaction_type=tt, parent_billing_event_id=parent,
                 amount=amount, currency=buyer.currency, balance_impacting="0" if "TAX" in tt else "1",
                 invoice_date=invoice_date, usage_period_start_date=usage[0], usage_period_end_date=usage[1],
                 invoice_id=invoice_id, billing_address_id="addr-synth", broker_id=buyer.broker,
                 valid_from=recorded, insert_date=recorded, update_date=recorded, agreement_id=buyer.agreement,
                 offer_id=buyer.offer, catalog="AWSMarketplace", action_date=action_date,
                 recipient_account_id=self.seller)
        if invoice_date is not None:
            r["payment_due_date"] = invoice_date + dt.timedelta(days=30)
        return self.add(r)

    def version(self, old: dict, update: dt.datetime, valid_from: dt.datetime | None = None, **changes) -> dict:
        """A new version of an event: same billing_event_id, a later update_date (and
        valid_from, when given)."""
        r = {k: v for k, v in old.items() if not k.startswith("_")}
        r["update_date"] = update
        if valid_from is not None:
            r["valid_from"] = r["insert_date"] = valid_from
        r.update(changes)
        return self.add(r)

    def later(self, t: dt.datetime, lo_days: int, hi_days: int) -> dt.datetime:
        return t + dt.timedelta(days=self.rng.randint(lo_days, hi_days), hours=self.rng.randint(0, 23),
                                minutes=self.rng.randint(0, 59), seconds=self.rng.randint(0, 59))

    def generate(self):
        rng = self.rng
        for ui, u in enumerate(self.months[:-1]):
            ustart = dt.datetime(u[0], u[1], 1)
            uend = add_months_dt(ustart, 1) - dt.timedelta(seconds=1)
            for buyer in self.buyers:
                for product in self.products:
                    if rng.random() < 0.25:
                        continue
                    self.invoice(ui, ustart, uend, buyer, product)
        # balance adjustments, one in a while
        for m in self.months:
            if rng.random() < 0.25:
                buyer = rng.choice(self.buyers)
                day = dt.datetime(m[0], m[1], rng.randint(1, 28))
                amt = money(rng, buyer.currency, 1, 400) * rng.choice([1, -1])
                self.row("INVOICED", "BALANCE_ADJUSTMENT", amt, buyer, rng.choice(["", self.products[0]]),
                         day + dt.timedelta(hours=5), invoice_date=day,
                         invoice_id=str(rng.randint(800000000, 899999999)))
        self.disburse()
        self.defects()
        self.rows = [r for r in self.rows if r["_appended"] < self.end]

    def invoice(self, ui: int, ustart: dt.datetime, uend: dt.datetime, buyer: Buyer, product: str):
        rng = self.rng
        inv_day = add_months_dt(ustart, 1) + dt.timedelta(days=rng.randint(0, 5), seconds=rng.randint(0, 300))
        recorded = inv_day + dt.timedelta(hours=4)
        usage = (ustart, uend)
        inv_date = inv_day
        x = rng.random()
        if x < 0.06:
            usage = (None, None)                       # dated by invoice_date
        elif x < 0.09:
            usage, inv_date = (None, None), None       # dated by valid_from
        elif x < 0.13:
            usage = (ustart, None)                     # usage start, event-dated end
        invoice_id = str(rng.randint(800000000, 899999999))
        amount = money(rng, buyer.currency, 50, 60000)
        fee = q6(amount * buyer.fee)
        rows = [self.row("INVOICED", "SELLER_REV_SHARE", amount, buyer, product, recorded, inv_date, usage,
                         invoice_id=invoice_id),
                self.row("INVOICED", "AWS_REV_SHARE", -fee, buyer, product, recorded, inv_date, usage,
                         invoice_id=invoice_id)]
        if rng.random() < 0.35:
            tax = q6(amount * Decimal(rng.choice(["0.0725", "0.19", "0.2", "0.1"])))
            rows.append(self.row("INVOICED", rng.choice(["AWS_TAX_SHARE", "SELLER_TAX_SHARE", "OTHER_SELLER_TAX_SHARE"]),
                                 tax, buyer, product, recorded, inv_date, usage, invoice_id=invoice_id))
        if rng.random() < 0.12:
            rows.append(self.row("INVOICED", rng.choice(["AWS_INFRA_SHARE", "INFRA_FEE_PRETAX"]),
                                 -q6(amount * Decimal("0.05")), buyer, product, recorded, inv_date, usage,
                                 invoice_id=invoice_id))
        latest = {r["billing_event_id"]: r for r in rows}
        # corrections: later update_date, same valid_from
        for r in rows[:2]:
            if rng.random() < 0.2:
                t = self.later(r["update_date"], 1, 45)
                v = self.version(r, t, amount=r["amount"] + money(rng, buyer.currency, 1, 300) * rng.choice([1, -1]))
                latest[v["billing_event_id"]] = v
                if rng.random() < 0.25:
                    v = self.version(v, self.later(t, 1, 20), amount=v["amount"] - money(rng, buyer.currency, 1, 50))
                    latest[v["billing_event_id"]] = v
        # re-recorded with a later valid_from, sometimes in another usage month
        if rng.random() < 0.1:
            r = latest[rows[0]["billing_event_id"]]
            t = self.later(r["valid_from"], 3, 35)
            changes = {"amount": r["amount"] + money(rng, buyer.currency, 1, 900)}
            if r["usage_period_start_date"] is not None and rng.random() < 0.6:
                m = rng.choice(self.months[:-1])
                s = dt.datetime(m[0], m[1], 1)
                changes.update(usage_period_start_date=s,
                               usage_period_end_date=add_months_dt(s, 1) - dt.timedelta(seconds=1))
            v = self.version(r, t, valid_from=t, **changes)
            latest[v["billing_event_id"]] = v
        # deletions (and, once in a while, a later undeleted version)
        deleted = set()
        for r in rows:
            if rng.random() < 0.06:
                r0 = latest[r["billing_event_id"]]
                t = self.later(r0["update_date"], 1, 30)
                v = self.version(r0, t, delete_date=t)
                deleted.add(r["billing_event_id"])
                if rng.random() < 0.3:
                    w = self.version(v, self.later(t, 1, 10), delete_date=None)
                    latest[w["billing_event_id"]] = w
                    deleted.discard(r["billing_event_id"])
        # collection, then disbursement; or a write-off
        x = rng.random()
        base = max(r["_appended"] for r in self.rows if r["billing_event_id"] in latest)
        if x < 0.75:
            tc = self.later(recorded, 3, 35)
            collected = []
            for r in rows:
                if r["billing_event_id"] in deleted or (r["transaction_type"].endswith("TAX_SHARE") and rng.random() < 0.5):
                    continue
                cur = latest[r["billing_event_id"]]
                ad = tc - dt.timedelta(hours=rng.randint(0, 5), seconds=rng.randint(0, 59))
                collected.append(self.row("COLLECTED", r["transaction_type"], cur["amount"], buyer, product,
                                          max(tc, base), cur["invoice_date"], (None, None), action_date=ad,
                                          parent=r["billing_event_id"], invoice_id=invoice_id))
            if collected and rng.random() < 0.85:
                td = tc + dt.timedelta(days=2)
                td = dt.datetime(td.year, td.month, 10, 9) if td.day <= 10 else \
                    add_months_dt(td, 1).replace(day=10, hour=9)
                self.payouts.setdefault((td, buyer.currency), []).append((buyer, collected))
        elif x < 0.85:
            tf = self.later(recorded, 30, 55)
            for r in rows[:2]:
                if r["billing_event_id"] in deleted:
                    continue
                cur = latest[r["billing_event_id"]]
                self.row("FORGIVEN", r["transaction_type"], -cur["amount"], buyer, product, tf, cur["invoice_date"],
                         action_date=tf - dt.timedelta(hours=1), parent=r["billing_event_id"], invoice_id=invoice_id)
        # refunds and credits: dated by their own invoice
        if rng.random() < 0.15:
            tr = dt.datetime.combine((recorded + dt.timedelta(days=rng.randint(5, 55))).date(), dt.time())
            part = q6(latest[rows[0]["billing_event_id"]]["amount"] * Decimal(rng.choice(["0.1", "0.25", "1", "0.5"])))
            rid = str(rng.randint(800000000, 899999999))
            self.row("INVOICED", "SELLER_REV_SHARE_REFUND", -part, buyer, product, tr + dt.timedelta(hours=6), tr,
                     usage, parent=rows[0]["billing_event_id"], invoice_id=rid)
            self.row("INVOICED", "AWS_REV_SHARE_REFUND", q6(part * buyer.fee), buyer, product,
                     tr + dt.timedelta(hours=6), tr, usage, parent=rows[1]["billing_event_id"], invoice_id=rid)
            if len(rows) > 2 and "TAX" in rows[2]["transaction_type"] and rng.random() < 0.5:
                self.row("INVOICED", rows[2]["transaction_type"] + "_REFUND", -q6(part * Decimal("0.1")), buyer,
                         product, tr + dt.timedelta(hours=6), tr, usage, invoice_id=rid)
        if rng.random() < 0.07:
            tcr = self.later(recorded, 5, 50)
            self.row("INVOICED", rng.choice(["SELLER_REV_SHARE_CREDIT", "AWS_REV_SHARE_CREDIT"]),
                     -money(rng, buyer.currency, 10, 700), buyer, product, tcr, tcr.replace(hour=0, minute=0, second=0),
                     rng.choice([(None, None), usage]), invoice_id=str(rng.randint(800000000, 899999999)))

    def disburse(self):
        rng = self.rng
        for (td, currency), groups in sorted(self.payouts.items(), key=lambda kv: (kv[0][0], kv[0][1])):
            recorded = td + dt.timedelta(hours=12)
            payout_id = self.ids.make("SYNTH9", 40, "0123456789")
            total = D0
            buyer = groups[0][0]
            for b, collected in groups:
                for c in collected:
                    r = self.row("DISBURSED", c["transaction_type"], -c["amount"], b, c["product_id"], recorded,
                                 c["invoice_date"], action_date=td, parent=c["parent_billing_event_id"],
                                 invoice_id=c["invoice_id"])
                    r["disbursement_billing_event_id"] = payout_id
                    total += c["amount"]
            p = self.row("DISBURSED", "DISBURSEMENT", total, buyer, "", recorded, td, action_date=td)
            p.update(billing_event_id=payout_id, from_account_id="AWS", end_user_account_id="", agreement_id="",
                     offer_id="", invoice_id="", bank_trace_id=f"SYNTHTRACE{rng.randint(0, 999999):06d}")
            if rng.random() < 0.08:
                tf = td + dt.timedelta(days=3)
                f = self.row("DISBURSED", "DISBURSEMENT_FAILURE", -total, buyer, "", tf + dt.timedelta(hours=2), tf,
                             action_date=tf, parent=payout_id)
                f.update(from_account_id="AWS", end_user_account_id="", agreement_id="", offer_id="", invoice_id="")

    def defects(self):
        """Bad rows, re-sent rows and conflicting versions, appended like any record."""
        rng = self.rng
        good = [r for r in self.rows if r["_appended"] < self.end]
        for m in self.months:
            first = dt.datetime(m[0], m[1], 1)
            last = add_months_dt(first, 1)
            when = first + dt.timedelta(seconds=rng.randint(0, int((last - first).total_seconds()) - 1))
            before = [r for r in good if r["_appended"] <= when]
            x = rng.random()
            if x < 0.2:
                code, col, text = rng.choice(AWS_DEFECTS)
                buyer = rng.choice(self.buyers)
                r = self.row("INVOICED", "SELLER_REV_SHARE", money(rng, buyer.currency, 1, 500), buyer,
                             rng.choice(self.products), when, when.replace(hour=0, minute=0, second=0),
                             (first, last - dt.timedelta(seconds=1)), invoice_id="800000999")
                r["_defect"] = code
                if code == "column-count":
                    r["_short"] = rng.choice(["two short", "one extra"])
                elif col == "usage_end_before_start":
                    r["usage_period_end_date"] = first - dt.timedelta(days=1)
                    r["_raw"] = {"usage_period_end_date": fmt_date(first - dt.timedelta(days=1), "date")}
                else:
                    r["_raw"] = {col: text.format(y=m[0])}
            elif x < 0.28 and before:
                # one version re-sent with another amount: conflicting-version against the stored one
                old = rng.choice(before)
                r = {k: v for k, v in old.items() if not k.startswith("_")}
                r["amount"] = old["amount"] + 1
                r["_appended"] = when
                self.add(r)
            elif x < 0.34:
                # a new version delivered twice in one file with two amounts
                buyer = rng.choice(self.buyers)
                a = self.row("INVOICED", "BALANCE_ADJUSTMENT", money(rng, buyer.currency, 1, 90), buyer, "",
                             when, when.replace(hour=0, minute=0, second=0))
                b = {k: v for k, v in a.items() if not k.startswith("_")}
                b["amount"] = a["amount"] + Decimal("0.5")
                b["_appended"] = min(last - dt.timedelta(seconds=1), when + dt.timedelta(hours=rng.randint(0, 48)))
                self.add(b)
            elif x < 0.46 and before:
                # one version re-sent identically: already known
                old = rng.choice(before)
                r = {k: v for k, v in old.items() if not k.startswith("_")}
                r["_appended"] = when
                self.add(r)

    # --- deliveries -------------------------------------------------------------------
    def deliveries(self) -> list[Delivery]:
        rng = self.rng
        out = []
        for m in self.months:
            first = dt.datetime(m[0], m[1], 1)
            nxt = add_months_dt(first, 1)
            in_month = sorted((r for r in self.rows if first <= r["_appended"] < nxt), key=lambda r: (r["_appended"], r["_seq"]))
            cols = list(AWS_NEW_COLUMNS if rng.random() < 0.5 else AWS_DOC_COLUMNS)
            if rng.random() < 0.25:
                rng.shuffle(cols)
            style = random_style(rng, True)
            days = sorted(rng.sample(range(2, 29), rng.choice([0, 1, 2, 3])))
            times = [first + dt.timedelta(days=d - 1, hours=6) for d in days]
            if rng.random() < 0.92:
                times.append(nxt + dt.timedelta(hours=6))          # the complete month file
            gz = rng.random() < 0.15
            for t in times:
                rows = [r for r in in_month if r["_appended"] < t]
                st = style if rng.random() > 0.1 else random_style(rng, True)
                data = write_csv(cols, [self.render(r, cols, st) for r in rows], crlf=rng.random() < 0.1)
                name = f"aws-billing-events-{m[0]:04d}-{m[1]:02d}" + \
                       ("" if t >= nxt else f"-as-of-day{t.day:02d}") + ".csv"
                if gz:
                    data, name = gzip.compress(data, mtime=0), name + ".gz"
                out.append(Delivery(name, data, AWS, t, f"AWS month file {m[0]:04d}-{m[1]:02d}, {len(rows)} rows"
                                    + (" (complete)" if t >= nxt else f", as of {t:%Y-%m-%d}")))
        return out

    @staticmethod
    def render(r: dict, cols: list[str], style: Style) -> list[str]:
        raw = r.get("_raw", {})
        cells = [raw[c] if c in raw else render_cell(r.get(c, ""), c, style, r["_seq"] * 31 + i)
                 for i, c in enumerate(cols)]
        return wrong_count(cells, r.get("_short"))


# ---------------------------------------------------------------------------------
# Microsoft: Partner Center transaction-history downloads, overlapping, each earning in
# its state on the download's day

MS_STATES = ["Unprocessed", "Upcoming", "Sent"]
MS_DEFECTS = [("sign-mismatch", None), ("unknown-charge-type", "Sale"), ("unknown-charge-type", "Return"),
              ("missing-value", "earningId"), ("missing-value", "earningAmount"), ("missing-value", "dates"),
              ("bad-number", "1,250.00"), ("bad-number", "12,5"), ("bad-number", "n/a"),
              ("bad-currency", "eur"), ("bad-currency", ""), ("bad-currency", "US$"),
              ("bad-date", "{y}-13-01"), ("bad-date", "31/31/{y}"), ("column-count", None)]


@dataclass
class Customer:
    id: str
    name: str
    currency: str
    country: str


class MsWorld:
    def __init__(self, rng: random.Random, months: list, ids: Ids):
        self.rng, self.months, self.ids = rng, months, ids
        self.start = dt.datetime(months[0][0], months[0][1], 1)
        self.end = add_months_dt(self.start, len(months))
        self.sellers = MS_SELLERS[:rng.choice([1, 1, 2])]
        self.products = rng.sample(MS_PRODUCTS, rng.randint(1, 3))
        self.customers = [Customer(f"c0570000-{i + 1}{i + 1}{i + 1}{i + 1}-4ccc-8ddd-{rng.randint(0, 10 ** 12 - 1):012d}",
                                   f"Synthetic Customer {i + 1}", rng.choice(CURRENCY_POOL),
                                   rng.choice(["US", "DE", "FR", "GB", "JP"]))
                          for i in range(rng.randint(1, 4))]
        self.earnings: list[dict] = []

    def earning_id(self) -> str:
        return self.ids.make("7", 12, "0123456789")

    def timeline(self, edate: dt.datetime) -> list:
        rng = self.rng
        t = edate
        tl = [(t, "Unprocessed")]
        if rng.random() < 0.1:
            t = t + dt.timedelta(days=rng.randint(5, 15))
            tl.append((t, "Tax invoice pending"))
        t = t + dt.timedelta(days=rng.randint(10, 35))
        tl.append((t, "Upcoming"))
        t = t + dt.timedelta(days=rng.randint(8, 30))
        tl.append((t, "Sent"))
        if rng.random() < 0.08:
            t = t + dt.timedelta(days=rng.randint(3, 10))
            tl.append((t, "Reversed"))
            tl.append((t + dt.timedelta(days=rng.randint(5, 20)), "Sent"))
        return tl

    def generate(self):
        rng = self.rng
        for m in self.months:
            first = dt.datetime(m[0], m[1], 1)
            ndays = calendar.monthrange(*m)[1]
            for cust in self.customers:
                for _ in range(rng.choice([0, 1, 1, 2])):
                    tdate = first + dt.timedelta(days=rng.randint(0, ndays - 1))
                    e = self.new_earning(cust, tdate, "purchase", money(rng, cust.currency, 100, 30000))
                    if rng.random() < 0.03:
                        e["amount"] = Decimal("0.00")
                    if rng.random() < 0.15:
                        rd = tdate + dt.timedelta(days=rng.randint(3, 50))
                        if rd < self.end:
                            part = (e["amount"] * Decimal(rng.choice(["0.1", "0.5", "1"]))).quantize(
                                Decimal("0.01"), context=ROUNDING)
                            r = self.new_earning(cust, rd, rng.choice(["refund", "reversal", "chargeback"]), -part)
                            r["order"] = e["order"]
            if rng.random() < 0.3:
                cust = rng.choice(self.customers)
                ed = first + dt.timedelta(days=rng.randint(0, ndays - 1))
                a = self.new_earning(cust, ed, "", money(rng, cust.currency, 1, 800) * rng.choice([1, -1]))
                a["reason"] = f"RC{rng.randint(100, 999)}"
                if rng.random() < 0.7:
                    a["tdate"] = None                  # an adjustment earning has no transaction
                a["edate"] = ed
        # earnings that are bad in every download (fresh ids)
        for m in self.months:
            if rng.random() < 0.2:
                cust = rng.choice(self.customers)
                d = dt.datetime(m[0], m[1], rng.randint(1, 28))
                e = self.new_earning(cust, d, "purchase", money(rng, cust.currency, 10, 900))
                e["defect"] = rng.choice(MS_DEFECTS)

    def new_earning(self, cust: Customer, tdate: dt.datetime, ttype: str, amount: Decimal) -> dict:
        rng = self.rng
        product, pname, skus = rng.choice(self.products)
        seller = rng.choice(self.sellers)
        edate = tdate + dt.timedelta(days=rng.randint(0, 3))
        spelled = {"purchase": rng.choice(["Purchase", "purchase", "PURCHASE"]), "": ""}.get(
            ttype, rng.choice([ttype.capitalize(), ttype, ttype.upper()]))
        e = {"id": self.earning_id(), "cust": cust, "tdate": tdate, "edate": edate, "type": spelled,
             "amount": amount, "product": product, "pname": pname, "sku": rng.choice(skus), "seller": seller,
             "order": f"ord-synth-{rng.randint(0, 99999):05d}", "reason": "", "defect": None,
             "timeline": self.timeline(edate), "invoice": f"G{rng.randint(0, 9999999):07d}",
             "invoice_from": edate if rng.random() < 0.85 else edate + dt.timedelta(days=rng.randint(10, 40))}
        self.earnings.append(e)
        return e

    def state(self, e: dict, day: dt.datetime) -> str:
        st = e["timeline"][0][1]
        for t, s in e["timeline"]:
            if t <= day:
                st = s
        return st

    def render(self, e: dict, day: dt.datetime, style: Style, override: dict | None = None) -> dict:
        status = self.state(e, day)
        cur = e["cust"].currency
        d = (lambda t: "" if t is None else fmt_date(t, style.midnight))
        row = {c: "" for c in MS_COLUMNS}
        row.update(earningId=e["id"], earningDate=d(e["edate"]), calculationDate=d(e["edate"]),
                   earningAmount=format(e["amount"], "f"), earningType="sale", transactionId=f"tx-{e['id']}",
                   transactionDate=d(e["tdate"]), transactionCurrency=cur,
                   transactionType={"lower": e["type"].lower(), "upper": e["type"].upper()}.get(style.case, e["type"]),
                   paymentStatus=status,
                   paymentStatusDescription={"Sent": "Payment sent to bank", "Upcoming": "Payment order generated"}
                   .get(status, "Earning is eligible for payout, cooling period"),
                   paymentId="" if status in ("Unprocessed", "Tax invoice pending") else f"PAY{e['id'][-6:]}",
                   lastPaymentCurrency="EUR" if status == "Sent" else "",
                   OrderId=e["order"], LineItemId="1", customerId=e["cust"].id, customerName=e["cust"].name,
                   customerCountry=e["cust"].country, productId=e["product"], ProductName=e["pname"],
                   SkuId=e["sku"], localProviderSeller=MS_LOCAL_SELLER[cur], participantId=e["seller"][0],
                   participantIdType="Seller", participantName=e["seller"][1], programName="Commercial Marketplace",
                   invoiceNumber=e["invoice"] if day >= e["invoice_from"] else "", reasonCode=e["reason"],
                   quantity="1")
        defect = e["defect"] if override is None else override.get("defect", e["defect"])
        if defect:
            code, text = defect
            y = (e["tdate"] or e["edate"]).year
            if code == "sign-mismatch":
                row["earningAmount"] = format(-e["amount"] if e["amount"] else Decimal("-1.00"), "f")
            elif code == "unknown-charge-type":
                row["transactionType"] = text
            elif code == "missing-value" and text == "dates":
                row["transactionDate"] = row["earningDate"] = ""
            elif code == "missing-value":
                row[text] = ""
            elif code == "bad-number":
                row["earningAmount"] = text
            elif code == "bad-currency":
                row["transactionCurrency"] = text
            elif code == "bad-date":
                row["transactionDate"] = text.format(y=y)
            elif code == "column-count":
                row["_short"] = "two short" if e["id"][-1] in "01234" else "one extra"
        if override:
            row.update({k: v for k, v in override.items() if k != "defect"})
        return row

    def deliveries(self) -> list[Delivery]:
        rng = self.rng
        out = []
        days = []
        for m in self.months:
            first = dt.datetime(m[0], m[1], 1)
            if rng.random() < 0.8:
                days.append(first.replace(day=16, hour=12))
            if rng.random() < 0.3:
                days.append(first.replace(day=rng.randint(2, 28), hour=13))
        days.append(self.end - dt.timedelta(hours=6))
        for day in sorted(set(days)):
            span = rng.choice([90, 180, 365, 1095, rng.randint(40, 120)])
            listed = [e for e in self.earnings if e["edate"] <= day and e["edate"] >= day - dt.timedelta(days=span)]
            if rng.random() < 0.5:
                rng.shuffle(listed)
            style = random_style(rng, False)
            rows = [self.render(e, day, style) for e in listed]
            good = [e for e in listed if not e["defect"]]
            rng.shuffle(good)                          # each earning below is picked once at most
            if good and rng.random() < 0.05:           # one state of an earning is bad in this download only
                e = good.pop()
                i = listed.index(e)
                rows[i] = self.render(e, day, style, {"defect": rng.choice(MS_DEFECTS)})
            if good and rng.random() < 0.08:           # one earning twice with different lines
                e = good.pop()
                other = self.render(e, day, style, {"paymentStatus": rng.choice(["Sent", "Failed", "Reprocessing"])})
                if other["paymentStatus"] == self.state(e, day):
                    other["earningAmount"] = format(e["amount"] + (1 if e["amount"] >= 0 else -1), "f")
                rows.insert(rng.randint(0, len(rows)), other)
            if good and rng.random() < 0.05:           # one earning listed twice, identically
                e = good.pop()
                rows.insert(rng.randint(0, len(rows)), self.render(e, day, style))
            cols = list(MS_COLUMNS)
            if rng.random() < 0.3:
                rng.shuffle(cols)
            header = [c if rng.random() > 0.15 else rng.choice([c.lower(), c.upper(), c[:1].upper() + c[1:]])
                      for c in cols]
            table = []
            for r in rows:
                cells = [r[c] for c in cols]
                table.append(wrong_count(cells, r.get("_short")))
            data = write_csv(header, table, bom=rng.random() < 0.5, crlf=rng.random() < 0.5)
            out.append(Delivery(f"microsoft-payouts-transaction-history-{day:%Y-%m-%d}.csv", data, MS, day,
                                f"Microsoft download of {day:%Y-%m-%d} ({span} days), {len(rows)} rows"))
        return out


# ---------------------------------------------------------------------------------
# The delivery order, the contract, the FX table

def broken_header(rng: random.Random, d: Delivery) -> Delivery:
    """A copy of a delivery without one required column: refused whole (broken-header)."""
    header, recs = records(decode(d.name, d.data))
    need = AWS_REQUIRED if d.fmt == AWS else MS_REQUIRED
    drop = rng.choice(need)
    idx = [i for i, h in enumerate(header) if (h == drop if d.fmt == AWS else h.lower() == drop.lower())]
    keep = [i for i in range(len(header)) if i not in idx]
    data = write_csv([header[i] for i in keep], [[row[i] for i in keep if i < len(row)] for _, row in recs])
    # without a column that S0 recognises the format by, only --format names it
    forced = drop in ("billing_event_id", "transaction_type", "earningId", "earningAmount")
    return Delivery(d.name.removesuffix(".gz").removesuffix(".csv") + f"-without-{drop}.csv", data, d.fmt, d.when,
                    f"{d.note}, without the required column {drop} (refused: broken-header)", force=forced)


def sequence(rng: random.Random, deliveries: list[Delivery]) -> list[Delivery]:
    seq = sorted(deliveries, key=lambda d: d.when)
    aws_idx = [i for i, d in enumerate(seq) if d.fmt == AWS]
    # an AWS month file delivered late: none of its daily deliveries, then the complete file
    # after a later month's deliveries (its versions older than those are "older versions")
    complete = [i for i in aws_idx if "(complete)" in seq[i].note and i < aws_idx[-1]]
    if complete and rng.random() < 0.5:
        d = seq[rng.choice(complete)]
        month = d.name[:26]
        seq = [x for x in seq if x is d or not (x.fmt == AWS and x.name[:26] == month)]
        i = seq.index(d)
        seq.pop(i)
        later = [j for j, x in enumerate(seq) if x.fmt == AWS and j >= i]
        if later:
            d.note += "; delivered late (no daily delivery), after a later month's delivery"
            seq.insert(rng.choice(later) + 1, d)
        else:
            seq.insert(i, d)
    # an older, shorter delivery imported after a longer one of the same month file
    partial = [i for i, d in enumerate(seq) if d.fmt == AWS and "as of" in d.note]
    if partial and rng.random() < 0.3:
        i = rng.choice(partial)
        month = seq[i].name[:26]
        longer = [j for j, x in enumerate(seq) if j > i and x.fmt == AWS and x.name[:26] == month]
        if longer:
            d = seq.pop(i)
            j = rng.choice(longer)            # index in the shortened list: the longer one is at j-1
            d.note += "; imported after a longer delivery of its month file"
            seq.insert(j, d)
    # a Microsoft download imported after the next one (its older states become current again)
    ms_idx = [i for i, d in enumerate(seq) if d.fmt == MS]
    if len(ms_idx) >= 2 and rng.random() < 0.25:
        k = rng.randrange(len(ms_idx) - 1)
        a, b = ms_idx[k], ms_idx[k + 1]
        seq[a], seq[b] = seq[b], seq[a]
        seq[b].note += "; imported after the next download"
    # the same bytes again (a no-op), a file without a required column (refused)
    if rng.random() < 0.2:
        i = rng.randrange(len(seq))
        d = seq[i]
        seq.insert(rng.randint(i + 1, len(seq)), Delivery("again-" + d.name, d.data, d.fmt, d.when,
                                                           f"the same bytes as {d.name} again"))
    if rng.random() < 0.12:
        i = rng.randrange(len(seq))
        seq.insert(rng.randint(0, len(seq)), broken_header(rng, seq[i]))
    for d in seq:
        d.force = d.force or rng.random() < 0.15
    return seq


def seller_match_table(rng: random.Random, pools: dict) -> dict:
    """One match table over the seller columns (drives random_contracts.gen_contract)."""
    providers = sorted(p for p in pools if pools[p])
    provider = rng.choice(providers) if rng.random() < 0.9 else rng.choice(["AWS", "Microsoft"])
    if rng.random() < 0.35:                          # a table of S6's bases
        basis = rng.choice(["invoiced", "collected", "disbursed"])
        if provider == "AWS":
            t = {"ProviderName": ["AWS"],
                 "x_MarketplaceAction": {"invoiced": rng.choice([["INVOICED", "FORGIVEN"], ["INVOICED"]]),
                                         "collected": ["COLLECTED"], "disbursed": ["DISBURSED"]}[basis],
                 "x_TransactionType": ["SELLER_REV_SHARE*"] + (["AWS_REV_SHARE*"] if rng.random() < 0.7 else [])}
            if rng.random() < 0.4 and pools.get("AWS", {}).get("x_ProductId"):
                prods = pools["AWS"]["x_ProductId"]
                t["x_ProductId"] = rng.sample(prods, rng.randint(1, len(prods)))
            return t
        t = {"ProviderName": ["Microsoft"], "PublisherName": [rng.choice(["OpenAI*", "OpenAI, L.L.C.", "*"])]}
        if basis == "disbursed":
            t["x_PaymentStatus"] = ["Sent"]
        return t
    table: dict[str, list[str]] = {}
    if rng.random() < 0.8:
        table["ProviderName"] = [rc.pattern_for(rng, provider)]
    if provider == "AWS":
        keys = ["x_MarketplaceAction", "x_TransactionType", "x_ProductId", "x_BrokerId", "InvoiceIssuerName",
                "SubAccountId", "BillingAccountId", "x_OfferId", "x_AgreementId", "InvoiceId", "ChargeCategory",
                "ChargeClass", "PublisherName"]
    else:
        keys = ["PublisherName", "x_PaymentStatus", "x_TransactionType", "x_ProductId", "ServiceName", "SkuId",
                "x_AgreementId", "InvoiceIssuerName", "SubAccountId", "BillingAccountId", "ChargeCategory",
                "ChargeClass", "x_MarketplaceAction", "InvoiceId"]
    for key in rng.sample(keys, rng.randint(0, 3)):
        if key == "ChargeCategory":
            table[key] = rng.sample(["Usage", "Credit", "Tax", "Adjustment", "*", "U*"], rng.randint(1, 3))
        elif key == "ChargeClass":
            table[key] = rng.sample(["", "Correction", "*"], rng.randint(1, 2))
        elif key == "x_MarketplaceAction" and provider == "AWS":
            table[key] = rng.choice([["INVOICED", "FORGIVEN"], ["COLLECTED"], ["DISBURSED"], ["INVOICED"], ["*ED"],
                                     ["FORGIVEN", "DISBURSED"]])
        elif key == "x_TransactionType" and provider == "AWS":
            table[key] = rng.choice([["SELLER_REV_SHARE*"], ["SELLER_REV_SHARE*", "AWS_REV_SHARE*"], ["*TAX*"],
                                     ["DISBURSEMENT*"], ["BALANCE_ADJUSTMENT"], ["*_REFUND", "*_CREDIT"],
                                     ["AWS_INFRA_SHARE", "INFRA_FEE_PRETAX"], ["*SHARE"]])
        elif key == "x_TransactionType":
            table[key] = rng.choice([["purchase"], ["refund", "reversal", "chargeback"], [""], ["*"], ["p*"],
                                     ["Purchase"]])
        elif key == "x_PaymentStatus":
            table[key] = rng.choice([["Sent"], ["Sent", "Upcoming"], ["Unprocessed"], ["*"], ["Tax invoice*"],
                                     ["sent"]])
        else:
            vals = pools.get(provider, {}).get(key) or [""]
            pats = [rc.pattern_for(rng, rng.choice(vals)) for _ in range(rng.randint(1, 2))]
            table[key] = list(dict.fromkeys(pats))
    if not table:
        table["ProviderName"] = ["*"]
    return table


# random_contracts.gen_contract draws each match table from its module-level gen_match_table;
# in this process that is the seller tables above.
rc.gen_match_table = seller_match_table

FX_LEVEL = {"EUR": ("1.", 0, 2), "GBP": ("1.", 2, 3), "JPY": ("0.00", 6, 7), "CHF": ("1.", 1, 2)}


def gen_fx(rng: random.Random, currencies: set, start: dt.date, end: dt.date) -> str | None:
    """X->USD rates from 10 days before the first month to the last day, 1-8 days apart (every
    day has a rate at most 7 days old), plus rates that must never be used."""
    others = sorted(c for c in currencies if c != "USD")
    if not others:
        return None
    rows = ["date,base,quote,rate"]
    for cur in others:
        prefix, lo, hi = FX_LEVEL[cur]
        d = start - dt.timedelta(days=10)
        while d <= end:
            k = rng.choice([2, 4, 6])
            lead = str(rng.randint(lo, hi)) if prefix == "1." else ""
            body = f"{lead}{rng.randint(0, 10 ** k - 1):0{k}d}" if prefix == "1." else \
                f"{rng.randint(lo, hi)}{rng.randint(0, 10 ** (k - 1) - 1) if k > 1 else 0:0{max(k - 1, 1)}d}"
            rate = f"1.{body}" if prefix == "1." else f"0.00{body}"
            rows.append(f"{d.isoformat()},{cur},USD,{rate}")
            if rng.random() < 0.15:
                rows.append(f"{d.isoformat()},USD,{cur},0.{rng.randint(0, 999999):06d}")
            d += dt.timedelta(days=rng.choice([1, 1, 1, 2, 3, 5, 7, 8]))
        rows.append(f"{(end + dt.timedelta(days=3)).isoformat()},{cur},USD,9.5")
    return "\n".join(rows) + "\n"


@dataclass
class SellerScenario:
    seed: int
    index: int
    terms: str
    contract_text: str
    deliveries: list                # [Delivery] imported in this order
    fx_text: str | None
    periods: list                   # settled in this order
    closed: int = 0                 # --late: close the first `closed` periods, then
    late: list = field(default_factory=list)     # import these, settle the last period


def gen_scenario(seed: int, index: int, terms: str = "old", late: bool = False) -> SellerScenario:
    rng = random.Random(f"revshare-seller-feeds:{seed}:{index}:{terms}" + (":late" if late else ""))
    n_months = rng.randint(3, 6)
    ysm = 1 if terms == "old" else rng.randint(1, 12)
    ysm_written = terms == "all" and (ysm != 1 or rng.random() < 0.5)
    first = (rng.randint(2024, 2028), rng.randint(1, 12))
    months = [rc.add_months(first, i) for i in range(n_months)]
    ids = Ids(rng)
    kinds = rng.choice(["both", "both", "both", "aws", "ms"])
    found: list[Delivery] = []
    if kinds != "ms":
        aws = AwsWorld(rng, months, ids)
        aws.generate()
        found += aws.deliveries()
    if kinds != "aws":
        ms = MsWorld(rng, months, ids)
        ms.generate()
        found += ms.deliveries()
    seq = sequence(rng, found)
    for i, d in enumerate(seq):
        d.file = f"exports/{i + 1:03d}-{d.name}"
    # what the lines look like, for the contract's patterns and the FX table
    probe = Store()
    for d in seq:
        probe.import_file(d.file, d.data, d.fmt if d.force else None)
    pools: dict[str, dict[str, list]] = {"AWS": {}, "Microsoft": {}}
    currencies = set()
    for lines in probe.events.values():
        for st in lines:
            currencies.add(st.line["BillingCurrency"])
            pool = pools[st.line["ProviderName"]]
            for col in MATCH_COLUMNS:
                pool.setdefault(col, set()).add(st.line[col])
    pools = {p: {c: sorted(v) for c, v in cols.items()} for p, cols in pools.items()}
    sc_id = f"seller-{seed % 1000000}-{index}"
    rc.COARSE.on = rng.random() < 0.4
    year_first = rc.month_first(rc.contract_year(months[0], ysm))
    for _try in range(100):
        contract_text = rc.gen_contract(rng, sc_id, terms, months, ysm, ysm_written, pools, caps=not late)
        # With the additional terms, a contract in force before the contract year of the first
        # month has a year end before it, which `settle` settles on the way (contract.md
        # "When periods are settled"): its rows would move caps that this oracle starts at 0.
        if terms == "old" or rc.load_contract(contract_text).versions[0].effective_from >= year_first:
            break
    # Seller lines have no ListCost or ContractedCost: keep those contracts (every basis from
    # lines zero) for one scenario in four.
    m = re.search(r'^cost_column = "(ListCost|ContractedCost)"$', contract_text, re.M)
    if m and rng.random() < 0.75:
        contract_text = contract_text.replace(m[0], f'cost_column = "{rng.choice(["BilledCost", "EffectiveCost"])}"')
    rc.validate_contract(contract_text)
    start = dt.date(months[0][0], months[0][1], 1)
    fx_text = gen_fx(rng, currencies, start, rc.month_last(months[-1]))
    sc = SellerScenario(seed, index, terms, contract_text, seq, fx_text, [rc.fmt_period(m) for m in months])
    if late and len(seq) >= 2:
        sc.closed = rng.randint(1, n_months - 1)
        cutoff = dt.datetime.combine(rc.month_first(months[sc.closed]), dt.time()) + \
            dt.timedelta(days=rng.randint(0, 45))
        pos = next((i for i, d in enumerate(seq) if d.when >= cutoff), len(seq))
        pos = min(max(pos, 1), len(seq) - 1)
        sc.deliveries, sc.late = seq[:pos], seq[pos:]
        for i, d in enumerate(sc.late):
            d.file = f"late/{i + 1:03d}-{d.name}"
    return sc


# ---------------------------------------------------------------------------------
# The expectation

@dataclass
class Expectation:
    files: dict                     # report path -> text
    contract: object
    imports: list                   # [ImportResult] of sc.deliveries
    late_imports: list              # [ImportResult] of sc.late
    store: Store
    first_lines: list               # current lines as of the first part (--late) or all
    high_water: int


def expected(sc: SellerScenario) -> Expectation:
    contract = rc.load_contract(sc.contract_text)
    fx = rc.load_fx_text(sc.fx_text)
    store = Store()
    first = [store.import_file(d.file, d.data, d.fmt if d.force else None) for d in sc.deliveries]
    h1 = store.high_water
    first_lines = store.current()
    oracle = rc.Oracle(contract, [to_rc_line(s) for s in first_lines], fx)
    results = {p: oracle.settle(p) for p in sc.periods}
    late = []
    if sc.late:
        if contract.caps or sc.terms != "old":
            raise SystemExit("oracle: late data is only computed for the older terms, without caps")
        late = [store.import_file(d.file, d.data, d.fmt if d.force else None) for d in sc.late]
        again = rc.Oracle(contract, [to_rc_line(s) for s in store.current()], fx)
        adjustments = []
        for p in sc.periods[:sc.closed]:
            adjustments += rc.adjustment_rows(sc.periods[sc.closed], p, results[p], again.settle(p))
        for i, p in enumerate(sc.periods[sc.closed:]):
            results[p] = again.settle(p, adjustments if i == 0 else None)
    files = {}
    for p in sc.periods:
        st, net = rc.render(contract, p, results[p], 16)
        files[f"{contract.id}/{p}/statement.csv"] = st
        files[f"{contract.id}/{p}/net.csv"] = net
    return Expectation(files, contract, first, late, store, first_lines, h1)


def show(sc: SellerScenario, exp: Expectation):
    print(sc.contract_text)
    groups = [("", sc.deliveries, exp.imports)]
    if sc.late:
        groups.append((f"--- settle {sc.periods[0]}..{sc.periods[-1]}, close {sc.periods[:sc.closed]}, "
                       f"then import (late):", sc.late, exp.late_imports))
    for title, deliveries, results in groups:
        if title:
            print(title)
        for d, res in zip(deliveries, results):
            print(f"--- {d.file}{' (--format ' + d.fmt + ')' if d.force else ''}: {d.note}")
            print(decode(d.name, d.data), end="")
            print(f"=== expected: {res.summary()} (exit {res.exit_code})")
            for line_no, outcome in res.outcomes:
                print(f"      line {line_no}: {outcome}")
            for line_no, code, msg in res.quarantined:
                print(f"      line {line_no}: error[{code}]: {msg}")
    if sc.late:
        print(f"--- current lines as of import {exp.high_water} (the first settlements):")
        for s in sorted(exp.first_lines, key=lambda s: (s.line["ChargePeriodStart"], s.key)):
            print("    " + describe_line(s))
    print(f"--- current lines as of import {exp.store.high_water}:")
    for s in sorted(exp.store.current(), key=lambda s: (s.line["ChargePeriodStart"], s.key)):
        print("    " + describe_line(s))
    if sc.fx_text:
        print(f"--- fx.csv\n{sc.fx_text}", end="")
    for rel, text in exp.files.items():
        print(f"--- expected {rel}\n{text}", end="")



# =================================================================================
# Running the binary

class Failure(Exception):
    pass


ERROR_RE = re.compile(r"^(?P<file>[^\s:]+):(?P<line>\d+)(?::\d+)?: error\[(?P<code>[a-z0-9-]+)\]", re.M)
READ_RE = re.compile(r"(\d+) rows? read, (\d+) lines?, (\d+) quarantined")
LISTING_RE = re.compile(r"^\s*(\d+)\s+(aws-marketplace-billing-events|microsoft-payouts)\s+(\d+)\s+(\d+)\s+(\d+)\s", re.M)
S4_RE = re.compile(r"(\d+) rows?(?: read)?: (\d+) new, (\d+) newer(?: \(([^)]*)\))?, (\d+) older, "
                   r"(\d+) already known, (\d+) quarantined")


def s4_counts(res: ImportResult) -> tuple:
    return (res.rows, res.new, res.newer, res.older, res.known, len(res.quarantined))


def stored_counts(res: ImportResult) -> tuple:
    """(rows read, lines stored, rows quarantined): S4, the lines an import stores are
    rows_imported - already known."""
    return (res.rows, res.imported - res.known, len(res.quarantined))


def check_import(d: Delivery, res: ImportResult, proc) -> list[str]:
    """An import's exit code, its quarantined (line, code) pairs, and its counts when the
    binary prints them in S4's form."""
    problems = []
    out = proc.stdout + proc.stderr
    if proc.returncode != res.exit_code:
        problems.append(f"exit {proc.returncode}, expected {res.exit_code} ({res.summary()})")
    if res.status == "refused":
        if "broken-header" not in out:
            problems.append("no broken-header diagnostic")
        return problems
    if res.status == "duplicate":
        return problems
    got = sorted((int(m["line"]), m["code"]) for m in ERROR_RE.finditer(proc.stderr))
    want = sorted((line, code) for line, code, _ in res.quarantined)
    if got != want:
        problems.append(f"quarantined (line, code): expected {want}, the binary {got}")
    m = S4_RE.search(out)
    if m:
        got_c = (int(m[1]), int(m[2]), int(m[3]), int(m[5]), int(m[6]), int(m[7]))
        if got_c != s4_counts(res):
            problems.append(f"counts (rows, new, newer, older, already known, quarantined): expected "
                            f"{s4_counts(res)}, the binary {got_c}")
    m = READ_RE.search(out)
    if m and tuple(map(int, m.groups())) != stored_counts(res):
        problems.append(f"(rows read, lines, quarantined): expected {stored_counts(res)}, the binary "
                        f"{tuple(map(int, m.groups()))}")
    return problems


def check_listing(text: str, results: list[ImportResult]) -> list[str]:
    """`revshare imports`: the S4 lines in order against the imports that stored anything or
    nothing (neither no-ops nor refusals), and, where the table has the columns import,
    format, rows, lines, quarantined, the seller imports' rows, lines stored (rows_imported -
    already known) and quarantined rows."""
    problems = []
    imported = [r for r in results if r.status == "imported"]
    listed = list(S4_RE.finditer(text))
    if listed and len(listed) != len(imported):
        problems.append(f"`revshare imports` lists {len(listed)} imports in S4's form, expected {len(imported)}")
    for m, res in zip(listed, imported):
        got_c = (int(m[1]), int(m[2]), int(m[3]), int(m[5]), int(m[6]), int(m[7]))
        if got_c != s4_counts(res):
            problems.append(f"`revshare imports`, {res.name}: expected {s4_counts(res)}, the binary {got_c}")
    rows = list(LISTING_RE.finditer(text))
    if rows and len(rows) == len(imported):
        for m, res in zip(rows, imported):
            got = (int(m[3]), int(m[4]), int(m[5]))
            if got != stored_counts(res):
                problems.append(f"`revshare imports`, import {m[1]} ({res.name}): (rows, lines, quarantined) "
                                f"expected {stored_counts(res)}, the binary {got}")
    return problems


def run_binary(binary: str, sc: SellerScenario, exp: Expectation, work: Path) -> tuple[Path, list[str]]:
    (work / "db").mkdir(parents=True, exist_ok=True)
    (work / "contract.toml").write_text(sc.contract_text, encoding="utf-8")
    for d in sc.deliveries + sc.late:
        (work / d.file).parent.mkdir(parents=True, exist_ok=True)
        (work / d.file).write_bytes(d.data)
    if sc.fx_text:
        (work / "fx.csv").write_text(sc.fx_text, encoding="utf-8")
    plan: list[tuple[list[str], object]] = [(["init"], None)]
    if sc.fx_text:
        plan.append((["fx", "import", "fx.csv"], None))
    for d, res in zip(sc.deliveries, exp.imports):
        plan.append((["import", *(["--format", d.fmt] if d.force else []), d.file], (d, res)))
    plan.append((["contract", "add", "contract.toml"], None))
    for p in sc.periods:
        plan.append((["settle", "--period", p, "--allow-empty"], None))  # every period, with lines or not
    if sc.late:
        for p in sc.periods[:sc.closed]:
            plan.append((["close", "--period", p], None))
        for d, res in zip(sc.late, exp.late_imports):
            plan.append((["import", *(["--format", d.fmt] if d.force else []), d.file], (d, res)))
        plan.append((["settle", "--period", sc.periods[-1], "--allow-empty"], None))
    for p in sc.periods:
        plan.append((["report", "--period", p, "--out", "reports"], None))
    plan.append((["imports"], "imports"))
    plan.append((["verify"], "verify"))
    script = ["#!/bin/sh", "# reproduce: BIN=/path/to/revshare sh run.sh (in this folder); imports may exit 1 or 2",
              'BIN="${BIN:-revshare}"', "rm -rf db reports", "mkdir db"]
    for cmd, _ in plan:
        script.append('"$BIN" --db db/revshare.db ' + " ".join(cmd) + "; echo \"exit $?\"")
    (work / "run.sh").write_text("\n".join(script) + "\n", encoding="utf-8")
    env = dict(os.environ, TMPDIR=str(work))
    log, problems = [], []
    try:
        for cmd, what in plan:
            proc = subprocess.run([binary, "--db", "db/revshare.db", *cmd], cwd=work, capture_output=True,
                                  text=True, env=env, timeout=600)
            log.append(f"$ revshare {' '.join(cmd)}  -> exit {proc.returncode}\n{proc.stdout}{proc.stderr}")
            if isinstance(what, tuple):
                d, res = what
                problems += [f"import {d.file}: {p}" for p in check_import(d, res, proc)]
            elif what == "imports":
                problems += check_listing(proc.stdout, exp.imports + exp.late_imports)
            elif what == "verify":
                if proc.returncode != 0:
                    problems.append(f"`revshare verify` exited {proc.returncode}: "
                                    f"{(proc.stdout + proc.stderr).strip()[:1500]}")
            elif proc.returncode != 0:
                raise Failure(f"`revshare {' '.join(cmd)}` exited {proc.returncode}: "
                              f"{(proc.stderr or proc.stdout).strip()[:1500]}")
    finally:
        (work / "binary.log").write_text("\n".join(log), encoding="utf-8")
    return work / "reports", problems


def write_expected(work: Path, sc: SellerScenario, exp: Expectation):
    for rel, text in exp.files.items():
        p = work / "expected" / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    lines = [r.summary() + f" (exit {r.exit_code})" for r in exp.imports + exp.late_imports]
    lines += [f"  {r.name}:{ln}: error[{c}]: {msg}" for r in exp.imports + exp.late_imports
              for ln, c, msg in r.quarantined]
    (work / "expected" / "imports.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (work / "expected" / "current-lines.txt").write_text(
        "\n".join(describe_line(s) for s in sorted(exp.store.current(), key=lambda s: (s.line["ChargePeriodStart"], s.key)))
        + "\n", encoding="utf-8")


# --- --via-focus: the oracle's settlement side checked against today's binary ------------

FOCUS_COLUMNS = ("ProviderName", "PublisherName", "InvoiceIssuerName", "BillingAccountId", "SubAccountId",
                 "BillingPeriodStart", "BillingPeriodEnd", "ChargePeriodStart", "ChargePeriodEnd", "ChargeCategory",
                 "ChargeClass", "ServiceName", "SkuId", "BilledCost", "EffectiveCost", "ListCost", "ContractedCost",
                 "BillingCurrency", "InvoiceId", "x_MarketplaceAction", "x_TransactionType", "x_PaymentStatus",
                 "x_ProductId", "x_OfferId", "x_AgreementId", "x_BrokerId")


def via_focus(sc: SellerScenario) -> tuple[SellerScenario, Expectation]:
    """The scenario's current lines rendered as one FOCUS file (formats.md S1: the FOCUS
    importer copies the seller columns): the binary then checks the oracle's contract
    generation, matching on the seller columns, FX and statements, without the seller
    importers. Lines with neither BillingAccountId nor SubAccountId (which FOCUS quarantines
    for want of a scope key) are left out of both sides."""
    exp = expected(sc)
    lines = [s for s in exp.store.current() if s.line["BillingAccountId"] or s.line["SubAccountId"]]
    rows = []
    for s in sorted(lines, key=lambda s: (s.line["ChargePeriodStart"], s.key)):
        cells = []
        for c in FOCUS_COLUMNS:
            v = s.line[c]
            cells.append("" if v is None else fmt_instant(v) if isinstance(v, dt.datetime)
                         else format(v, "f") if isinstance(v, Decimal) else v)
        rows.append(cells)
    d = Delivery("seller-lines-as-focus.csv", write_csv(list(FOCUS_COLUMNS), rows), "focus", dt.datetime(2000, 1, 1),
                 f"the {len(rows)} current lines with a scope key, as FOCUS")
    d.file = "exports/seller-lines-as-focus.csv"
    fsc = SellerScenario(sc.seed, sc.index, sc.terms, sc.contract_text, [d], sc.fx_text, sc.periods)
    contract = rc.load_contract(sc.contract_text)
    oracle = rc.Oracle(contract, [to_rc_line(s) for s in lines], rc.load_fx_text(sc.fx_text))
    files = {}
    for p in sc.periods:
        files[f"{contract.id}/{p}/statement.csv"], files[f"{contract.id}/{p}/net.csv"] = \
            rc.render(contract, p, oracle.settle(p), 16)
    res = ImportResult(d.name, "imported", fmt="focus", import_id=1, rows=len(rows), new=len(rows))
    return fsc, Expectation(files, contract, [res], [], exp.store, lines, 1)


PROBLEM_KINDS = {
    "import-exit": "an import's exit code or broken-header diagnostic",
    "import-quarantine": "an import's quarantined (line, code) pairs",
    "import-counts": "an import's new/newer/older/already-known counts",
    "import-lines": "an import's rows read / lines / quarantined",
    "listing-counts": "`revshare imports`: the S4 counts",
    "listing-lines": "`revshare imports`: the rows / lines / quarantined columns",
    "verify": "`revshare verify`",
    "statement": "statement.csv",
    "net": "net.csv",
    "failed": "a command failed",
}


def problem_kind(text: str) -> str:
    if text.startswith("DIFFERS:"):
        return "net" if "/net.csv" in text.split("\n", 1)[0] else "statement"
    if text.startswith("binary"):
        return "failed"
    if text.startswith("`revshare verify`"):
        return "verify"
    if text.startswith("`revshare imports`"):
        return "listing-lines" if "(rows, lines, quarantined)" in text else "listing-counts"
    for key, kind in (("quarantined (line, code)", "import-quarantine"), ("counts (rows, new", "import-counts"),
                      ("(rows read, lines, quarantined)", "import-lines")):
        if key in text:
            return kind
    return "import-exit"


def run_scenario(binary: str, seed: int, index: int, terms: str, keep: Path | None, late: bool = False,
                 focus: bool = False, ignore: tuple = ()) -> tuple[bool, str, str, set]:
    rc.exact_ctx()
    sc = gen_scenario(seed, index, terms, late)
    tmp = Path(tempfile.mkdtemp(prefix=f"revshare-seller-{seed}-{index}-"))
    ok, report, kind, kinds = True, "", "agrees", set()
    try:
        try:
            sc, exp = via_focus(sc) if focus else (sc, expected(sc))
        except rc.MissingRate as m:
            return (False, f"=== seed {seed} scenario {index}: the generator left a line without an FX rate: {m}\n",
                    "oracle", set())
        write_expected(tmp, sc, exp)
        problems: list[str] = []
        try:
            reports, problems = run_binary(binary, sc, exp, tmp)
            diffs = rc.compare_files(exp.files, reports, 16)
            kind = "differs" if diffs else "imports"
        except Failure as f:
            diffs = [f"binary failed: {f}"]
            kind = "refused" if "`revshare contract add" in str(f) else "failed"
        except subprocess.TimeoutExpired as t:
            diffs, kind = [f"binary timed out: {t}"], "failed"
        problems = [p for p in problems if problem_kind(p) not in ignore]
        diffs = [d for d in diffs if problem_kind(d) not in ignore]
        kinds = {problem_kind(p) for p in problems + diffs}
        if diffs or problems:
            ok = False
            flags = f"--terms {terms}" + (" --late" if late else "") + (" --via-focus" if focus else "")
            head = (f"=== seed {seed} scenario {index} ({flags}): contract {exp.contract.id}, periods "
                    f"{sc.periods[0]}..{sc.periods[-1]}, {len(sc.deliveries) + len(sc.late)} deliveries\n")
            report = head + "".join(p + "\n" for p in problems) + "\n".join(diffs).rstrip("\n") + "\n"
            if keep:
                dest = keep / f"seed{seed}-{index}"
                if dest.exists():
                    shutil.rmtree(dest)
                shutil.copytree(tmp, dest, ignore=shutil.ignore_patterns("db"))
                report += f"files kept in {dest} (reproduce: cd {dest} && BIN={binary} sh run.sh)\n"
            report += (f"rerun: python3 {Path(__file__).resolve()} --binary {binary} --seed {seed} --only {index} "
                       f"{flags}\n")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return ok, report, (kind if not ok else "agrees"), kinds


# =================================================================================

def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--binary", help="the revshare binary to check")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--count", type=int, default=20)
    ap.add_argument("--terms", choices=["old", "all"], default="old",
                    help="contract terms: old (rate, tiers, net_of, minimum, maximum, caps, versions) or all "
                         "(also owed, tiers_over, annual_minimum, advances, withholding)")
    ap.add_argument("--keep", type=Path, help="keep the files of disagreeing scenarios here")
    ap.add_argument("--only", type=int, help="run only this scenario index")
    ap.add_argument("--jobs", type=int, default=max(1, min(4, os.cpu_count() or 1)))
    ap.add_argument("--late", action="store_true",
                    help="close the first months, import the later deliveries, check the adjustments "
                         "(--terms old; contracts without cap groups)")
    ap.add_argument("--via-focus", action="store_true",
                    help="feed the binary the scenario's current lines as one FOCUS file instead of the "
                         "seller deliveries (checks the settlement side of this oracle with a binary that "
                         "does not read the seller formats yet)")
    ap.add_argument("--ignore", action="append", default=[], choices=sorted(PROBLEM_KINDS),
                    help="leave out one kind of disagreement (repeatable), e.g. a known one")
    ap.add_argument("--self-test", action="store_true")
    ap.add_argument("--show", action="store_true", help="print the scenario and its expected files")
    ap.add_argument("--max-reports", type=int, default=5, help="print at most this many disagreements in full")
    args = ap.parse_args()
    rc.exact_ctx()
    if args.late and args.terms != "old":
        ap.error("--late needs --terms old")
    if args.late and args.via_focus:
        ap.error("--via-focus has no --late")
    if args.self_test:
        return self_test(str(Path(args.binary).resolve()) if args.binary else None)
    indices = [args.only] if args.only is not None else list(range(args.count))
    if args.show:
        for i in indices:
            sc = gen_scenario(args.seed, i, args.terms, args.late)
            sc, exp = via_focus(sc) if args.via_focus else (sc, expected(sc))
            print(f"##### seed {args.seed} scenario {i}")
            show(sc, exp)
        return 0
    if not args.binary:
        ap.error("--binary is required (or --self-test / --show)")
    binary = str(Path(args.binary).resolve())
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
    bad, kinds, printed = [], {}, 0
    by_kind: dict[str, list] = {}
    lock = threading.Lock()
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        futs = {pool.submit(run_scenario, binary, args.seed, i, args.terms, args.keep, args.late, args.via_focus,
                            tuple(args.ignore)): i
                for i in indices}
        for fut in concurrent.futures.as_completed(futs):
            i = futs[fut]
            ok, report, kind, problem_kinds = fut.result()
            if not ok:
                with lock:
                    bad.append(i)
                    kinds[kind] = kinds.get(kind, 0) + 1
                    for k in problem_kinds:
                        by_kind.setdefault(k, []).append(i)
                    if printed < args.max_reports:
                        print(report, flush=True)
                        printed += 1
                    else:
                        print(f"=== seed {args.seed} scenario {i}: disagrees (report not printed; --only {i} "
                              f"shows it)", flush=True)
    flags = f"--terms {args.terms}" + (" --late" if args.late else "") + (" --via-focus" if args.via_focus else "")
    if bad:
        what = {"differs": "files differ", "imports": "imports differ (statements agree)",
                "refused": "the binary refused the contract", "failed": "a command failed",
                "oracle": "generator error"}
        print(f"{len(bad)} of {len(indices)} scenarios disagree (seed {args.seed}, {flags}): "
              + ", ".join(f"{n} {what[k]}" for k, n in sorted(kinds.items())) + f"; indices {sorted(bad)}")
        for k, idx in sorted(by_kind.items()):
            print(f"  {PROBLEM_KINDS[k]} (--ignore {k}): {len(idx)} scenarios {sorted(idx)[:12]}"
                  + (" ..." if len(idx) > 12 else ""))
        return 1
    print(f"{len(indices)} scenarios agree (seed {args.seed}, {flags})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

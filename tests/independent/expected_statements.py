#!/usr/bin/env python3
"""Independent oracle for the settlement statements of the fixture contract.

Computes fixtures/expected/<contract>/<period>/statement.csv and net.csv for the
fixture exports (fixtures/exports/*/) and the seed contract, following
shared/spec/contract.md steps 1-9 and the report formats of shared/spec/cli.md,
WITHOUT any project code: its own minimal readers for each export format
(importers/MAPPING.md, only the columns the contract needs), its own glob matcher,
its own FX lookup, exact decimal arithmetic (never float; every intermediate
operation is trapped for inexactness), one half-to-even rounding per share and per
prorated bound.

Python 3.11 standard library only.

Usage (from anywhere):
  python3 tests/independent/expected_statements.py            # write fixtures/expected/
  python3 tests/independent/expected_statements.py --check    # recompute, compare with fixtures/expected/
  python3 tests/independent/expected_statements.py --compare OUT
        # compare an engine report directory OUT (OUT/<contract>/<period>/*.csv) with the
        # recomputed expectation; exit 1 and print a diff on any difference
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import decimal
import difflib
import gzip
import io
import json
import re
import sys
import tomllib
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXPORTS = ROOT / "fixtures" / "exports"
FX_FILE = ROOT / "fixtures" / "fx" / "eur-usd-2026.csv"
CONTRACT_FILE = ROOT / "fixtures" / "contracts" / "openai-microsoft.toml"
EXPECTED = ROOT / "fixtures" / "expected"
PERIODS = ["2026-02", "2026-03", "2026-04", "2026-05"]

# Quarantined rows the fixture README documents; the readers find them on their own
# and this list only cross-checks that they found exactly these.
EXPECTED_QUARANTINE = {("aws-cur/cur-2026-05.csv", 19), ("aws-cur/cur-2026-05.csv", 54),
                       ("aws-cur/cur-2026-05.csv", 90)}

# ---------------------------------------------------------------------------------
# Exact arithmetic: every operation in the EXACT context raises if it would round.
# Rounding happens only through round_half_even(), once per share / prorated bound.
EXACT = decimal.Context(prec=400, rounding=decimal.ROUND_HALF_EVEN,
                        traps=[decimal.Inexact, decimal.Rounded, decimal.InvalidOperation,
                               decimal.DivisionByZero, decimal.Overflow])
decimal.setcontext(EXACT)

ISO_MINOR_UNITS = {"USD": 2, "EUR": 2, "GBP": 2, "JPY": 0, "BHD": 3, "KWD": 3, "CHF": 2}


def round_half_even(value: Decimal, minor: int) -> Decimal:
    """Round an exact decimal once to `minor` decimals, half to even (symmetric)."""
    ctx = decimal.Context(prec=400, rounding=decimal.ROUND_HALF_EVEN)
    out = value.quantize(Decimal(1).scaleb(-minor), context=ctx)
    return out + Decimal(0) if out != 0 else abs(out)  # never -0


def prorate(bound: Decimal, seg_days: int, month_days: int, minor: int) -> Decimal:
    """bound * seg_days / month_days, exact as a fraction, rounded half-to-even (integers only)."""
    scaled = bound.scaleb(minor)                         # bound in minor units (integral)
    if scaled != scaled.to_integral_value():
        raise ValueError(f"bound {bound} has more decimals than the currency's minor unit")
    num = int(scaled) * seg_days
    q, r = divmod(abs(num), month_days)
    if 2 * r > month_days or (2 * r == month_days and q % 2 == 1):
        q += 1
    q = -q if num < 0 else q
    return Decimal(q).scaleb(-minor)


# ---------------------------------------------------------------------------------
# Text helpers of the readers

NUMBER_RE = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
CURRENCY_RE = re.compile(r"[A-Z]{3}")
ISO_TS_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z)?")
US_DATE_RE = re.compile(r"(\d{2})/(\d{2})/(\d{4})")


class BadRow(Exception):
    """A row that the importer must quarantine (reason text in args[0])."""


def parse_cost(text: str, *, null_literal: bool = False) -> Decimal | None:
    if text == "" or (null_literal and text == "NULL"):
        return None
    if not NUMBER_RE.fullmatch(text):
        raise BadRow(f"bad-number {text!r}")
    return Decimal(text)  # exact: Decimal(str) never rounds


def parse_ts(text: str) -> dt.datetime:
    """ISO-8601 UTC timestamp in the forms the exports use, or MM/DD/YYYY (Azure)."""
    m = ISO_TS_RE.fullmatch(text)
    try:
        if m:
            y, mo, d, hh, mm, ss = (int(g) if g else 0 for g in m.groups()[:6])
            return dt.datetime(y, mo, d, hh, mm, ss)
        m = US_DATE_RE.fullmatch(text)
        if m:
            mo, d, y = (int(g) for g in m.groups())
            return dt.datetime(y, mo, d)
    except ValueError as exc:  # no such day / hour
        raise BadRow(f"bad-date {text!r}: {exc}") from None
    raise BadRow(f"bad-date {text!r}")


def month_start(ts: dt.datetime) -> dt.date:
    return dt.date(ts.year, ts.month, 1)


# ---------------------------------------------------------------------------------
# Minimal readers: one per export format. Each yields (line_no, record) or
# (line_no, BadRow). A record has the normalised text columns the contract can match
# on (MATCHABLE), the cost mapped to BilledCost, BillingCurrency, ChargePeriodStart and
# the supersession scope (provider, billing account, billing period start).

MATCHABLE = ("ProviderName", "PublisherName", "ServiceName", "x_SkuMeterSubcategory",
             "ChargeCategory", "ChargeClass", "BillingAccountId")

AWS_CATEGORY = {
    "Usage": "Usage", "DiscountedUsage": "Usage", "SavingsPlanCoveredUsage": "Usage",
    "SavingsPlanNegation": "Usage",
    "Fee": "Purchase", "RIFee": "Purchase", "SavingsPlanUpfrontFee": "Purchase",
    "SavingsPlanRecurringFee": "Purchase",
    "Tax": "Tax",
    "Credit": "Credit", "Refund": "Credit", "BundledDiscount": "Credit", "Discount": "Credit",
    "EdpDiscount": "Credit", "PrivateRateDiscount": "Credit", "DistributorDiscount": "Credit",
    "SppDiscount": "Credit",
}
AZURE_CATEGORY = {
    "Usage": "Usage", "UnusedReservation": "Usage", "UnusedSavingsPlan": "Usage",
    "Purchase": "Purchase", "Refund": "Purchase", "Tax": "Tax", "Credit": "Credit",
    "RoundingAdjustment": "Adjustment",
}
FOCUS_CATEGORIES = {"Usage", "Purchase", "Tax", "Credit", "Adjustment"}


def open_text(path: Path):
    raw = path.read_bytes()
    if path.name.endswith(".gz"):
        raw = gzip.decompress(raw)
    return io.StringIO(raw.decode("utf-8-sig"), newline="")


def rows_with_line_numbers(path: Path):
    """Yield (physical start line, header, row) for each non-empty record."""
    fh = open_text(path)
    reader = csv.reader(fh)
    header = next(reader)
    prev_end = reader.line_num
    for row in reader:
        start = prev_end + 1
        prev_end = reader.line_num
        if row == []:
            continue
        yield start, header, row


def currency_of(text: str, cost: Decimal | None) -> str:
    if cost is not None and not CURRENCY_RE.fullmatch(text):
        raise BadRow(f"bad-currency {text!r}")
    return text


def read_aws_cur(path: Path):
    for line, header, row in rows_with_line_numbers(path):
        try:
            if len(row) != len(header):
                raise BadRow(f"column-count {len(row)} fields instead of {len(header)}")
            c = dict(zip(header, row))
            lit = c["lineItem/LineItemType"]
            if lit not in AWS_CATEGORY:
                raise BadRow(f"unknown-charge-type {lit!r}")
            cost = parse_cost(c["lineItem/UnblendedCost"])
            rec = {
                "ProviderName": "AWS",
                "PublisherName": c["lineItem/LegalEntity"],
                "ServiceName": c["product/ProductName"] or c["lineItem/ProductCode"],
                "x_SkuMeterSubcategory": "",
                "ChargeCategory": AWS_CATEGORY[lit],
                "ChargeClass": "Correction" if "Refund" in (lit, c.get("bill/BillType", "")) else "",
                "BillingAccountId": c["bill/PayerAccountId"],
                "cost": cost,
                "currency": currency_of(c["lineItem/CurrencyCode"], cost),
                "start": parse_ts(c["lineItem/UsageStartDate"]),
                "billing_period": month_start(parse_ts(c["bill/BillingPeriodStartDate"])),
            }
            yield line, rec
        except BadRow as bad:
            yield line, bad


def read_aws_cur2(path: Path):
    for line, header, row in rows_with_line_numbers(path):
        try:
            if len(row) != len(header):
                raise BadRow(f"column-count {len(row)} fields instead of {len(header)}")
            c = dict(zip(header, row))
            lit = c["line_item_line_item_type"]
            if lit not in AWS_CATEGORY:
                raise BadRow(f"unknown-charge-type {lit!r}")
            product = json.loads(c["product"]) if c["product"] else {}
            cost = parse_cost(c["line_item_unblended_cost"])
            rec = {
                "ProviderName": "AWS",
                "PublisherName": c["line_item_legal_entity"],
                "ServiceName": product.get("product_name", "") or c["line_item_product_code"],
                "x_SkuMeterSubcategory": "",
                "ChargeCategory": AWS_CATEGORY[lit],
                "ChargeClass": "Correction" if "Refund" in (lit, c.get("bill_bill_type", "")) else "",
                "BillingAccountId": c["bill_payer_account_id"],
                "cost": cost,
                "currency": currency_of(c["line_item_currency_code"], cost),
                "start": parse_ts(c["line_item_usage_start_date"]),
                "billing_period": month_start(parse_ts(c["bill_billing_period_start_date"])),
            }
            yield line, rec
        except BadRow as bad:
            yield line, bad


def read_focus(path: Path):
    for line, header, row in rows_with_line_numbers(path):
        try:
            if len(row) != len(header):
                raise BadRow(f"column-count {len(row)} fields instead of {len(header)}")
            c = {k: ("" if v == "NULL" else v) for k, v in zip(header, row)}
            cat = c["ChargeCategory"]
            if cat not in FOCUS_CATEGORIES:
                raise BadRow(f"unknown-charge-type {cat!r}")
            if c.get("ChargeClass", "") not in ("", "Correction"):
                raise BadRow(f"bad ChargeClass {c['ChargeClass']!r}")
            cost = parse_cost(c["BilledCost"])
            provider = c["ProviderName"] if "ProviderName" in c else c.get("ServiceProviderName", "")
            rec = {
                "ProviderName": provider,
                "PublisherName": c.get("PublisherName", ""),
                "ServiceName": c.get("ServiceName", ""),
                "x_SkuMeterSubcategory": c.get("x_SkuMeterSubcategory", ""),
                "ChargeCategory": cat,
                "ChargeClass": c.get("ChargeClass", ""),
                "BillingAccountId": c["BillingAccountId"],
                "cost": cost,
                "currency": currency_of(c["BillingCurrency"], cost),
                "start": parse_ts(c["ChargePeriodStart"]),
                "billing_period": month_start(parse_ts(c["BillingPeriodStart"])),
            }
            yield line, rec
        except BadRow as bad:
            yield line, bad


def read_azure(path: Path, kind: str):
    """Azure EA (kind 'ea') or MCA (kind 'mca') cost details; names case-insensitive."""
    for line, header, row in rows_with_line_numbers(path):
        try:
            if len(row) != len(header):
                raise BadRow(f"column-count {len(row)} fields instead of {len(header)}")
            c = {k.lower(): v for k, v in zip(header, row)}

            def col(*names: str) -> str:
                for n in names:
                    if n.lower() in c:
                        return c[n.lower()]
                raise KeyError(f"{path}: none of {names} in header")

            ctype = col("ChargeType")
            if ctype not in AZURE_CATEGORY:
                raise BadRow(f"unknown-charge-type {ctype!r}")
            cost = parse_cost(col("CostInBillingCurrency", "Cost"))
            start = parse_ts(col("Date"))
            account = "/providers/Microsoft.Billing/billingAccounts/" + col("BillingAccountId")
            if kind == "mca":
                account += "/billingProfiles/" + col("BillingProfileId")
            bp_text = col("BillingPeriodStartDate")
            billing_period = month_start(parse_ts(bp_text)) if bp_text else month_start(start)
            rec = {
                "ProviderName": "Microsoft",
                "PublisherName": col("PublisherName") or "Microsoft",
                "ServiceName": col("MeterCategory"),
                "x_SkuMeterSubcategory": col("MeterSubCategory"),
                "ChargeCategory": AZURE_CATEGORY[ctype],
                "ChargeClass": "Correction" if ctype == "Refund" else "",
                "BillingAccountId": account,
                "cost": cost,
                "currency": currency_of(col("BillingCurrencyCode", "BillingCurrency"), cost),
                "start": start,
                "billing_period": billing_period,
            }
            yield line, rec
        except BadRow as bad:
            yield line, bad


# One billing account per directory (fixtures/exports/README.md); the header is checked
# so that a file in the wrong directory is an error rather than a silent misread.
READERS = {
    "aws-cur": (read_aws_cur, "identity/LineItemId"),
    "aws-cur2": (read_aws_cur2, "identity_line_item_id"),
    "aws-focus": (read_focus, "x_UsageType"),
    "azure-focus": (read_focus, "x_SkuMeterSubcategory"),
    "azure-ea": (lambda p: read_azure(p, "ea"), "AccountOwnerId"),
    "azure-mca": (lambda p: read_azure(p, "mca"), "previousInvoiceId"),
}


def import_order(paths: list[Path]) -> list[Path]:
    """Delivery order: by directory and file name, a `-restated` file right after the
    file it restates (it is the later delivery of the same billing period)."""
    def key(p: Path):
        name = p.name.removesuffix(".gz").removesuffix(".csv")
        restated = name.endswith("-restated")
        return (p.parent.name, name.removesuffix("-restated"), restated)
    return sorted(paths, key=key)


def load_lines():
    """Import every export; apply supersession. Returns (lines, log) where each line is a
    record dict with 'file' and 'line' provenance added."""
    paths = [p for p in EXPORTS.glob("*/*") if p.name.endswith((".csv", ".csv.gz"))]
    log = {"files": [], "quarantined": [], "superseded": []}
    imported: list[tuple[str, list[dict], set]] = []   # (file, records, scopes)
    for path in import_order(paths):
        rel = f"{path.parent.name}/{path.name}"
        reader, marker = READERS[path.parent.name]
        head = open_text(path).readline()
        if marker not in head:
            raise SystemExit(f"{rel}: header lacks {marker!r}: not a {path.parent.name} file")
        records, bad = [], []
        for line, rec in reader(path):
            if isinstance(rec, BadRow):
                bad.append((line, rec.args[0]))
                log["quarantined"].append((rel, line, rec.args[0]))
                continue
            rec["file"], rec["line"] = rel, line
            records.append(rec)
        scopes = {(r["ProviderName"], r["BillingAccountId"], r["billing_period"]) for r in records}
        # a later file for the same (provider, billing account, billing period) supersedes
        for i, (ofile, orecs, oscopes) in enumerate(imported):
            hit = oscopes & scopes
            if hit:
                kept = [r for r in orecs if (r["ProviderName"], r["BillingAccountId"],
                                             r["billing_period"]) not in hit]
                log["superseded"].append((ofile, rel, len(orecs) - len(kept), sorted(hit)))
                imported[i] = (ofile, kept, oscopes - hit)
        imported.append((rel, records, scopes))
        log["files"].append((rel, len(records), len(bad)))
    found_q = {(f, n) for f, n, _ in log["quarantined"]}
    if found_q != EXPECTED_QUARANTINE:
        raise SystemExit(f"quarantine differs from the fixture README: {sorted(found_q)}")
    lines = [r for _, recs, _ in imported for r in recs]
    return lines, log


# ---------------------------------------------------------------------------------
# FX (contract.md step 3)

def load_fx(path: Path):
    table: dict[tuple[str, str], dict[dt.date, Decimal]] = {}
    with path.open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            d = dt.date.fromisoformat(row["date"])
            rates = table.setdefault((row["base"], row["quote"]), {})
            rate = Decimal(row["rate"])
            if d in rates and rates[d] != rate:
                raise SystemExit(f"conflicting FX rates for {d} {row['base']}/{row['quote']}")
            rates[d] = rate
    return table


def fx_rate(table, base: str, quote: str, day: dt.date):
    """Newest rate dated on or before `day`, at most 7 days old; (rate_date, rate) or None.
    Only the direct (base, quote) pair; never an inverse."""
    rates = table.get((base, quote), {})
    for back in range(0, 8):                 # 0..7 days old
        d = day - dt.timedelta(days=back)
        if d in rates:
            return d, rates[d]
    return None


# ---------------------------------------------------------------------------------
# Pattern matching (contract.md `match`): `*` any run (incl. empty), `?` one code point,
# everything else literal and case-sensitive. Explicit two-pointer wildcard matcher.

def glob_match(pattern: str, text: str) -> bool:
    p = t = 0
    star_p, star_t = -1, 0
    while t < len(text):
        if p < len(pattern) and (pattern[p] == "?" or (pattern[p] != "*" and pattern[p] == text[t])):
            p += 1
            t += 1
        elif p < len(pattern) and pattern[p] == "*":
            star_p, star_t = p, t
            p += 1
        elif star_p >= 0:
            p = star_p + 1
            star_t += 1
            t = star_t
        else:
            return False
    while p < len(pattern) and pattern[p] == "*":
        p += 1
    return p == len(pattern)


def table_matches(table: dict, rec: dict) -> bool:
    if "ChargeCategory" not in table and rec["ChargeCategory"] == "Tax":
        return False
    for key, patterns in table.items():
        if key not in MATCHABLE:
            raise SystemExit(f"match key {key!r}: this oracle does not read that column")
        value = rec.get(key, "")
        if not any(glob_match(p, value) for p in patterns):
            return False
    return True


def rule_matches(rule: dict, rec: dict) -> bool:
    tables = rule["match"] if isinstance(rule["match"], list) else [rule["match"]]
    return any(table_matches(t, rec) for t in tables)


# ---------------------------------------------------------------------------------
# Contract

def as_date(v) -> dt.date:
    return v if isinstance(v, dt.date) else dt.date.fromisoformat(v)


def load_contract(path: Path) -> dict:
    c = tomllib.loads(path.read_text(encoding="utf-8"))
    for v in c["version"]:
        v["effective_from"] = as_date(v["effective_from"])
    c["version"].sort(key=lambda v: v["effective_from"])
    c.setdefault("cost_column", "BilledCost")
    if c["cost_column"] != "BilledCost":
        raise SystemExit("this oracle reads BilledCost only")
    return c


def tiered_share(basis: Decimal, tiers: list[dict]) -> tuple[Decimal, list]:
    """Graduated (marginal) tiers; a negative basis takes the first tier's rate whole."""
    if basis < 0:
        r = Decimal(tiers[0]["rate"])
        return basis * r, [("negative basis x first tier", basis, r, basis * r)]
    total, lower, parts = Decimal(0), Decimal(0), []
    for t in tiers:
        rate = Decimal(t["rate"])
        upper = Decimal(t["up_to"]) if "up_to" in t else None
        top = basis if upper is None else min(basis, upper)
        portion = top - lower
        if portion <= 0:
            break
        parts.append((f"({lower}, {upper if upper is not None else 'inf'}]", portion, rate, portion * rate))
        total += portion * rate
        if upper is None or basis <= upper:
            break
        lower = upper
    return total, parts


# ---------------------------------------------------------------------------------
# Settlement (contract.md "How a period is settled")

def period_bounds(period: str) -> tuple[dt.date, dt.date]:
    y, m = (int(x) for x in period.split("-"))
    start = dt.date(y, m, 1)
    end = dt.date(y + (m == 12), m % 12 + 1, 1)
    return start, end


def settle(contract, lines, fx):
    currency = contract["currency"]
    minor = ISO_MINOR_UNITS[currency]
    versions = contract["version"]
    caps = {name: Decimal(g["cap"]) for name, g in contract.get("cap_group", {}).items()}
    cap_total = {name: Decimal(0) for name in caps}       # lifetime, from zero
    results = {}
    for period in PERIODS:                               # period order
        pstart, pend = period_bounds(period)
        month_days = (pend - pstart).days
        rows, detail = [], []
        for i, v in enumerate(versions):
            vstart = v["effective_from"]
            vend = versions[i + 1]["effective_from"] if i + 1 < len(versions) else dt.date.max
            s, e = max(vstart, pstart), min(vend, pend)
            if s >= e:
                continue
            seg_days = (e - s).days
            s_ts, e_ts = dt.datetime.combine(s, dt.time()), dt.datetime.combine(e, dt.time())
            seg_lines = [r for r in lines if s_ts <= r["start"] < e_ts]
            shares_in_seg: dict[str, Decimal] = {}
            for rule in v["rule"]:                       # file order
                matched = [r for r in seg_lines if rule_matches(rule, r)]
                parts: dict[tuple, dict] = {}
                fx_days: dict[tuple, dict] = {}
                own = Decimal(0)
                for r in matched:
                    key = (r["file"].split("/")[0], r["BillingAccountId"], r["currency"])
                    part = parts.setdefault(key, {"lines": 0, "empty": 0, "native": Decimal(0),
                                                  "converted": Decimal(0)})
                    part["lines"] += 1
                    if r["cost"] is None:                # adds zero, still counted
                        part["empty"] += 1
                        continue
                    if r["currency"] == currency:
                        conv = r["cost"]
                    else:
                        day = r["start"].date()
                        found = fx_rate(fx, r["currency"], currency, day)
                        if found is None:
                            raise SystemExit(f"missing rate {r['currency']}->{currency} for {day} "
                                             f"({r['file']} line {r['line']})")
                        rdate, rate = found
                        conv = r["cost"] * rate
                        fd = fx_days.setdefault((r["currency"], day), {"native": Decimal(0),
                                                                        "rate_date": rdate,
                                                                        "rate": rate,
                                                                        "converted": Decimal(0)})
                        fd["native"] += r["cost"]
                        fd["converted"] += conv
                    part["native"] += r["cost"]
                    part["converted"] += conv
                    own += conv
                net_of = rule.get("net_of", [])
                deducted = sum((shares_in_seg[n] for n in net_of), Decimal(0))
                basis = own - deducted
                if "tiers" in rule:
                    exact, tier_parts = tiered_share(basis, rule["tiers"])
                else:
                    rate = Decimal(rule["rate"])
                    exact, tier_parts = basis * rate, [("flat", basis, rate, basis * rate)]
                share = round_half_even(exact, minor)
                before_limits = share
                limited = []
                steps = [f"exact {exact} -> rounded {share}"]
                lo = prorate(Decimal(rule["minimum"]), seg_days, month_days, minor) if "minimum" in rule else None
                hi = prorate(Decimal(rule["maximum"]), seg_days, month_days, minor) if "maximum" in rule else None
                if lo is not None and share < lo:
                    steps.append(f"raised to prorated minimum {lo}")
                    limited.append("minimum")
                    share = lo
                if hi is not None and share > hi:
                    steps.append(f"lowered to prorated maximum {hi}")
                    limited.append("maximum")
                    share = hi
                cap_info = None
                group = rule.get("cap_group")
                if group:
                    before = cap_total[group]
                    headroom = max(caps[group] - before, Decimal(0))
                    if share > 0 and share > headroom:
                        steps.append(f"cut by cap {group} to headroom {headroom}")
                        limited.append("cap")
                        share = headroom
                    cap_total[group] = before + share
                    cap_info = (group, caps[group], before, headroom, cap_total[group])
                shares_in_seg[rule["id"]] = share
                rows.append({
                    "period": period, "contract": contract["id"], "kind": "current",
                    "for_period": period, "version": v["id"], "rule": rule["id"],
                    "payer": rule["payer"], "payee": rule["payee"], "currency": currency,
                    "basis": basis, "share": share, "lines": len(matched),
                    "share_before_limits": before_limits, "limited_by": ";".join(limited),
                    "cap_remaining": (caps[group] - cap_total[group]) if group else None,
                    "owed": rule.get("owed", True),
                })
                detail.append({
                    "segment": (s, e - dt.timedelta(days=1), seg_days, month_days), "version": v["id"],
                    "rule": rule, "parts": parts, "fx_days": fx_days, "own": own,
                    "net_of": [(n, shares_in_seg[n]) for n in net_of], "basis": basis,
                    "tier_parts": tier_parts, "exact": exact, "min": lo, "max": hi,
                    "steps": steps, "cap": cap_info, "share": share, "lines": len(matched),
                })
        # step 8: pairwise net
        pair: dict[tuple[str, str], Decimal] = {}
        for r in rows:
            a, b = r["payer"], r["payee"]
            key = (min(a, b), max(a, b))
            sign = 1 if a == key[0] else -1
            pair[key] = pair.get(key, Decimal(0)) + sign * r["share"]
        net = []
        for (a, b), amt in pair.items():
            if amt > 0:
                net.append((a, b, amt))
            elif amt < 0:
                net.append((b, a, -amt))
        net.sort(key=lambda x: (x[0].encode(), x[1].encode()))
        # step 9: double-entry journal sums to zero
        journal = {}
        for r in rows:
            journal[r["payer"]] = journal.get(r["payer"], Decimal(0)) - r["share"]
            journal[r["payee"]] = journal.get(r["payee"], Decimal(0)) + r["share"]
        assert sum(journal.values(), Decimal(0)) == 0
        results[period] = {"rows": rows, "net": net, "detail": detail,
                           "cap_after": dict(cap_total)}
    return results


# ---------------------------------------------------------------------------------
# Report files (cli.md "Report files")

def fmt_basis(d: Decimal, minor: int) -> str:
    if d == 0:
        return format(Decimal(0).scaleb(-minor), "f") if minor else "0"
    n = d.normalize()
    if n.as_tuple().exponent > -minor:
        n = n.quantize(Decimal(1).scaleb(-minor))
    return format(n, "f")


def fmt_share(d: Decimal, minor: int) -> str:
    q = d.quantize(Decimal(1).scaleb(-minor))          # exact: shares are already rounded
    return format(abs(q) if q == 0 else q, "f")


def csv_cell(text: str, numeric: bool = False) -> str:
    if not numeric and text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        text = "'" + text
    if any(ch in text for ch in ',"\r\n'):
        text = '"' + text.replace('"', '""') + '"'
    return text


STATEMENT_HEADER = ("period,contract,kind,for_period,version,rule,payer,payee,currency,basis,share,lines,"
                    "share_before_limits,limited_by,cap_remaining,owed")
NET_HEADER = "period,contract,from_party,to_party,currency,amount"


def render(contract, result, period) -> tuple[str, str]:
    minor = ISO_MINOR_UNITS[contract["currency"]]
    out = [STATEMENT_HEADER]
    for r in result["rows"]:
        cells = [csv_cell(r[k]) for k in ("period", "contract", "kind", "for_period", "version",
                                          "rule", "payer", "payee", "currency")]
        cells += [fmt_basis(r["basis"], minor), fmt_share(r["share"], minor), str(r["lines"])]
        # cli.md's explanation columns: current rows only (this oracle posts no other kind).
        cells += [fmt_share(r["share_before_limits"], minor), csv_cell(r["limited_by"]),
                  fmt_share(r["cap_remaining"], minor) if r["cap_remaining"] is not None else "",
                  "true" if r["owed"] else "false"]
        out.append(",".join(cells))
    net = [NET_HEADER]
    for a, b, amt in result["net"]:
        net.append(",".join([csv_cell(period), csv_cell(contract["id"]), csv_cell(a), csv_cell(b),
                             csv_cell(contract["currency"]), fmt_share(amt, minor)]))
    return "\n".join(out) + "\n", "\n".join(net) + "\n"


# ---------------------------------------------------------------------------------
# README with the worked breakdown

README_INTRO = """\
# Expected settlement statements (independent oracle)

The files under `openai-microsoft/<period>/` are the statements and nets that the engine must
produce, to the cent, for the fixture contract `fixtures/contracts/openai-microsoft.toml` after
importing every fixture export under `fixtures/exports/*/` (the three quarantined rows of
`aws-cur/cur-2026-05.csv`, lines 19, 54 and 90, not counted; `aws-cur/cur-2026-03.restated.csv`
superseding `aws-cur/cur-2026-03.csv`, same payer 111122223333 and billing period 2026-03), the
FX file `fixtures/fx/eur-usd-2026.csv`, and settling 2026-02, 2026-03, 2026-04 and 2026-05 in
that order (nothing closed, so no adjustment rows).

They were computed by `tests/independent/expected_statements.py`, **independently of the C++
engine**: Python 3.11 standard library only, no project code imported (not even
`fixtures/generate_exports.py`). The script has its own minimal reader per export format
(`importers/MAPPING.md`, only the columns the contract needs: ProviderName, PublisherName,
ServiceName, x_SkuMeterSubcategory, ChargeCategory, the BilledCost-mapped cost, BillingCurrency,
ChargePeriodStart and the (provider, billing account, billing period) scope used for
supersession), its own wildcard matcher (`*`, `?`, literal otherwise, case-sensitive), its own
FX lookup (the newest EUR->USD rate dated on or before the line's charge date, at most 7 days
old, never an inverse), and exact `decimal.Decimal` arithmetic in a context that traps every
inexact operation: no float anywhere, the only roundings are the one half-to-even rounding of
each share (contract.md step 5) and of each prorated minimum/maximum (step 6).

Regenerate with `python3 tests/independent/expected_statements.py`; check the committed files
with `--check`; compare an engine report directory with `--compare OUT`
(`OUT/openai-microsoft/<period>/{statement,net}.csv`).

Import order and the restated March: a later import of the same (provider, billing account,
billing period) supersedes the earlier one, so `cur-2026-03.restated.csv` must be imported
AFTER `cur-2026-03.csv`. A shell glob does not guarantee that: in the C / C.UTF-8 locale
`fixtures/exports/*/*.csv` lists `cur-2026-03.restated.csv` first (`-` sorts before `.`), and
the original March then supersedes the restated one. The statements below are the same either
way (the only lines that differ are AWS preview lines of March, which no rule in force in
March matches), but line counts and reconciliation reports are not: name the restated file
last.

How the contract reads (contract.md steps 1-9):

- Periods are UTC calendar months; a line belongs to the period and segment of its
  `ChargePeriodStart`. The 2026-amendment (effective 2026-04-28) splits April into 1-27 April
  (2023-extension) and 28-30 April (2026-amendment); a line at 2026-04-28T00:00:00Z belongs to
  the amendment. February and March are one 2023-extension segment each; May is one
  2026-amendment segment.
- No table of the contract has a `ChargeCategory` key, so Tax lines never match (the fixtures'
  Tax rows that carry the Azure OpenAI subcategory or the GPT-5.1 product are excluded).
  Credits, refunds (Correction) and zero-cost lines do match; `lines` counts every matched
  line of the segment, zero or empty cost included.
- AWS Marketplace OpenAI lines in March (the legacy CUR account's preview) match the AWS
  patterns, but no rule in force in March has them: they are not settled.
- basis = exact sum of the matched lines' converted BilledCost minus the final shares of the
  `net_of` rules of the same segment; share = basis x rate (or graduated tiers), rounded once
  half-to-even to cents; the amendment's minimum/maximum are prorated (bound x segment days /
  month days, rounded half-to-even): 28-30 April is 3/30 of the month; then clamp, then the
  lifetime cap `msft-lifetime` (120000.00, from zero, in period order, statement order within
  a period).
- Net: pairwise offset of the shares of each pair of parties; `from_party` pays.

## Figures
"""


def money(d: Decimal) -> str:
    """An exact amount for the worked breakdown: every significant digit, at least cents."""
    return fmt_basis(d, 2)


def render_readme(contract, results, log) -> str:
    minor = ISO_MINOR_UNITS[contract["currency"]]
    cur = contract["currency"]
    out = [README_INTRO]
    out.append("### Inputs\n")
    out.append("| file (import order) | lines imported | rows quarantined |")
    out.append("|---|---:|---:|")
    for f, n, q in log["files"]:
        out.append(f"| `{f}` | {n} | {q} |")
    out.append("")
    for f, line, why in log["quarantined"]:
        out.append(f"- quarantined: `{f}` line {line}: {why}")
    for old, new, n, scopes in log["superseded"]:
        sc = ", ".join(f"{p} {a} {b:%Y-%m}" for p, a, b in scopes)
        out.append(f"- superseded: the {n} lines of `{old}` by `{new}` ({sc})")
    out.append("")
    out.append("### Expected net per period\n")
    out.append("| period | from_party | to_party | amount |")
    out.append("|---|---|---|---:|")
    for period in PERIODS:
        for a, b, amt in results[period]["net"]:
            out.append(f"| {period} | {a} | {b} | {fmt_share(amt, minor)} {cur} |")
    out.append("")
    for period in PERIODS:
        res = results[period]
        out.append(f"## {period}\n")
        out.append("Statement:\n")
        out.append("| segment | version | rule | payer -> payee | basis | share | lines |")
        out.append("|---|---|---|---|---:|---:|---:|")
        for r, d in zip(res["rows"], res["detail"]):
            s, last, _, _ = d["segment"]
            out.append(f"| {s:%m-%d}..{last:%m-%d} | {r['version']} | {r['rule']} | {r['payer']} -> "
                       f"{r['payee']} | {fmt_basis(r['basis'], minor)} | {fmt_share(r['share'], minor)} "
                       f"| {r['lines']} |")
        out.append("")
        for d in res["detail"]:
            s, last, seg_days, month_days = d["segment"]
            rule = d["rule"]
            out.append(f"#### {period}, segment {s} .. {last} ({seg_days}/{month_days} days), "
                       f"version `{d['version']}`, rule `{rule['id']}` ({rule['payer']} pays {rule['payee']})\n")
            if d["parts"]:
                out.append("| source dir | billing account | currency | lines | of which empty cost | "
                           f"sum in billing currency | in {cur} |")
                out.append("|---|---|---|---:|---:|---:|---:|")
                for (src, acct, ccy), p in sorted(d["parts"].items()):
                    out.append(f"| {src} | `{acct}` | {ccy} | {p['lines']} | {p['empty']} | "
                               f"{money(p['native'])} | {money(p['converted'])} |")
                out.append(f"| **total** | | | **{d['lines']}** | | | **{money(d['own'])}** |")
                out.append("")
            else:
                out.append("No matched line in this segment.\n")
            if d["fx_days"]:
                tn = sum((x["native"] for x in d["fx_days"].values()), Decimal(0))
                tc = sum((x["converted"] for x in d["fx_days"].values()), Decimal(0))
                out.append("FX, per charge date (sum of that date's matched lines x the rate; "
                           "exact, the same as per line):\n")
                out.append(f"| currency | charge date | sum | rate date | rate | {cur} |")
                out.append("|---|---|---:|---|---:|---:|")
                for (ccy, day), x in sorted(d["fx_days"].items()):
                    out.append(f"| {ccy} | {day} | {money(x['native'])} | {x['rate_date']} "
                               f"({(day - x['rate_date']).days} d old) | {money(x['rate'])} | "
                               f"{money(x['converted'])} |")
                out.append(f"| **total** | | {money(tn)} | | | **{money(tc)}** |")
                out.append("")
            lines_txt = [f"- own lines: {money(d['own'])}"]
            for n, sh in d["net_of"]:
                lines_txt.append(f"- minus share of `{n}` (net_of): {fmt_share(sh, minor)}")
            lines_txt.append(f"- **basis = {fmt_basis(d['basis'], minor)}**")
            for label, portion, rate, prod in d["tier_parts"]:
                lines_txt.append(f"- {label}: {money(portion)} x {rate} = {money(prod)}")
            lines_txt.append(f"- share exact {money(d['exact'])}, rounded half-to-even "
                             f"{fmt_share(round_half_even(d['exact'], minor), minor)}")
            if d["min"] is not None or d["max"] is not None:
                lines_txt.append(f"- prorated minimum {rule.get('minimum')} x {seg_days}/{month_days} = "
                                 f"{fmt_share(d['min'], minor)}; prorated maximum {rule.get('maximum')} x "
                                 f"{seg_days}/{month_days} = {fmt_share(d['max'], minor)}")
            for st in d["steps"][1:]:
                lines_txt.append(f"- {st}")
            if d["cap"]:
                g, cap, before, head, after = d["cap"]
                lines_txt.append(f"- cap `{g}` {money(cap)}: total before {money(before)}, headroom "
                                 f"{money(head)}, total after {money(after)}")
            lines_txt.append(f"- **share = {fmt_share(d['share'], minor)}**")
            out.extend(lines_txt)
            out.append("")
        out.append("Net:\n")
        if res["net"]:
            for a, b, amt in res["net"]:
                out.append(f"- {a} pays {b} {fmt_share(amt, minor)} {cur}")
        else:
            out.append("- every pair nets to zero")
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


# ---------------------------------------------------------------------------------

def compute():
    contract = load_contract(CONTRACT_FILE)
    lines, log = load_lines()
    fx = load_fx(FX_FILE)
    results = settle(contract, lines, fx)
    files = {}
    for period in PERIODS:
        st, net = render(contract, results[period], period)
        base = f"{contract['id']}/{period}"
        files[f"{base}/statement.csv"] = st
        files[f"{base}/net.csv"] = net
    files["README.md"] = render_readme(contract, results, log)
    return files


def compare(files: dict[str, str], root: Path, label: str, skip_readme: bool = True) -> int:
    bad = 0
    for rel, text in files.items():
        if skip_readme and rel == "README.md":
            continue
        path = root / rel
        got = path.read_bytes().decode("utf-8") if path.exists() else None
        if got != text:
            bad += 1
            print(f"DIFFERS: {path}")
            sys.stdout.writelines(difflib.unified_diff(
                text.splitlines(keepends=True), (got or "").splitlines(keepends=True),
                fromfile=f"expected/{rel}", tofile=f"{label}/{rel}"))
    return bad


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    g = ap.add_mutually_exclusive_group()
    g.add_argument("--check", action="store_true", help="compare with fixtures/expected/")
    g.add_argument("--compare", metavar="OUT", help="compare an engine report directory")
    args = ap.parse_args()
    files = compute()
    if args.check:
        bad = compare(files, EXPECTED, "fixtures/expected", skip_readme=False)
        print("fixtures/expected is up to date" if not bad else f"{bad} file(s) differ")
        return 1 if bad else 0
    if args.compare:
        bad = compare(files, Path(args.compare), args.compare)
        print("identical" if not bad else f"{bad} file(s) differ")
        return 1 if bad else 0
    for rel, text in files.items():
        path = EXPECTED / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

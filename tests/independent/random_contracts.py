#!/usr/bin/env python3
"""Independent oracle for revshare on random contracts (a differential test).

For each of N seeded scenarios it generates a random, valid contract (shared/spec/contract.md)
and random FOCUS usage exports (one file per billing account and month), runs the revshare
binary on them in a scratch folder (init, fx import, import, contract add, settle every month
in order, report every month), computes every month's statement.csv and net.csv on its own
from the spec alone (contract.md steps 1-9 with 5a, 7a, 7b, 7c; cli.md's file formats) and
compares the two byte for byte. It reads none of the engine's code; it reuses the helpers of
tests/independent/expected_statements.py (exact decimal arithmetic that traps any inexact
operation, the wildcard matcher, the FX lookup, half-to-even rounding, the CSV cell rules).

Python 3.11 standard library only; no float anywhere on an amount.

Usage (from anywhere):
  python3 tests/independent/random_contracts.py --binary PATH --seed S --count N \\
          [--terms old|all] [--keep DIR] [--only I] [--jobs J]
      --terms old (default): only the terms today's binary knows (rate, tiers, net_of,
          minimum, maximum, cap groups, cost_column, versions); statement.csv is compared on
          its first 12 columns.
      --terms all: also owed = false, tiers_over = "contract-year", annual_minimum,
          year_start_month, [[advance]], [[withholding]]; all 16 columns are compared.
      --keep DIR: keep the files of every scenario that disagrees in DIR/seed<S>-<I>/
          (contract.toml, exports/, fx.csv, expected/, the binary's reports/, run.sh).
      --only I: run scenario I of seed S alone (scenarios are seeded by (S, I)).
      Exit 0 and "N scenarios agree" when all agree; exit 1 on any difference.
      --late (with --terms old): close the first months once settled, import late data for
          them (a restated scope, or a new billing account), settle the last month again and
          check the adjustment rows the earliest open month posts. These contracts have no cap
          group (see "Readings" below).
      --jobs J: scenarios run in parallel (default: up to 4, one per CPU).
  python3 tests/independent/random_contracts.py --self-test [--binary PATH]
      Recomputes contract.md's "Example of the additional terms" (its TOML and lines, read from
      the spec): June's statement.csv and net.csv must equal the spec's text exactly, and the
      April and May figures of its bullet points must hold. With --binary, the example is also
      run through the binary (needs the additional terms) and compared on all 16 columns.
  python3 tests/independent/random_contracts.py --seed S --only I --terms all --show
      Print scenario I's contract and expected statements without running any binary.

Readings of contract.md where it leaves a choice (the generator avoids the ones marked *):
  - Adjustments: "the difference per rule" is taken per statement row of the closed period
    (version, rule); a row is posted unless its basis, share and lines differences are all
    zero (a zero share difference with a basis or lines difference is posted); they follow
    the current rows, by for_period then in the closed period's statement order; their
    share_before_limits, limited_by and cap_remaining are empty (cli.md: current and true-up
    rows only) and owed is their rule's.
  * Adjustments and a cap group: step 7 says rows take the headroom in statement order
    (current rows first, then adjustments); docs/auditing.md says adjustments take it first,
    and recompute the closed period from its own cap totals. The code follows contract.md;
    --late generates no cap group, so neither reading is tested.
  * Late data with the additional terms (which year-to-date basis, year total and advance
    balance a recomputed closed period starts from, and whether its true-up, advance,
    recoupment and withholding rows are diffed too) is not specified: --late needs --terms old.
  - Step 5a: the year-to-date basis of a rule id counts every current and adjustment row of
    that id, memo rows and rows of `rate` rules included ("whatever the rules of those rows
    say"); step 7a's D starts at the earliest effective_from of the versions having the id.
"""

from __future__ import annotations

import argparse
import calendar
import concurrent.futures
import csv
import datetime as dt
import decimal
import difflib
import io
import json
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
import expected_statements as es  # noqa: E402  (ours: tests/independent/)

EXACT = es.EXACT
SPEC_CONTRACT = Path(os.environ.get("REVSHARE_SPEC", HERE.parents[2] / "shared" / "spec")) / "contract.md"
if not SPEC_CONTRACT.exists():
    SPEC_CONTRACT = Path("/work/shared/spec/contract.md")

STATEMENT_HEADER = ("period,contract,kind,for_period,version,rule,payer,payee,currency,basis,share,"
                    "lines,share_before_limits,limited_by,cap_remaining,owed")
NET_HEADER = "period,contract,from_party,to_party,currency,amount"
OLD_COLUMNS = 12

# Text columns of the normalised line that the generated contracts match on, and that the
# generated FOCUS files carry (formats.md; MAPPING.md "FOCUS 1.0-1.2").
MATCH_COLUMNS = ("ProviderName", "PublisherName", "ServiceName", "SkuId", "RegionId",
                 "SubAccountId", "BillingAccountId", "ChargeCategory", "ChargeClass",
                 "x_SkuMeterSubcategory", "x_UsageType")
COST_COLUMNS = ("BilledCost", "EffectiveCost", "ListCost", "ContractedCost")


def exact_ctx():
    decimal.setcontext(EXACT.copy())


D0 = Decimal(0)


# =================================================================================
# Dates and periods

def parse_period(p: str) -> tuple[int, int]:
    y, m = p.split("-")
    return int(y), int(m)


def fmt_period(ym: tuple[int, int]) -> str:
    return f"{ym[0]:04d}-{ym[1]:02d}"


def add_months(ym: tuple[int, int], n: int) -> tuple[int, int]:
    k = ym[0] * 12 + (ym[1] - 1) + n
    return k // 12, k % 12 + 1


def month_first(ym) -> dt.date:
    return dt.date(ym[0], ym[1], 1)


def month_last(ym) -> dt.date:
    return dt.date(ym[0], ym[1], calendar.monthrange(ym[0], ym[1])[1])


def contract_year(ym, ysm: int) -> tuple[int, int]:
    """First month of the contract year containing period ym."""
    return (ym[0], ysm) if ym[1] >= ysm else (ym[0] - 1, ysm)


def as_date(v) -> dt.date:
    if isinstance(v, dt.datetime):
        return v.date()
    return v if isinstance(v, dt.date) else dt.date.fromisoformat(v)


def ratio_round(value: Decimal, num: int, den: int, minor: int) -> Decimal:
    """value * num / den, exact as a fraction, rounded once half-to-even to `minor` decimals.
    `value` must be integral in minor units (a money amount of the contract)."""
    return es.prorate(value, num, den, minor)


# =================================================================================
# The contract as the oracle reads it (from the TOML text, as the engine does)

@dataclass
class Rule:
    id: str
    payer: str
    payee: str
    match: list
    rate: Decimal | None
    tiers: list | None
    net_of: list
    minimum: Decimal | None
    maximum: Decimal | None
    cap_group: str | None
    owed: bool
    tiers_over: str
    annual_minimum: Decimal | None


@dataclass
class Version:
    id: str
    effective_from: dt.date
    rules: list


@dataclass
class Contract:
    id: str
    currency: str
    cost_column: str
    parties: list
    versions: list
    caps: dict
    ysm: int
    advances: list
    withholdings: list


def load_contract(text: str) -> Contract:
    c = tomllib.loads(text)
    versions = []
    for v in c["version"]:
        rules = []
        for r in v.get("rule", []):
            m = r["match"]
            rules.append(Rule(
                id=r["id"], payer=r["payer"], payee=r["payee"],
                match=m if isinstance(m, list) else [m],
                rate=Decimal(r["rate"]) if "rate" in r else None,
                tiers=r.get("tiers"), net_of=list(r.get("net_of", [])),
                minimum=Decimal(r["minimum"]) if "minimum" in r else None,
                maximum=Decimal(r["maximum"]) if "maximum" in r else None,
                cap_group=r.get("cap_group"), owed=r.get("owed", True),
                tiers_over=r.get("tiers_over", "period"),
                annual_minimum=Decimal(r["annual_minimum"]) if "annual_minimum" in r else None))
        versions.append(Version(v["id"], as_date(v["effective_from"]), rules))
    if [v.effective_from for v in versions] != sorted(v.effective_from for v in versions):
        raise SystemExit("oracle: versions are not sorted")
    advances = [{"id": a["id"], "payer": a["payer"], "payee": a["payee"],
                 "amount": Decimal(a["amount"]), "paid_on": as_date(a["paid_on"]),
                 "recoup_from": list(a["recoup_from"])} for a in c.get("advance", [])]
    withholdings = [{"id": w["id"], "payee": w["payee"], "authority": w["authority"],
                     "rate": Decimal(w["rate"]), "from": as_date(w["from"]) if "from" in w else None}
                    for w in c.get("withholding", [])]
    return Contract(id=c["id"], currency=c["currency"], cost_column=c.get("cost_column", "BilledCost"),
                    parties=list(c["parties"].keys()), versions=versions,
                    caps={k: Decimal(g["cap"]) for k, g in c.get("cap_group", {}).items()},
                    ysm=c.get("year_start_month", 1), advances=advances, withholdings=withholdings)


def version_on(contract: Contract, day: dt.date) -> Version | None:
    found = None
    for v in contract.versions:
        if v.effective_from <= day:
            found = v
    return found


def segments_of(contract: Contract, ym) -> list[tuple[Version, dt.date, dt.date]]:
    """[(version, first day, day after last)] of the period, in date order (step 2)."""
    pstart = month_first(ym)
    pend = month_last(ym) + dt.timedelta(days=1)
    out = []
    vs = contract.versions
    for i, v in enumerate(vs):
        vend = vs[i + 1].effective_from if i + 1 < len(vs) else dt.date.max
        s, e = max(v.effective_from, pstart), min(vend, pend)
        if s < e:
            out.append((v, s, e))
    return out


# =================================================================================
# Lines: the oracle's own FOCUS reader (MAPPING.md "FOCUS 1.0-1.2", only what it needs)

@dataclass
class Line:
    fields: dict
    costs: dict
    currency: str
    start: dt.datetime
    scope: tuple
    source: str


def read_focus_text(name: str, text: str) -> list[Line]:
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    header = next(reader)
    out = []
    for n, row in enumerate(reader, start=2):
        if not row:
            continue
        if len(row) != len(header):
            raise SystemExit(f"oracle: {name}:{n}: column count")
        c = {k: ("" if v == "NULL" else v) for k, v in zip(header, row)}
        if c["ChargeCategory"] not in ("Usage", "Purchase", "Tax", "Credit", "Adjustment"):
            raise SystemExit(f"oracle: {name}:{n}: charge category")
        costs = {}
        for col in COST_COLUMNS:
            t = c.get(col, "")
            costs[col] = None if t == "" else Decimal(t)      # exact; E-notation too
        fields = {k: c.get(k, "") for k in MATCH_COLUMNS}
        start = es.parse_ts(c["ChargePeriodStart"])
        bp = es.month_start(es.parse_ts(c["BillingPeriodStart"]))
        key = fields["BillingAccountId"] or fields["SubAccountId"]
        out.append(Line(fields, costs, c["BillingCurrency"], start,
                        (fields["ProviderName"], key, bp), f"{name}:{n}"))
    return out


def current_lines(files: list[tuple[str, str]]) -> list[Line]:
    """Import in order; a later delivery of a (provider, account, billing period) scope
    supersedes the earlier one's lines of that scope (docs/commands.md, MAPPING.md)."""
    imported: list[tuple[list[Line], set]] = []
    for name, text in files:
        lines = read_focus_text(name, text)
        scopes = {ln.scope for ln in lines}
        for i, (olines, oscopes) in enumerate(imported):
            hit = oscopes & scopes
            if hit:
                imported[i] = ([ln for ln in olines if ln.scope not in hit], oscopes - hit)
        imported.append((lines, scopes))
    return [ln for lines, _ in imported for ln in lines]


def table_matches(table: dict, ln: Line) -> bool:
    if "ChargeCategory" not in table and ln.fields["ChargeCategory"] == "Tax":
        return False
    for key, patterns in table.items():
        value = ln.fields.get(key, "") if key in MATCH_COLUMNS else ""
        if key not in MATCH_COLUMNS:
            raise SystemExit(f"oracle: match key {key!r} is not a column the generated files carry")
        if not any(es.glob_match(p, value) for p in patterns):
            return False
    return True


def rule_matches(rule: Rule, ln: Line) -> bool:
    return any(table_matches(t, ln) for t in rule.match)


# =================================================================================
# Settlement (contract.md "How a period is settled")

class MissingRate(Exception):
    """The generator gives every matched line a rate at most 7 days old; this is its bug."""


def tier_sum(x: Decimal, tiers: list) -> Decimal:
    """T(x): the marginal tier sum; a negative x takes the first tier's rate on the whole."""
    return es.tiered_share(x, tiers)[0]


@dataclass
class Row:
    period: str
    kind: str
    for_period: str
    version: str
    rule: str
    payer: str
    payee: str
    basis: Decimal
    share: Decimal
    lines: int
    sbl: Decimal | None = None          # share_before_limits
    limited_by: str = ""
    cap_remaining: Decimal | None = None
    owed: bool = True


@dataclass
class PeriodResult:
    rows: list
    net: list


class Oracle:
    """Settles a contract's periods in order, carrying the lifetime cap totals (step 7), the
    year-to-date bases (5a), the year totals (7a) and the advances' recoupments (7b)."""

    def __init__(self, contract: Contract, lines: list[Line], fx):
        self.c = contract
        self.lines = lines
        self.fx = fx
        self.minor = es.ISO_MINOR_UNITS[contract.currency]
        self.cap_total = {g: D0 for g in contract.caps}
        self.ytd_basis: dict[tuple, Decimal] = {}     # (contract year, rule id) -> basis
        self.year_share: dict[tuple, Decimal] = {}    # (contract year, rule id) -> shares
        self.recouped: dict[str, Decimal] = {a["id"]: D0 for a in contract.advances}
        self.first_in_force: dict[str, dt.date] = {}
        for v in contract.versions:
            for r in v.rules:
                self.first_in_force.setdefault(r.id, v.effective_from)

    def rnd(self, x: Decimal) -> Decimal:
        return es.round_half_even(x, self.minor)

    def converted(self, ln: Line) -> Decimal | None:
        cost = ln.costs[self.c.cost_column]
        if cost is None:
            return None
        if ln.currency == self.c.currency:
            return cost
        found = es.fx_rate(self.fx, ln.currency, self.c.currency, ln.start.date())
        if found is None:
            raise MissingRate(f"{ln.currency} {ln.start.date()} ({ln.source})")
        return cost * found[1]

    def apply_cap(self, group: str | None, share: Decimal, steps: list) -> tuple[Decimal, Decimal | None]:
        if not group:
            return share, None
        headroom = max(self.c.caps[group] - self.cap_total[group], D0)
        if share > 0 and share > headroom:
            share = headroom
            steps.append("cap")
        self.cap_total[group] += share
        return share, self.c.caps[group] - self.cap_total[group]

    def settle(self, period: str, adjustments: list | None = None) -> PeriodResult:
        """Settle `period`; `adjustments` are the late-data rows it posts (their basis, share
        and lines are differences), placed after the current rows."""
        c = self.c
        ym = parse_period(period)
        year = contract_year(ym, c.ysm)
        rows: list[Row] = []
        # Steps 2-7, current rows: by segment, then rule order.
        for version, s, e in segments_of(c, ym):
            seg_days = (e - s).days
            month_days = (month_last(ym) - month_first(ym)).days + 1
            s_ts = dt.datetime.combine(s, dt.time())
            e_ts = dt.datetime.combine(e, dt.time())
            seg_lines = [ln for ln in self.lines if s_ts <= ln.start < e_ts]
            final: dict[str, Decimal] = {}
            for rule in version.rules:
                matched = [ln for ln in seg_lines if rule_matches(rule, ln)]
                own = D0
                for ln in matched:
                    conv = self.converted(ln)
                    if conv is not None:
                        own += conv
                basis = own - sum((final[n] for n in rule.net_of), D0)
                if rule.tiers is not None:
                    if rule.tiers_over == "contract-year":
                        before = self.ytd_basis.get((year, rule.id), D0) + sum(
                            (r.basis for r in rows if r.rule == rule.id and r.kind == "current"), D0)
                        exact = tier_sum(before + basis, rule.tiers) - tier_sum(before, rule.tiers)
                    else:
                        exact = tier_sum(basis, rule.tiers)
                else:
                    exact = basis * rule.rate
                sbl = self.rnd(exact)
                share, steps = sbl, []
                if rule.minimum is not None:
                    lo = ratio_round(rule.minimum, seg_days, month_days, self.minor)
                    if share < lo:
                        share = lo
                        steps.append("minimum")
                if rule.maximum is not None:
                    hi = ratio_round(rule.maximum, seg_days, month_days, self.minor)
                    if share > hi:
                        share = hi
                        steps.append("maximum")
                share, remaining = self.apply_cap(rule.cap_group, share, steps)
                final[rule.id] = share
                rows.append(Row(period, "current", period, version.id, rule.id, rule.payer,
                                rule.payee, basis, share, len(matched), sbl, ";".join(steps),
                                remaining, rule.owed))
        # Adjustment rows follow the current rows. Step 7: "within a period, rows take the
        # headroom in statement order", so a capped rule's adjustment takes what the current
        # rows left (docs/auditing.md says adjustments take it first: see --late in the
        # docstring; the generated late-data contracts have no cap group).
        for adj in adjustments or []:
            rule = next(r for v in c.versions if v.id == adj.version for r in v.rules if r.id == adj.rule)
            steps = []
            adj.share, remaining = self.apply_cap(rule.cap_group, adj.share, steps)
            rows.append(adj)
        # Step 7a: true-ups in the contract year's last period.
        last_ym = add_months(year, 11)
        if ym == last_ym:
            last_day = month_last(ym)
            year_first = month_first(year)
            y_days = (last_day - year_first).days + 1
            v = version_on(c, last_day)
            for rule in (v.rules if v else []):
                if rule.annual_minimum is None:
                    continue
                total = self.year_share.get((year, rule.id), D0) + sum(
                    (r.share for r in rows if r.rule == rule.id and r.kind in ("current", "adjustment")), D0)
                start = max(year_first, self.first_in_force[rule.id])
                d_days = (last_day - start).days + 1
                required = ratio_round(rule.annual_minimum, d_days, y_days, self.minor)
                if total < required:
                    steps: list = []
                    share, remaining = self.apply_cap(rule.cap_group, required - total, steps)
                    rows.append(Row(period, "true-up", period, v.id, rule.id, rule.payer, rule.payee,
                                    D0, share, 0, None, ";".join(steps), remaining, True))
        # Step 7b: advances, then recoupments.
        p_first, p_last = month_first(ym), month_last(ym)
        for a in c.advances:
            if p_first <= a["paid_on"] <= p_last:
                v = version_on(c, a["paid_on"])
                rows.append(Row(period, "advance", period, v.id, a["id"], a["payer"], a["payee"],
                                D0, a["amount"], 0))
        recouped_now: list[tuple[frozenset, Decimal]] = []
        for a in c.advances:
            if a["paid_on"] > p_last:
                continue
            outstanding = a["amount"] + self.recouped[a["id"]]
            ids = frozenset(a["recoup_from"])
            r_sum = sum((r.share for r in rows if r.kind in ("current", "adjustment", "true-up")
                         and r.rule in ids), D0)
            r_sum -= sum((amt for s, amt in recouped_now if s == ids), D0)
            if r_sum > 0 and outstanding > 0:
                take = min(outstanding, r_sum)
                recouped_now.append((ids, take))
                rows.append(Row(period, "recoupment", period, "", a["id"], a["payer"], a["payee"],
                                D0, -take, 0))
        # Step 7c: withholdings.
        for w in c.withholdings:
            if w["from"] is not None and p_last < w["from"]:
                continue
            for x in sorted(c.parties, key=lambda p: p.encode()):
                if x in (w["payee"], w["authority"]):
                    continue
                n = sum((r.share for r in rows if r.owed and r.payer == x and r.payee == w["payee"]), D0)
                n -= sum((r.share for r in rows if r.owed and r.payer == w["payee"] and r.payee == x), D0)
                if n > 0:
                    wv = self.rnd(n * w["rate"])
                    rows.append(Row(period, "withholding", period, "", w["id"], x, w["authority"], n, wv, 0))
                    rows.append(Row(period, "withholding", period, "", w["id"], x, w["payee"], n, -wv, 0))
        # Carry the accumulators (5a, 7a, 7b) to the next period.
        for r in rows:
            if r.kind in ("current", "adjustment"):
                self.ytd_basis[(year, r.rule)] = self.ytd_basis.get((year, r.rule), D0) + r.basis
            if r.kind in ("current", "adjustment", "true-up"):
                self.year_share[(year, r.rule)] = self.year_share.get((year, r.rule), D0) + r.share
            if r.kind == "recoupment":
                self.recouped[r.rule] += r.share
        # Step 8: pairwise net over the owed rows.
        pair: dict[tuple[str, str], Decimal] = {}
        for r in rows:
            if not r.owed:
                continue
            a, b = sorted((r.payer, r.payee), key=str.encode)
            sign = 1 if r.payer == a else -1
            pair[(a, b)] = pair.get((a, b), D0) + sign * r.share
        net = []
        for (a, b), amt in pair.items():
            if amt > 0:
                net.append((a, b, amt))
            elif amt < 0:
                net.append((b, a, -amt))
        net.sort(key=lambda t: (t[0].encode(), t[1].encode()))
        # Step 9: the journal of the owed rows sums to zero (by construction; checked anyway).
        journal: dict[str, Decimal] = {}
        for r in rows:
            if r.owed:
                journal[r.payer] = journal.get(r.payer, D0) - r.share
                journal[r.payee] = journal.get(r.payee, D0) + r.share
        assert sum(journal.values(), D0) == 0
        return PeriodResult(rows, net)


# =================================================================================
# Report files (cli.md "Report files")

def render(contract: Contract, period: str, res: PeriodResult, columns: int = 16) -> tuple[str, str]:
    minor = es.ISO_MINOR_UNITS[contract.currency]
    cell = es.csv_cell
    out = [",".join(STATEMENT_HEADER.split(",")[:columns])]
    for r in res.rows:
        cells = [cell(period), cell(contract.id), cell(r.kind), cell(r.for_period), cell(r.version),
                 cell(r.rule), cell(r.payer), cell(r.payee), cell(contract.currency),
                 es.fmt_basis(r.basis, minor), es.fmt_share(r.share, minor), str(r.lines),
                 es.fmt_share(r.sbl, minor) if r.sbl is not None else "",
                 cell(r.limited_by),
                 es.fmt_share(r.cap_remaining, minor) if r.cap_remaining is not None else "",
                 "true" if r.owed else "false"]
        out.append(",".join(cells[:columns]))
    net = [NET_HEADER]
    for a, b, amt in res.net:
        net.append(",".join([cell(period), cell(contract.id), cell(a), cell(b),
                             cell(contract.currency), es.fmt_share(amt, minor)]))
    return "\n".join(out) + "\n", "\n".join(net) + "\n"


def first_columns(text: str, n: int) -> str:
    """The first n columns of a CSV text, rewritten with the same cell rules (for comparing
    only the first 12 columns of a statement that may have more)."""
    rows = list(csv.reader(io.StringIO(text, newline="")))
    out = []
    for row in rows:
        out.append(",".join(c if not any(ch in c for ch in ',"\r\n') else '"' + c.replace('"', '""') + '"'
                            for c in row[:n]))
    return "\n".join(out) + ("\n" if out else "")


def load_fx_text(text: str | None):
    table: dict = {}
    if not text:
        return table
    for row in csv.DictReader(io.StringIO(text, newline="")):
        rates = table.setdefault((row["base"], row["quote"]), {})
        rates[dt.date.fromisoformat(row["date"])] = Decimal(row["rate"])
    return table


def adjustment_rows(open_period: str, closed_period: str, closed: PeriodResult,
                    recomputed: PeriodResult) -> list[Row]:
    """contract.md "Closed periods and late data": the difference per statement row (version,
    rule) between the closed period recomputed with today's lines and its closed statement;
    a row whose basis, share and lines differences are all zero is not posted."""
    old = {(r.version, r.rule): r for r in closed.rows if r.kind == "current"}
    out = []
    for r in recomputed.rows:
        if r.kind != "current":
            continue
        o = old.pop((r.version, r.rule))
        db, ds, dn = r.basis - o.basis, r.share - o.share, r.lines - o.lines
        if db != 0 or ds != 0 or dn != 0:
            out.append(Row(open_period, "adjustment", closed_period, r.version, r.rule, r.payer, r.payee,
                           db, ds, dn, None, "", None, r.owed))
    assert not old, "the recomputed closed period lost a row"
    return out


def expected_files(sc: "Scenario", columns: int) -> tuple[dict[str, str], Contract]:
    contract = load_contract(sc.contract_text)
    fx = load_fx_text(sc.fx_text)
    oracle = Oracle(contract, current_lines(sc.files), fx)
    results = {p: oracle.settle(p) for p in sc.periods}
    if sc.late_files:
        # The closed periods keep their statements. The earliest open period posts, after its
        # current rows, each closed period's difference; every open period settles with
        # today's lines. (Late-data contracts are generated without cap groups and with the
        # older terms only, so no accumulator depends on the order of what is recomputed.)
        if contract.caps or sc.terms != "old":
            raise SystemExit("oracle: late data is only computed for the older terms, without caps")
        again = Oracle(contract, current_lines(sc.files + sc.late_files), fx)
        adjustments = []
        for p in sc.periods[:sc.closed]:
            adjustments += adjustment_rows(sc.periods[sc.closed], p, results[p], again.settle(p))
        for i, p in enumerate(sc.periods[sc.closed:]):
            results[p] = again.settle(p, adjustments if i == 0 else None)
    files = {}
    for p in sc.periods:
        st, net = render(contract, p, results[p], columns)
        files[f"{contract.id}/{p}/statement.csv"] = st
        files[f"{contract.id}/{p}/net.csv"] = net
    return files, contract


# =================================================================================
# Validation (contract.md "Fields" and the validation errors): every generated contract is
# checked against these rules, so that a refusal by the binary is never the generator's fault.

ID_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
CONTRACT_ID_RE = re.compile(r"[a-z0-9][a-z0-9-]*")
PLAIN_DECIMAL_RE = re.compile(r"-?[0-9]+(\.[0-9]+)?")
RULE_KEYS = {"id", "payer", "payee", "match", "rate", "tiers", "tiers_over", "net_of", "minimum",
             "maximum", "cap_group", "owed", "annual_minimum"}
TOP_KEYS = {"id", "name", "currency", "cost_column", "parties", "version", "cap_group",
            "year_start_month", "advance", "withholding"}


def validate_contract(text: str) -> None:
    c = tomllib.loads(text)
    errors = []

    def need(cond, what):
        if not cond:
            errors.append(what)

    def number(v, what, money=False, lo=None, hi=None, lo_open=False):
        if not isinstance(v, str) or not PLAIN_DECIMAL_RE.fullmatch(v):
            errors.append(f"{what}: not a plain decimal string")
            return None
        d = Decimal(v)
        if money and "." in v and len(v.split(".")[1]) > es.ISO_MINOR_UNITS[c.get("currency", "USD")]:
            errors.append(f"{what}: more decimals than the minor unit")
        if lo is not None and (d <= lo if lo_open else d < lo):
            errors.append(f"{what}: below its range")
        if hi is not None and d > hi:
            errors.append(f"{what}: above its range")
        return d

    def is_date(v):
        if isinstance(v, dt.date) and not isinstance(v, dt.datetime):
            return True
        try:
            return isinstance(v, str) and bool(dt.date.fromisoformat(v)) and len(v) == 10
        except ValueError:
            return False

    need(set(c) <= TOP_KEYS, f"unknown top-level keys {set(c) - TOP_KEYS}")
    need(isinstance(c.get("id"), str) and CONTRACT_ID_RE.fullmatch(c["id"]), "contract id")
    need(isinstance(c.get("name"), str), "name")
    need(c.get("currency") in es.ISO_MINOR_UNITS, "currency")
    need(c.get("cost_column", "BilledCost") in COST_COLUMNS, "cost_column")
    parties = c.get("parties", {})
    need(all(ID_RE.fullmatch(k) and isinstance(v, str) for k, v in parties.items()), "party keys")
    ysm = c.get("year_start_month", 1)
    need(type(ysm) is int and 1 <= ysm <= 12, "year_start_month")
    versions = c.get("version", [])
    need(len(versions) >= 1, "at least one version")
    dates = []
    rules_by_id: dict[str, list] = {}
    groups_named = set()
    for v in versions:
        need(set(v) <= {"id", "effective_from", "rule"}, f"version keys {set(v)}")
        need(ID_RE.fullmatch(v.get("id", "")), "version id")
        need(is_date(v.get("effective_from")), "effective_from")
        dates.append(as_date(v["effective_from"]))
        seen = []
        for r in v.get("rule", []):
            rid = r.get("id", "")
            where = f"version {v.get('id')} rule {rid}"
            need(set(r) <= RULE_KEYS, f"{where}: unknown keys {set(r) - RULE_KEYS}")
            need(ID_RE.fullmatch(rid) and rid not in seen, f"{where}: id")
            need(r.get("payer") in parties and r.get("payee") in parties and r["payer"] != r["payee"],
                 f"{where}: payer/payee")
            m = r.get("match")
            tables = m if isinstance(m, list) else [m]
            need(m is not None and len(tables) >= 1, f"{where}: match")
            for t in tables:
                need(isinstance(t, dict) and len(t) >= 1, f"{where}: empty match table")
                for k, pats in (t or {}).items():
                    need(k in MATCH_COLUMNS, f"{where}: match column {k}")
                    need(isinstance(pats, list) and len(pats) >= 1 and all(isinstance(p, str) for p in pats),
                         f"{where}: pattern list of {k}")
            need(("rate" in r) != ("tiers" in r), f"{where}: exactly one of rate or tiers")
            if "rate" in r:
                number(r["rate"], f"{where}: rate", lo=D0, hi=Decimal(1))
            if "tiers" in r:
                tiers = r["tiers"]
                need(len(tiers) >= 1, f"{where}: tiers")
                prev = D0
                for i, t in enumerate(tiers):
                    need(set(t) <= {"up_to", "rate"}, f"{where}: tier keys")
                    number(t.get("rate"), f"{where}: tier rate", lo=D0, hi=Decimal(1))
                    if i < len(tiers) - 1:
                        u = number(t.get("up_to"), f"{where}: up_to", money=True)
                        need(u is not None and u > prev, f"{where}: up_to strictly increasing and > 0")
                        prev = u if u is not None else prev
                    else:
                        need("up_to" not in t, f"{where}: the last tier has an up_to")
            if "tiers_over" in r:
                need(r["tiers_over"] in ("period", "contract-year") and "tiers" in r, f"{where}: tiers_over")
            net_of = r.get("net_of", [])
            need(len(set(net_of)) == len(net_of) and all(n in seen for n in net_of), f"{where}: net_of")
            mn = number(r["minimum"], f"{where}: minimum", money=True, lo=D0) if "minimum" in r else None
            mx = number(r["maximum"], f"{where}: maximum", money=True, lo=D0) if "maximum" in r else None
            need(mn is None or mx is None or mn <= mx, f"{where}: minimum > maximum")
            owed = r.get("owed", True)
            need(isinstance(owed, bool), f"{where}: owed")
            if "cap_group" in r:
                groups_named.add(r["cap_group"])
                need(r["cap_group"] in c.get("cap_group", {}), f"{where}: unknown cap group")
                need(owed, f"{where}: owed = false with a cap_group")
            if "annual_minimum" in r:
                number(r["annual_minimum"], f"{where}: annual_minimum", money=True, lo=D0)
                need(owed, f"{where}: owed = false with an annual_minimum")
            seen.append(rid)
            rules_by_id.setdefault(rid, []).append(r)
    need(dates == sorted(set(dates)), "versions sorted, none on one date")
    for g, body in c.get("cap_group", {}).items():
        need(ID_RE.fullmatch(g) and set(body) == {"cap"}, f"cap group {g}")
        number(body.get("cap"), f"cap group {g}: cap", money=True, lo=D0)
        need(g in groups_named, f"cap group {g} named by no rule")
    for rid, rs in rules_by_id.items():
        if any("annual_minimum" in r for r in rs):
            need(all((r["payer"], r["payee"]) == (rs[0]["payer"], rs[0]["payee"]) and r.get("owed", True)
                     for r in rs), f"annual_minimum rule {rid}: payer, payee or owed differ")
    adv_ids = []
    sets: dict[str, frozenset] = {}
    for a in c.get("advance", []):
        need(set(a) == {"id", "payer", "payee", "amount", "paid_on", "recoup_from"}, f"advance keys {set(a)}")
        aid = a.get("id", "")
        need(ID_RE.fullmatch(aid) and aid not in adv_ids and aid not in rules_by_id, f"advance id {aid}")
        adv_ids.append(aid)
        need(a.get("payer") in parties and a.get("payee") in parties and a["payer"] != a["payee"],
             f"advance {aid}: parties")
        number(a.get("amount"), f"advance {aid}: amount", money=True, lo=D0, lo_open=True)
        need(is_date(a.get("paid_on")) and dates and as_date(a["paid_on"]) >= dates[0], f"advance {aid}: paid_on")
        rf = a.get("recoup_from")
        need(isinstance(rf, list) and rf and all(isinstance(x, str) for x in rf) and len(set(rf)) == len(rf),
             f"advance {aid}: recoup_from")
        for x in rf or []:
            need(x in rules_by_id and all((r["payer"], r["payee"]) == (a["payer"], a["payee"])
                                          and r.get("owed", True) for r in rules_by_id.get(x, [])),
                 f"advance {aid}: recoup_from {x}")
            if x in sets:
                need(sets[x] == frozenset(rf), f"advance {aid}: recoup_from shares {x} with another set")
        for x in rf or []:
            sets[x] = frozenset(rf)
    wh_ids = []
    for w in c.get("withholding", []):
        need({"id", "payee", "authority", "rate"} <= set(w) <= {"id", "payee", "authority", "rate", "from"},
             f"withholding keys {set(w)}")
        wid = w.get("id", "")
        need(ID_RE.fullmatch(wid) and wid not in wh_ids and wid not in rules_by_id and wid not in adv_ids,
             f"withholding id {wid}")
        wh_ids.append(wid)
        need(w.get("payee") in parties and w.get("authority") in parties and w["payee"] != w["authority"],
             f"withholding {wid}: parties")
        number(w.get("rate"), f"withholding {wid}: rate", lo=D0, hi=Decimal(1))
        need("from" not in w or is_date(w["from"]), f"withholding {wid}: from")
    if errors:
        raise SystemExit("oracle: generated an invalid contract: " + "; ".join(errors) + "\n" + text)


# =================================================================================
# The generator

@dataclass
class Scenario:
    seed: int
    index: int
    terms: str
    contract_text: str
    files: list                     # [(file name, CSV text)] in import order
    fx_text: str | None
    periods: list                   # settled in this order
    closed: int = 0                 # --late: close the first `closed` periods, then
    late_files: list = field(default_factory=list)   # import these, settle the last period


PARTY_POOL = ["alpha", "beta", "Gamma", "delta", "eps.1", "Zeta", "mu_2", "omega-9"]
RULE_POOL = ["share-a", "share-b", "Fee.1", "fee_2", "rebate", "X9", "msft", "aws-fee"]
CAP_POOL = ["cap-a", "lifetime.B"]
ACCOUNTS = [
    ("AWS", "012345678901", "aws1"), ("AWS", "210987654321", "aws2"),
    ("Microsoft", "/providers/Microsoft.Billing/billingAccounts/8611537", "az1"),
    ("Microsoft", "/providers/Microsoft.Billing/billingAccounts/77777/billingProfiles/QX-1", "az2"),
]
VALUES = {
    "AWS": {
        "PublisherName": ["OpenAI, L.L.C.", "Anthropic, PBC", "Amazon Web Services, Inc.", 'Acme "AI", Inc.'],
        "ServiceName": ["GPT-5 (Amazon Bedrock Edition)", "Claude Sonnet 4.5 (Amazon Bedrock Edition)",
                        "Amazon Bedrock", "Amazon Simple Storage Service"],
        "SkuId": ["UB3U2LHYJSM0Z3QV", "7E250AN5JQYM314P", "T964Z1MSRACJ375X"],
        "RegionId": ["us-east-1", "eu-central-1", "ap-south-1"],
        "SubAccountId": ["098765432109", "111122223333"],
        "x_SkuMeterSubcategory": [""],
        "x_UsageType": ["USE1-MP:USE1_input_tokens-Units", "USE1-MP:USE1_output_tokens-Units",
                        "USE1-TimedStorage-ByteHrs"],
    },
    "Microsoft": {
        "PublisherName": ["Microsoft", "OpenAI", "Mistral AI", ""],
        "ServiceName": ["Azure OpenAI Service", "Foundry Models", "Storage"],
        "SkuId": ["DZH318Z0BQ4L", "DZH318Z0BQ4M", ""],
        "RegionId": ["westeurope", "Zürich", "eastus2"],
        "SubAccountId": ["/subscriptions/00000000-0000-0000-0000-000000000001",
                         "/subscriptions/abcdef01-2345-6789-abcd-ef0123456789"],
        "x_SkuMeterSubcategory": ["Azure OpenAI GPT-5", "Azure OpenAI o3", "Tiered Block Blob", ""],
        "x_UsageType": [""],
    },
}
CATEGORIES = [("Usage", 70), ("Credit", 9), ("Purchase", 7), ("Tax", 9), ("Adjustment", 5)]


def toml_str(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)


def money_text(rng: random.Random, lo: int, hi: int, decimals: int = 2) -> str:
    """A money amount in [lo, hi] with at most `decimals` written decimals."""
    whole = rng.randint(lo, hi)
    k = rng.choice([0, 0, 1, decimals]) if decimals else 0
    if k == 0:
        return str(whole)
    frac = rng.randint(0, 10 ** k - 1)
    return f"{whole}.{frac:0{k}d}"


COARSE = threading.local()   # per scenario: costs in whole cents, so that shares hit half-cent ties


def rate_text(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.05:
        return "0"
    if r < 0.08:
        return "1"
    if r < 0.12:
        return "1.0"
    if r < (0.8 if getattr(COARSE, "on", False) else 0.3):
        # rates that make half-cent ties with cent amounts (half-to-even is tested)
        return rng.choice(["0.5", "0.25", "0.125", "0.05", "0.15", "0.35", "0.1", "0.45", "0.0625"])
    k = rng.choice([1, 2, 2, 3, 4, 6])
    return f"0.{rng.randint(0, 10 ** k - 1):0{k}d}"


def pattern_for(rng: random.Random, value: str) -> str:
    """A pattern that matches `value` (or, sometimes, a near miss)."""
    r = rng.random()
    if value == "":
        return rng.choice(["", "*", "", "*"])
    if r < 0.35:
        return value
    if r < 0.55:
        return value[: rng.randint(0, max(0, len(value) - 1))] + "*"
    if r < 0.65:
        return "*" + value[rng.randint(1, len(value)):]
    if r < 0.75:
        i = rng.randrange(len(value))
        return value[:i] + "?" + value[i + 1:]
    if r < 0.8:
        return "*"
    if r < 0.85:
        return value.lower() if value.lower() != value else value + "?"   # case-sensitive near miss
    if r < 0.9:
        return ""
    i = rng.randrange(len(value))
    return value[:i] + "*" + value[i:] + "?" if rng.random() < 0.5 else value[:i] + "**" + value[i + 1:]


def gen_match_table(rng: random.Random, accounts) -> dict:
    if rng.random() < 0.85:
        provider = rng.choice(accounts)[0]       # a provider the scenario has lines of
    else:
        provider = rng.choice(["AWS", "Microsoft"])
    table: dict[str, list[str]] = {}
    if rng.random() < 0.75:
        table["ProviderName"] = [pattern_for(rng, provider)]
    keys = ["PublisherName", "ServiceName", "SkuId", "RegionId", "SubAccountId",
            "x_SkuMeterSubcategory", "x_UsageType", "ChargeCategory", "ChargeClass", "BillingAccountId"]
    for key in rng.sample(keys, rng.randint(0, 2)):
        if key == "ChargeCategory":
            table[key] = rng.sample(["Usage", "Credit", "Tax", "Purchase", "Adjustment", "*", "U*"],
                                    rng.randint(1, 3))
            continue
        if key == "ChargeClass":
            table[key] = rng.sample(["", "Correction", "*"], rng.randint(1, 2))
            continue
        if key == "BillingAccountId":
            table[key] = [pattern_for(rng, rng.choice(accounts)[1])]
            continue
        vals = VALUES[provider][key]
        pats = [pattern_for(rng, rng.choice(vals)) for _ in range(rng.randint(1, 3))]
        table[key] = list(dict.fromkeys(pats))
    if not table:
        table["ProviderName"] = ["*"]
    return table


def toml_table(t: dict) -> str:
    return "{ " + ", ".join(f"{k} = [" + ", ".join(toml_str(p) for p in v) + "]" for k, v in t.items()) + " }"


def toml_date(rng: random.Random, d: dt.date) -> str:
    return d.isoformat() if rng.random() < 0.5 else toml_str(d.isoformat())


def gen_contract(rng: random.Random, sc_id: str, terms: str, months: list, ysm: int,
                 ysm_written: bool, accounts, caps: bool = True) -> str:
    allt = terms == "all"
    parties = rng.sample(PARTY_POOL, rng.randint(2, 5))
    first_month = months[0]
    last_month = months[-1]
    range_first = month_first(first_month)
    range_last = month_last(last_month)
    # Versions: the first takes effect in the first month, or before it.
    if rng.random() < 0.3:
        first_eff = range_first - dt.timedelta(days=rng.randint(1, 400))
    else:
        first_eff = range_first + dt.timedelta(days=rng.choice([0, rng.randint(1, 27)]))
    n_versions = rng.choice([1, 2, 2, 3, 3])
    dates = {first_eff}
    for _ in range(n_versions - 1):
        for _try in range(20):
            m = rng.choice(months)
            mdays = calendar.monthrange(*m)[1]
            x = rng.random()
            day = 1 if x < 0.15 else (mdays // 2 + 1 if x < 0.35 else rng.randint(2, mdays))
            d = dt.date(m[0], m[1], day)
            if d > first_eff and d not in dates:
                dates.add(d)
                break
    dates = sorted(dates)
    pair_of: dict[str, tuple[str, str]] = {}
    versions = []
    used_groups = set()
    for vi, eff in enumerate(dates):
        n_rules = rng.randint(1, 4)
        prev_ids = [r["id"] for v in versions for r in v["rules"]]
        ids: list[str] = []
        for _ in range(n_rules):
            pool = [i for i in dict.fromkeys(prev_ids) if i not in ids]
            if pool and rng.random() < 0.6:
                ids.append(rng.choice(pool))
            else:
                fresh = [i for i in RULE_POOL if i not in ids]
                ids.append(rng.choice(fresh))
        rules = []
        for i, rid in enumerate(ids):
            if rid not in pair_of or rng.random() < 0.12:
                payer, payee = rng.sample(parties, 2)
                pair_of.setdefault(rid, (payer, payee))
            else:
                payer, payee = pair_of[rid]
            r = {"id": rid, "payer": payer, "payee": payee}
            if rng.random() < 0.7:
                r["match"] = gen_match_table(rng, accounts)
            else:
                r["match"] = [gen_match_table(rng, accounts) for _ in range(rng.randint(1, 3))]
            if rng.random() < 0.6:
                r["rate"] = rate_text(rng)
            else:
                n_t = rng.randint(1, 3)
                ups, lo = [], 0
                for _ in range(n_t - 1):
                    lo = lo + rng.randint(1, 8000)
                    ups.append(lo)
                tiers = []
                for u in ups:
                    tiers.append({"up_to": f"{u}" if rng.random() < 0.7 else f"{u}.{rng.randint(0, 99):02d}",
                                  "rate": rate_text(rng)})
                tiers.append({"rate": rate_text(rng)})
                # up_to must be strictly increasing: the random cents keep it so (whole parts differ).
                r["tiers"] = tiers
                if allt:
                    x = rng.random()
                    if x < 0.5:
                        r["tiers_over"] = "contract-year"
                    elif x < 0.6:
                        r["tiers_over"] = "period"
            if i > 0 and rng.random() < 0.35:
                earlier = ids[:i]
                r["net_of"] = rng.sample(earlier, rng.randint(1, min(2, len(earlier))))
            mn = mx = None
            if rng.random() < 0.25:
                mn = Decimal(money_text(rng, 0, 1500))
            if rng.random() < 0.25:
                mx = Decimal(money_text(rng, 0, 6000))
            if mn is not None and mx is not None and mn > mx:
                mn, mx = mx, mn
            if mn is not None:
                r["minimum"] = str(mn)
            if mx is not None:
                r["maximum"] = str(mx)
            if caps and rng.random() < 0.3:
                g = rng.choice(CAP_POOL)
                r["cap_group"] = g
                used_groups.add(g)
            elif allt and rng.random() < 0.25:
                r["owed"] = False
            elif allt and rng.random() < 0.1:
                r["owed"] = True
            rules.append(r)
        versions.append({"id": f"v{vi + 1}-{eff:%Y%m%d}" if rng.random() < 0.7 else f"V.{vi}",
                         "effective_from": eff, "rules": rules})
    # ids must stay unique (a version id clash is impossible: the dates differ or the index does)
    advances, withholdings = [], []
    if allt:
        by_id: dict[str, list] = {}
        for v in versions:
            for r in v["rules"]:
                by_id.setdefault(r["id"], []).append(r)
        eligible = {rid: (rs[0]["payer"], rs[0]["payee"]) for rid, rs in by_id.items()
                    if all((r["payer"], r["payee"]) == (rs[0]["payer"], rs[0]["payee"])
                           and r.get("owed", True) for r in rs)}
        for rid in eligible:
            if rng.random() < 0.45:
                for r in by_id[rid]:
                    if rng.random() < 0.75:
                        r["annual_minimum"] = money_text(rng, 0, 40000)
        by_pair: dict[tuple, list] = {}
        for rid, pr in eligible.items():
            by_pair.setdefault(pr, []).append(rid)
        sets: list[frozenset] = []
        for k in range(rng.choice([0, 1, 1, 2, 3])):
            if not by_pair:
                break
            pr = rng.choice(sorted(by_pair))
            ids = rng.sample(by_pair[pr], rng.randint(1, len(by_pair[pr])))
            for s in sets:
                if s & set(ids):
                    ids = sorted(s)
                    rng.shuffle(ids)
                    break
            sets.append(frozenset(ids))
            lo = max(first_eff, range_first)
            paid = lo + dt.timedelta(days=rng.randint(0, (range_last - lo).days))
            advances.append({"id": f"adv-{k + 1}", "payer": pr[0], "payee": pr[1],
                             "amount": money_text(rng, 1, 20000), "paid_on": paid, "recoup_from": ids})
        if len(parties) >= 2:
            for k in range(rng.choice([0, 0, 1, 1, 2])):
                payee, authority = rng.sample(parties, 2)
                w = {"id": f"wht.{k + 1}", "payee": payee, "authority": authority, "rate": rate_text(rng)}
                if rng.random() < 0.6:
                    w["from"] = range_first + dt.timedelta(days=rng.randint(-40, (range_last - range_first).days))
                withholdings.append(w)
    # TOML text
    out = [f"# random contract {sc_id} ({terms} terms)",
           f"id = {toml_str(sc_id)}", f"name = {toml_str('Random contract ' + sc_id)}", 'currency = "USD"']
    cost_column = rng.choice([None, None, "BilledCost", "EffectiveCost", "ListCost", "ContractedCost"])
    if cost_column:
        out.append(f"cost_column = {toml_str(cost_column)}")
    if ysm_written:
        out.append(f"year_start_month = {ysm}")
    out.append("")
    out.append("[parties]")
    for p in parties:
        out.append(f"{toml_str(p)} = {toml_str('Party ' + p.upper())}")
    for v in versions:
        out += ["", "[[version]]", f"id = {toml_str(v['id'])}",
                f"effective_from = {toml_date(rng, v['effective_from'])}"]
        for r in v["rules"]:
            out += ["", "  [[version.rule]]", f"  id = {toml_str(r['id'])}",
                    f"  payer = {toml_str(r['payer'])}", f"  payee = {toml_str(r['payee'])}"]
            m = r["match"]
            if isinstance(m, list):
                out.append("  match = [" + ", ".join(toml_table(t) for t in m) + "]")
            else:
                out.append(f"  match = {toml_table(m)}")
            if "rate" in r:
                out.append(f"  rate = {toml_str(r['rate'])}")
            if "tiers" in r:
                out.append("  tiers = [ " + ", ".join(
                    "{ " + ", ".join(f"{k} = {toml_str(x)}" for k, x in t.items()) + " }" for t in r["tiers"]) + " ]")
            for key in ("tiers_over", "annual_minimum", "minimum", "maximum", "cap_group"):
                if key in r:
                    out.append(f"  {key} = {toml_str(r[key])}")
            if "net_of" in r:
                out.append("  net_of = [" + ", ".join(toml_str(n) for n in r["net_of"]) + "]")
            if "owed" in r:
                out.append(f"  owed = {'true' if r['owed'] else 'false'}")
    for g in sorted(used_groups):
        out += ["", f"[cap_group.{toml_str(g)}]", f"cap = {toml_str(money_text(rng, 0, 30000))}"]
    for a in advances:
        out += ["", "[[advance]]", f"id = {toml_str(a['id'])}", f"payer = {toml_str(a['payer'])}",
                f"payee = {toml_str(a['payee'])}", f"amount = {toml_str(a['amount'])}",
                f"paid_on = {toml_date(rng, a['paid_on'])}",
                "recoup_from = [" + ", ".join(toml_str(i) for i in a["recoup_from"]) + "]"]
    for w in withholdings:
        out += ["", "[[withholding]]", f"id = {toml_str(w['id'])}", f"payee = {toml_str(w['payee'])}",
                f"authority = {toml_str(w['authority'])}", f"rate = {toml_str(w['rate'])}"]
        if "from" in w:
            out.append(f"from = {toml_date(rng, w['from'])}")
    return "\n".join(out) + "\n"


def cost_text(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.04:
        return ""
    if r < 0.09:
        return rng.choice(["0", "0.00", "0.000000", "-0.00"])
    mag = rng.choice([10, 100, 1000, 5000, 20000])
    whole = rng.randint(0, mag)
    k = rng.randint(0, 2) if getattr(COARSE, "on", False) else rng.randint(0, 6)
    frac = rng.randint(0, 10 ** k - 1) if k else 0
    if rng.random() < 0.02:   # E-notation, as FOCUS allows: the same amount as mantissa E-k
        text = f"{whole * 10 ** k + frac}E-{k}" if k else f"{whole}E0"
    else:
        text = f"{whole}.{frac:0{k}d}" if k else str(whole)
    if r < 0.2:
        text = "-" + text
    return text


def ts_text(rng: random.Random, t: dt.datetime) -> str:
    f = rng.random()
    if f < 0.55:
        return t.strftime("%Y-%m-%dT%H:%M:%SZ")
    if f < 0.8:
        return t.strftime("%Y-%m-%dT%H:%M:%S.000Z")
    if f < 0.9:
        return t.strftime("%Y-%m-%d %H:%M:%S")
    return t.strftime("%Y-%m-%dT%H:%MZ") if t.second == 0 else t.strftime("%Y-%m-%dT%H:%M:%SZ")


def gen_lines(rng: random.Random, months: list, accounts, boundary_days: list, eur: bool) -> list:
    """One FOCUS file per (billing account, month), in import order."""
    files = []
    all_cols = ["BilledCost", "EffectiveCost", "ListCost", "ContractedCost", "BillingAccountId",
                "BillingCurrency", "BillingPeriodEnd", "BillingPeriodStart", "ChargeCategory",
                "ChargeClass", "ChargePeriodEnd", "ChargePeriodStart", "ProviderName", "PublisherName",
                "RegionId", "ServiceName", "SkuId", "SubAccountId", "x_SkuMeterSubcategory", "x_UsageType"]
    for mi, m in enumerate(months):
        for provider, account, tag in accounts:
            if rng.random() < 0.08:
                continue
            cols = list(all_cols)
            if provider == "AWS" and rng.random() < 0.5:
                cols.remove("x_SkuMeterSubcategory")        # absent column: counts as empty
            if provider == "Microsoft" and rng.random() < 0.5:
                cols.remove("x_UsageType")
            if rng.random() < 0.3:
                rng.shuffle(cols)
            rows = []
            n = rng.choice([0, rng.randint(1, 6), rng.randint(3, 25)])
            for _ in range(n):
                lm = m
                if rng.random() < 0.05:                    # charged outside its billing period
                    lm = months[min(len(months) - 1, max(0, mi + rng.choice([-1, 1])))]
                days_in = calendar.monthrange(*lm)[1]
                cand = [d for d in boundary_days if (d.year, d.month) == lm]
                if cand and rng.random() < 0.3:
                    d = rng.choice(cand)
                    if rng.random() < 0.5:
                        t = dt.datetime.combine(d, dt.time())
                    else:
                        t = dt.datetime.combine(d, dt.time()) - dt.timedelta(seconds=1)
                        if (t.year, t.month) != lm:
                            t = dt.datetime.combine(d, dt.time())
                else:
                    t = dt.datetime(lm[0], lm[1], rng.randint(1, days_in), rng.randint(0, 23),
                                    rng.randint(0, 59), rng.choice([0, 0, rng.randint(0, 59)]))
                v = VALUES[provider]
                cat = rng.choices([c for c, _ in CATEGORIES], [w for _, w in CATEGORIES])[0]
                bp0 = month_first(m)
                bp1 = month_first(add_months(m, 1))
                row = {
                    "BillingAccountId": account,
                    "BillingCurrency": "EUR" if eur and rng.random() < 0.3 else "USD",
                    "BillingPeriodStart": ts_text(rng, dt.datetime.combine(bp0, dt.time())),
                    "BillingPeriodEnd": ts_text(rng, dt.datetime.combine(bp1, dt.time())),
                    "ChargeCategory": cat,
                    "ChargeClass": "Correction" if rng.random() < 0.1 else "",
                    "ChargePeriodStart": ts_text(rng, t),
                    "ChargePeriodEnd": ts_text(rng, t + dt.timedelta(hours=rng.choice([1, 24]))),
                    "ProviderName": provider,
                    "PublisherName": rng.choice(v["PublisherName"]) if rng.random() > 0.03 else "NULL",
                    "RegionId": rng.choice(v["RegionId"]),
                    "ServiceName": rng.choice(v["ServiceName"]),
                    "SkuId": rng.choice(v["SkuId"]),
                    "SubAccountId": rng.choice(v["SubAccountId"]),
                    "x_SkuMeterSubcategory": rng.choice(v["x_SkuMeterSubcategory"]),
                    "x_UsageType": rng.choice(v["x_UsageType"]),
                }
                for col in COST_COLUMNS:
                    row[col] = cost_text(rng)
                if cat == "Credit" and row["BilledCost"] not in ("",) and not row["BilledCost"].startswith("-") \
                        and rng.random() < 0.7:
                    row["BilledCost"] = "-" + row["BilledCost"]
                rows.append(row)
                if rng.random() < 0.03:
                    rows.append(dict(row))          # an identical row: a line of its own
            buf = io.StringIO(newline="")
            if rng.random() < 0.1:
                buf.write("\ufeff")                 # a UTF-8 BOM, as Azure writes
            w = csv.writer(buf, lineterminator="\n" if rng.random() < 0.8 else "\r\n")
            w.writerow(cols)
            for row in rows:
                w.writerow([row[c] for c in cols])
            files.append((f"{tag}-{fmt_period(m)}.csv", buf.getvalue()))
    return files


def gen_fx(rng: random.Random, months: list) -> str:
    """EUR->USD rates from 10 days before the first month to the last day, 1-8 days apart
    (so every day has a rate at most 7 days old), plus rates that must never be used."""
    start = month_first(months[0]) - dt.timedelta(days=10)
    end = month_last(months[-1])
    rows = ["date,base,quote,rate"]
    d = start
    while d <= end:
        k = rng.choice([2, 4, 6])
        rows.append(f"{d.isoformat()},EUR,USD,1.{rng.randint(0, 10 ** k - 1):0{k}d}")
        if rng.random() < 0.2:
            rows.append(f"{d.isoformat()},USD,EUR,0.{rng.randint(0, 999999):06d}")
        d += dt.timedelta(days=rng.choice([1, 1, 1, 2, 3, 5, 7, 8]))
    # a rate for a day after the last line never applies; a GBP rate is never asked for
    rows.append(f"{(end + dt.timedelta(days=3)).isoformat()},EUR,USD,9.5")
    rows.append(f"{start.isoformat()},GBP,USD,1.27")
    return "\n".join(rows) + "\n"


def gen_scenario(seed: int, index: int, terms: str, late: bool = False) -> Scenario:
    rng = random.Random(f"revshare-random-contracts:{seed}:{index}:{terms}" + (":late" if late else ""))
    n_months = rng.randint(3, 14)
    ysm = 1 if terms == "old" else rng.randint(1, 12)
    ysm_written = terms == "all" and (ysm != 1 or rng.random() < 0.5)
    k = rng.randint(1, n_months - 1)                 # months[k] starts a contract year
    y0 = rng.randint(2024, 2028)
    first = add_months((y0, ysm), -k)
    months = [add_months(first, i) for i in range(n_months)]
    accounts = rng.sample(ACCOUNTS, rng.randint(1, 3))
    sc_id = f"rand-{seed % 1000000}-{index}"
    COARSE.on = rng.random() < 0.4
    contract_text = gen_contract(rng, sc_id, terms, months, ysm, ysm_written, accounts, caps=not late)
    validate_contract(contract_text)
    contract = load_contract(contract_text)
    boundary = [v.effective_from for v in contract.versions]
    eur = rng.random() < 0.35
    files = gen_lines(rng, months, accounts, boundary, eur)
    fx_text = gen_fx(rng, months) if eur else None
    sc = Scenario(seed, index, terms, contract_text, files, fx_text, [fmt_period(m) for m in months])
    if late:
        # Close the first months, then deliver late data for some of them: a restatement of a
        # delivered (account, month) scope, or the first delivery of another billing account.
        sc.closed = rng.randint(1, n_months - 1)
        spare = [a for a in ACCOUNTS if a not in accounts]
        for j in range(rng.randint(1, 3)):
            c = rng.choice(months[:sc.closed])
            acct = rng.choice(spare) if spare and rng.random() < 0.35 else rng.choice(accounts)
            for name, text in gen_lines(rng, [c], [acct], boundary, eur):
                sc.late_files.append((name.removesuffix(".csv") + f"-late{j + 1}.csv", text))
    return sc


# =================================================================================
# Running the binary

class Failure(Exception):
    pass


def run_binary(binary: str, sc: Scenario, work: Path) -> Path:
    (work / "exports").mkdir(parents=True, exist_ok=True)
    (work / "contract.toml").write_text(sc.contract_text, encoding="utf-8")
    names = []
    for name, text in sc.files:
        (work / "exports" / name).write_bytes(text.encode("utf-8"))
        names.append(f"exports/{name}")
    cmds = [["init"]]
    if sc.fx_text:
        (work / "fx.csv").write_text(sc.fx_text, encoding="utf-8")
        cmds.append(["fx", "import", "fx.csv"])
    if names:
        cmds.append(["import", *names])
    cmds.append(["contract", "add", "contract.toml"])
    for p in sc.periods:
        cmds.append(["settle", "--period", p, "--allow-empty"])  # every period, with lines or not
    if sc.late_files:
        for p in sc.periods[:sc.closed]:
            cmds.append(["close", "--period", p])
        late = []
        for name, text in sc.late_files:
            (work / "late").mkdir(exist_ok=True)
            (work / "late" / name).write_bytes(text.encode("utf-8"))
            late.append(f"late/{name}")
        cmds.append(["import", *late])
        cmds.append(["settle", "--period", sc.periods[-1], "--allow-empty"])
    for p in sc.periods:
        cmds.append(["report", "--period", p, "--out", "reports"])
    script = ["#!/bin/sh", "# reproduce: BIN=/path/to/revshare sh run.sh (in this folder)", "set -e",
              'BIN="${BIN:-revshare}"', "rm -rf db reports", "mkdir db"]
    for cmd in cmds:
        script.append('"$BIN" --db db/revshare.db --quiet ' + " ".join(cmd))
    (work / "run.sh").write_text("\n".join(script) + "\n", encoding="utf-8")
    (work / "db").mkdir(exist_ok=True)
    env = dict(os.environ, TMPDIR=str(work))
    log = []
    for cmd in cmds:
        full = [binary, "--db", "db/revshare.db", "--quiet", *cmd]
        proc = subprocess.run(full, cwd=work, capture_output=True, text=True, env=env, timeout=600)
        log.append(f"$ {' '.join(cmd)}  -> exit {proc.returncode}\n{proc.stdout}{proc.stderr}")
        if proc.returncode != 0:
            (work / "binary.log").write_text("\n".join(log), encoding="utf-8")
            raise Failure(f"`revshare {' '.join(cmd)}` exited {proc.returncode}: "
                          f"{(proc.stderr or proc.stdout).strip()[:1500]}")
    (work / "binary.log").write_text("\n".join(log), encoding="utf-8")
    return work / "reports"


def compare_files(expected: dict[str, str], reports: Path, columns: int) -> list[str]:
    diffs = []
    for rel, text in expected.items():
        path = reports / rel
        got = path.read_bytes().decode("utf-8", errors="replace") if path.exists() else None
        if got is not None and columns < 16 and rel.endswith("statement.csv"):
            got = first_columns(got, columns)
        if got != text:
            diffs.append(f"DIFFERS: {rel}" + ("" if got is not None else " (missing)") + "\n" + "".join(
                difflib.unified_diff(text.splitlines(keepends=True), (got or "").splitlines(keepends=True),
                                     fromfile=f"oracle/{rel}", tofile=f"revshare/{rel}")))
    return diffs


def write_expected(work: Path, expected: dict[str, str]):
    for rel, text in expected.items():
        p = work / "expected" / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")


def run_scenario(binary: str, seed: int, index: int, terms: str, keep: Path | None,
                 late: bool = False) -> tuple[bool, str, str]:
    exact_ctx()
    sc = gen_scenario(seed, index, terms, late)
    columns = OLD_COLUMNS if terms == "old" else 16
    tmp = Path(tempfile.mkdtemp(prefix=f"revshare-oracle-{seed}-{index}-"))
    ok, report, kind = True, "", "agrees"
    try:
        try:
            expected, contract = expected_files(sc, columns)
        except MissingRate as m:
            return False, f"=== seed {seed} scenario {index}: the generator left a line without an FX rate: {m}\n", "oracle"
        write_expected(tmp, expected)
        try:
            reports = run_binary(binary, sc, tmp)
            diffs = compare_files(expected, reports, columns)
        except Failure as f:
            diffs = [f"binary failed: {f}"]
            kind = "refused" if "`revshare contract add" in str(f) else "failed"
        except subprocess.TimeoutExpired as t:
            diffs = [f"binary timed out: {t}"]
            kind = "failed"
        else:
            kind = "differs"
        if diffs:
            ok = False
            head = (f"=== seed {seed} scenario {index} (--terms {terms}{' --late' if late else ''}): "
                    f"contract {contract.id}, "
                    f"periods {sc.periods[0]}..{sc.periods[-1]}, {len(sc.files)} files\n")
            report = head + "--- contract.toml\n" + sc.contract_text + "\n".join(diffs).rstrip("\n") + "\n"
            if keep:
                dest = keep / f"seed{seed}-{index}"
                if dest.exists():
                    shutil.rmtree(dest)
                shutil.copytree(tmp, dest, ignore=shutil.ignore_patterns("db"))
                report += f"\nfiles kept in {dest} (reproduce: cd {dest} && BIN={binary} sh run.sh)\n"
            report += (f"rerun: python3 {Path(__file__).resolve()} --binary {binary} --seed {seed} "
                       f"--only {index} --terms {terms}{' --late' if late else ''}\n")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return ok, report, (kind if not ok else "agrees")


# =================================================================================
# Self-test: contract.md "Example of the additional terms"

def spec_example() -> tuple[str, str]:
    text = SPEC_CONTRACT.read_text(encoding="utf-8")
    part = text.split("## Example of the additional terms", 1)[1]
    blocks = re.findall(r"```([a-z]*)\n(.*?)```", part, re.S)
    toml_text = next(b for lang, b in blocks if lang == "toml")
    csv_text = next(b for lang, b in blocks if lang == "" and b.startswith("period,contract,kind"))
    return toml_text, csv_text


def example_files() -> list[tuple[str, str]]:
    """The example's lines as FOCUS files: AWS marketplace lines published by `OpenAI, L.L.C.`
    of 500000 (April 2027), 700000 (May), 300000.50 (June); Azure OpenAI lines of 100000,
    75000 and 125000."""
    cols = ["BilledCost", "BillingAccountId", "BillingCurrency", "BillingPeriodStart", "BillingPeriodEnd",
            "ChargeCategory", "ChargeClass", "ChargePeriodStart", "ChargePeriodEnd", "ProviderName",
            "PublisherName", "ServiceName", "x_SkuMeterSubcategory"]
    files = []
    for (m, aws, azure) in [(4, "500000", "100000"), (5, "700000", "75000"), (6, "300000.50", "125000")]:
        bp0, bp1 = f"2027-{m:02d}-01T00:00:00Z", f"2027-{m + 1:02d}-01T00:00:00Z"
        for acct, row in [
            ("aws", [aws, "012345678901", "USD", bp0, bp1, "Usage", "", f"2027-{m:02d}-10T00:00:00Z",
                     f"2027-{m:02d}-11T00:00:00Z", "AWS", "OpenAI, L.L.C.", "GPT-5 (Amazon Bedrock Edition)", ""]),
            ("azure", [azure, "/providers/Microsoft.Billing/billingAccounts/8611537", "USD", bp0, bp1, "Usage", "",
                       f"2027-{m:02d}-12T00:00:00Z", f"2027-{m:02d}-13T00:00:00Z", "Microsoft", "Microsoft",
                       "Azure OpenAI Service", "Azure OpenAI GPT-5"])]:
            buf = io.StringIO(newline="")
            w = csv.writer(buf, lineterminator="\n")
            w.writerow(cols)
            w.writerow(row)
            files.append((f"{acct}-2027-{m:02d}.csv", buf.getvalue()))
    return files


def self_test(binary: str | None) -> int:
    exact_ctx()
    toml_text, june_csv = spec_example()
    validate_contract(toml_text)
    contract = load_contract(toml_text)
    files = example_files()
    oracle = Oracle(contract, current_lines(files), {})
    res = {p: oracle.settle(p) for p in ("2027-04", "2027-05", "2027-06")}
    rendered = {p: render(contract, p, r) for p, r in res.items()}
    failures = []

    def check(label, got, want):
        if got != want:
            failures.append(f"{label}: oracle gives {got!r}, the spec says {want!r}")

    def row(p, kind, rule):
        return next(r for r in res[p].rows if r.kind == kind and r.rule == rule)

    def net(p):
        return [(a, b, es.fmt_share(x, 2)) for a, b, x in res[p].net]

    # June: the spec's statement.csv, exactly; its net.csv from the last paragraph.
    if rendered["2027-06"][0] != june_csv:
        failures.append("June statement.csv differs from the spec:\n" + "".join(difflib.unified_diff(
            june_csv.splitlines(True), rendered["2027-06"][0].splitlines(True), "spec", "oracle")))
    june_net = ("period,contract,from_party,to_party,currency,amount\n"
                "2027-06,terms-example,openai,irs,USD,8730.02\n"
                "2027-06,terms-example,openai,microsoft,USD,20370.03\n")
    check("June net.csv", rendered["2027-06"][1], june_net)
    # April (memo rule, year-to-date tiers from 0).
    check("April aws-store-fee share", row("2027-04", "current", "aws-store-fee").share, Decimal("15000.00"))
    check("April aws-store-fee owed", row("2027-04", "current", "aws-store-fee").owed, False)
    check("April msft-share basis", row("2027-04", "current", "msft-share").basis, Decimal("485000.00"))
    check("April msft-share share", row("2027-04", "current", "msft-share").share, Decimal("97000.00"))
    check("April net", net("2027-04"), [("openai", "microsoft", "77000.00")])
    # May (year-to-date tiers, advance and recoupment).
    check("May aws-store-fee share", row("2027-05", "current", "aws-store-fee").share, Decimal("21000.00"))
    check("May msft-share basis", row("2027-05", "current", "msft-share").basis, Decimal("679000.00"))
    check("May msft-share share", row("2027-05", "current", "msft-share").share, Decimal("119400.00"))
    check("May period tiers would give", es.round_half_even(tier_sum(Decimal("679000.00"), contract.versions[0].rules[1].tiers), 2),
          Decimal("135800.00"))
    check("May advance", (row("2027-05", "advance", "2027-prepayment").share,
                          row("2027-05", "advance", "2027-prepayment").version,
                          row("2027-05", "advance", "2027-prepayment").payer,
                          row("2027-05", "advance", "2027-prepayment").payee),
          (Decimal("150000"), "2027-original", "microsoft", "openai"))
    check("May advance share text", es.fmt_share(row("2027-05", "advance", "2027-prepayment").share, 2), "150000.00")
    check("May recoupment", row("2027-05", "recoupment", "2027-prepayment").share, Decimal("-15000.00"))
    check("May net", net("2027-05"), [("microsoft", "openai", "30600.00")])
    check("May kinds", [r.kind for r in res["2027-05"].rows],
          ["current", "current", "current", "advance", "recoupment"])
    # June bullet points.
    check("June aws-store-fee share", row("2027-06", "current", "aws-store-fee").share, Decimal("9000.02"))
    check("June msft-share basis", row("2027-06", "current", "msft-share").basis, Decimal("291000.48"))
    check("June true-up", (row("2027-06", "true-up", "openai-share").share,
                           row("2027-06", "true-up", "openai-share").limited_by),
          (Decimal("10000.00"), "cap"))
    check("June recoupment", row("2027-06", "recoupment", "2027-prepayment").share, Decimal("-35000.00"))
    check("outstanding after June", Decimal("150000") + oracle.recouped["2027-prepayment"], Decimal("100000.00"))
    ok = not failures
    for f in failures:
        print("SELF-TEST FAILED:", f)
    if ok:
        print("self-test: contract.md's example: June statement.csv and net.csv equal the spec's; "
              "April and May figures hold")
    if binary:
        sc = Scenario(0, 0, "all", toml_text, files, None, ["2027-04", "2027-05", "2027-06"])
        expected = {}
        for p in sc.periods:
            expected[f"terms-example/{p}/statement.csv"], expected[f"terms-example/{p}/net.csv"] = rendered[p]
        tmp = Path(tempfile.mkdtemp(prefix="revshare-oracle-selftest-"))
        try:
            diffs = compare_files(expected, run_binary(binary, sc, tmp), 16)
        except Failure as f:
            diffs = [f"binary failed: {f}"]
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        if diffs:
            ok = False
            print("self-test: the binary disagrees on contract.md's example:")
            print("\n".join(diffs))
        else:
            print("self-test: the binary agrees on contract.md's example (April-June, 16 columns)")
    return 0 if ok else 1


# =================================================================================

def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--binary", help="the revshare binary to check")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--count", type=int, default=20)
    ap.add_argument("--terms", choices=["old", "all"], default="old")
    ap.add_argument("--keep", type=Path, help="keep the files of disagreeing scenarios here")
    ap.add_argument("--only", type=int, help="run only this scenario index")
    ap.add_argument("--jobs", type=int, default=max(1, min(4, os.cpu_count() or 1)))
    ap.add_argument("--late", action="store_true",
                    help="close the first months, import late data for them, check the adjustments "
                         "(--terms old; contracts without cap groups)")
    ap.add_argument("--self-test", action="store_true")
    ap.add_argument("--show", action="store_true", help="print the scenario and its expected files")
    ap.add_argument("--max-reports", type=int, default=5, help="print at most this many disagreements in full")
    args = ap.parse_args()
    exact_ctx()
    if args.late and args.terms != "old":
        ap.error("--late needs --terms old")
    if args.self_test:
        return self_test(args.binary)
    indices = [args.only] if args.only is not None else list(range(args.count))
    if args.show:
        for i in indices:
            sc = gen_scenario(args.seed, i, args.terms, args.late)
            print(sc.contract_text)
            for name, text in sc.files + sc.late_files:
                print(f"--- {name}\n{text}")
            if sc.late_files:
                print(f"--- close {sc.periods[:sc.closed]}, then import {[n for n, _ in sc.late_files]}")
            if sc.fx_text:
                print(f"--- fx.csv\n{sc.fx_text}")
            exp, _ = expected_files(sc, OLD_COLUMNS if args.terms == "old" else 16)
            for rel, text in exp.items():
                print(f"--- expected {rel}\n{text}")
        return 0
    if not args.binary:
        ap.error("--binary is required (or --self-test / --show)")
    binary = str(Path(args.binary).resolve())
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
    bad = []
    kinds: dict[str, int] = {}
    printed = 0
    lock = threading.Lock()
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        futs = {pool.submit(run_scenario, binary, args.seed, i, args.terms, args.keep, args.late): i
                for i in indices}
        for fut in concurrent.futures.as_completed(futs):
            i = futs[fut]
            ok, report, kind = fut.result()
            if not ok:
                with lock:
                    bad.append(i)
                    kinds[kind] = kinds.get(kind, 0) + 1
                    if printed < args.max_reports:
                        print(report, flush=True)
                        printed += 1
                    else:
                        print(f"=== seed {args.seed} scenario {i}: disagrees (report not printed; "
                              f"--only {i} shows it)", flush=True)
    if bad:
        what = {"differs": "files differ", "refused": "the binary refused the contract",
                "failed": "a command failed", "oracle": "generator error"}
        print(f"{len(bad)} of {len(indices)} scenarios disagree (seed {args.seed}, --terms {args.terms}"
              f"{' --late' if args.late else ''}): " + ", ".join(f"{n} {what[k]}" for k, n in sorted(kinds.items()))
              + f"; indices {sorted(bad)}")
        return 1
    print(f"{len(indices)} scenarios agree")
    return 0


if __name__ == "__main__":
    sys.exit(main())

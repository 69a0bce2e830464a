#!/usr/bin/env python3
"""Baseline for the benchmark: what a finance team's script does with an export, sum one cost
column exactly (csv module + Decimal).  python3 bench/python_sum.py FILE.csv COLUMN"""
import csv
import sys
from decimal import Decimal

with open(sys.argv[1], newline="") as f:
    rows = csv.reader(f)
    position = next(rows).index(sys.argv[2])
    total = Decimal(0)
    for row in rows:
        if row[position]:
            total += Decimal(row[position])
print(total)

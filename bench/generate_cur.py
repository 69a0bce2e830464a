#!/usr/bin/env python3
"""Writes a synthetic legacy AWS CUR CSV of N rows for the benchmark (fixed seed, exact
decimals written as text; no floating point). A month of daily usage for one payer account:
Amazon Bedrock Marketplace rows from OpenAI (matched by the seed contract), first-party
Bedrock, EC2, S3 and tax rows, with costs of up to 10 decimals, some in E-notation.

    python3 bench/generate_cur.py ROWS OUT.csv [PERIOD=2026-05]

Also prints the exact BilledCost total of the rows, so an import can be checked.
"""
import random
import sys
from decimal import Decimal

HEADER = ["identity/LineItemId", "identity/TimeInterval", "bill/InvoicingEntity", "bill/BillingEntity",
          "bill/BillType", "bill/PayerAccountId", "bill/BillingPeriodStartDate", "bill/BillingPeriodEndDate",
          "lineItem/UsageAccountId", "lineItem/LineItemType", "lineItem/UsageStartDate", "lineItem/UsageEndDate",
          "lineItem/ProductCode", "lineItem/UsageType", "lineItem/Operation", "lineItem/UsageAmount",
          "lineItem/CurrencyCode", "lineItem/UnblendedRate", "lineItem/UnblendedCost", "lineItem/LineItemDescription",
          "lineItem/LegalEntity", "product/ProductName", "product/regionCode", "product/sku",
          "pricing/publicOnDemandCost", "pricing/unit", "resourceTags/user:team"]

KINDS = [
    # product code, usage type, product name, legal entity, billing entity, unit
    ("prod-gpt51bedrock", "USE1-MP:USE1_input_tokens_standard-Units", "GPT-5.1 (Amazon Bedrock Edition)",
     "OpenAI, L.L.C.", "AWS Marketplace", "Units"),
    ("prod-gpt51bedrock", "USE1-MP:USE1_output_tokens_standard-Units", "GPT-5.1 (Amazon Bedrock Edition)",
     "OpenAI, L.L.C.", "AWS Marketplace", "Units"),
    ("AmazonBedrock", "USE1-NovaPro-input-tokens", "Amazon Bedrock", "Amazon Web Services, Inc.", "AWS", "Units"),
    ("AmazonEC2", "USE1-BoxUsage:m7i.large", "Amazon Elastic Compute Cloud", "Amazon Web Services, Inc.", "AWS", "Hrs"),
    ("AmazonS3", "USE1-TimedStorage-ByteHrs", "Amazon Simple Storage Service", "Amazon Web Services, Inc.", "AWS", "GB-Mo"),
]


def quote(text: str) -> str:
    return f'"{text}"' if "," in text else text


def main() -> None:
    rows = int(sys.argv[1])
    out = sys.argv[2]
    period = sys.argv[3] if len(sys.argv) > 3 else "2026-05"
    year, month = (int(x) for x in period.split("-"))
    next_year, next_month = (year + 1, 1) if month == 12 else (year, month + 1)
    start = f"{year:04d}-{month:02d}-01T00:00:00.000Z"
    end = f"{next_year:04d}-{next_month:02d}-01T00:00:00.000Z"
    rng = random.Random(7)
    total = Decimal(0)
    with open(out, "w", newline="") as f:
        f.write(",".join(HEADER) + "\n")
        for i in range(rows):
            day = i % 28 + 1
            code, usage, name, entity, billing, unit = KINDS[i % len(KINDS)]
            line_type = "Tax" if i % 97 == 0 else "Usage"
            cost = Decimal(rng.randrange(1, 10**12)) / Decimal(10**10)
            text = f"{cost:.10f}" if i % 3 else f"{cost.normalize():E}"
            total += cost
            day_start = f"{year:04d}-{month:02d}-{day:02d}T00:00:00.000Z"
            day_end = f"{year:04d}-{month:02d}-{day + 1:02d}T00:00:00.000Z"
            fields = [f"li{i:012d}", f"{day_start}/{day_end}", '"Amazon Web Services, Inc."', billing, "Anniversary",
                      "123456789012", start, end, "210987654321", line_type, day_start, day_end, code, usage,
                      "InvokeModel", str(rng.randrange(1, 100000)), "USD", "", text,
                      f'"{name}, usage"', quote(entity), name, "us-east-1", f"SKU{i % 50:04d}", text, unit,
                      ("platform" if i % 2 else "")]
            f.write(",".join(fields) + "\n")
    print(total)


if __name__ == "__main__":
    main()

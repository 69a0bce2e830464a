#!/usr/bin/env python3
"""Writes a synthetic export of N rows for the benchmark: a legacy AWS CUR (122 columns, the
94 of the real anonymised sample in shared/samples plus the EC2 product attributes, discount
and resource-tag columns a real payer account's CUR carries), an Azure EA cost-details file
(the 55 columns of the finops-toolkit sample), a FOCUS 1.0 file (the 44 columns of the
FOCUS sample data) or an AWS Marketplace seller billing-event feed (the 41-column newer set of
shared/samples/seller-synthetic, formats.md S2). Fixed seed; exact decimals written as text,
never through floating point.

A month of daily usage: OpenAI models sold through the marketplace (matched by the seed
contract), first-party AI, compute, storage and tax rows, costs of up to 10 decimals (some in
E-notation on CUR rows, as Excel-saved exports have them).

    python3 bench/generate_exports.py FORMAT ROWS OUT.csv [--period 2026-05] [--account ID]

FORMAT is cur, azure, focus or aws-billing-events. Prints one line per billing account,
`ACCOUNT TOTAL`: the exact sum of the cost column the importers read into BilledCost, so an
import can be checked. For billing events that is the revenue-signed amount (formats.md S1):
a DISBURSED item row's amount negated, every other row's (DISBURSEMENT rows too) as written;
the account is the rows' recipient_account_id, the lines' BillingAccountId.

The billing events are the delivery month after the usage month PERIOD (a June file holds
May's invoices), in valid_from order; every row a distinct event (40-character ids). Each
cycle of 20 rows is one deal (one buyer of 9,973, product, offer, agreement, invoice id):
8 INVOICED (4 SELLER_REV_SHARE, 4 negative AWS_REV_SHARE listing fees) and 2 INVOICED taxes
(AWS_TAX_SHARE, SELLER_TAX_SHARE); 5 COLLECTED with action_date (2 revenue +, 2 fees -,
1 tax); 5 DISBURSED items with action_date (3 revenue, 2 fees, written with AWS's sign:
revenue -, fee +); every 1,000th row a DISBURSEMENT payout (+), every 997th a negative
SELLER_REV_SHARE_REFUND; one buyer in 10 pays in EUR through AWS_EUROPE. Usage periods: the
whole month, or one day of it (one row in 3). Amounts with 6 decimals, as AWS writes them.
"""
import argparse
import calendar
import random
from decimal import Decimal

CUR_SAMPLE_COLUMNS = [
    "identity/LineItemId", "identity/TimeInterval", "bill/InvoiceId", "bill/InvoicingEntity", "bill/BillingEntity",
    "bill/BillType", "bill/PayerAccountId", "bill/BillingPeriodStartDate", "bill/BillingPeriodEndDate",
    "lineItem/UsageAccountId", "lineItem/LineItemType", "lineItem/UsageStartDate", "lineItem/UsageEndDate",
    "lineItem/ProductCode", "lineItem/UsageType", "lineItem/Operation", "lineItem/AvailabilityZone",
    "lineItem/UsageAmount", "lineItem/NormalizationFactor", "lineItem/NormalizedUsageAmount", "lineItem/CurrencyCode",
    "lineItem/UnblendedRate", "lineItem/UnblendedCost", "lineItem/BlendedRate", "lineItem/BlendedCost",
    "lineItem/LineItemDescription", "lineItem/TaxType", "lineItem/LegalEntity", "product/ProductName",
    "product/availability", "product/durability", "product/eventType", "product/feeCode", "product/feeDescription",
    "product/fromLocation", "product/fromLocationType", "product/fromRegionCode", "product/group",
    "product/groupDescription", "product/location", "product/locationType", "product/messageDeliveryFrequency",
    "product/messageDeliveryOrder", "product/operation", "product/overhead", "product/productFamily",
    "product/productType", "product/queueType", "product/region", "product/regionCode", "product/servicecode",
    "product/servicename", "product/sku", "product/storageClass", "product/storageMedia", "product/toLocation",
    "product/toLocationType", "product/toRegionCode", "product/transferType", "product/usagetype", "product/version",
    "product/volumeType", "pricing/RateCode", "pricing/RateId", "pricing/currency", "pricing/publicOnDemandCost",
    "pricing/publicOnDemandRate", "pricing/term", "pricing/unit", "reservation/AmortizedUpfrontCostForUsage",
    "reservation/AmortizedUpfrontFeeForBillingPeriod", "reservation/EffectiveCost", "reservation/EndTime",
    "reservation/ModificationStatus", "reservation/NormalizedUnitsPerReservation", "reservation/NumberOfReservations",
    "reservation/RecurringFeeForUsage", "reservation/StartTime", "reservation/SubscriptionId",
    "reservation/TotalReservedNormalizedUnits", "reservation/TotalReservedUnits", "reservation/UnitsPerReservation",
    "reservation/UnusedAmortizedUpfrontFeeForBillingPeriod", "reservation/UnusedNormalizedUnitQuantity",
    "reservation/UnusedQuantity", "reservation/UnusedRecurringFee", "reservation/UpfrontValue",
    "savingsPlan/TotalCommitmentToDate", "savingsPlan/SavingsPlanARN", "savingsPlan/SavingsPlanRate",
    "savingsPlan/UsedCommitment", "savingsPlan/SavingsPlanEffectiveCost",
    "savingsPlan/AmortizedUpfrontCommitmentForBillingPeriod", "savingsPlan/RecurringCommitmentForBillingPeriod",
]
CUR_EXTRA_COLUMNS = [
    "product/instanceType", "product/instanceFamily", "product/vcpu", "product/memory", "product/operatingSystem",
    "product/tenancy", "product/licenseModel", "product/physicalProcessor", "product/networkPerformance",
    "product/storage", "product/clockSpeed", "product/currentGeneration", "product/ecu",
    "product/processorArchitecture", "product/capacitystatus", "product/preInstalledSw", "product/marketoption",
    "product/normalizationSizeFactor", "product/vpcnetworkingsupport", "product/enhancedNetworkingSupported",
    "discount/TotalDiscount", "discount/EdpDiscount", "discount/PrivateRateDiscount",
    "resourceTags/user:team", "resourceTags/user:env", "resourceTags/user:project", "resourceTags/user:cost-center",
    "resourceTags/aws:createdBy",
]
CUR_COLUMNS = CUR_SAMPLE_COLUMNS + CUR_EXTRA_COLUMNS
assert len(CUR_COLUMNS) == 122

CUR_KINDS = [
    # product code, usage type, operation, product name, legal entity, billing entity, unit, family
    ("prod-gpt51bedrock", "USE1-MP:USE1_input_tokens_standard-Units", "InvokeModel",
     "GPT-5.1 (Amazon Bedrock Edition)", "OpenAI, L.L.C.", "AWS Marketplace", "Units", "Machine Learning"),
    ("prod-gpt51bedrock", "USE1-MP:USE1_output_tokens_standard-Units", "InvokeModel",
     "GPT-5.1 (Amazon Bedrock Edition)", "OpenAI, L.L.C.", "AWS Marketplace", "Units", "Machine Learning"),
    ("AmazonBedrock", "USE1-NovaPro-input-tokens", "InvokeModel", "Amazon Bedrock", "Amazon Web Services, Inc.",
     "AWS", "Units", "Amazon Bedrock"),
    ("AmazonEC2", "USE1-BoxUsage:m7i.large", "RunInstances", "Amazon Elastic Compute Cloud",
     "Amazon Web Services, Inc.", "AWS", "Hrs", "Compute Instance"),
    ("AmazonS3", "USE1-TimedStorage-ByteHrs", "StandardStorage", "Amazon Simple Storage Service",
     "Amazon Web Services, Inc.", "AWS", "GB-Mo", "Storage"),
]
EC2_ATTRIBUTES = {
    "product/instanceType": "m7i.large", "product/instanceFamily": "General purpose", "product/vcpu": "2",
    "product/memory": "8 GiB", "product/operatingSystem": "Linux", "product/tenancy": "Shared",
    "product/licenseModel": "No License required", "product/physicalProcessor": "Intel Xeon Scalable (Sapphire Rapids)",
    "product/networkPerformance": "Up to 12500 Megabit", "product/storage": "EBS only",
    "product/clockSpeed": "3.2 GHz", "product/currentGeneration": "Yes", "product/ecu": "NA",
    "product/processorArchitecture": "64-bit", "product/capacitystatus": "Used", "product/preInstalledSw": "NA",
    "product/marketoption": "OnDemand", "product/normalizationSizeFactor": "4",
    "product/vpcnetworkingsupport": "true", "product/enhancedNetworkingSupported": "Yes",
}

AZURE_COLUMNS = [
    "BillingAccountId", "BillingAccountName", "BillingPeriodStartDate", "BillingPeriodEndDate", "BillingProfileId",
    "BillingProfileName", "AccountOwnerId", "AccountName", "SubscriptionId", "SubscriptionName", "Date", "Product",
    "PartNumber", "MeterId", "ServiceFamily", "MeterCategory", "MeterSubCategory", "MeterRegion", "MeterName",
    "Quantity", "EffectivePrice", "Cost", "UnitPrice", "BillingCurrency", "ResourceLocation", "AvailabilityZone",
    "ConsumedService", "ResourceId", "ResourceName", "ServiceInfo1", "ServiceInfo2", "AdditionalInfo", "Tags",
    "InvoiceSectionId", "InvoiceSection", "CostCenter", "UnitOfMeasure", "ResourceGroup", "ReservationId",
    "ReservationName", "ProductOrderId", "ProductOrderName", "OfferId", "IsAzureCreditEligible", "Term",
    "PublisherName", "PlanName", "ChargeType", "Frequency", "PublisherType", "PayGPrice", "PricingModel",
    "CostAllocationRuleName", "benefitId", "benefitName",
]
AZURE_KINDS = [
    # meter category, subcategory, meter name, product, unit, service family, consumed service
    ("Cognitive Services", "Azure OpenAI", "gpt-4o-0806-Inp-glbl Tokens", "Azure OpenAI - gpt-4o-0806-Inp-glbl",
     "1K", "AI + Machine Learning", "Microsoft.CognitiveServices"),
    ("Cognitive Services", "Azure OpenAI", "gpt-4o-0806-Outp-glbl Tokens", "Azure OpenAI - gpt-4o-0806-Outp-glbl",
     "1K", "AI + Machine Learning", "Microsoft.CognitiveServices"),
    ("Virtual Machines", "BS Series", "B1s", "Virtual Machines BS Series - B1s - UK South", "1 Hour", "Compute",
     "Microsoft.Compute"),
    ("Storage", "Tiered Block Blob", "Hot LRS Data Stored", "Blob Storage - Hot LRS", "1 GB/Month", "Storage",
     "Microsoft.Storage"),
]

FOCUS_COLUMNS = [
    "AvailabilityZone", "BilledCost", "BillingAccountId", "BillingAccountName", "BillingCurrency", "BillingPeriodEnd",
    "BillingPeriodStart", "ChargeCategory", "ChargeClass", "ChargeDescription", "ChargeFrequency", "ChargePeriodEnd",
    "ChargePeriodStart", "CommitmentDiscountCategory", "CommitmentDiscountId", "CommitmentDiscountName",
    "CommitmentDiscountStatus", "CommitmentDiscountType", "ConsumedQuantity", "ConsumedUnit", "ContractedCost",
    "ContractedUnitPrice", "EffectiveCost", "InvoiceIssuerName", "ListCost", "ListUnitPrice", "PricingCategory",
    "PricingQuantity", "PricingUnit", "ProviderName", "PublisherName", "RegionId", "RegionName", "ResourceId",
    "ResourceName", "ResourceType", "ServiceCategory", "Id", "ServiceName", "SkuId", "SkuPriceId", "SubAccountId",
    "SubAccountName", "Tags",
]
FOCUS_KINDS = [
    # provider, publisher, service name, sku meter description, unit, service category
    ("AWS", "OpenAI, L.L.C.", "GPT-5.1 (Amazon Bedrock Edition)", "GPT-5.1 input tokens", "Tokens", "AI and Machine Learning"),
    ("AWS", "Amazon Web Services, Inc.", "Amazon Simple Queue Service", "Amazon SQS standard requests", "Requests",
     "Integration"),
    ("AWS", "Amazon Web Services, Inc.", "Amazon Elastic Compute Cloud", "m7i.large Linux on demand", "Hours", "Compute"),
]

AWS_BILLING_EVENT_COLUMNS = [
    # The newer column set (41), in the order of shared/samples/seller-synthetic/aws-billing-events-2026-06.csv.
    "billing_event_id", "parent_billing_event_id", "valid_from", "insert_date", "update_date", "delete_date",
    "invoice_date", "transaction_type", "transaction_reference_id", "bank_trace_id", "broker_id", "product_id",
    "disbursement_billing_event_id", "action", "from_account_id", "to_account_id", "end_user_account_id",
    "billing_address_id", "amount", "currency", "balance_impacting", "agreement_id", "invoice_id",
    "payment_due_date", "usage_period_start_date", "usage_period_end_date", "buyer_transaction_reference_id",
    "disbursement_amount", "disbursement_currency", "disbursement_reference_number", "catalog",
    "buyer_invoice_id", "invoice_variant", "action_date", "offer_id", "buyer_invoice_date", "line_item_id",
    "buyer_line_item_id", "charge_variant", "charge_side", "recipient_account_id",
]
assert len(AWS_BILLING_EVENT_COLUMNS) == 41
# (action, transaction_type) of the rows of each cycle of 20, in file order.
AWS_BILLING_EVENT_CYCLE = [
    ("INVOICED", "SELLER_REV_SHARE"), ("INVOICED", "AWS_REV_SHARE"), ("INVOICED", "SELLER_REV_SHARE"),
    ("INVOICED", "AWS_REV_SHARE"), ("INVOICED", "AWS_TAX_SHARE"), ("COLLECTED", "SELLER_REV_SHARE"),
    ("COLLECTED", "AWS_REV_SHARE"), ("DISBURSED", "SELLER_REV_SHARE"), ("DISBURSED", "AWS_REV_SHARE"),
    ("INVOICED", "SELLER_REV_SHARE"), ("INVOICED", "AWS_REV_SHARE"), ("COLLECTED", "SELLER_REV_SHARE"),
    ("COLLECTED", "AWS_REV_SHARE"), ("INVOICED", "SELLER_REV_SHARE"), ("INVOICED", "AWS_REV_SHARE"),
    ("INVOICED", "SELLER_TAX_SHARE"), ("DISBURSED", "SELLER_REV_SHARE"), ("DISBURSED", "AWS_REV_SHARE"),
    ("COLLECTED", "SELLER_TAX_SHARE"), ("DISBURSED", "SELLER_REV_SHARE"),
]
AWS_PRODUCTS = [("prod-oaigpt41x7kq2", "offer-synthpub00001"), ("prod-oaio4mini9vw3", "offer-synthpub00002"),
                ("prod-oaigpt51b2m8z", "offer-synthpriv0b02")]
AWS_SELLER = "5e11e700-0a1c-4b2d-9e3f-00000000a001"  # from/to account of the seller (as in the samples)


def csv_cell(text: str) -> str:
    if any(c in text for c in ',"\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


class Month:
    def __init__(self, period: str):
        self.year, self.month = (int(x) for x in period.split("-"))
        self.next_year, self.next_month = (self.year + 1, 1) if self.month == 12 else (self.year, self.month + 1)

    def day(self, day: int, sep: str = "T", suffix: str = ".000Z") -> str:
        return f"{self.year:04d}-{self.month:02d}-{day:02d}{sep}00:00:00{suffix}"

    def next_day(self, day: int, sep: str = "T", suffix: str = ".000Z") -> str:
        if day < calendar.monthrange(self.year, self.month)[1]:
            return self.day(day + 1, sep, suffix)
        return self.end(sep, suffix)

    def start(self, sep: str = "T", suffix: str = ".000Z") -> str:
        return self.day(1, sep, suffix)

    def end(self, sep: str = "T", suffix: str = ".000Z") -> str:
        return f"{self.next_year:04d}-{self.next_month:02d}-01{sep}00:00:00{suffix}"


def random_cost(rng: random.Random) -> Decimal:
    # 0.0000000001 to 99.9999999999: exact, 10 decimals.
    return Decimal(rng.randrange(1, 10**12)).scaleb(-10)


def write_rows(out, columns: list, rows: int, row_values) -> Decimal:
    """Writes the header and `rows` rows; row_values(i) gives (cells by column name, cost)."""
    out.write(",".join(columns) + "\n")
    position = {name: i for i, name in enumerate(columns)}
    total = Decimal(0)
    for i in range(rows):
        values, cost = row_values(i)
        total += cost
        cells = [""] * len(columns)
        for column, value in values.items():
            cells[position[column]] = csv_cell(value)
        out.write(",".join(cells) + "\n")
    return total


def cur_row(i: int, month: Month, account: str, rng: random.Random):
    day = i % 28 + 1
    code, usage, operation, name, entity, billing, unit, family = CUR_KINDS[i % len(CUR_KINDS)]
    is_tax = i % 97 == 0
    cost = random_cost(rng)
    cost_text = f"{cost:.10f}" if i % 3 else f"{cost.normalize():E}"
    start, end = month.day(day), month.next_day(day)
    values = {
        "identity/LineItemId": f"{rng.getrandbits(120):030x}{i:012d}",
        "identity/TimeInterval": f"{start[:19]}Z/{end[:19]}Z",
        "bill/InvoiceId": "EUINUS26-000123",
        "bill/InvoicingEntity": "Amazon Web Services, Inc.",
        "bill/BillingEntity": billing,
        "bill/BillType": "Anniversary",
        "bill/PayerAccountId": account,
        "bill/BillingPeriodStartDate": month.start(),
        "bill/BillingPeriodEndDate": month.end(),
        "lineItem/UsageAccountId": f"2109876543{i % 7:02d}",
        "lineItem/LineItemType": "Tax" if is_tax else "Usage",
        "lineItem/UsageStartDate": start,
        "lineItem/UsageEndDate": end,
        "lineItem/ProductCode": code,
        "lineItem/UsageType": "" if is_tax else usage,
        "lineItem/Operation": "" if is_tax else operation,
        "lineItem/AvailabilityZone": "" if is_tax else "us-east-1a",
        "lineItem/UsageAmount": str(rng.randrange(1, 100000)),
        "lineItem/CurrencyCode": "USD",
        "lineItem/UnblendedRate": "" if is_tax else "0.0000025000",
        "lineItem/UnblendedCost": cost_text,
        "lineItem/BlendedRate": "" if is_tax else "0.0000025000",
        "lineItem/BlendedCost": cost_text,
        "lineItem/LineItemDescription": f"Tax for product code {code}" if is_tax else f"{name}, {usage} usage",
        "lineItem/TaxType": "Sales Tax" if is_tax else "",
        "lineItem/LegalEntity": entity,
        "product/ProductName": name,
        "product/location": "US East (N. Virginia)",
        "product/locationType": "AWS Region",
        "product/productFamily": family,
        "product/region": "us-east-1",
        "product/regionCode": "us-east-1",
        "product/servicecode": code,
        "product/servicename": name,
        "product/sku": f"SKU{i % 50:04d}XYZ7ZP9Q",
        "product/usagetype": usage,
        "pricing/RateCode": f"SKU{i % 50:04d}XYZ7ZP9Q.JRTCKXETXF.6YS6EN2CT7",
        "pricing/RateId": str(1000000000 + i % 50),
        "pricing/currency": "USD",
        "pricing/publicOnDemandCost": cost_text,
        "pricing/publicOnDemandRate": "0.0000025000",
        "pricing/term": "OnDemand",
        "pricing/unit": unit,
        "discount/TotalDiscount": "0.0",
        "resourceTags/user:team": "platform" if i % 2 else "",
        "resourceTags/user:env": ("prod", "staging", "dev")[i % 3],
        "resourceTags/user:project": f"project-{i % 11}",
        "resourceTags/user:cost-center": f"CC-{1000 + i % 5}" if i % 4 else "",
        "resourceTags/aws:createdBy": "" if i % 5 else "IAMUser:AIDAEXAMPLE:ci",
    }
    if code == "AmazonEC2":
        values.update(EC2_ATTRIBUTES)
    return values, cost


def azure_date(month: Month, day: int) -> str:
    return f"{month.month:02d}/{day:02d}/{month.year:04d}"


def azure_row(i: int, month: Month, account: str, rng: random.Random):
    last_day = calendar.monthrange(month.year, month.month)[1]
    day = i % 28 + 1
    category, subcategory, meter, product, unit, family, service = AZURE_KINDS[i % len(AZURE_KINDS)]
    cost = random_cost(rng)
    values = {
        "BillingAccountId": account, "BillingAccountName": "Contoso Research",
        "BillingPeriodStartDate": azure_date(month, 1), "BillingPeriodEndDate": azure_date(month, last_day),
        "BillingProfileId": account, "BillingProfileName": "Contoso Research",
        "AccountOwnerId": "finops@contoso.example", "AccountName": "ML Team",
        "SubscriptionId": f"1caaa5a3-2b66-438e-8ab4-bce37d518c{i % 8:02d}",
        "SubscriptionName": "Research", "Date": azure_date(month, day), "Product": product,
        "PartNumber": "AAA-88134", "MeterId": f"f31064a2-ed95-4e11-8b69-270f2fc4fb{i % 4:02d}",
        "ServiceFamily": family, "MeterCategory": category, "MeterSubCategory": subcategory,
        "MeterRegion": "UK South", "MeterName": meter, "Quantity": str(rng.randrange(1, 100000)),
        "EffectivePrice": "0.00275", "Cost": f"{cost:.10f}", "UnitPrice": "0.00275", "BillingCurrency": "USD",
        "ResourceLocation": "uksouth", "ConsumedService": service,
        "ResourceId": f"/subscriptions/1caaa5a3/resourceGroups/ml/providers/{service}/accounts/acct{i % 9}",
        "ResourceName": f"acct{i % 9}", "AdditionalInfo": '{"UsageType": "ComputeHR"}' if i % 4 == 2 else "",
        "Tags": f'"team": "ml","env": "{("prod", "dev")[i % 2]}"', "InvoiceSectionId": "ACM",
        "InvoiceSection": "acm9000", "CostCenter": "1000", "UnitOfMeasure": unit, "ResourceGroup": "ml",
        "OfferId": "MS-AZR-0017P", "IsAzureCreditEligible": "True", "PublisherName": "Microsoft",
        "ChargeType": "Usage", "Frequency": "UsageBased", "PublisherType": "Azure", "PayGPrice": "0.00275",
        "PricingModel": "OnDemand",
    }
    return values, cost


def focus_row(i: int, month: Month, account: str, rng: random.Random):
    day = i % 28 + 1
    provider, publisher, service, description, unit, category = FOCUS_KINDS[i % len(FOCUS_KINDS)]
    is_tax = i % 97 == 0
    cost = random_cost(rng)
    cost_text = f"{cost:.10f}"
    values = {
        "BilledCost": cost_text, "BillingAccountId": account, "BillingAccountName": "SunBird",
        "BillingCurrency": "USD", "BillingPeriodEnd": month.end(" ", ""), "BillingPeriodStart": month.start(" ", ""),
        "ChargeCategory": "Tax" if is_tax else "Usage", "ChargeDescription": description,
        "ChargeFrequency": "Usage-Based", "ChargePeriodEnd": month.next_day(day, " ", ""),
        "ChargePeriodStart": month.day(day, " ", ""), "ConsumedQuantity": str(rng.randrange(1, 100000)),
        "ConsumedUnit": unit, "ContractedCost": cost_text, "ContractedUnitPrice": "0.0000025",
        "EffectiveCost": cost_text, "InvoiceIssuerName": "Amazon Web Services, Inc.", "ListCost": cost_text,
        "ListUnitPrice": "0.0000025", "PricingCategory": "Standard", "PricingQuantity": "1", "PricingUnit": unit,
        "ProviderName": provider, "PublisherName": publisher, "RegionId": "us-west-2",
        "RegionName": "US West (Oregon)", "ResourceId": f"arn:aws:sqs:us-west-2:347410479675:queue-{i % 13}",
        "ServiceCategory": category, "Id": str(i + 1), "ServiceName": service, "SkuId": f"G95FST5FTYV3JS{i % 9:02d}",
        "SkuPriceId": f"G95FST5FTYV3JS{i % 9:02d}.JRTCKXETXF", "SubAccountId": f"5173892878{i % 3}",
        "SubAccountName": "Atlas Nimbus", "Tags": '{"team": "ml"}' if i % 2 else "",
    }
    return values, cost


def event_id(i: int) -> str:
    """A distinct 40-character billing_event_id for row i (also computable for the rows that name it)."""
    return f"{((i + 1) * 0x9E3779B97F4A7C15F39CC0605CEDC835) % (1 << 120):030x}{i:010d}"


def aws_time(year: int, month: int, day: int, second: int) -> str:
    return f"{year:04d}-{month:02d}-{day:02d}T{second // 3600:02d}:{second // 60 % 60:02d}:{second % 60:02d}Z"


def aws_billing_event_row(i: int, rows: int, month: Month, account: str, rng: random.Random):
    """Row i of `rows`: the events of the delivery month after `month`, in valid_from order."""
    year, mon = month.next_year, month.next_month  # the delivery month
    days = calendar.monthrange(year, mon)[1]
    moment = i * days * 86400 // max(rows, 1)  # seconds into the delivery month, non-decreasing
    day, second = moment // 86400 + 1, moment % 86400
    stamp = aws_time(year, mon, day, second)
    action, kind = AWS_BILLING_EVENT_CYCLE[i % len(AWS_BILLING_EVENT_CYCLE)]
    if i % 1000 == 999:
        action, kind = "DISBURSED", "DISBURSEMENT"
    elif i % 997 == 500:
        action, kind = "INVOICED", "SELLER_REV_SHARE_REFUND"
    # Each cycle of 20 rows is one deal: one buyer (of 9,973), product, offer, agreement and invoice.
    deal = i // len(AWS_BILLING_EVENT_CYCLE)
    buyer_number = deal % 9973
    europe = buyer_number % 10 == 3  # one buyer in 10 pays in EUR
    currency, broker = ("EUR", "AWS_EUROPE") if europe else ("USD", "AWS_INC")
    product_number = deal // 9973 % len(AWS_PRODUCTS)
    product, offer = AWS_PRODUCTS[product_number]
    buyer = f"b0e7e700-{buyer_number:04d}-4aaa-8bbb-{buyer_number:012d}"
    invoice = str(800000000 + deal)
    if kind == "AWS_REV_SHARE":
        amount = -Decimal(rng.randrange(1, 3 * 10**9)).scaleb(-6)  # the listing fee: up to 2,999.999999
    elif kind.endswith("TAX_SHARE"):
        amount = Decimal(rng.randrange(1, 10**9)).scaleb(-6)
    elif kind == "DISBURSEMENT":
        amount = Decimal(rng.randrange(10**9, 10**12)).scaleb(-6)
    else:
        amount = Decimal(rng.randrange(1, 10**11)).scaleb(-6)  # up to 99,999.999999
    if kind.endswith("_REFUND"):
        amount = -amount
    # The amount as AWS writes it: a DISBURSED item row negates what it pays out (S1).
    item_disbursed = action == "DISBURSED" and kind != "DISBURSEMENT"
    written = -amount if item_disbursed else amount
    invoice_day = f"{year:04d}-{mon:02d}-{day:02d}T00:00:{i % 60:02d}Z"
    action_date = aws_time(year, mon, day, second // 2)
    earlier_invoice = aws_time(month.year, month.month, i % 28 + 1, i % 60)  # the usage month's invoice
    values = {
        "billing_event_id": event_id(i), "valid_from": stamp, "insert_date": stamp, "update_date": stamp,
        "transaction_type": kind, "action": action, "amount": f"{written:.6f}", "currency": currency,
        "catalog": "AWSMarketplace", "recipient_account_id": account,
    }
    if kind == "DISBURSEMENT":
        values.update({
            "invoice_date": action_date, "bank_trace_id": f"TRACE{i:011d}", "from_account_id": "AWS",
            "to_account_id": AWS_SELLER, "balance_impacting": "0", "action_date": action_date,
        })
        return values, amount
    values.update({
        "transaction_reference_id": f"txref-{invoice}", "broker_id": broker, "product_id": product,
        "from_account_id": AWS_SELLER if kind.startswith("AWS_REV") or kind.endswith("_REFUND") else buyer,
        "to_account_id": "AWS" if kind.startswith("AWS_") else buyer if kind.endswith("_REFUND") else AWS_SELLER,
        "end_user_account_id": buyer,
        "billing_address_id": f"addr-{buyer_number:05d}", "balance_impacting": "0" if kind == "AWS_TAX_SHARE" else "1",
        "agreement_id": f"agmnt-{buyer_number:020d}{product_number:06d}", "invoice_id": invoice, "offer_id": offer,
    })
    if action == "INVOICED":
        if i % 3 == 0:  # a day's usage
            usage_day = i % calendar.monthrange(month.year, month.month)[1] + 1
            start = aws_time(month.year, month.month, usage_day, 0)
            end = aws_time(month.year, month.month, usage_day, 86399)
        else:  # the month's
            start = month.start(suffix="Z")
            end = aws_time(month.year, month.month, calendar.monthrange(month.year, month.month)[1], 86399)
        due_month = (year + 1, 1) if mon == 12 else (year, mon + 1)
        values.update({
            "invoice_date": invoice_day, "payment_due_date": f"{due_month[0]:04d}-{due_month[1]:02d}-{min(day, 28):02d}T00:00:00Z",
            "usage_period_start_date": start, "usage_period_end_date": end,
            "invoice_variant": "LISTING_FEE" if europe and kind == "AWS_REV_SHARE" else "PURCHASE",
        })
    else:
        values.update({
            "parent_billing_event_id": event_id(max(i - 5, 0)), "invoice_date": earlier_invoice,
            "action_date": action_date,
        })
        if action == "DISBURSED":
            values["disbursement_billing_event_id"] = event_id(i // 1000 * 1000 + 999)
            values["balance_impacting"] = "0"
    return values, amount


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("format", choices=["cur", "azure", "focus", "aws-billing-events"])
    parser.add_argument("rows", type=int)
    parser.add_argument("out")
    parser.add_argument("--period", default="2026-05")
    parser.add_argument("--account", default="999900000001")
    arguments = parser.parse_args()
    events_row = lambda i, month, account, rng: aws_billing_event_row(i, arguments.rows, month, account, rng)
    columns, make_row = {"cur": (CUR_COLUMNS, cur_row), "azure": (AZURE_COLUMNS, azure_row),
                         "focus": (FOCUS_COLUMNS, focus_row),
                         "aws-billing-events": (AWS_BILLING_EVENT_COLUMNS, events_row)}[arguments.format]
    rng = random.Random(7)
    month = Month(arguments.period)
    with open(arguments.out, "w", newline="", buffering=1 << 20) as out:
        total = write_rows(out, columns, arguments.rows,
                           lambda i: make_row(i, month, arguments.account, rng))
    print(arguments.account, total)


if __name__ == "__main__":
    main()

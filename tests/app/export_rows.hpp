#pragma once
// Small export files of every format, each row naming a billing account, a sub-account and a
// cost (charged 2026-03-05, billing period 2026-03), for tests of what every importer must do
// alike: scopes (import_scope_test.cpp) and header rules (duplicate_columns_test.cpp).
#include <stdexcept>
#include <string>
#include <vector>

namespace revshare::testing {

struct ExportRow {
    std::string billing_account;
    std::string sub_account;
    std::string cost;
};

struct ExportFormat {
    std::string name;      // as --format and `imports` name it
    std::string provider;  // ProviderName of the lines
    std::string header;    // the header row, without its line end
    std::string billing_account_name;  // the header's names of the two id columns
    std::string sub_account_name;
    int billing_account_column = 0;  // 1-based

    // A data row in the header's column order (FOCUS rows name `focus_provider` as ProviderName).
    [[nodiscard]] std::string row(const ExportRow& row, const std::string& focus_provider = "AWS") const {
        const std::string& a = row.billing_account;
        const std::string& s = row.sub_account;
        const std::string& c = row.cost;
        if (name == "aws-cur" || name == "aws-cur-athena" || name == "aws-cur2") {
            return "id," + a + ",2026-03-01T00:00:00Z,2026-04-01T00:00:00Z," + s +
                   ",Usage,2026-03-05T00:00:00Z,2026-03-05T01:00:00Z,AmazonEC2,BoxUsage,USD," + c + ",AWS Inc" +
                   (name == "aws-cur2" ? "," : "");
        }
        if (name == "azure-ea") return "03/05/2026," + c + ",USD,Usage,Virtual Machines,D2 v3,owner," + a + "," + s;
        if (name == "azure-mca") return "2026-03-05," + c + ",USD,Usage,Virtual Machines,D2 v3," + a + ",P1," + s;
        return c + "," + c + ",USD,Usage,2026-03-05T00:00:00Z,2026-03-06T00:00:00Z,2026-03-01T00:00:00Z,2026-04-01T00:00:00Z," +
               focus_provider + "," + a + "," + s;
    }

    [[nodiscard]] std::string file(const std::vector<ExportRow>& rows, const std::string& focus_provider = "AWS") const {
        std::string text = header + "\n";
        for (const auto& r : rows) text += row(r, focus_provider) + "\n";
        return text;
    }

    // A sub-account id of the kind the format delivers, ending in `suffix`.
    [[nodiscard]] std::string sub_account(const std::string& suffix) const {
        if (provider == "Microsoft") return "2639DE71-CA37-4A17-A104-17665A50E7F" + suffix;
        return "44445555666" + suffix;
    }
    // SubAccountId of a line with that sub-account.
    [[nodiscard]] std::string sub_account_text(const std::string& sub_account) const {
        return provider == "Microsoft" ? "/subscriptions/" + sub_account : sub_account;
    }
};

inline std::vector<ExportFormat> export_formats() {
    const std::string aws_snake =
        "identity_line_item_id,bill_payer_account_id,bill_billing_period_start_date,bill_billing_period_end_date,"
        "line_item_usage_account_id,line_item_line_item_type,line_item_usage_start_date,line_item_usage_end_date,"
        "line_item_product_code,line_item_usage_type,line_item_currency_code,line_item_unblended_cost,line_item_legal_entity";
    return {
        {"aws-cur", "AWS",
         "identity/LineItemId,bill/PayerAccountId,bill/BillingPeriodStartDate,bill/BillingPeriodEndDate,"
         "lineItem/UsageAccountId,lineItem/LineItemType,lineItem/UsageStartDate,lineItem/UsageEndDate,"
         "lineItem/ProductCode,lineItem/UsageType,lineItem/CurrencyCode,lineItem/UnblendedCost,lineItem/LegalEntity",
         "bill/PayerAccountId", "lineItem/UsageAccountId", 2},
        {"aws-cur-athena", "AWS", aws_snake, "bill_payer_account_id", "line_item_usage_account_id", 2},
        {"aws-cur2", "AWS", aws_snake + ",product", "bill_payer_account_id", "line_item_usage_account_id", 2},
        {"azure-ea", "Microsoft",
         "Date,CostInBillingCurrency,BillingCurrencyCode,ChargeType,MeterCategory,MeterName,AccountName,BillingAccountId,"
         "SubscriptionId",
         "BillingAccountId", "SubscriptionId", 8},
        {"azure-mca", "Microsoft",
         "date,costInBillingCurrency,billingCurrency,chargeType,meterCategory,meterName,billingAccountId,billingProfileId,"
         "subscriptionId",
         "billingAccountId", "subscriptionId", 7},
        {"focus", "AWS",
         "BilledCost,EffectiveCost,BillingCurrency,ChargeCategory,ChargePeriodStart,ChargePeriodEnd,BillingPeriodStart,"
         "BillingPeriodEnd,ProviderName,BillingAccountId,SubAccountId",
         "BillingAccountId", "SubAccountId", 10},
    };
}

inline ExportFormat export_format(const std::string& name) {
    for (auto& format : export_formats()) {
        if (format.name == name) return format;
    }
    throw std::logic_error("no test format " + name);
}

}  // namespace revshare::testing

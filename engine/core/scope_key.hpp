#pragma once
// The scope of an imported line: what a later delivery of the same data replaces (an import
// supersedes the earlier imports of its scopes; README glossary "scope"). A scope is
// (ProviderName, scope key, BillingPeriodStart). The key comes from the line's BillingAccountId
// or, when that is blank, its SubAccountId (importers/MAPPING.md, "Scopes"): never empty, so
// that two customers' exports without a billing account never replace each other. A line with
// neither has no scope; the importer quarantines it.
#include "engine/core/usage_record.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace revshare {

// The column whose value keys `line`'s scope: BillingAccountId, else SubAccountId; nullopt when
// both are blank (empty, or only spaces and tabs).
[[nodiscard]] std::optional<TextColumn> scope_key_column(const UsageRecord& line);

// The key as compared: `<column>=<value>` (`SubAccountId=/subscriptions/...`, so that a payer
// account and a usage account with the same number are different keys), the value without its
// surrounding spaces and tabs, and in lower case (ASCII) when `provider` is `Microsoft`: Azure
// compares its ids (GUIDs, ARM paths, enrollment numbers) in any letter case. The stored lines
// keep the value as delivered. Migration 0008 computes the same text in SQL.
[[nodiscard]] std::string scope_key(std::string_view provider, TextColumn column, std::string_view value);

}  // namespace revshare

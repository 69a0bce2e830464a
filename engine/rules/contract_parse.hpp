#pragma once
// parse_contract: contract TOML text -> a validated Contract, or every validation error
// (shared/spec/contract.md). Errors are collected, not stopped at: one diagnostic per problem,
// code contract_invalid, in file order, each naming the field, e.g.
//   openai-microsoft.toml:27:11: error[contract-invalid]: version "2026-amendment"
//   rule "msft-share-all-clouds" rate: a TOML float is not allowed (...); write the rate as a
//   string, e.g. rate = "0.15"
// Problems that belong to no line (a missing top-level key, the file size) have no line.
#include "engine/core/diagnostic.hpp"
#include "engine/rules/contract.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace revshare::rules {

struct ParsedContract {
    std::optional<Contract> contract;  // set iff errors is empty
    Diagnostics errors;                // in file order
};

[[nodiscard]] ParsedContract parse_contract(std::string_view toml_text, const std::string& file_name);

}  // namespace revshare::rules

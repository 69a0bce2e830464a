#pragma once
// Helpers for the contract parser tests: small inline contracts with known line numbers, and
// the diagnostics of a parse as one string (one headline per line) so a failure shows all.
#include "engine/rules/contract_parse.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>

namespace revshare::testing {

// Every diagnostic headline of parsing `text` as "c.toml", one per line; "" when it is valid.
// Also checks the contract is set exactly when there is no error.
inline std::string contract_errors(std::string_view text) {
    const rules::ParsedContract parsed = rules::parse_contract(text, "c.toml");
    CHECK(parsed.contract.has_value() == parsed.errors.empty());
    std::string headlines;
    for (const Diagnostic& error : parsed.errors) {
        CHECK(error.code == DiagnosticCode::contract_invalid);
        headlines += error.headline() + "\n";
    }
    return headlines;
}

// The expected headline at line:column (column 0: none; line 0: the whole file).
inline std::string at(int line, int column, std::string_view message) {
    std::string text = "c.toml";
    if (line > 0) text += ":" + std::to_string(line);
    if (column > 0) text += ":" + std::to_string(column);
    return text + ": error[contract-invalid]: " + std::string(message) + "\n";
}

// Lines 1-9: contract "c" in `currency`, parties a and b, version "v1" from 2026-01-01.
inline std::string contract_head(std::string_view currency = "USD") {
    return "id = \"c\"\n"                                     // 1
           "name = \"C\"\n"                                   // 2
           "currency = \"" + std::string(currency) + "\"\n"   // 3
           "[parties]\n"                                      // 4
           "a = \"A\"\n"                                      // 5
           "b = \"B\"\n"                                      // 6
           "[[version]]\n"                                    // 7
           "id = \"v1\"\n"                                    // 8
           "effective_from = 2026-01-01\n";                   // 9
}

// contract_head, `[[version.rule]]` on line 10, then `body` from line 11.
inline std::string with_rule(std::string_view body, std::string_view currency = "USD") {
    return contract_head(currency) + "[[version.rule]]\n" + std::string(body);
}

// Lines 11-14 of a rule "r1" from a to b; add rate/tiers from line 15.
inline constexpr std::string_view rule_head =
    "id = \"r1\"\n"                         // 11
    "payer = \"a\"\n"                       // 12
    "payee = \"b\"\n"                       // 13
    "match = { ProviderName = [\"X\"] }\n";  // 14

// `text` with its 1-based line `line` replaced by `replacement` (which may hold several lines or
// none: "" removes the line).
inline std::string replace_line(const std::string& text, int line, std::string_view replacement) {
    std::size_t start = 0;
    for (int i = 1; i < line; ++i) start = text.find('\n', start) + 1;
    const std::size_t end = text.find('\n', start) + 1;
    return text.substr(0, start) + std::string(replacement) + (replacement.empty() ? "" : "\n") + text.substr(end);
}

// rule_head plus `rate = "0.1"` on line 15: a complete rule; add fields from line 16.
inline std::string valid_rule_body() { return std::string(rule_head) + "rate = \"0.1\"\n"; }

}  // namespace revshare::testing

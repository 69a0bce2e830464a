#pragma once
// Test helpers for the settlement engine: an in-memory text dictionary and line source, and
// small builders for contracts, so each test reads as the contract and lines it settles.
#include "engine/core/currency.hpp"
#include "engine/core/decimal.hpp"
#include "engine/core/period.hpp"
#include "engine/core/rate.hpp"
#include "engine/core/usage_record.hpp"
#include "engine/rules/contract.hpp"
#include "engine/settle/settlement.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace revshare::testing {

inline Decimal dec(std::string_view text) {
    auto value = Decimal::parse_plain(text);
    REQUIRE(value.has_value());
    return *value;
}

inline Rate rate(std::string_view text) {
    auto value = Rate::from_decimal(dec(text));
    REQUIRE(value.has_value());
    return *value;
}

inline Currency currency(std::string_view code) {
    auto value = Currency::from_code(code);
    REQUIRE(value.has_value());
    return *value;
}

inline Day day(std::string_view text) {
    auto value = parse_iso_date(text);
    REQUIRE(value.has_value());
    return *value;
}

inline Instant instant(std::string_view text) {
    auto value = parse_instant(text);
    REQUIRE(value.has_value());
    return *value;
}

inline Period period(std::string_view text) {
    auto value = Period::parse(text);
    REQUIRE(value.has_value());
    return *value;
}

// Interns texts; id 0 is the empty text, so a column never set reads as "" (absent = empty).
class MemoryTexts : public settle::TextDictionary {
public:
    MemoryTexts() { (void)intern(""); }
    [[nodiscard]] std::int64_t intern(const std::string& text) {
        const auto [found, inserted] = ids_.try_emplace(text, static_cast<std::int64_t>(texts_.size()));
        if (inserted) texts_.push_back(text);
        return found->second;
    }
    [[nodiscard]] const std::string& text(std::int64_t id) const override {
        REQUIRE(id >= 0);
        REQUIRE(static_cast<std::size_t>(id) < texts_.size());
        return texts_[static_cast<std::size_t>(id)];
    }

private:
    std::vector<std::string> texts_;
    std::map<std::string, std::int64_t> ids_;
};

// The lines of one period, replayable: next() yields them in insertion order.
class MemoryLines : public settle::LineSource {
public:
    explicit MemoryLines(MemoryTexts& texts) : texts_(texts) {}

    // A line with the given columns; BillingCurrency defaults to USD and ChargeCategory to
    // Usage unless given. `cost` nullopt is an empty cost cell.
    void add(std::string_view charge_period_start, std::optional<std::string_view> cost,
             std::initializer_list<std::pair<TextColumn, std::string_view>> columns) {
        settle::LineInput line;
        line.line_id = static_cast<std::int64_t>(lines_.size()) + 1;
        line.charge_period_start = instant(charge_period_start);
        set(line, TextColumn::BillingCurrency, "USD");
        set(line, TextColumn::ChargeCategory, "Usage");
        for (const auto& [column, value] : columns) set(line, column, value);
        if (cost) line.cost = dec(*cost);
        lines_.push_back(line);
    }

    bool next(settle::LineInput& line) override {
        if (next_ >= lines_.size()) return false;
        line = lines_[next_++];
        return true;
    }
    void rewind() { next_ = 0; }

private:
    void set(settle::LineInput& line, TextColumn column, std::string_view value) {
        line.text_ids[static_cast<std::size_t>(column)] = texts_.intern(std::string(value));
    }

    MemoryTexts& texts_;
    std::vector<settle::LineInput> lines_;
    std::size_t next_ = 0;
};

// A match table with one key.
inline rules::MatchTable match_on(TextColumn column, std::vector<std::string> patterns) {
    return rules::MatchTable{{{column, std::move(patterns)}}};
}

// A flat-rate rule matching ProviderName = `provider`.
inline rules::Rule flat_rule(std::string id, std::string payer, std::string payee, std::string provider,
                             std::string_view share_rate) {
    rules::Rule rule;
    rule.id = std::move(id);
    rule.payer = std::move(payer);
    rule.payee = std::move(payee);
    rule.match = {match_on(TextColumn::ProviderName, {std::move(provider)})};
    rule.rate = rate(share_rate);
    return rule;
}

inline rules::Version version(std::string id, std::string_view effective_from, std::vector<rules::Rule> rules) {
    return rules::Version{std::move(id), day(effective_from), std::move(rules), 0};
}

// Parties a, b, c, openai, microsoft, aws.
inline rules::Contract contract(std::string_view currency_code, std::vector<rules::Version> versions,
                                std::vector<rules::CapGroup> cap_groups = {}) {
    rules::Contract result{.id = "test-contract",
                           .name = "Test contract",
                           .currency = currency(currency_code),
                           .cost_column = CostColumn::BilledCost,
                           .parties = {},
                           .versions = std::move(versions),
                           .cap_groups = std::move(cap_groups),
                           .year_start_month = 1,
                           .advances = {},
                           .withholdings = {},
                           .accounts = {}};
    for (const char* key : {"a", "b", "c", "openai", "microsoft", "aws"}) result.parties.push_back({key, key});
    return result;
}

// Records every match the settlement reports.
struct RecordedMatch {
    std::int64_t line_id;
    std::size_t row_index;
    std::string converted_cost;
    std::string fx_rate;  // "" when none
};
class RecordingSink : public settle::LineMatchSink {
public:
    void matched(std::int64_t line_id, std::size_t row_index, const Decimal& converted_cost,
                 const std::optional<Decimal>& fx_rate) override {
        matches.push_back({line_id, row_index, converted_cost.to_string(), fx_rate ? fx_rate->to_string() : ""});
    }
    std::vector<RecordedMatch> matches;
};

struct SettleOptions {
    settle::FxTable fx{};
    std::map<std::string, Decimal> cap_totals_before{};
    settle::LineMatchSink* sink = nullptr;
};

inline settle::SettleOutcome settle_outcome(const rules::Contract& contract, std::string_view month,
                                            MemoryTexts& texts, MemoryLines& lines,
                                            const SettleOptions& options = {}) {
    lines.rewind();
    const settle::SettleInputs inputs{contract, period(month), lines, texts, options.fx, options.cap_totals_before,
                                      options.sink};
    return settle::compute_settlement(inputs);
}

// The settlement, which the test requires to exist (no missing rates).
inline settle::Settlement settle_ok(const rules::Contract& contract, std::string_view month, MemoryTexts& texts,
                                    MemoryLines& lines, const SettleOptions& options = {}) {
    settle::SettleOutcome outcome = settle_outcome(contract, month, texts, lines, options);
    REQUIRE(outcome.missing_rates.empty());
    REQUIRE(outcome.settlement.has_value());
    return std::move(*outcome.settlement);
}

// `share` written with the currency's minor-unit digits, as statement.csv does.
inline std::string minor(const Decimal& amount, const Currency& in) { return amount.to_string_min_places(in.minor_units()); }

}  // namespace revshare::testing

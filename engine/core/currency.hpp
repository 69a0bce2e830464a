#pragma once
// Currency: an ISO 4217 alphabetic code and its minor units (USD 2, JPY 0, BHD 3).
#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace revshare {

class Currency {
public:
    // nullopt for anything that is not an active ISO 4217 code with defined minor units.
    [[nodiscard]] static std::optional<Currency> from_code(std::string_view code);

    [[nodiscard]] const std::string& code() const { return code_; }
    [[nodiscard]] int minor_units() const { return minor_units_; }

    friend bool operator==(const Currency& a, const Currency& b) { return a.code_ == b.code_; }
    friend std::strong_ordering operator<=>(const Currency& a, const Currency& b) { return a.code_ <=> b.code_; }

private:
    Currency(std::string code, int minor_units) : code_(std::move(code)), minor_units_(minor_units) {}
    std::string code_;
    int minor_units_ = 2;
};

}  // namespace revshare

#pragma once
// Azure's UnitOfMeasure: legacy cost details count `Quantity` in blocks of the unit
// (`10K` = blocks of 10,000 units, `100 Hours` = blocks of 100 hours), formats.md 3.5. The
// forms follow microsoft/finops-toolkit `src/open-data/PricingUnits.csv`.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace revshare::importers {

struct UnitOfMeasure {
    std::int64_t block_size = 1;  // 1 .. block_size_max
    std::string unit;             // the unit text after the block size (`Hour`, `GB/Month`, `Units`)
};

// Largest block size accepted; no real unit comes near it (the toolkit's largest is 1e11).
inline constexpr std::int64_t block_size_max = 1'000'000'000'000'000'000;

// `1 Hour` -> {1, Hour}; `10K` -> {10000, Units}; `1M` -> {1000000, Units}; `100 Hours` ->
// {100, Hours}; `1/Hour` -> {1, Units/Hour}; `10K/Month` -> {10000, Units/Month}.
// nullopt when the text does not start with a block size (`Hours`, `Per Call`, `10000s`,
// empty): the caller then keeps the quantity as delivered and the whole text as the unit.
[[nodiscard]] std::optional<UnitOfMeasure> parse_unit_of_measure(std::string_view text);

// The unit as FOCUS's unit format writes a unit of time standing alone: plural (`Hour` ->
// `Hours`, `Day` -> `Days`; Year, Month, Day, Hour, Minute, Second). Any other unit is
// returned as it is (`GB/Month` already has FOCUS's form: plural units per singular time).
[[nodiscard]] std::string_view focus_unit_name(std::string_view unit);

}  // namespace revshare::importers

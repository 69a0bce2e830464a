#pragma once
// Reads of one seller-feed row's cells that both feeds share (formats.md S1, S5): the event key,
// the amount, and a date cell. Each returns false with the row's diagnostic (FieldReader::fail)
// when the cell is not what S5 accepts.
#include "engine/core/decimal.hpp"
#include "importers/field_reader.hpp"
#include "importers/seller/seller_dates.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace revshare::importers {

// True when `text` is empty or holds only spaces and tabs.
[[nodiscard]] bool is_blank(std::string_view text);

// The event key (`billing_event_id`, `earningId`) into `key`, as delivered; a blank cell is
// `missing-value`: a row without its key cannot be matched to the event's other versions.
bool read_event_key(FieldReader& reader, std::optional<std::size_t> position, std::string& key);

// The row's amount, exact: a blank cell is `missing-value`, text that is not a number
// (`1,250.00`, `$12`, `(12.00)`) `bad-number`, a number beyond the digits a cost may have
// (limits.hpp) `number-out-of-range`.
bool read_amount(FieldReader& reader, std::optional<std::size_t> position, Decimal& amount);

// A date cell the feed reads: empty gives nullopt; any other text must be a date
// (parse_seller_date), else `bad-date`, used or not.
bool read_date(FieldReader& reader, std::optional<std::size_t> position, std::optional<SellerDate>& date);

}  // namespace revshare::importers

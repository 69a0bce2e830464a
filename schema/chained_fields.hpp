#pragma once
// The text a chained record's SHA-256 is taken over: each field as `<byte length>:<bytes>;`, so
// that no two different lists of fields give the same text (the audit log's chain, the contract
// changes' chain).
#include <string>
#include <string_view>

namespace revshare::schema {

inline void append_chained_field(std::string& text, std::string_view field) {
    text += std::to_string(field.size());
    text += ':';
    text += field;
    text += ';';
}

}  // namespace revshare::schema

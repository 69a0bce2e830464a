#include "importers/json_object.hpp"

#include "engine/core/assert.hpp"

#include <algorithm>

namespace revshare::importers {

// Recursive descent over one flat object. Strings are decoded into the object's storage;
// numbers and literals are copied as written (they are checked against the JSON grammar).
class JsonObject::Parser {
public:
    Parser(std::string_view text, std::string& storage, std::string& error)
        : text_(text), storage_(storage), error_(error) {}

    bool object(std::vector<Slot>& members) {
        skip_space();
        if (!take('{')) return fail("expected '{' (a JSON object)");
        skip_space();
        if (take('}')) return end();
        for (;;) {
            Slot slot{};
            skip_space();
            if (peek() != '"') return fail("expected a string key");
            if (!string(slot.key_begin, slot.key_size)) return false;
            skip_space();
            if (!take(':')) return fail("expected ':' after a key");
            skip_space();
            if (!value(slot)) return false;
            members.push_back(slot);
            skip_space();
            if (take('}')) return end();
            if (!take(',')) return fail("expected ',' or '}' after a value");
        }
    }

private:
    [[nodiscard]] char peek() const { return position_ < text_.size() ? text_[position_] : '\0'; }
    bool take(char c) {
        if (position_ >= text_.size() || text_[position_] != c) return false;
        ++position_;
        return true;
    }
    void skip_space() {
        while (position_ < text_.size() && (text_[position_] == ' ' || text_[position_] == '\t' ||
                                            text_[position_] == '\n' || text_[position_] == '\r')) {
            ++position_;
        }
    }
    bool fail(std::string_view what) {
        error_ = "at byte " + std::to_string(position_ + 1) + ": " + std::string(what);
        return false;
    }
    bool end() {
        skip_space();
        if (position_ != text_.size()) return fail("unexpected text after the object");
        return true;
    }

    bool value(Slot& slot) {
        const char c = peek();
        if (c == '"') {
            slot.kind = Kind::string;
            return string(slot.value_begin, slot.value_size);
        }
        if (c == '{' || c == '[') return fail("nested objects and arrays are not allowed (values must be scalars)");
        const std::size_t begin = position_;
        if (c == 't' || c == 'f') {
            slot.kind = Kind::boolean;
            if (!literal(c == 't' ? "true" : "false")) return false;
        } else if (c == 'n') {
            slot.kind = Kind::null;
            if (!literal("null")) return false;
        } else {
            slot.kind = Kind::number;
            if (!number()) return false;
        }
        slot.value_begin = static_cast<std::uint32_t>(storage_.size());
        slot.value_size = static_cast<std::uint32_t>(position_ - begin);
        storage_.append(text_.substr(begin, position_ - begin));
        return true;
    }

    bool literal(std::string_view word) {
        if (text_.substr(position_, word.size()) != word) return fail("expected a string, number, true, false or null");
        position_ += word.size();
        return true;
    }

    bool digits() {
        const std::size_t begin = position_;
        while (position_ < text_.size() && text_[position_] >= '0' && text_[position_] <= '9') ++position_;
        return position_ > begin;
    }

    // JSON number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
    bool number() {
        take('-');
        if (take('0')) {
            if (peek() >= '0' && peek() <= '9') return fail("a number must not have a leading zero");
        } else if (!digits()) {
            return fail("expected a string, number, true, false or null");
        }
        if (take('.') && !digits()) return fail("expected digits after the decimal point");
        if (take('e') || take('E')) {
            if (!take('+')) take('-');
            if (!digits()) return fail("expected digits in the exponent");
        }
        return true;
    }

    bool string(std::uint32_t& begin, std::uint32_t& size) {
        ++position_;  // the opening quote
        begin = static_cast<std::uint32_t>(storage_.size());
        for (;;) {
            if (position_ >= text_.size()) return fail("a string is not closed");
            const char c = text_[position_];
            if (c == '"') break;
            if (static_cast<unsigned char>(c) < 0x20) return fail("a control character must be escaped in a string");
            if (c == '\\') {
                if (!escape()) return false;
                continue;
            }
            storage_.push_back(c);
            ++position_;
        }
        ++position_;  // the closing quote
        size = static_cast<std::uint32_t>(storage_.size() - begin);
        return true;
    }

    bool escape() {
        ++position_;  // the backslash
        const char c = peek();
        ++position_;
        switch (c) {
            case '"': storage_.push_back('"'); return true;
            case '\\': storage_.push_back('\\'); return true;
            case '/': storage_.push_back('/'); return true;
            case 'b': storage_.push_back('\b'); return true;
            case 'f': storage_.push_back('\f'); return true;
            case 'n': storage_.push_back('\n'); return true;
            case 'r': storage_.push_back('\r'); return true;
            case 't': storage_.push_back('\t'); return true;
            case 'u': return unicode_escape();
            default: --position_; return fail("unknown escape sequence in a string");
        }
    }

    bool hex4(std::uint32_t& code) {
        code = 0;
        for (int i = 0; i < 4; ++i) {
            const char c = peek();
            std::uint32_t digit = 0;
            if (c >= '0' && c <= '9') digit = static_cast<std::uint32_t>(c - '0');
            else if (c >= 'a' && c <= 'f') digit = static_cast<std::uint32_t>(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F') digit = static_cast<std::uint32_t>(c - 'A' + 10);
            else return fail("expected four hex digits after \\u");
            code = code * 16 + digit;
            ++position_;
        }
        return true;
    }

    bool unicode_escape() {
        std::uint32_t code = 0;
        if (!hex4(code)) return false;
        if (code >= 0xDC00 && code <= 0xDFFF) return fail("a low surrogate without a high surrogate");
        if (code >= 0xD800 && code <= 0xDBFF) {
            std::uint32_t low = 0;
            if (!take('\\') || !take('u')) return fail("a high surrogate must be followed by a low surrogate");
            if (!hex4(low)) return false;
            if (low < 0xDC00 || low > 0xDFFF) return fail("a high surrogate must be followed by a low surrogate");
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
        }
        append_utf8(code);
        return true;
    }

    void append_utf8(std::uint32_t code) {
        if (code < 0x80) {
            storage_.push_back(static_cast<char>(code));
        } else if (code < 0x800) {
            storage_.push_back(static_cast<char>(0xC0 | (code >> 6)));
            storage_.push_back(static_cast<char>(0x80 | (code & 0x3F)));
        } else if (code < 0x10000) {
            storage_.push_back(static_cast<char>(0xE0 | (code >> 12)));
            storage_.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
            storage_.push_back(static_cast<char>(0x80 | (code & 0x3F)));
        } else {
            storage_.push_back(static_cast<char>(0xF0 | (code >> 18)));
            storage_.push_back(static_cast<char>(0x80 | ((code >> 12) & 0x3F)));
            storage_.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
            storage_.push_back(static_cast<char>(0x80 | (code & 0x3F)));
        }
    }

    std::string_view text_;
    std::size_t position_ = 0;
    std::string& storage_;
    std::string& error_;
};

bool JsonObject::parse(std::string_view text, std::string& error) {
    storage_.clear();
    members_.clear();
    // Offsets are 32-bit; a cell is bounded by limits::csv_record_bytes_max, far below 4 GiB.
    ENGINE_ASSERT(text.size() < 0xFFFFFFFFu);
    Parser parser(text, storage_, error);
    if (!parser.object(members_)) {
        storage_.clear();
        members_.clear();
        return false;
    }
    ENGINE_ASSERT(storage_.size() <= text.size());  // decoding never grows the text
    std::sort(members_.begin(), members_.end(), [this](const Slot& a, const Slot& b) {
        return std::string_view(storage_).substr(a.key_begin, a.key_size) <
               std::string_view(storage_).substr(b.key_begin, b.key_size);
    });
    for (std::size_t i = 1; i < members_.size(); ++i) {
        if (member(i - 1).key == member(i).key) {
            error = "duplicate key \"" + std::string(member(i).key.substr(0, 60)) + "\"";
            storage_.clear();
            members_.clear();
            return false;
        }
    }
    return true;
}

JsonObject::Member JsonObject::member(std::size_t index) const {
    ENGINE_ASSERT(index < members_.size());
    const Slot& slot = members_[index];
    const std::string_view storage(storage_);
    return Member{storage.substr(slot.key_begin, slot.key_size), storage.substr(slot.value_begin, slot.value_size),
                  slot.kind};
}

std::optional<JsonObject::Member> JsonObject::find(std::string_view key) const {
    // Members are kept sorted by key (parse sorts them).
    const auto found = std::lower_bound(members_.begin(), members_.end(), key, [this](const Slot& slot, std::string_view k) {
        return std::string_view(storage_).substr(slot.key_begin, slot.key_size) < k;
    });
    if (found == members_.end()) return std::nullopt;
    const Member candidate = member(static_cast<std::size_t>(found - members_.begin()));
    if (candidate.key != key) return std::nullopt;
    return candidate;
}

void JsonObject::write_sorted(std::string& out) const {
    out.push_back('{');
    for (std::size_t i = 0; i < members_.size(); ++i) {
        const Member m = member(i);
        if (i > 0) out.push_back(',');
        append_json_string(out, m.key);
        out.push_back(':');
        if (m.kind == Kind::string) append_json_string(out, m.value);
        else out.append(m.value);
    }
    out.push_back('}');
}

void append_json_string(std::string& out, std::string_view text) {
    static constexpr char hex[] = "0123456789abcdef";
    out.push_back('"');
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        switch (c) {
            case '"': out.append("\\\""); break;
            case '\\': out.append("\\\\"); break;
            case '\b': out.append("\\b"); break;
            case '\f': out.append("\\f"); break;
            case '\n': out.append("\\n"); break;
            case '\r': out.append("\\r"); break;
            case '\t': out.append("\\t"); break;
            default:
                if (byte < 0x20) {
                    out.append("\\u00");
                    out.push_back(hex[byte >> 4]);
                    out.push_back(hex[byte & 0x0F]);
                } else {
                    out.push_back(c);
                }
        }
    }
    out.push_back('"');
}

}  // namespace revshare::importers

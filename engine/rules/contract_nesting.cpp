#include "engine/rules/contract_nesting.hpp"

#include <vector>

namespace revshare::rules {
namespace {

// Scans the text once. The depth at a point is: the parts of the current table header, plus
// the parts of the dotted key being read (a key context: a line's start, or just after '{' or
// a ',' inside an inline table), plus the open brackets. Counting is conservative: a dot is
// counted only in a key context, so `0.15` in a value does not count.
class NestingScanner {
public:
    NestingScanner(std::string_view text, int depth_max) : text_(text), depth_max_(depth_max) {}

    std::optional<NestingExcess> scan() {
        start_line();
        while (at_ < text_.size()) {
            const char c = text_[at_];
            if (c == '\n') {
                ++line_;
                line_start_ = at_ + 1;
                ++at_;
                if (brackets_.empty()) start_line();
                continue;
            }
            if (c == '#') {
                skip_comment();
                continue;
            }
            if (c == '"' || c == '\'') {
                skip_string(c);
                continue;
            }
            if (auto excess = step(c)) return excess;
            ++at_;
        }
        return std::nullopt;
    }

private:
    void start_line() {
        key_context_ = true;
        key_parts_ = 1;
        in_header_ = false;
    }

    std::optional<NestingExcess> step(char c) {
        if (c == '[' && key_context_ && brackets_.empty() && !in_header_) {
            in_header_ = true;  // `[a.b]` or `[[a.b]]`: the header's parts are the new table depth
            header_parts_ = 1;
            return std::nullopt;
        }
        if (in_header_) {
            if (c == '.') return deeper(++header_parts_);
            if (c == ']') key_context_ = false;
            return std::nullopt;
        }
        if (c == '.' && key_context_) return deeper(header_parts_ + ++key_parts_ + static_cast<int>(brackets_.size()));
        if (c == '=') key_context_ = false;
        if (c == '[' || c == '{') {
            brackets_.push_back(c);
            key_context_ = c == '{';
            key_parts_ = 1;
            return deeper(header_parts_ + key_parts_ + static_cast<int>(brackets_.size()));
        }
        if ((c == ']' || c == '}') && !brackets_.empty()) brackets_.pop_back();
        if (c == ',' && !brackets_.empty() && brackets_.back() == '{') {
            key_context_ = true;
            key_parts_ = 1;
        }
        return std::nullopt;
    }

    std::optional<NestingExcess> deeper(int depth) const {
        if (depth <= depth_max_) return std::nullopt;
        return NestingExcess{line_, static_cast<std::int64_t>(at_ - line_start_) + 1};
    }

    void skip_comment() {
        while (at_ < text_.size() && text_[at_] != '\n') ++at_;
    }

    // A basic ("…", with escapes) or literal ('…') string, single- or multi-line.
    void skip_string(char quote) {
        const std::string_view triple = quote == '"' ? std::string_view("\"\"\"") : std::string_view("'''");
        const bool multi = text_.substr(at_, 3) == triple;
        at_ += multi ? 3 : 1;
        while (at_ < text_.size()) {
            const char c = text_[at_];
            if (c == '\\' && quote == '"' && at_ + 1 < text_.size() && text_[at_ + 1] != '\n') {
                at_ += 2;
                continue;
            }
            if (c == '\n') {
                if (!multi) return;  // an unterminated string (toml++ reports it); the scan counts the line
                ++line_;
                line_start_ = at_ + 1;
            }
            if (c == quote && (!multi || text_.substr(at_, 3) == triple)) {
                at_ += multi ? 3 : 1;
                return;
            }
            ++at_;
        }
    }

    std::string_view text_;
    int depth_max_;
    std::size_t at_ = 0;
    std::int64_t line_ = 1;
    std::size_t line_start_ = 0;
    std::vector<char> brackets_;
    bool key_context_ = true;
    bool in_header_ = false;
    int key_parts_ = 1;
    int header_parts_ = 0;
};

}  // namespace

std::optional<NestingExcess> find_nesting_excess(std::string_view text, int depth_max) {
    return NestingScanner(text, depth_max).scan();
}

}  // namespace revshare::rules

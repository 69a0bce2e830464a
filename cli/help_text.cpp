#include "cli/help_text.hpp"

#include <sstream>
#include <string_view>
#include <vector>

namespace revshare::app {
namespace {

#include "cli/build_info.inc"

constexpr std::size_t wrap_width = 100;

// The fenced block under "## Synopsis".
std::string synopsis() {
    const std::string_view page = commands_md;
    const auto heading = page.find("\n## Synopsis\n");
    const auto open = page.find("```text\n", heading);
    const auto close = page.find("\n```\n", open);
    if (heading == std::string_view::npos || open == std::string_view::npos || close == std::string_view::npos) {
        return "usage: revshare [--db PATH] COMMAND ... (docs/commands.md lost its Synopsis: a bug)\n";
    }
    return std::string(page.substr(open + 8, close + 1 - open - 8));
}

std::vector<std::string> lines_of(std::string_view text) {
    std::vector<std::string> lines;
    std::istringstream in{std::string(text)};
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

// Whether `text` starts with the command `name` as a word.
bool names_command(std::string_view text, const std::string& name) {
    return text.rfind(name, 0) == 0 && (text.size() == name.size() || text[name.size()] == ' ' || text[name.size()] == '`');
}

// Markdown as plain text: `code` and **bold** marks dropped, [text](target) as text, \| as |.
std::string plain(std::string_view markdown) {
    std::string out;
    for (std::size_t i = 0; i < markdown.size(); ++i) {
        const char c = markdown[i];
        if (c == '`' || (c == '*' && i + 1 < markdown.size() && markdown[i + 1] == '*' && ++i)) continue;
        if (c == '\\' && i + 1 < markdown.size() && markdown[i + 1] == '|') continue;
        if (c == '[') {  // a link [text](target) is its text; an option's [--flag] stays
            const auto close = markdown.find(']', i);
            const auto end = markdown.find(')', close);
            if (close != std::string_view::npos && close + 1 < markdown.size() && markdown[close + 1] == '(' &&
                end != std::string_view::npos) {
                out += plain(markdown.substr(i + 1, close - i - 1));
                i = end;
                continue;
            }
        }
        out += c;
    }
    return out;
}

// `text` in lines of at most wrap_width columns, each starting with `indent`.
std::string wrapped(const std::string& text, const std::string& indent) {
    std::string out;
    std::string line = indent;
    std::istringstream words(text);
    for (std::string word; words >> word;) {
        if (line.size() > indent.size() && line.size() + 1 + word.size() > wrap_width) {
            out += line + "\n";
            line = indent;
        }
        line += (line.size() > indent.size() ? " " : "") + word;
    }
    return out + line + "\n";
}

// The table rows of docs/commands.md whose first cell names the command: "| `cell` | text |".
std::string table_rows(const std::string& name) {
    std::string out;
    for (const auto& line : lines_of(commands_md)) {
        if (line.rfind("| `", 0) != 0 || !names_command(std::string_view(line).substr(3), name)) continue;
        const auto split = line.find("` | ");
        if (split == std::string::npos) continue;
        const std::string cell = plain(std::string_view(line).substr(2, split + 1 - 2));
        std::string text = line.substr(split + 4);
        if (text.size() >= 2 && text.compare(text.size() - 2, 2, " |") == 0) text.resize(text.size() - 2);
        out += "\n" + cell + ":\n" + wrapped(plain(text), "  ");
    }
    return out;
}

}  // namespace

std::string usage_text() { return synopsis(); }

std::optional<std::string> command_help(const std::string& name) {
    std::string entry;
    bool inside = false;
    for (const auto& line : lines_of(synopsis())) {
        const bool command_line = line.size() > 2 && line.compare(0, 2, "  ") == 0 && line[2] != ' ';
        if (command_line) inside = names_command(std::string_view(line).substr(2), name);
        else if (line.empty() || line.compare(0, 2, "  ") != 0) inside = false;
        if (inside) entry += line + "\n";
    }
    if (entry.empty()) return std::nullopt;
    return "usage: revshare [--db PATH] [--log-level LEVEL] [--log-file PATH] [--quiet] " + name + " ...\n\n" + entry +
           table_rows(name) + "\nEvery command and option: revshare --help; docs/commands.md explains them at length.\n";
}

std::string version_text(int schema_version) {
    return "revshare " + std::string(version) + "\nschema version " + std::to_string(schema_version) +
           "\ncommit " + std::string(git_commit) + "\n";
}

}  // namespace revshare::app

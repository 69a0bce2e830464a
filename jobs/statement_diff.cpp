#include "jobs/statement_diff.hpp"

#include <algorithm>
#include <sstream>
#include <vector>

namespace revshare::app {
namespace {

std::vector<std::string> csv_lines(const std::string& csv) {
    std::vector<std::string> lines;
    std::istringstream stream(csv);
    for (std::string line; std::getline(stream, line);) lines.push_back(line);
    return lines;
}

}  // namespace

std::string row_diff(const std::string& expected, const std::string& stored) {
    const auto expected_lines = csv_lines(expected);
    const auto stored_lines = csv_lines(stored);
    std::string text;
    for (std::size_t i = 0; i < std::max(expected_lines.size(), stored_lines.size()); ++i) {
        const std::string want = i < expected_lines.size() ? expected_lines[i] : "(no row)";
        const std::string have = i < stored_lines.size() ? stored_lines[i] : "(no row)";
        if (want == have) continue;
        text += "  row " + std::to_string(i) + (i == 0 ? " (header)" : "") + ":\n    expected: " + want +
                "\n    stored:   " + have + "\n";
    }
    return text;
}

}  // namespace revshare::app

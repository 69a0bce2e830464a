// One command reference: docs/commands.md's Synopsis is `revshare --help` verbatim, and its
// table has a row for every command --help lists, so that the two cannot drift apart.
#include "tests/test_support.hpp"

#include <doctest/doctest.h>

#include <set>
#include <sstream>
#include <string>

using namespace revshare::testing;

namespace {

// The fenced block under "## Synopsis" in docs/commands.md.
std::string synopsis_block(const std::string& page) {
    const std::size_t heading = page.find("\n## Synopsis\n");
    REQUIRE(heading != std::string::npos);
    const std::string fence = "```text\n";
    const std::size_t open = page.find(fence, heading);
    REQUIRE(open != std::string::npos);
    const std::size_t close = page.find("\n```\n", open);
    REQUIRE(close != std::string::npos);
    return page.substr(open + fence.size(), close + 1 - open - fence.size());
}

// The command names --help lists: the first word of each line indented by two spaces.
std::set<std::string> commands_in_help(const std::string& help) {
    std::set<std::string> names;
    std::istringstream lines(help);
    for (std::string line; std::getline(lines, line);) {
        if (line.size() > 2 && line.compare(0, 2, "  ") == 0 && line[2] != ' ') names.insert(line.substr(2, line.find(' ', 2) - 2));
    }
    return names;
}

}  // namespace

TEST_CASE("docs/commands.md: its Synopsis is revshare --help, and its table names every command") {
    ScratchDir scratch;
    const auto help = run_revshare("--help", scratch.path());
    REQUIRE(help.exit_code == 0);
    const std::string page = read_file(source_dir() / "docs" / "commands.md");
    CHECK(synopsis_block(page) == help.out);

    const auto names = commands_in_help(help.out);
    CHECK(names.size() == 22);
    for (const auto& name : names) {
        CAPTURE(name);
        CHECK(page.find("\n| `" + name) != std::string::npos);
    }
}

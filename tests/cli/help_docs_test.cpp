// One command reference: docs/commands.md's Synopsis is `revshare --help` verbatim, and its
// table has a row for every command --help lists, so that the two cannot drift apart.
#include "tests/test_support.hpp"

#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <set>
#include <vector>
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

TEST_CASE("revshare COMMAND --help and revshare help COMMAND: the command's Synopsis entry and its rows of the table") {
    ScratchDir scratch;
    const auto help = run_revshare("settle --help", scratch.path());
    CHECK(help.exit_code == 0);
    CHECK(help.err == "");
    CHECK(help.out ==
          "usage: revshare [--db PATH] [--log-level LEVEL] [--log-file PATH] [--quiet] settle ...\n"
          "\n"
          "  settle --period YYYY-MM [--contract ID] [--allow-empty]\n"
          "                                        settle a period (and earlier changed open periods);\n"
          "                                        --allow-empty: also one with no lines and no run yet\n"
          "\n"
          "settle --period YYYY-MM [--contract ID] [--allow-empty]:\n"
          "  settle a period (and, first, every earlier open period whose inputs changed); a month before the\n"
          "  last close counts as closed and is refused, and so is a month before the contract's first version,\n"
          "  and one from the contract's retirement on (contract retire). A month with no lines that was never\n"
          "  settled, owes nothing without lines (an advance, a year's true-up), is not the month after the\n"
          "  last close and has no late data to post is refused too (exit 2: a run is permanent, and such a\n"
          "  month is usually a typo); --allow-empty settles it anyway (to zero, or to what its minimums say)\n"
          "\n"
          "Every command and option: revshare --help; docs/commands.md explains them at length.\n");
    CHECK(run_revshare("help settle", scratch.path()).out == help.out);
    CHECK(run_revshare("--db r.db settle --period 2026-03 --help", scratch.path()).out == help.out);
    CHECK(!std::filesystem::exists(scratch / "r.db"));  // help opens no database

    // Every command --help lists has a help of its own, with a row of the table.
    const auto names = commands_in_help(run_revshare("--help", scratch.path()).out);
    for (const auto& name : names) {
        CAPTURE(name);
        const auto own = run_revshare(name + " --help", scratch.path());
        CHECK(own.exit_code == 0);
        CHECK(own.out.find("\n  " + name) != std::string::npos);
        CHECK(own.out.find("\n" + name) != std::string::npos);  // a row of the table, as a heading
        CHECK(own.out.find('`') == std::string::npos);          // plain text, no Markdown marks
        CHECK(own.out.find("](") == std::string::npos);
    }
    const auto unknown = run_revshare("help nosuch", scratch.path());
    CHECK(unknown.exit_code == 2);
    CHECK(unknown.err == "revshare: unknown command 'nosuch' (see revshare --help)\n");
}

TEST_CASE("revshare --version: the version, the schema version and the build's git commit") {
    ScratchDir scratch;
    const auto version = run_revshare("--version", scratch.path());
    CHECK(version.exit_code == 0);
    CHECK(version.err == "");
    const auto lines = [&] {
        std::vector<std::string> found;
        std::istringstream in(version.out);
        for (std::string line; std::getline(in, line);) found.push_back(line);
        return found;
    }();
    REQUIRE(lines.size() == 3);
    CHECK(lines[0] == "revshare 0.9.0");
    // The schema version a new database gets.
    REQUIRE(run_revshare("--db r.db init", scratch.path()).exit_code == 0);
    CHECK(lines[1] == "schema version " + query_value(scratch / "r.db", "PRAGMA user_version"));
    // The commit the tests' source tree is at (the build embeds it), or "unknown" outside git.
    std::string head;
    if (FILE* git = ::popen(("git -C '" + source_dir().string() + "' rev-parse HEAD 2>/dev/null").c_str(), "r")) {
        char buffer[128];
        while (std::fgets(buffer, sizeof buffer, git) != nullptr) head += buffer;
        ::pclose(git);
    }
    if (head.size() == 41) {
        CHECK(lines[2].rfind("commit " + head.substr(0, 40), 0) == 0);
    } else {
        CHECK(lines[2] == "commit unknown");
    }
}

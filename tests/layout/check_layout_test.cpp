// scripts/check-layout on small trees built here: each rule fails a breach it has not been told
// of, the exceptions file is a ratchet (a fixed breach must be deleted from it, a long function
// may not grow), and the repository itself passes.
#include "tests/test_support.hpp"

#include <doctest/doctest.h>

#include <sys/wait.h>

#include <cstdlib>
#include <string>

using namespace revshare::testing;

namespace {

CommandResult check_layout(const std::filesystem::path& root) {
    const ScratchDir scratch;
    const auto out = scratch / "out";
    const std::string command = "REVSHARE_LAYOUT_ROOT='" + root.string() + "' '" +
                                (source_dir() / "scripts" / "check-layout").string() + "' >'" + out.string() + "' 2>&1";
    const int status = std::system(command.c_str());
    CommandResult result;
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    result.out = read_file(out);
    return result;
}

std::string function_of_lines(const std::string& name, int body_lines) {
    std::string text = "int " + name + "(int x) {\n";
    for (int i = 0; i < body_lines; ++i) text += "    x += " + std::to_string(i) + ";\n";
    return text + "    return x;\n}\n";  // body_lines + 3 lines in all
}

void write_exceptions(const ScratchDir& tree, const std::string& lines) {
    write_file(tree / "scripts/layout-exceptions.txt", "# known\n" + lines);
}

}  // namespace

TEST_CASE("check-layout: a clean tree passes, and every rule fails a breach it was not told of") {
    ScratchDir tree;
    std::filesystem::create_directories(tree / "scripts");
    write_file(tree / "engine/core/money.hpp", "#pragma once\n");
    write_file(tree / "schema/store.hpp", "#pragma once\n#include \"engine/core/money.hpp\"\n");
    write_file(tree / "jobs/settle.cpp", "#include \"schema/store.hpp\"\n" + function_of_lines("settle", 67));
    write_file(tree / "cli/settle_command.cpp", "#include \"jobs/settle.hpp\"\n#include \"engine/core/money.hpp\"\n");
    write_file(tree / "runtime/pipeline.cpp", "#include <thread>\nvoid f() { std::thread t([] {}); t.join(); }\n");
    write_exceptions(tree, "");
    auto result = check_layout(tree.path());
    CHECK(result.exit_code == 0);
    CHECK(result.out == "scripts/check-layout: ok (0 known exceptions in scripts/layout-exceptions.txt)\n");

    // Every kind at once: an include against the flow, SQL and a thread outside their homes, a
    // 71-line function. Comments are not code: SQL or a thread named in one breaks nothing.
    write_file(tree / "cli/settle_command.cpp", "#include \"schema/store.hpp\"\n// SELECT in a comment\n");
    write_file(tree / "engine/core/money.hpp", "#pragma once\n#include \"engine/rules/rule.hpp\"\n// std::thread\n");
    write_file(tree / "jobs/contracts.cpp", "const char* q = \"SELECT 1\";\n");
    write_file(tree / "schema/store.cpp", "const char* q = \"SELECT 1\";\n");
    write_file(tree / "importers/reader.hpp", "#include <future>\nauto f = std::async([] { return 1; });\n");
    write_file(tree / "jobs/settle.cpp", "#include \"schema/store.hpp\"\n" + function_of_lines("settle", 68));
    result = check_layout(tree.path());
    CHECK(result.exit_code == 1);
    CHECK(result.out ==
          "scripts/check-layout: the layout's rules are broken (see the top of scripts/check-layout):\n"
          "  new: include cli/settle_command.cpp -> schema\n"
          "  new: include engine/core/money.hpp -> engine/rules\n"
          "  new: long jobs/settle.cpp settle 71\n"
          "  new: sql jobs/contracts.cpp\n"
          "  new: thread importers/reader.hpp\n");
}

TEST_CASE("check-layout: floating point only where an outside interface demands it (the workbook's cells, SQLite's VFS)") {
    ScratchDir tree;
    write_exceptions(tree, "");
    // In a comment or a string it is not code; in the workbook's boundary it is allowed.
    write_file(tree / "engine/core/money.hpp", "#pragma once\n// never a double\nconst char* m = \"a TOML float\";\n");
    write_file(tree / "reports/xlsx_columns.cpp", "double display(long v) { return static_cast<double>(v); }\n");
    CHECK(check_layout(tree.path()).exit_code == 0);

    write_file(tree / "engine/core/money.hpp", "#pragma once\nstruct Money { double amount; };\n");
    write_file(tree / "importers/rate.cpp", "float parse_rate(const char* text);\n");
    const auto result = check_layout(tree.path());
    CHECK(result.exit_code == 1);
    CHECK(result.out ==
          "scripts/check-layout: the layout's rules are broken (see the top of scripts/check-layout):\n"
          "  new: float engine/core/money.hpp\n"
          "  new: float importers/rate.cpp\n");
}

TEST_CASE("check-layout: the exceptions file only shrinks; a listed function may not grow") {
    ScratchDir tree;
    write_file(tree / "jobs/contracts.cpp", "const char* q = \"INSERT INTO t VALUES (1)\";\n" + function_of_lines("load", 80));
    write_exceptions(tree, "sql jobs/contracts.cpp\nlong jobs/contracts.cpp load 83\n");
    CHECK(check_layout(tree.path()).exit_code == 0);

    write_file(tree / "jobs/contracts.cpp", "const char* q = \"INSERT INTO t VALUES (1)\";\n" + function_of_lines("load", 81));
    auto result = check_layout(tree.path());
    CHECK(result.exit_code == 1);
    CHECK(result.out.find("  grew: long jobs/contracts.cpp load 84 (was 83 lines)\n") != std::string::npos);

    write_file(tree / "jobs/contracts.cpp", function_of_lines("load", 40));
    result = check_layout(tree.path());
    CHECK(result.exit_code == 1);
    CHECK(result.out ==
          "scripts/check-layout: the layout's rules are broken (see the top of scripts/check-layout):\n"
          "  fixed, delete it from scripts/layout-exceptions.txt: long jobs/contracts.cpp load 83\n"
          "  fixed, delete it from scripts/layout-exceptions.txt: sql jobs/contracts.cpp\n");
}

TEST_CASE("check-layout: this repository keeps its layout") {
    const auto result = check_layout(source_dir());
    CAPTURE(result.out);
    CHECK(result.exit_code == 0);
}

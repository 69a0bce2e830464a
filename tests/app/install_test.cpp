// docs/operations.md "Installing it as a service", followed line by line from an empty machine
// state to a nightly run through the installed unit: the block's paths moved under a scratch
// folder, and the lines that need root or a running systemd replaced by their effect (each
// line of the block must be one this test knows, so that the page cannot drift from it). Then
// the installed unit's ExecStart line is run as systemd would run it, the alert script as its
// unit would, and `systemd-analyze verify` checks the units where it is installed.
#include "tests/test_support.hpp"

#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

using namespace revshare::testing;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) text.replace(at, from.size(), to);
    return text;
}

// The machine's folders under `root` (`with_prefix` false: /usr/local is already there, as in
// a unit the install wrote).
std::string moved(const std::string& line, const fs::path& root, bool with_prefix = true) {
    std::string out = line;
    for (const std::string folder : {"/usr/local", "/var/lib/revshare", "/var/log/revshare"}) {
        if (with_prefix || folder != "/usr/local") out = replaced(out, folder, root.string() + folder);
    }
    return out;
}

// The installed unit's ExecStart= command line.
std::string exec_start(const fs::path& unit) {
    for (const auto& line : lines_of(read_file(unit))) {
        if (line.rfind("ExecStart=", 0) == 0) return line.substr(10);
    }
    FAIL("no ExecStart= in " << unit);
    return {};
}

// One line of the page's block as the test runs it.
std::string step(const std::string& line, const fs::path& root, const fs::path& build) {
    if (line.empty() || line.front() == '#') return line;
    // The suite's build is the one installed: it was configured and built before the tests ran.
    if (line == "scripts/install-deps" || line.rfind("cmake -S . -B build ", 0) == 0 || line.rfind("cmake --build build ", 0) == 0) {
        return "# built already: " + line;
    }
    if (line == "cmake --install build --prefix /usr/local") {
        return moved("cmake --install '" + build.string() + "' --prefix /usr/local >/dev/null", root);
    }
    // systemd-sysusers reads the installed file: it must declare the user the unit runs as.
    if (line == "systemd-sysusers") {
        return "grep -qx 'u revshare - \"revshare nightly job\" /var/lib/revshare' " +
               moved("/usr/local/lib/sysusers.d/revshare.conf", root);
    }
    if (line.rfind("install -d -o revshare -g revshare ", 0) == 0) return moved(replaced(line, "-o revshare -g revshare ", ""), root);
    if (line.rfind("runuser -u revshare -- ", 0) == 0) return moved(line.substr(23), root);
    if (line.rfind("cp -r fixtures/exports/", 0) == 0) return moved(line, root);
    if (line == "chown -R revshare:revshare /var/lib/revshare/inbox" || line == "systemctl daemon-reload" ||
        line == "systemctl enable --now revshare-nightly.timer") {
        return "# needs root and systemd (systemd-analyze verify checks the units): " + line;
    }
    // What systemd runs for `systemctl start`: the unit's own command line; its exit code kept.
    if (line == "systemctl start revshare-nightly.service") {
        const auto unit = root / "usr/local/lib/systemd/system/revshare-nightly.service";
        return "set +e\n" + moved(exec_start(unit), root, false) + " >nightly.out 2>nightly.err\necho $? >'" +
               (root / "nightly.exit").string() + "'\nset -e";
    }
    FAIL("docs/operations.md's install steps hold a line this test does not know: " << line);
    return {};
}

}  // namespace

TEST_CASE("Install: docs/operations.md's steps, from an empty machine to a nightly run through the installed unit") {
    ScratchDir root;
    const fs::path build = fs::path(REVSHARE_BINARY).parent_path();
    const std::string page = read_file(source_dir() / "docs/operations.md");
    const auto marker = page.find("<!-- install-steps:");
    REQUIRE(marker != std::string::npos);
    const auto open = page.find("```sh\n", marker);
    const auto close = page.find("\n```\n", open);
    REQUIRE(open != std::string::npos);
    REQUIRE(close != std::string::npos);

    // Run line by line: the unit's line is read once the install step has written it.
    std::string script = "set -eu\ncd '" + source_dir().string() + "'\n";
    for (const auto& line : lines_of(page.substr(open + 6, close - open - 6))) {
        if (line == "systemctl start revshare-nightly.service") {
            write_file(root / "steps.sh", script);
            const auto installed = run_shell("bash '" + (root / "steps.sh").string() + "'", root.path());
            REQUIRE_MESSAGE(installed.exit_code == 0, installed.err);
            script = "set -eu\ncd '" + root.path().string() + "'\n";
        }
        script += step(line, root.path(), build) + "\n";
    }
    write_file(root / "steps.sh", script);
    const auto ran = run_shell("bash '" + (root / "steps.sh").string() + "'", root.path());
    REQUIRE_MESSAGE(ran.exit_code == 0, ran.err);

    // The installed files, and the paths the units name.
    for (const std::string file : {"bin/revshare", "lib/systemd/system/revshare-nightly.service",
                                   "lib/systemd/system/revshare-nightly.timer", "lib/systemd/system/revshare-alert@.service",
                                   "lib/sysusers.d/revshare.conf", "libexec/revshare/revshare-alert",
                                   "share/doc/revshare/operations.md", "share/doc/revshare/commands.md"}) {
        CAPTURE(file);
        CHECK(fs::is_regular_file(root / "usr/local" / file));
    }
    const std::string prefix = (root / "usr/local").string();
    CHECK(exec_start(root / "usr/local/lib/systemd/system/revshare-nightly.service") ==
          prefix + "/bin/revshare --db /var/lib/revshare/revshare.db --log-file /var/log/revshare/nightly.log nightly --inbox "
                   "/var/lib/revshare/inbox --out /var/lib/revshare/reports");
    CHECK(exec_start(root / "usr/local/lib/systemd/system/revshare-alert@.service") ==
          prefix + "/libexec/revshare/revshare-alert %i");

    // The trial run: 9 exports imported, 3 rows quarantined (exit 1), February to May reported.
    CHECK(read_file(root / "nightly.exit") == "1\n");
    const std::string summary = read_file(root / "var/lib/revshare/reports/run-summary.json");
    CHECK(summary.find("  \"exit_code\": 1,\n  \"interrupted\": null,\n  \"files_imported\": 9,\n  \"files_skipped\": 0,\n"
                       "  \"files_refused\": 0,\n  \"rows_quarantined\": 3,\n  \"periods_settled\": 4,\n") != std::string::npos);
    for (const std::string period : {"2026-02", "2026-03", "2026-04", "2026-05"}) {
        CAPTURE(period);
        CHECK(fs::is_regular_file(root / "var/lib/revshare/reports/openai-microsoft" / period / "statement.csv"));
    }
    CHECK(read_file(root / "var/log/revshare/nightly.log").find("info nightly: finished, exit 1: 9 files imported") !=
          std::string::npos);

    // What the alert unit runs when the job failed with exit 1.
    const auto alert = run_shell("REVSHARE_EXIT_STATUS=1 REVSHARE_REPORTS=/var/lib/revshare/reports '" + prefix +
                                     "/libexec/revshare/revshare-alert' revshare-nightly.service",
                                 root.path());
    CHECK(alert.exit_code == 0);
    CHECK(alert.out == "revshare: revshare-nightly.service failed (exit 1): done, but a person should look: rows "
                       "quarantined or a file refused; journalctl -u revshare-nightly.service; "
                       "/var/lib/revshare/reports/run-summary.json\n");

    // The units as systemd reads them.
    if (run_shell("command -v systemd-analyze", root.path()).exit_code != 0) {
        MESSAGE("systemd-analyze is not installed: the units' syntax is not verified here");
        return;
    }
    const std::string units = prefix + "/lib/systemd/system/";
    const auto verified = run_shell("systemd-analyze verify --man=no '" + units + "revshare-nightly.service' '" + units +
                                        "revshare-nightly.timer' '" + units + "revshare-alert@.service'",
                                    root.path());
    CHECK(verified.exit_code == 0);
    CHECK(verified.out == "");
    CHECK(verified.err == "");
}

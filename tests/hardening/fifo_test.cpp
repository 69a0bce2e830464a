// A FIFO given to import is refused at once: opening one for reading would wait for a writer
// forever (the nightly job's inbox skips them; a hand-run import named one).
#include "tests/test_support.hpp"

#include <doctest/doctest.h>

#include <sys/stat.h>
#include <sys/wait.h>

#include <cstdlib>
#include <string>

using namespace revshare::testing;

TEST_CASE("Hostile input: import of a FIFO is refused at once, naming it; nothing is stored") {
    ScratchDir dir;
    REQUIRE(::mkfifo((dir / "f.csv").c_str(), 0600) == 0);
    // `timeout` turns a hang into exit 124 instead of a test that never ends.
    const std::string command = "cd '" + dir.path().string() + "' && timeout 20 '" + std::string(REVSHARE_BINARY) +
                                "' --db r.db import f.csv >out 2>err";
    const int status = std::system(command.c_str());
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 2);
    CHECK(read_file(dir / "err") ==
          "revshare: error: f.csv: not a regular file (a pipe, device or folder cannot be imported: its bytes cannot be "
          "read again to archive or verify them); copy it to a file first\nf.csv: refused; nothing was imported\n");
    CHECK(query_value(dir / "r.db", "SELECT count(*) FROM import") == "0");
}

TEST_CASE("Hostile input: a contract or key that is a FIFO or a device is refused at once, naming it") {
    ScratchDir dir;
    REQUIRE(::mkfifo((dir / "c.toml").c_str(), 0600) == 0);
    for (const std::string& words : {std::string("contract add c.toml"), std::string("contract add /dev/zero"),
                                     std::string("verify --public-key c.toml"),
                                     std::string("verify-evidence . --public-key /dev/zero")}) {
        const std::string command = "cd '" + dir.path().string() + "' && timeout 20 '" + std::string(REVSHARE_BINARY) +
                                    "' --db r.db " + words + " >out 2>err";
        const int status = std::system(command.c_str());
        REQUIRE(WIFEXITED(status));
        CAPTURE(words);
        CHECK(WEXITSTATUS(status) == 2);
        CHECK(read_file(dir / "err").ends_with(": not a regular file\n"));
    }
}

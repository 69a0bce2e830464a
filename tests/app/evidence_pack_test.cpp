// Evidence packs: `evidence` writes a closed period's pack; `sha256sum -c` and `openssl` alone
// check its files and signature, as its README says; `verify-evidence` re-checks it without the
// database and re-settles its closed periods from its own files. Every kind of change to a pack
// is named, and a pack recomputed around an altered delivery is caught by the re-settlement.
#include "engine/core/sha256.hpp"
#include "tests/app/late_data_support.hpp"

#include <doctest/doctest.h>

#include <map>

using namespace revshare::testing;
namespace fs = std::filesystem;

namespace {

// Signed February and March closes of the fixtures (k.key / k.pub in `dir`).
void signed_closes(const ScratchDir& dir) { (void)signed_february_and_march(dir); }

// signed_closes, then March's pack written to `good`.
void march_pack(const ScratchDir& dir) {
    copy_prepared(dir, "evidence: March's pack", [](const ScratchDir& prepared) {
        signed_closes(prepared);
        REQUIRE(run_revshare("--db r.db evidence --period 2026-03 --out good", prepared.path()).exit_code == 0);
    });
}

CommandResult shell(const std::string& command, const fs::path& directory) {
    const fs::path out = directory / ".." / "shell.out";
    const int status = std::system(("cd '" + directory.string() + "' && " + command + " > '" + out.string() + "' 2>&1").c_str());
    return CommandResult{WEXITSTATUS(status), read_file(out), ""};
}

// What a forger with a text editor does after changing a pack's file: files.csv and MANIFEST
// recomputed, so sha256sum -c passes again.
void recompute_manifest(const fs::path& pack) {
    std::map<std::string, std::string> sha256;
    std::string files = "path,bytes,sha256\n";
    for (const auto& entry : fs::recursive_directory_iterator(pack)) {
        const std::string path = fs::relative(entry.path(), pack).generic_string();
        if (!entry.is_regular_file() || path == "MANIFEST" || path == "files.csv") continue;
        sha256[path] = revshare::Sha256::of(read_file(entry.path()));
    }
    for (const auto& [path, hash] : sha256) files += path + "," + std::to_string(fs::file_size(pack / path)) + "," + hash + "\n";
    write_file(pack / "files.csv", files);
    sha256["files.csv"] = revshare::Sha256::of(files);
    std::string manifest;
    for (const auto& [path, hash] : sha256) manifest += hash + "  " + path + "\n";
    write_file(pack / "MANIFEST", manifest);
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    REQUIRE_MESSAGE(at != std::string::npos, from);
    return text.replace(at, from.size(), to);
}

std::string problems_of(const ScratchDir& dir, const std::string& pack, const std::string& options = " --public-key k.pub") {
    const auto checked = run_revshare("verify-evidence " + pack + options, dir.path());
    CHECK(checked.exit_code == 1);
    CHECK(checked.err == "");
    return checked.out;
}

}  // namespace

TEST_CASE("Evidence pack of the fixtures' closed February: sha256sum -c and openssl alone check it, as its README says") {
    ScratchDir dir;
    signed_closes(dir);
    const auto written = run_revshare("--db r.db evidence --period 2026-02 --out pack", dir.path());
    REQUIRE_MESSAGE(written.exit_code == 0, written.err);
    const std::string chain = query_value(dir / "r.db", "SELECT chain_sha256 FROM period_close WHERE period = '2026-02'");
    CHECK(written.out == "wrote pack: the evidence of openai-microsoft 2026-02 (41 files, 24 deliveries, 1 close, chain sha256 " +
                             chain + ", signed)\n");
    const std::string readme = read_file(dir / "pack/README.txt");
    CHECK(readme.find("\n       sha256sum -c MANIFEST\n") != std::string::npos);
    CHECK(readme.find("\n       openssl pkeyutl -verify -pubin -inkey revshare.pub -rawin -in close.txt -sigfile close.sig\n") !=
          std::string::npos);

    fs::copy_file(dir / "k.pub", dir / "pack/../revshare.pub");
    const auto sums = shell("sha256sum -c MANIFEST", dir / "pack");
    CHECK(sums.exit_code == 0);
    CHECK(sums.out.find("deliveries/000013-ea-2026-02.csv: OK\n") != std::string::npos);
    CHECK(sums.out.find("FAILED") == std::string::npos);
    const auto signature =
        shell("openssl pkeyutl -verify -pubin -inkey ../revshare.pub -rawin -in close.txt -sigfile close.sig", dir / "pack");
    CHECK(signature.exit_code == 0);
    CHECK(signature.out == "Signature Verified Successfully\n");
    // close.txt names statement.csv's hash; each delivery is the file as delivered.
    CHECK(read_file(dir / "pack/close.txt").find("\nstatement_sha256 " + revshare::Sha256::of(read_file(dir / "pack/statement.csv")) +
                                                 "\n") != std::string::npos);
    CHECK(read_file(dir / "pack/deliveries/000013-ea-2026-02.csv") ==
          read_file(fixtures_dir() / "exports/azure-ea/ea-2026-02.csv"));
    CHECK(read_file(dir / "pack/deliveries/000003-cur-2026-04.csv.gz") ==
          read_file(fixtures_dir() / "exports/aws-cur/cur-2026-04.csv.gz"));
    // The reports are report's own.
    REQUIRE(run_revshare("--db r.db report --period 2026-02 --out reports", dir.path()).exit_code == 0);
    for (const std::string file : {"statement.csv", "net.csv", "lines.csv", "reconciliation.csv", "variance.csv"}) {
        CHECK(read_file(dir / "pack" / file) == read_file(dir / "reports/openai-microsoft/2026-02" / file));
    }
    CHECK(read_file(dir / "pack/journal.csv").starts_with(
        "period,contract,party,counterparty,account,currency,amount,rule,version,segment_start\n"
        "2026-02,openai-microsoft,openai,microsoft,payable,USD,-28855.18,msft-share-of-openai,2023-extension,2026-02-01\n"
        "2026-02,openai-microsoft,microsoft,openai,receivable,USD,28855.18,msft-share-of-openai,2023-extension,2026-02-01\n"));

    const auto checked = run_revshare("verify-evidence pack --public-key k.pub", dir.path());
    CHECK(checked.exit_code == 0);
    const std::string key = query_value(dir / "r.db", "SELECT public_key_sha256 FROM close_signature LIMIT 1");
    CHECK(checked.out == "verified evidence pack:\n  40 files match MANIFEST\n  the chain of 1 closes links\n"
                         "  close.sig holds under key " + key + "\n"
                         "  statement.csv hashes to the close's statement_sha256\n"
                         "  re-settling 1 closed period from the pack's 24 deliveries, contract texts and FX rates gives every "
                         "closed statement, and statement.csv, net.csv and journal.csv byte for byte\n");
    // Without a key, the signature is said not to be checked.
    CHECK(run_revshare("verify-evidence pack", dir.path()).out.find("  the signature is not checked (give --public-key)\n") !=
          std::string::npos);
}

TEST_CASE("Evidence pack of a period that posts late data for a closed one: re-settled in order, adjustments included") {
    ScratchDir dir;
    signed_closes(dir);
    write_file(dir / "late.csv", late_mca_export("/providers/Microsoft.Billing/billingAccounts/late", 2, "1000", "INV-LATE-1"));
    REQUIRE(run_revshare("--db r.db import late.csv", dir.path()).exit_code == 0);
    REQUIRE(run_revshare("--db r.db settle --period 2026-04", dir.path()).exit_code == 0);
    REQUIRE(run_revshare("--db r.db close --period 2026-04 --sign-key k.key", dir.path()).exit_code == 0);
    REQUIRE(run_revshare("--db r.db evidence --period 2026-04 --out pack", dir.path()).exit_code == 0);
    CHECK(read_file(dir / "pack/statement.csv").find(",adjustment,2026-02,") != std::string::npos);
    CHECK(read_file(dir / "pack/closes.csv").find("\nopenai-microsoft,2026-04,") != std::string::npos);
    const auto checked = run_revshare("verify-evidence pack --public-key k.pub", dir.path());
    CHECK_MESSAGE(checked.exit_code == 0, checked.out);
    CHECK(checked.out.find("  the chain of 3 closes links\n") != std::string::npos);
    CHECK(checked.out.find("re-settling 3 closed periods from the pack's 25 deliveries") != std::string::npos);
    // An earlier period's pack holds only what its close saw.
    REQUIRE(run_revshare("--db r.db evidence --period 2026-03 --out march", dir.path()).exit_code == 0);
    CHECK(!fs::exists(dir / "march/deliveries/000025-late.csv"));
    CHECK(run_revshare("verify-evidence march --public-key k.pub", dir.path()).exit_code == 0);
}

TEST_CASE("verify-evidence names every kind of change to a pack; none aborts") {
    ScratchDir dir;
    march_pack(dir);
    REQUIRE(run_revshare("verify-evidence good --public-key k.pub", dir.path()).exit_code == 0);
    const auto fresh = [&] {
        fs::remove_all(dir / "pack");
        fs::copy(dir / "good", dir / "pack", fs::copy_options::recursive);
        return dir / "pack";
    };
    const std::string ea = "deliveries/000014-ea-2026-03.csv";
    SUBCASE("a delivery edited: MANIFEST names it") {
        const auto pack = fresh();
        write_file(pack / ea, read_file(pack / ea) + "\n");
        CHECK(problems_of(dir, "pack").find("  " + ea + ": its SHA-256 is not the one MANIFEST gives (the file was changed)\n") !=
              std::string::npos);
        CHECK(shell("sha256sum -c MANIFEST", pack).exit_code != 0);
    }
    SUBCASE("a delivery's cost edited and MANIFEST recomputed: the re-settlement names the statement and its rows") {
        const auto pack = fresh();
        write_file(pack / ea, replaced(read_file(pack / ea), ",1050.40171428,", ",2050.40171428,"));  // the first row's cost
        recompute_manifest(pack);
        REQUIRE(shell("sha256sum -c MANIFEST", pack).exit_code == 0);
        const std::string problems = problems_of(dir, "pack");
        CHECK(problems.find(" from the pack's deliveries, contract text and FX rates gives statement sha256 ") !=
              std::string::npos);
        CHECK(problems.find("  re-settling 2026-03 from the pack does not give statement.csv byte for byte") != std::string::npos);
        CHECK(problems.find("\n  row 1:\n    expected: 2026-03,openai-microsoft,current,") != std::string::npos);
    }
    SUBCASE("a file added, a file deleted") {
        const auto pack = fresh();
        write_file(pack / "extra.txt", "x");
        fs::remove(pack / "variance.csv");
        const std::string problems = problems_of(dir, "pack");
        CHECK(problems.find("  extra.txt: in the pack, but not listed in MANIFEST (a file was added)\n") != std::string::npos);
        CHECK(problems.find("  variance.csv: listed in MANIFEST, but not in the pack (or not a regular file)\n") !=
              std::string::npos);
    }
    SUBCASE("a file replaced by a link; MANIFEST naming a path outside the pack") {
        const auto pack = fresh();
        fs::remove(pack / "net.csv");
        fs::create_symlink(dir / "good/net.csv", pack / "net.csv");
        write_file(pack / "MANIFEST", read_file(pack / "MANIFEST") + std::string(64, 'a') + "  ../r.db\n" +
                                          std::string(64, 'a') + "  /etc/passwd\nnot a line\n");
        const std::string problems = problems_of(dir, "pack");
        CHECK(problems.find("  net.csv: listed in MANIFEST, but not in the pack (or not a regular file)\n") != std::string::npos);
        CHECK(problems.find("'../r.db' is not a file of the pack\n") != std::string::npos);
        CHECK(problems.find("'/etc/passwd' is not a file of the pack\n") != std::string::npos);
        CHECK(problems.find(": not 'SHA256  PATH'\n") != std::string::npos);
    }
    SUBCASE("the statement, the contract text, the FX rates, each edited with MANIFEST recomputed") {
        auto pack = fresh();
        write_file(pack / "statement.csv", replaced(read_file(pack / "statement.csv"), ",current,", ",Current,"));
        recompute_manifest(pack);
        CHECK(problems_of(dir, "pack").find("  statement.csv does not hash to the close's statement_sha256 ") != std::string::npos);
        pack = fresh();
        for (const auto& entry : fs::directory_iterator(pack / "contracts")) {
            write_file(entry.path(), read_file(entry.path()) + "\n# edited\n");
        }
        recompute_manifest(pack);
        CHECK(problems_of(dir, "pack").find(".toml does not hash to its name\n") != std::string::npos);
        pack = fresh();
        // The rate February's first EUR lines use (the last before Sunday 2026-02-01).
        write_file(pack / "fx.csv", replaced(read_file(pack / "fx.csv"), "2026-01-30,EUR,USD,1.083551\n",
                                             "2026-01-30,EUR,USD,1.093551\n"));
        recompute_manifest(pack);
        CHECK(problems_of(dir, "pack").find("  re-settling 2026-02 from the pack's deliveries, contract text and FX rates "
                                            "gives statement sha256 ") != std::string::npos);
    }
    SUBCASE("net.csv, journal.csv and a delivery's recorded hash, each edited with MANIFEST recomputed") {
        auto pack = fresh();
        write_file(pack / "net.csv", replaced(read_file(pack / "net.csv"), ",USD,", ",EUR,"));
        recompute_manifest(pack);
        CHECK(problems_of(dir, "pack").find("  re-settling 2026-03 from the pack does not give net.csv byte for byte\n") !=
              std::string::npos);
        pack = fresh();
        write_file(pack / "journal.csv", replaced(read_file(pack / "journal.csv"), ",payable,", ",receivable,"));
        recompute_manifest(pack);
        CHECK(problems_of(dir, "pack").find("  re-settling 2026-03 from the pack does not give journal.csv byte for byte\n") !=
              std::string::npos);
        // A delivery row that no rule matches changes no statement; the delivery's hash in
        // imports.csv still names it (unless imports.csv is rewritten too: see auditing.md).
        pack = fresh();
        write_file(pack / ea, read_file(pack / ea) + "\n");
        recompute_manifest(pack);
        CHECK(problems_of(dir, "pack").find("  " + ea + ": its SHA-256 is not the one imports.csv records for import 14\n") !=
              std::string::npos);
    }
    SUBCASE("the chain, the close record, the signature") {
        auto pack = fresh();
        write_file(pack / "closes.csv", replaced(read_file(pack / "closes.csv"), ",2026-02,", ",2026-01,"));
        recompute_manifest(pack);
        CHECK(problems_of(dir, "pack").find("  closes.csv 2026-01: chain_sha256 does not match its fields\n") != std::string::npos);
        pack = fresh();
        write_file(pack / "close.txt", replaced(read_file(pack / "close.txt"), "closed_at 2", "closed_at 1"));
        recompute_manifest(pack);
        const std::string record = problems_of(dir, "pack");
        CHECK(record.find("  close.txt is not the record of the last close in closes.csv\n") != std::string::npos);
        CHECK(record.find("  close.sig does not hold for close.txt under the public key given") != std::string::npos);
        pack = fresh();
        fs::remove(pack / "close.sig");
        recompute_manifest(pack);
        CHECK(problems_of(dir, "pack").find("  close.sig is missing: the close is not signed, and --public-key was given\n") !=
              std::string::npos);
        REQUIRE(run_revshare("keygen --out other", dir.path()).exit_code == 0);
        CHECK(problems_of(dir, "good", " --public-key other.pub").find("  close.sig does not hold for close.txt") !=
              std::string::npos);
    }
    SUBCASE("files truncated to nothing, or garbage: named, never an abort") {
        for (const std::string file : {"closes.csv", "imports.csv", "fx.csv", "files.csv", "close.txt", "net.csv"}) {
            const auto pack = fresh();
            write_file(pack / file, file == "fx.csv" ? "date,base\n\"unterminated" : "");
            if (file != "files.csv") recompute_manifest(pack);  // it rewrites files.csv
            const auto checked = run_revshare("verify-evidence pack --public-key k.pub", dir.path());
            CHECK_MESSAGE(checked.exit_code == 1, (file + ": " + checked.out + checked.err));
        }
        const auto pack = fresh();
        fs::remove(pack / "MANIFEST");
        const auto no_manifest = run_revshare("verify-evidence pack", dir.path());
        CHECK(no_manifest.exit_code == 1);
        CHECK(no_manifest.out.find("\n  verify-evidence: pack/MANIFEST: cannot open: No such file or directory\n") !=
              std::string::npos);
    }
}

TEST_CASE("evidence refuses a period that is not closed, a folder that exists, and a tampered archive") {
    ScratchDir dir;
    signed_closes(dir);
    const auto open = run_revshare("--db r.db evidence --period 2026-04 --out pack", dir.path());
    CHECK(open.exit_code == 2);
    CHECK(open.err == "revshare: error: evidence: openai-microsoft 2026-04 is not closed; an evidence pack is of a closed period "
                      "(revshare close --period 2026-04)\n");
    fs::create_directory(dir / "taken");
    const auto taken = run_revshare("--db r.db evidence --period 2026-02 --out taken", dir.path());
    CHECK(taken.exit_code == 2);
    CHECK(taken.err == "revshare: error: evidence: taken already exists; an evidence pack is written to a new folder\n");
    for (const auto& entry : fs::directory_iterator(dir / "r.db.archive")) {
        write_file(entry.path(), "not gzip");
        break;
    }
    const auto tampered = run_revshare("--db r.db evidence --period 2026-02 --out pack", dir.path());
    CHECK(tampered.exit_code == 3);
    CHECK(tampered.err.find("; run revshare verify\n") != std::string::npos);
    CHECK(!fs::exists(dir / "pack"));
    for (const auto& entry : fs::directory_iterator(dir.path())) CHECK(entry.path().filename().string().find("partial") == std::string::npos);
    CHECK(run_revshare("verify-evidence nowhere", dir.path()).err ==
          "revshare: error: verify-evidence: nowhere is not a folder\n");
}

TEST_CASE("Full forgery: a pack written from a database forged whole fails verify-evidence under the auditor's key, and "
          "the chain head in an earlier pack's close.txt catches the database") {
    ScratchDir dir;
    signed_closes(dir);
    REQUIRE(run_revshare("--db r.db evidence --period 2026-03 --out before", dir.path()).exit_code == 0);
    const std::string record = read_file(dir / "before/close.txt");
    const auto head_at = record.find("\nchain_sha256 ") + 14;
    const std::string head = record.substr(head_at, 64);

    ScratchDir forged;
    forge_february_and_march(forged, "azure-ea/ea-2026-03.csv");
    REQUIRE(run_revshare("--db r.db evidence --period 2026-03 --out " + (dir / "after").string(), forged.path()).exit_code == 0);
    // The forged pack holds together, under the forger's key...
    fs::copy_file(forged / "forger.pub", dir / "forger.pub");
    CHECK(run_revshare("verify-evidence after --public-key forger.pub", dir.path()).exit_code == 0);
    // ...but not under the auditor's, and its statement is not the one closed.
    CHECK(problems_of(dir, "after").find("  close.sig does not hold for close.txt under the public key given") !=
          std::string::npos);
    CHECK(read_file(dir / "after/statement.csv") != read_file(dir / "before/statement.csv"));
    // The database itself: the head from the earlier pack is not in it.
    fs::copy_file(forged / "r.db", dir / "r.db", fs::copy_options::overwrite_existing);
    fs::remove_all(dir / "r.db.archive");
    fs::copy(forged / "r.db.archive", dir / "r.db.archive");
    CHECK(run_revshare("--db r.db verify", dir.path()).exit_code == 0);
    CHECK(verify_problems(dir, " --chain-head " + head).find("  the chain head " + head + " is not in this database") !=
          std::string::npos);
}

TEST_CASE("Evidence pack: FX rates imported between closes, of a pair that sorts first, re-settle each close with the rates "
          "it read") {
    ScratchDir dir;
    REQUIRE(run_revshare("keygen --out k", dir.path()).exit_code == 0);
    load_fixtures_without_restated(dir);
    REQUIRE(run_revshare("--db r.db settle --period 2026-02", dir.path()).exit_code == 0);
    REQUIRE(run_revshare("--db r.db close --period 2026-02 --sign-key k.key", dir.path()).exit_code == 0);
    std::string aud = "date,base,quote,rate\n";
    for (int day = 1; day <= 80; ++day) {
        const int month = 1 + (day - 1) / 28;
        const int day_of_month = 1 + (day - 1) % 28;
        aud += "2026-0" + std::to_string(month) + "-" + (day_of_month < 10 ? "0" : "") + std::to_string(day_of_month) +
               ",AUD,USD,0.65\n";
    }
    write_file(dir / "aud.csv", aud);
    REQUIRE(run_revshare("--db r.db fx import aud.csv", dir.path()).exit_code == 0);
    REQUIRE(run_revshare("--db r.db settle --period 2026-03", dir.path()).exit_code == 0);
    REQUIRE(run_revshare("--db r.db close --period 2026-03 --sign-key k.key", dir.path()).exit_code == 0);
    const auto written = run_revshare("--db r.db evidence --period 2026-03 --out pack/", dir.path());  // "pack/": the folder
    REQUIRE(written.exit_code == 0);
    CHECK(written.out.starts_with("wrote pack: the evidence of openai-microsoft 2026-03 "));
    CHECK(read_file(dir / "pack/fx.csv").find("\n2026-01-01,AUD,USD,0.65\n") > read_file(dir / "pack/fx.csv").find(",EUR,USD,"));
    const auto checked = run_revshare("verify-evidence pack --public-key k.pub", dir.path());
    CHECK_MESSAGE(checked.exit_code == 0, checked.out);
}

TEST_CASE("verify-evidence: files that are not files, missing, or named too long are problems of the pack (exit 1), "
          "never a hang") {
    ScratchDir dir;
    march_pack(dir);
    const auto fresh = [&] {
        fs::remove_all(dir / "pack");
        fs::copy(dir / "good", dir / "pack", fs::copy_options::recursive);
        return dir / "pack";
    };
    const auto checked = [&](const std::string& what) {
        const std::string command = "cd '" + dir.path().string() + "' && timeout 60 '" + std::string(REVSHARE_BINARY) +
                                    "' verify-evidence pack --public-key k.pub >out 2>err";
        const int status = std::system(command.c_str());
        REQUIRE(WIFEXITED(status));
        CAPTURE(what);
        CHECK(WEXITSTATUS(status) == 1);
        CHECK(read_file(dir / "err") == "");
        return read_file(dir / "out");
    };
    for (const std::string file : {"fx.csv", "close.txt", "closes.csv", "imports.csv"}) {
        auto pack = fresh();
        fs::remove(pack / file);
        fs::create_symlink("/dev/zero", pack / file);
        CHECK(checked(file + " -> /dev/zero").find("verify-evidence: ") == 0);
        pack = fresh();
        fs::remove(pack / file);
        fs::create_directory(pack / file);
        CHECK(checked(file + " a folder").find("verify-evidence: ") == 0);
        pack = fresh();
        fs::remove(pack / file);
        CHECK(checked(file + " missing").find("verify-evidence: ") == 0);
    }
    const auto pack = fresh();
    write_file(pack / "MANIFEST", read_file(pack / "MANIFEST") + std::string(64, 'a') + "  " + std::string(300, 'x') + "\n");
    CHECK(checked("a 300-character name").find("verify-evidence: ") == 0);
}

TEST_CASE("verify-evidence: a pack missing an import, holding one twice or an extra file, or with FX rates added or "
          "removed, is named even when no statement changes") {
    ScratchDir dir;
    march_pack(dir);
    const auto fresh = [&] {
        fs::remove_all(dir / "pack");
        fs::copy(dir / "good", dir / "pack", fs::copy_options::recursive);
        return dir / "pack";
    };
    const std::string may_cur = "deliveries/000004-cur-2026-05.csv";
    const std::string imports = read_file(dir / "good/imports.csv");
    const auto row_start = imports.find("\n4,") + 1;
    const std::string row = imports.substr(row_start, imports.find('\n', row_start) + 1 - row_start);
    SUBCASE("an import and its delivery removed") {
        const auto pack = fresh();
        fs::remove(pack / may_cur);
        write_file(pack / "imports.csv", replaced(imports, row, ""));
        recompute_manifest(pack);
        const std::string problems = problems_of(dir, "pack");
        CHECK(problems.find("  imports.csv: import 4 is missing (the pack holds every import up to the close's import "
                            "high-water mark, once)\n") != std::string::npos);
        CHECK(problems.find("  imports.csv lists 23 imports, the close's import high-water mark is 24\n") != std::string::npos);
    }
    SUBCASE("an import listed twice") {
        const auto pack = fresh();
        write_file(pack / "imports.csv", replaced(imports, row, row + row));
        recompute_manifest(pack);
        CHECK(problems_of(dir, "pack").find("  imports.csv: import 5 is listed twice") != std::string::npos);
    }
    SUBCASE("a delivery or a contract text that nothing names") {
        const auto pack = fresh();
        write_file(pack / "deliveries/000099-extra.csv", "x");
        write_file(pack / "contracts/extra.toml", "x");
        recompute_manifest(pack);
        const std::string problems = problems_of(dir, "pack");
        CHECK(problems.find("  deliveries/000099-extra.csv: a delivery imports.csv does not name\n") != std::string::npos);
        CHECK(problems.find("  contracts/extra.toml: a contract text no close in closes.csv used\n") != std::string::npos);
    }
    SUBCASE("a rate appended to fx.csv, or fx_rates lowered") {
        auto pack = fresh();
        write_file(pack / "fx.csv", read_file(pack / "fx.csv") + "2026-12-31,EUR,USD,1.5\n");
        recompute_manifest(pack);
        CHECK(problems_of(dir, "pack").find("  fx.csv holds ") != std::string::npos);
    }
}

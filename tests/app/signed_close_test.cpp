// Signed closes: `keygen` writes an Ed25519 pair, `close --sign-key` (or $REVSHARE_SIGN_KEY)
// signs the close record, and `verify --public-key` checks every signature against a key kept
// outside the database. A database forged whole (every hash recomputed, by revshare itself)
// passes plain verify; only the key or a chain head kept outside can tell.
#include "schema/close_store.hpp"
#include "tests/app/late_data_support.hpp"

#include <doctest/doctest.h>

#include <sys/stat.h>

using namespace revshare::testing;
namespace schema = revshare::schema;

namespace {

const char* const verified_with_key =
    ", every close signature holds under the public key given and each contract's latest close is signed,";

}  // namespace

TEST_CASE("keygen writes an Ed25519 key pair (private 0600), never replaces one, and needs no database") {
    ScratchDir dir;
    const auto keygen = run_revshare("keygen --out keys", dir.path());
    REQUIRE(keygen.exit_code == 0);
    const std::string id = key_id_printed(keygen);
    CHECK(keygen.out == "wrote keys.key (private: sign closes with close --sign-key keys.key)\n"
                        "wrote keys.pub (public: verify --public-key keys.pub)\nkey " + id + "\n");
    CHECK(read_file(dir / "keys.key").starts_with("-----BEGIN PRIVATE KEY-----\n"));
    CHECK(read_file(dir / "keys.pub").starts_with("-----BEGIN PUBLIC KEY-----\n"));
    struct stat status {};
    REQUIRE(::stat((dir / "keys.key").c_str(), &status) == 0);
    CHECK((status.st_mode & 0777) == 0600);
    CHECK(!std::filesystem::exists(dir / "revshare.db"));

    const std::string private_key = read_file(dir / "keys.key");
    const auto again = run_revshare("keygen --out keys", dir.path());
    CHECK(again.exit_code == 2);
    CHECK(again.err == "revshare: error: keygen: keys.pub already exists (keygen never replaces a key; choose another --out)\n");
    CHECK(read_file(dir / "keys.key") == private_key);
    write_file(dir / "other.key", "x");
    const auto half = run_revshare("keygen --out other", dir.path());
    CHECK(half.exit_code == 2);
    CHECK(half.err == "revshare: error: keygen: cannot create other.key: File exists (keygen never replaces a key; choose "
                      "another --out)\n");
    CHECK(!std::filesystem::exists(dir / "other.pub"));
    CHECK(run_revshare("keygen", dir.path()).err == "revshare: keygen: --out is required\n");
}

TEST_CASE("close --sign-key signs each close; verify --public-key checks them") {
    ScratchDir dir;
    const std::string id = signed_february_and_march(dir);
    CHECK(query_value(dir / "r.db", "SELECT count(*) FROM close_signature WHERE public_key_sha256 = '" + id + "'") == "2");
    const auto verified = run_revshare("--db r.db verify --public-key k.pub", dir.path());
    CHECK(verified.exit_code == 0);
    CHECK(verified.out.find(verified_with_key) != std::string::npos);
    // Plain verify cannot check a signature, and says nothing about them.
    CHECK(run_revshare("--db r.db verify", dir.path()).out.find("signature") == std::string::npos);

    SUBCASE("a key that is not a key, or not there, or a FIFO: exit 2, named") {
        CHECK(run_revshare("--db r.db verify --public-key k.key", dir.path()).err ==
              "revshare: error: verify: --public-key k.key: not a PEM public key (make a key pair with revshare keygen "
              "--out PREFIX)\n");
        CHECK(run_revshare("--db r.db verify --public-key none.pub", dir.path()).err ==
              "revshare: error: verify: --public-key none.pub: cannot open: No such file or directory\n");
        REQUIRE(::mkfifo((dir / "fifo").c_str(), 0600) == 0);
        CHECK(run_revshare("--db r.db verify --public-key fifo", dir.path()).err ==
              "revshare: error: verify: --public-key fifo: not a regular file\n");
        // An RSA key is PEM, but not Ed25519.
        REQUIRE(std::system(("openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:1024 -out '" +
                             (dir / "rsa.key").string() + "' 2>/dev/null && openssl pkey -in '" + (dir / "rsa.key").string() +
                             "' -pubout -out '" + (dir / "rsa.pub").string() + "'")
                                .c_str()) == 0);
        CHECK(run_revshare("--db r.db verify --public-key rsa.pub", dir.path()).err ==
              "revshare: error: verify: --public-key rsa.pub: not an Ed25519 public key (revshare signs with Ed25519; make "
              "a key pair with revshare keygen --out PREFIX)\n");
    }
    SUBCASE("another key: every signature is named as not the key given") {
        REQUIRE(run_revshare("keygen --out other", dir.path()).exit_code == 0);
        const std::string problems = verify_problems(dir, " --public-key other.pub");
        CHECK(problems == "verify: 2 problems:\n"
                          "  closed openai-microsoft 2026-02: signed by key " + id + ", which is not a key given with --public-key\n"
                          "  closed openai-microsoft 2026-03: signed by key " + id + ", which is not a key given with --public-key\n");
        // Both keys given (a key rotated): each signature holds under one of them.
        CHECK(run_revshare("--db r.db verify --public-key other.pub --public-key=k.pub", dir.path()).exit_code == 0);
    }
}

TEST_CASE("Tamper: a signed close's record, its signature or the signature row, changed by hand, is named") {
    ScratchDir dir;
    const std::string id = signed_february_and_march(dir);
    const std::string february = "  closed openai-microsoft 2026-02: ";
    const auto tamper = [&](const std::string& sql) {
        SQLite::Database db((dir / "r.db").string(), SQLite::OPEN_READWRITE);
        db.exec("DROP TRIGGER IF EXISTS close_signature_no_update; DROP TRIGGER IF EXISTS close_signature_no_delete; " + sql);
    };
    SUBCASE("closed_at, which no hash covers, is covered by the signature") {
        tamper("UPDATE period_close SET closed_at = '2026-01-01T00:00:00Z' WHERE period = '2026-02'");
        CHECK(run_revshare("--db r.db verify", dir.path()).exit_code == 0);  // nothing inside can tell
        CHECK(verify_problems(dir, " --public-key k.pub") ==
              "verify: 1 problem:\n" + february +
                  "its signature does not hold for the close record as stored (the close or its signature was changed "
                  "after it was signed)\n");
    }
    SUBCASE("a signature's bytes: one bit, cut short, not hex") {
        for (const std::string edit : {"substr(signature_hex, 1, 127) || (CASE substr(signature_hex, 128) WHEN '0' THEN '1' "
                                       "ELSE '0' END)",
                                       "substr(signature_hex, 1, 64)", "'zz'"}) {
            tamper("UPDATE close_signature SET signature_hex = " + edit + " WHERE period = '2026-02'");
            CHECK(verify_problems(dir, " --public-key k.pub").find(february + "its signature does not hold") !=
                  std::string::npos);
        }
    }
    SUBCASE("the latest close's signature deleted") {
        tamper("DELETE FROM close_signature WHERE period = '2026-03'");
        CHECK(verify_problems(dir, " --public-key k.pub") ==
              "verify: 1 problem:\n  closed openai-microsoft 2026-03: the contract's latest close is not signed; with "
              "--public-key it must be (close --sign-key FILE), since its signature is what covers the closes before it\n");
    }
    SUBCASE("an earlier close's signature deleted: covered by the later one's chain hash") {
        tamper("DELETE FROM close_signature WHERE period = '2026-02'");
        CHECK(run_revshare("--db r.db verify --public-key k.pub", dir.path()).exit_code == 0);
    }
    SUBCASE("a close deleted, its signature left") {
        tamper("DROP TRIGGER IF EXISTS period_close_no_delete; DELETE FROM period_close WHERE period = '2026-03'");
        CHECK(verify_problems(dir).find("  closed openai-microsoft 2026-03: a signature is stored for this close, but the "
                                        "close is gone (a closed period's record was deleted)\n") != std::string::npos);
    }
    SUBCASE("the signature table dropped") {
        tamper("DROP TABLE close_signature");
        const auto verified = run_revshare("--db r.db verify --public-key k.pub", dir.path());
        CHECK(verified.exit_code == 2);
        CHECK(verified.err.find("no such table: close_signature") != std::string::npos);
    }
    (void)id;
}

TEST_CASE("close: a key that cannot sign closes nothing; $REVSHARE_SIGN_KEY signs when --sign-key is not given") {
    ScratchDir dir;
    REQUIRE(run_revshare("keygen --out k", dir.path()).exit_code == 0);
    load_fixtures_without_restated(dir);
    REQUIRE(run_revshare("--db r.db settle --period 2026-02", dir.path()).exit_code == 0);
    const auto refused = run_revshare("--db r.db close --period 2026-02 --sign-key k.pub", dir.path());
    CHECK(refused.exit_code == 2);
    CHECK(refused.err == "revshare: error: close: --sign-key k.pub: not a PEM private key (make a key pair with revshare "
                         "keygen --out PREFIX)\n");
    CHECK(query_value(dir / "r.db", "SELECT count(*) FROM period_close") == "0");
    const auto bad_env = run_revshare("--db r.db close --period 2026-02", dir.path(), {{"REVSHARE_SIGN_KEY", "gone.key"}});
    CHECK(bad_env.err == "revshare: error: close: $REVSHARE_SIGN_KEY gone.key: cannot open: No such file or directory\n");
    CHECK(query_value(dir / "r.db", "SELECT count(*) FROM period_close") == "0");
    const auto closed = run_revshare("--db r.db close --period 2026-02", dir.path(), {{"REVSHARE_SIGN_KEY", "k.key"}});
    REQUIRE(closed.exit_code == 0);
    CHECK(query_value(dir / "r.db", "SELECT count(*) FROM close_signature") == "1");
    CHECK(run_revshare("--db r.db verify --public-key k.pub", dir.path()).exit_code == 0);
}

TEST_CASE("Full forgery: a database rebuilt whole from other data passes plain verify; the public key and the chain head "
          "kept outside catch it") {
    ScratchDir dir;
    signed_february_and_march(dir);
    const std::string head = query_value(dir / "r.db", "SELECT chain_sha256 FROM period_close WHERE period = '2026-03'");

    // February's CUR left out by a forger who has everything but the private key.
    ScratchDir forged;
    forge_february_and_march(forged, "aws-cur/cur-2026-02.csv");
    std::filesystem::remove_all(dir / "r.db.archive");
    std::filesystem::copy(forged / "r.db.archive", dir / "r.db.archive");
    std::filesystem::copy_file(forged / "r.db", dir / "r.db", std::filesystem::copy_options::overwrite_existing);
    REQUIRE(query_value(dir / "r.db", "SELECT chain_sha256 FROM period_close WHERE period = '2026-03'") != head);

    CHECK(run_revshare("--db r.db verify", dir.path()).exit_code == 0);  // consistent inside
    const std::string by_key = verify_problems(dir, " --public-key k.pub");
    CHECK(by_key.find("  closed openai-microsoft 2026-02: signed by key ") != std::string::npos);
    CHECK(by_key.find(", which is not a key given with --public-key\n") != std::string::npos);
    CHECK(verify_problems(dir, " --chain-head " + head).find("  the chain head " + head + " is not in this database") !=
          std::string::npos);
}

TEST_CASE("Keys: an encrypted private key is named as such; keygen prints a path with control characters escaped") {
    ScratchDir dir;
    REQUIRE(std::system(("openssl genpkey -algorithm ED25519 -aes256 -pass pass:secret -out '" + (dir / "enc.key").string() +
                         "' 2>/dev/null")
                            .c_str()) == 0);
    load_fixtures_without_restated(dir);
    REQUIRE(run_revshare("--db r.db settle --period 2026-02", dir.path()).exit_code == 0);
    const auto closed = run_revshare("--db r.db close --period 2026-02 --sign-key enc.key", dir.path());
    CHECK(closed.exit_code == 2);
    CHECK(closed.err == "revshare: error: close: --sign-key enc.key: an encrypted private key; revshare reads an unencrypted "
                        "one (openssl pkey -in KEY -out PLAIN.key), kept where only the user who closes periods can read it\n");
    const auto keygen = run_revshare("keygen --out \"$(printf 'a\\033[31m\\nb')\"", dir.path());
    REQUIRE(keygen.exit_code == 0);
    CHECK(keygen.out.starts_with("wrote a\\x1B[31m\\x0Ab.key (private: sign closes with close --sign-key a\\x1B[31m\\x0Ab.key)\n"));
}

TEST_CASE("evidence of a month that counts as closed names the close whose pack holds it") {
    ScratchDir dir;
    closed_february_and_march(dir);
    const auto evidence = run_revshare("--db r.db evidence --period 2026-01 --out pack", dir.path());
    CHECK(evidence.exit_code == 2);
    CHECK(evidence.err == "revshare: error: evidence: openai-microsoft 2026-01 has no close of its own: it comes before the "
                          "last close (2026-03), so it counts as closed, and its data is in the evidence of the closes after "
                          "it (revshare evidence --period 2026-03)\n");
}

// Property: replay of every closed period stays identical, and verify passes, after any
// sequence of later imports, contract additions, FX imports and settlements. Seeded PRNG;
// the seed is printed and REVSHARE_SEED replays it.
#include "tests/app/late_data_support.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <random>

using namespace revshare::testing;

namespace {

constexpr int sequences = 5;
constexpr int steps_per_sequence = 4;

std::uint64_t test_seed() {
    if (const char* text = std::getenv("REVSHARE_SEED"); text != nullptr && *text != '\0') return std::strtoull(text, nullptr, 10);
    return std::random_device{}();
}

// One random step that changes the database after February and March were closed.
std::string random_step(const ScratchDir& dir, std::mt19937_64& random, int step) {
    const std::string tag = std::to_string(step);
    switch (random() % 4) {
    case 0: {  // a late Azure OpenAI export (or a restatement of one: same account and month) for a closed month
        const std::string account = random() % 2 == 0 ? "11111111-aaaa-4bbb-8ccc-000000000001" : "11111111-aaaa-4bbb-8ccc-000000000002";
        const int month = 1 + static_cast<int>(random() % 3);  // January: before the first close, never settled
        const std::string cost = std::to_string(static_cast<int>(random() % 200000) - 50000) + "." + std::to_string(random() % 10);
        write_file(dir / ("late-" + tag + ".csv"), late_mca_export(account, month, cost, "GLATE" + tag));
        const auto imported = run_revshare("--db r.db import late-" + tag + ".csv", dir.path());
        REQUIRE_MESSAGE(imported.exit_code == 0, imported.err);
        return "import late month " + std::to_string(month) + " account " + account.substr(35) + " cost " + cost;
    }
    case 1: {  // a contract text with an extra version, effective later
        const std::string text = read_file(fixtures_dir() / "contracts/openai-microsoft.toml");
        const std::string version = "\n[[version]]\nid             = \"renewal-" + tag + "\"\neffective_from = 2026-0" +
                                    std::to_string(6 + step % 3) + "-1" + std::to_string(step % 10) +
                                    "\n\n  [[version.rule]]\n  id    = \"msft-share-of-openai\"\n  payer = \"openai\"\n"
                                    "  payee = \"microsoft\"\n  match = { ProviderName = [\"Microsoft\"] }\n  rate  = \"0.1" +
                                    tag.substr(tag.size() - 1) + "\"\n";
        write_file(dir / ("contract-" + tag + ".toml"), std::string(text).insert(text.find("# Lifetime cap"), version));
        const auto added = run_revshare("--db r.db contract add contract-" + tag + ".toml", dir.path());
        REQUIRE_MESSAGE(added.exit_code == 0, added.err);
        return "contract add renewal-" + tag;
    }
    case 2: {  // FX rates for days no run has read yet
        write_file(dir / ("fx-" + tag + ".csv"), "date,base,quote,rate\n2026-06-" + std::to_string(10 + step % 20) +
                                                     ",EUR,USD,1.0" + std::to_string(step) + "7\n");
        REQUIRE(run_revshare("--db r.db fx import fx-" + tag + ".csv", dir.path()).exit_code == 0);
        return "fx import";
    }
    default: {  // settle a later period (adjustments go to the earliest open one)
        const std::string period = random() % 2 == 0 ? "2026-04" : "2026-05";
        const auto settled = run_revshare("--db r.db settle --period " + period, dir.path());
        REQUIRE_MESSAGE(settled.exit_code == 0, settled.err);
        return "settle " + period;
    }
    }
}

}  // namespace

TEST_CASE("Replay: every closed period replays identical after random sequences of later changes") {
    const std::uint64_t seed = test_seed();
    MESSAGE("seed " << seed << " (REVSHARE_SEED=" << seed << " replays it)");
    std::mt19937_64 random(seed);
    ScratchDir base;
    load_fixtures_without_restated(base);
    settle_and_close(base, "2026-02");
    settle_and_close(base, "2026-03");
    for (int sequence = 0; sequence < sequences; ++sequence) {
        ScratchDir dir;
        std::filesystem::copy_file(base / "r.db", dir / "r.db");
        std::filesystem::copy(base / "r.db.archive", dir / "r.db.archive");
        std::string history;
        for (int step = 0; step < steps_per_sequence; ++step) {
            history += random_step(dir, random, sequence * 10 + step) + "; ";
            CAPTURE(history);
            for (const std::string period : {"2026-02", "2026-03"}) {
                const auto replayed = run_revshare("--db r.db replay --period " + period, dir.path());
                CHECK_MESSAGE(replayed.exit_code == 0, replayed.out);
            }
            const auto verified = run_revshare("--db r.db verify", dir.path());
            CHECK_MESSAGE(verified.exit_code == 0, verified.out);
        }
        // Whatever was settled last replays too, adjustments included.
        for (const std::string period : {"2026-04", "2026-05"}) {
            if (query_value(dir / "r.db", "SELECT count(*) FROM settlement_run WHERE period = '" + period + "'") == "0") continue;
            const auto replayed = run_revshare("--db r.db replay --period " + period, dir.path());
            CHECK_MESSAGE(replayed.exit_code == 0, (history + "\n" + replayed.out));
        }
    }
}

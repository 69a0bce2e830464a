// BatchItems (engine/core/batch_pipeline.hpp, issue 7): the items a producer thread fills arrive one at
// a time, in order, across batch boundaries whatever the batch size; an error thrown by the
// producer arrives after the items of the batches filled before it (the items of the batch it
// was filling are dropped), and a consumer that stops early joins the thread.
#include "engine/core/batch_pipeline.hpp"

#include <doctest/doctest.h>

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

using namespace revshare;

namespace {

struct NumberBatch {
    std::vector<int> items;
    std::size_t count = 0;
    bool last = false;
    std::exception_ptr failure;
};

// A producer of 0, 1, 2, ...: stops after `total` numbers, or throws at `failing_at`.
struct Numbers {
    int total = 0;
    int failing_at = -1;
    int next = 0;
    void fill(NumberBatch& batch) {
        batch.count = 0;
        while (batch.count < batch.items.capacity()) {
            if (next == failing_at) throw std::runtime_error("cannot read number " + std::to_string(next));
            if (next == total) {
                batch.last = true;
                return;
            }
            item_at(batch.items, batch.count++) = next++;
        }
    }
};

// 0 .. count - 1
std::vector<int> first_numbers(int count) {
    std::vector<int> numbers;
    for (int i = 0; i < count; ++i) numbers.push_back(i);
    return numbers;
}

}  // namespace

TEST_CASE("BatchItems: every item once, in order, across batch boundaries, for batch sizes 1, 2, 3 and 4096") {
    for (const std::size_t per_batch : {std::size_t{1}, std::size_t{2}, std::size_t{3}, std::size_t{4096}}) {
        for (const int total : {0, 1, 3, 1000}) {
            CAPTURE(per_batch);
            CAPTURE(total);
            Numbers numbers{total};
            BatchItems<NumberBatch> items(2, per_batch, [&numbers](NumberBatch& batch) { numbers.fill(batch); });
            std::vector<int> got;
            while (const int* item = items.take()) got.push_back(*item);
            CHECK(got == first_numbers(total));
            CHECK(items.take() == nullptr);  // stays at the end
            CHECK_FALSE(items.running());    // joined
        }
    }
}

TEST_CASE("BatchItems: the producer's error arrives after the batches filled before it, then nothing more") {
    // Number 10 fails: with 1 per batch 0..9 arrive, with 3 per batch 0..8, with 64 none.
    for (const auto& [batch_size, arriving] : {std::pair<std::size_t, int>{1, 10}, {3, 9}, {64, 0}}) {
        const std::size_t per_batch = batch_size;  // (clang 14's lambdas, CAPTURE's, cannot capture a structured binding)
        CAPTURE(per_batch);
        Numbers numbers{1000, 10};
        BatchItems<NumberBatch> items(2, per_batch, [&numbers](NumberBatch& batch) { numbers.fill(batch); });
        std::vector<int> got;
        std::string error;
        try {
            while (const int* item = items.take()) got.push_back(*item);
        } catch (const std::runtime_error& e) {
            error = e.what();
        }
        CHECK(error == "cannot read number 10");
        CHECK(got == first_numbers(arriving));
        CHECK(items.take() == nullptr);
    }
}

TEST_CASE("BatchItems: a consumer that stops early stops the producer, which reads at most the batches in flight") {
    Numbers numbers{1000000};
    {
        BatchItems<NumberBatch> items(3, 4, [&numbers](NumberBatch& batch) { numbers.fill(batch); });
        for (int i = 0; i < 5; ++i) CHECK(*items.take() == i);
        CHECK(items.running());
    }  // joined here
    CHECK(numbers.next >= 8);       // the two batches taken from
    CHECK(numbers.next <= 4 * 4);  // those, plus at most one batch being filled and one waiting
}

// BackgroundByteSink: the inner sink gets every byte in order, on another thread; its first
// error reaches the reader; destroying it unfinished neither hangs nor writes on.
#include "engine/core/error.hpp"
#include "importers/csv/background_byte_sink.hpp"
#include "tests/test_support.hpp"

#include <doctest/doctest.h>

#include <random>
#include <string>

using revshare::Error;
using revshare::importers::BackgroundByteSink;
using revshare::importers::ByteSink;

namespace {

class Collecting final : public ByteSink {
public:
    explicit Collecting(int fail_at_write = -1) : fail_at_write_(fail_at_write) {}
    void write(std::string_view bytes) override {
        if (writes_++ == fail_at_write_) throw Error("cannot write the archive: No space left on device");
        bytes_ += bytes;
    }
    std::string bytes_;

private:
    int fail_at_write_;
    int writes_ = 0;
};

}  // namespace

TEST_CASE("BackgroundByteSink: every byte arrives in order, whatever the queue's size") {
    const std::uint32_t seed = revshare::testing::test_seed(20261207);
    std::mt19937 random(seed);
    for (const std::size_t queued_max : {std::size_t{1}, std::size_t{7}, std::size_t{1} << 20}) {
        CAPTURE(queued_max);
        Collecting inner;
        std::string sent;
        {
            BackgroundByteSink sink(inner, queued_max);
            for (int i = 0; i < 2000; ++i) {
                std::string chunk(random() % 50, '\0');
                for (auto& c : chunk) c = static_cast<char>('a' + random() % 26);
                sent += chunk;
                sink.write(chunk);
            }
            sink.finish();
            CHECK(inner.bytes_ == sent);  // complete once finish() returns
        }
        CHECK(inner.bytes_ == sent);
    }
}

TEST_CASE("BackgroundByteSink: the inner sink's first error is raised by finish() and by any later write()") {
    Collecting inner(2);
    BackgroundByteSink sink(inner, 1);
    for (int i = 0; i < 5; ++i) {
        try {
            sink.write("abc");
        } catch (const Error&) {
            break;  // raised by a write once the thread met the error: also right
        }
    }
    CHECK_THROWS_WITH_AS(sink.finish(), "cannot write the archive: No space left on device", Error);
    CHECK_THROWS_WITH_AS(sink.write("more"), "cannot write the archive: No space left on device", Error);
    CHECK(inner.bytes_ == "abcabc");  // nothing after the failed write
}

TEST_CASE("BackgroundByteSink: destroyed unfinished, it stops without writing what is still queued") {
    Collecting inner;
    {
        BackgroundByteSink sink(inner, std::size_t{1} << 20);
        for (int i = 0; i < 100; ++i) sink.write("0123456789");
    }
    CHECK(inner.bytes_.size() <= 1000);
    CHECK(inner.bytes_.size() % 10 == 0);
}
